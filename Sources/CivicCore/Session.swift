/// What the connection must do after the session handled an event. The session itself does no I/O.
public enum SessionAction: Sendable, Equatable {
    /// Write the reply in `format`, followed by the prompt when `prompt` is true.
    case reply(Reply, format: OutputFormat, prompt: Bool)
    /// Write the prompt alone (text mode, after an empty line).
    case prompt
    /// Perform `request` and hand the response to ``Session/complete(_:catalogue:today:)``.
    /// Until then the connection feeds the session no further lines.
    case store(StoreRequest)
    /// Check a kiosk token; answer with ``Session/kioskChecked(_:)``.
    case identifyKiosk(token: String)
    /// Close the connection once everything before has been written.
    case close
}

/// What the conversation so far is about.
public struct Conversation: Sendable, Equatable {
    /// The programme the resident is asking about, once named.
    public var topic: String?
    /// The intent of the last answered question, for follow-ups such as "a w Krakowie?".
    public var lastIntent: IntentID?
    /// A sign-up was just offered (after `join`): "tak" starts it.
    public var signupOffered = false

    public init(topic: String? = nil, lastIntent: IntentID? = nil) {
        self.topic = topic
        self.lastIntent = lastIntent
    }
}

extension IntentID {
    // The intents the dialogue itself acts on.
    public static let signup: IntentID = "signup"
    public static let interviewNote: IntentID = "interview_note"
    public static let progress: IntentID = "progress"
    public static let privacy: IntentID = "privacy"
    public static let join: IntentID = "join"
    public static let greeting: IntentID = "greeting"
    public static let thanks: IntentID = "thanks"
    public static let goodbye: IntentID = "goodbye"
}

/// One resident's conversation: a pure state machine. The connection feeds it decoded lines,
/// timer events and storage responses, and performs the actions it returns.
///
/// The contract is spread over files by concern: events here, `Session+Commands` (slash
/// commands), `Session+Conversation` (questions and answers), `Session+Forms` (forms).
public struct Session: Sendable {
    /// What the session is in the middle of.
    enum Activity: Sendable {
        case conversation
        /// A form (sign-up, interview note, erasure request) waits for an answer.
        case form(any ConversationForm)
        /// The `interview_note` intent asked for the organiser code; the next line may be it.
        case loginCode
    }

    /// A storage request in flight, and what to do with its response.
    enum Pending: Sendable, Equatable {
        case form
        case login
        case progress
    }

    public internal(set) var language: Language
    public internal(set) var format: OutputFormat = .text
    public internal(set) var conversation = Conversation()
    public internal(set) var isClosed = false
    /// The logged-in organiser, if any.
    public internal(set) var organiser: Organiser?
    /// The session is a kiosk terminal's (identified with `/kiosk TOKEN`).
    public internal(set) var isKiosk = false
    var activity = Activity.conversation
    var pending: Pending?
    /// Set by `/lang`: detection no longer changes the language.
    var languageChosen = false
    let limits: Limits

    public init(limits: Limits = Limits(), language: Language = .pl) {
        self.limits = limits
        self.language = language
    }

    /// True while the session waits for storage: the connection holds further lines back.
    public var isWaitingForStorage: Bool { pending != nil }

    /// True when the next line may hold personal data or a secret (a form answer, a code):
    /// such lines are never logged, not even their words.
    public var expectsPrivateInput: Bool {
        if case .conversation = activity { return false }
        return true
    }

    /// The form slot awaited, if any (the JSON `expecting` field).
    public var expecting: String? {
        switch activity {
        case .conversation: return nil
        case .form(let form): return form.expecting
        case .loginCode: return "code"
        }
    }

    // MARK: - Events

    /// The greeting sent on connect: Polish first, then English, then the prompt.
    public mutating func start() -> [SessionAction] {
        reply(Messages.bilingualGreeting)
    }

    /// Handles one decoded line.
    public mutating func receive(_ line: InboundLine, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        guard !isClosed else { return [] }
        switch line {
        case .tooLong:
            return reply(Messages.lineTooLong.format(language, ["limit": String(limits.maxLineBytes)]), error: .lineTooLong)
        case .badEncoding:
            return reply(Messages.badEncoding[language], error: .badEncoding)
        case .text(let text):
            switch Input(line: text) {
            case .command(let command):
                return handle(command, catalogue: catalogue, today: today)
            case .text(let text) where text.isEmpty:
                return format == .text ? [.prompt] : []
            case .text(let text):
                return respond(to: text, catalogue: catalogue, today: today)
            }
        }
    }

