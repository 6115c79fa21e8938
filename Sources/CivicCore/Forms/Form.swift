/// What a form needs to know about the world: the catalogue, the reply language and today.
public struct FormContext: Sendable {
    public var catalogue: Catalogue
    public var language: Language
    public var today: CalendarDay
    /// The conversation's topic, if any.
    public var topic: String?
    /// A kiosk's session or a remote one.
    public var sessionKind: SessionKind = .remote
    /// Where the session is (a kiosk's centre): whom to call when the conversation named no topic.
    public var homeTopic: String?

    /// Whom to call, from the `human` intent's reply for the topic: the data decides, not the code.
    var humanContact: String {
        guard let intent = catalogue.intent(.human) else { return "" }
        let place = topic ?? homeTopic
        let template = place.flatMap { intent.replies[$0] } ?? intent.replies[Intent.defaultReply]
        guard let template else { return "" }
        return catalogue.render(template[language], language: language, today: today, topic: place)
    }
}

extension IntentID {
    /// Whom to call: forms quote its reply when a resident is stuck.
    public static let human: IntentID = "human"
}

/// A multi-turn form the session can be in: the sign-up, the interview note, the erasure
/// request. The session holds one and knows nothing of which it is: it asks the form what it
/// expects and its question, hands it each line, and gives it storage's answer.
public protocol ConversationForm: Sendable {
    /// The intent its replies carry (the JSON `intent` field).
    static var intent: IntentID { get }
    /// The slot it waits for (the JSON `expecting` field).
    var expecting: String { get }
    /// The question for the slot it waits for.
    func question(_ context: FormContext) -> FormStep
    /// The question, as the form asks it now: what is said once (the sign-up's ended notice) is
    /// then remembered as said, and ``question(_:)`` leaves it out.
    mutating func asked(_ context: FormContext) -> FormStep
    /// Takes one line as the answer to the awaited slot.
    mutating func handle(_ text: String, _ context: FormContext) -> FormStep
    /// Turns storage's answer to the form's request into its last step.
    func stored(_ response: StoreResponse, _ context: FormContext) -> FormStep
    /// True when `text`, a line ending in "?", is a question to answer aside (the form then
    /// asks its question again) rather than an answer.
    func answersAside(_ text: String) -> Bool
    /// True when the question awaited is one of yes or no (consent, the summary): a bare "nie"
    /// answers it. Elsewhere a bare "nie" is no value, and the session asks whether to stop.
    var asksYesOrNo: Bool { get }
    /// What the resident is told who asks whether their answers are stored yet.
    func nothingSavedYet(_ context: FormContext) -> String
}

extension ConversationForm {
    public func answersAside(_ text: String) -> Bool { false }
    public var asksYesOrNo: Bool { false }
    public func nothingSavedYet(_ context: FormContext) -> String { FormMessages.nothingSavedYet[context.language] }
    public mutating func asked(_ context: FormContext) -> FormStep { question(context) }
}

/// One step of a form, for the session to turn into a reply or a storage request.
public enum FormStep: Sendable, Equatable {
    /// Ask for `expecting`; `error` when the last answer was not accepted.
    case ask(text: String, expecting: String, choices: [String], error: ReplyError?)
    /// Hand `request` to storage; the form waits for the response before it replies.
    case store(StoreRequest, expecting: String)
    /// The form is over (stored, or nothing to store); show `text`.
    case finished(text: String)
}

/// Counts failed answers to the current question and, after three, offers a way out.
struct AttemptCounter: Sendable, Equatable {
    private(set) var failures = 0
    static let limit = 3

    mutating func reset() { failures = 0 }

    /// The reply to a rejected answer: the hint, plus the way out once the limit is reached.
    mutating func reject(_ hint: String, expecting: String, choices: [String], context: FormContext) -> FormStep {
        failures += 1
        var text = hint
        var offered = choices
        if failures == 1 {
            // The way out is said with the first rejected answer, not only after three.
            text += " " + FormMessages.howToStop[context.language]
        }
        if failures >= Self.limit {
            text += "\n" + FormMessages.tooManyAttempts.format(context.language, ["human": context.humanContact])
            offered.append(FormMessages.cancelCommand[context.language])
        }
        return .ask(text: text, expecting: expecting, choices: offered, error: .invalidValue)
    }
}
