/// What a form needs to know about the world: the catalogue, the reply language and today.
public struct FormContext: Sendable {
    public var catalogue: Catalogue
    public var language: Language
    public var today: CalendarDay
    /// The conversation's topic, if any.
    public var topic: String?
    /// A kiosk's session or a remote one.
    public var sessionKind: SessionKind = .remote

    /// Whom to call, from the `human` intent's reply for the topic: the data decides, not the code.
    var humanContact: String {
        guard let intent = catalogue.intent(.human) else { return "" }
        let template = topic.flatMap { intent.replies[$0] } ?? intent.replies[Intent.defaultReply]
        guard let template else { return "" }
        return catalogue.render(template[language], language: language, today: today, topic: topic)
    }
}

extension IntentID {
    /// Whom to call: forms quote its reply when a resident is stuck.
    public static let human: IntentID = "human"
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
        if failures >= Self.limit {
            text += "\n" + FormMessages.tooManyAttempts.format(context.language, ["human": context.humanContact])
            offered.append(context.language == .pl ? "/anuluj" : "/cancel")
        }
        return .ask(text: text, expecting: expecting, choices: offered, error: .invalidValue)
    }
}