    /// Storage's answer to the last ``SessionAction/store(_:)``.
    public mutating func complete(_ response: StoreResponse, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        guard let waiting = pending else { return [] }
        pending = nil
        guard !isClosed else { return [] }
        let context = formContext(catalogue, today)
        switch waiting {
        case .form:
            guard case .form(let form) = activity else { return [] }
            return render(form.stored(response, context), intent: type(of: form).intent)
        case .login:
            activity = .conversation
            switch response {
            case .loggedIn(let who):
                organiser = who
                return reply(FormMessages.loggedIn.format(language, ["name": who.name]), intent: .interviewNote)
            case .loginFailed(let seconds):
                return reply(FormMessages.loginFailed.format(language, ["seconds": String(seconds)]), error: .loginFailed)
            case .loginThrottled(let seconds):
                return reply(FormMessages.loginWait.format(language, ["seconds": String(seconds)]), error: .loginFailed)
            case .loginLocked:
                return reply(FormMessages.loginLocked[language], error: .loginLocked)
            default:
                return reply(FormMessages.storageFailed[language], error: .storageUnavailable)
            }
        case .progress:
            guard case .interviewCount(let done) = response else {
                return reply(FormMessages.storageFailed[language], error: .storageUnavailable)
            }
            return reply(InterviewNoteForm.progressText(done: done, context), intent: .progress)
        }
    }

    /// The connection's verdict on a kiosk token. A kiosk session forgets everything on `/reset`
    /// as any session does; the connection gives it the kiosk idle timeout.
    public mutating func kioskChecked(_ accepted: Bool) -> [SessionAction] {
        guard !isClosed else { return [] }
        if accepted {
            isKiosk = true
            return reply(Messages.kioskAccepted[language])
        }
        return reply(Messages.kioskRefused[language], error: .badArgument)
    }

    /// A line refused by a limit the connection enforces (`slow_down`); `close` ends the session.
    public mutating func refuse(_ error: ReplyError, close: Bool = false) -> [SessionAction] {
        guard !isClosed else { return [] }
        if close {
            return farewell(Messages.flood[language], error: error)
        }
        return reply(error == .tookTooLong ? Messages.tookTooLong[language] : Messages.slowDown[language], error: error)
    }

    /// The idle warning, sent unasked a while before the idle close.
    public mutating func idleWarning(secondsLeft: Int) -> [SessionAction] {
        guard !isClosed else { return [] }
        return reply(Messages.idleWarning.format(language, ["seconds": String(secondsLeft)]))
    }

    /// The idle timeout: goodbye, then close.
    public mutating func idleTimeout() -> [SessionAction] {
        guard !isClosed else { return [] }
        return farewell(Messages.idleTimeout[language], error: .idleTimeout)
    }

    /// The server is stopping: goodbye, then close.
    public mutating func shutdown() -> [SessionAction] {
        guard !isClosed else { return [] }
        return farewell(Messages.shuttingDown[language], error: .shuttingDown)
    }

    /// What a client refused for capacity reads before the close.
    public static func busy(language: Language = .pl) -> [SessionAction] {
        [.reply(Reply(text: Messages.serverBusy[language], language: language, error: .serverBusy), format: .text, prompt: false), .close]
    }

    // MARK: - Replies

    /// The one way a reply leaves the session: in the session's language and format, followed by
    /// the prompt unless the session ends with it.
    func reply(_ text: String, intent: IntentID? = nil, confidence: Double? = nil, expecting: String? = nil,
               choices: [String] = [], error: ReplyError? = nil) -> [SessionAction] {
        let reply = Reply(text: text, language: language, intent: intent, confidence: confidence,
                          expecting: expecting, choices: choices, error: error)
        return [.reply(reply, format: format, prompt: true)]
    }

    /// The last reply: the session is over and the connection closes after it.
    mutating func farewell(_ text: String, intent: IntentID? = nil, error: ReplyError?) -> [SessionAction] {
        isClosed = true
        let reply = Reply(text: text, language: language, intent: intent, confidence: intent == nil ? nil : 1, error: error)
        return [.reply(reply, format: format, prompt: false), .close]
    }
}

extension ReplyTemplate {
    /// An empty template.
    init() {
        self.segments = []
    }
}
