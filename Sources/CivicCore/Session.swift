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

/// One resident's conversation: a pure state machine, and the whole session contract. The
/// connection feeds it decoded lines, timer ticks and storage responses, each with the time it
/// happened, and performs the actions it returns; it decides nothing about the conversation.
///
/// The contract is spread over files by concern: events here, `Session+Flow` (lines held while
/// the session waits, long lines, the idle clock, stopping), `Session+Commands` (slash commands),
/// `Session+Conversation` (questions and answers), `Session+Forms` (forms).
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

    /// The most lines held while the session waits; more are refused with `slow_down`.
    public static let maxHeldLines = 64

    public internal(set) var language: Language
    public internal(set) var format: OutputFormat = .text
    public internal(set) var conversation = Conversation()
    public internal(set) var isClosed = false
    /// The logged-in organiser, if any.
    public internal(set) var organiser: Organiser?
    /// The session is a kiosk terminal's (identified with `/kiosk TOKEN`).
    public internal(set) var isKiosk = false
    /// The limits in force: the configured ones, or the kiosk's once a kiosk identified itself.
    public internal(set) var limits: Limits
    /// When on (the connection logs at trace level), each handled line is preceded by a
    /// ``SessionAction/trace(_:)`` saying what the log may record of it.
    public var tracesLines = false
    /// When on (`review.keep_unanswered`), lines the catalogue did not answer well are reported
    /// as ``SessionAction/keepUnanswered(_:)`` for staff's review (``ReviewPolicy``).
    public var keepsUnanswered = false
    var activity = Activity.conversation
    var pending: Pending?
    /// The language a question written in Russian is answered in (`languages.russian_reply`).
    public var russianReply = Language.uk
    /// Set by `/lang`: detection no longer changes the language.
    var languageChosen = false
    /// The tokens kiosk terminals identify with (compared in constant time).
    let kioskTokens: [String]
    /// The programme whose centre the kiosks stand in (`kiosk.centre`): a kiosk session's
    /// fallback and "whom to ask" point to it until the conversation names another programme.
    let kioskCentre: String?
    /// Where this session is, for whom to ask: the kiosk's centre once a kiosk identified itself.
    var homeTopic: String?
    /// This session's own organiser log-in throttle: delays double, five wrong codes lock it for
    /// good (`/reset` does not lift it). The address's delays live in storage.
    var loginThrottle = LoginThrottle(lockSeconds: nil)
    /// The monotonic reading of the event being handled.
    var now: UInt64 = 0
    /// Lines held while the session waits, the long line in work, the idle clock.
    var flow: Flow
    /// The last reply to a line, for "powtórz" / "repeat"; forgotten on `/reset`.
    var lastReply: Reply?
    /// What the usage counts and the review need to remember between lines (`Session+Review`).
    var review = Review()

    public init(limits: Limits = Limits(), language: Language = .pl, kioskTokens: [String] = [], kioskCentre: String? = nil) {
        self.limits = limits
        self.language = language
        self.kioskTokens = kioskTokens
        self.kioskCentre = kioskCentre
        self.flow = Flow(idle: IdleClock(limits: limits, startingAt: 0))
    }

    /// True while the session waits for storage.
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

    /// The greeting sent on connect: Polish, English, one Ukrainian line, then the prompt. The idle clock
    /// starts here.
    public mutating func start(at time: SessionTime) -> [SessionAction] {
        flow.idle.activity(at: time.uptimeNanoseconds)
        return reply(Messages.bilingualGreeting)
    }

    /// One decoded line, as it arrives. While the session waits (for storage or a long line) the
    /// line is held and handled after; a long line asks to be understood elsewhere.
    public mutating func receive(_ line: InboundLine, catalogue: Catalogue, at time: SessionTime) -> [SessionAction] {
        guard !isClosed else { return [] }
        flow.idle.activity(at: time.uptimeNanoseconds)
        if isWaiting {
            guard flow.held.count < Self.maxHeldLines else { return reply(Messages.slowDown[language], error: .slowDown) }
            flow.held.append(line)
            return []
        }
        if case .text(let text) = line, text.utf8.count > limits.offLoopLineBytes {
            flow.lastTicket &+= 1
            flow.elsewhere = flow.lastTicket
            return [.understandElsewhere(line, ticket: flow.lastTicket)]
        }
        return handle(line, catalogue: catalogue, at: time)
    }

    /// Storage's answer to the last ``SessionAction/store(_:)``, then the lines held meanwhile.
    public mutating func complete(_ response: StoreResponse, catalogue: Catalogue, at time: SessionTime) -> [SessionAction] {
        guard let waiting = pending else { return [] }
        pending = nil
        guard !isClosed else { return [] }
        now = time.uptimeNanoseconds
        flow.idle.activity(at: now)
        let answer = stored(response, waiting, catalogue: catalogue, today: time.today)
        remember(answer)
        return answer + reviewed(response, waiting, actions: answer, day: time.today) + resume(catalogue: catalogue, at: time)
    }

    /// A line refused because the connection sends too fast (`slow_down`); with `close` the
    /// flood has gone on too long and the session ends.
    public mutating func refuseForSpeed(close: Bool = false, at time: SessionTime) -> [SessionAction] {
        guard !isClosed else { return [] }
        flow.idle.activity(at: time.uptimeNanoseconds)
        if close {
            return farewell(Messages.flood[language], error: .slowDown)
        }
        return reply(Messages.slowDown[language], error: .slowDown)
    }

    /// The server is stopping: goodbye, then close — once storage has answered, if it is
    /// working for this session, so that a confirmed sign-up is never cut off.
    public mutating func shutdown() -> [SessionAction] {
        guard !isClosed else { return [] }
        if isWaitingForStorage {
            flow.stopRequested = true
            return []
        }
        return farewell(Messages.shuttingDown[language], error: .shuttingDown, unsolicited: true)
    }

    /// What a client refused for capacity reads before the close.
    public static func busy(language: Language = .pl) -> [SessionAction] {
        [.reply(Reply(text: Messages.serverBusy[language], language: language, error: .serverBusy), format: .text, prompt: false), .close]
    }

    // MARK: - Handling

    /// Handles one line now (it is not held and not sent elsewhere).
    mutating func handle(_ line: InboundLine, catalogue: Catalogue, at time: SessionTime) -> [SessionAction] {
        now = time.uptimeNanoseconds
        let view = tracesLines ? logView(of: line, catalogue: catalogue) : nil
        let before = reviewBefore
        var actions = respond(to: line, catalogue: catalogue, today: time.today)
        let counted = reviewed(line, before: before, actions: actions, catalogue: catalogue, day: time.today)
        // Before a close (performed last) and a storage request (which the caller looks for last).
        let end = actions.firstIndex { if case .store = $0 { true } else { $0 == .close } } ?? actions.endIndex
        actions.insert(contentsOf: counted, at: end)
        if var view {
            view.describe(actions)
            actions.insert(.trace(view), at: 0)
        }
        return actions
    }

    private mutating func respond(to line: InboundLine, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        switch line {
        case .tooLong:
            return reply(Messages.lineTooLong.format(language, ["limit": String(limits.maxLineBytes)]), error: .lineTooLong)
        case .badEncoding:
            return reply(Messages.badEncoding[language], error: .badEncoding)
        case .text(let text):
            switch Input(line: text) {
            case .command(let command):
                let actions = handle(command, catalogue: catalogue, today: today)
                // `/reset` forgets everything, its own reply included; a terminal's own set-up
                // (`/format`, `/kiosk`) is no reply a resident's "powtórz" should bring back.
                switch command {
                case .reset, .format, .kiosk: return actions
                default: break
                }
                remember(actions)
                return actions
            case .text(let text) where text.isEmpty:
                return format == .text ? [.prompt] : []
            case .text(let text):
                let actions = correctingStoredSignup(text, catalogue: catalogue, today: today) ?? respond(to: text, catalogue: catalogue, today: today)
                remember(actions)
                return actions
            }
        }
    }

    /// Keeps the last reply for "powtórz".
    private mutating func remember(_ actions: [SessionAction]) {
        for case .reply(let reply, _, _) in actions.reversed() {
            lastReply = reply
            return
        }
    }

    private mutating func stored(_ response: StoreResponse, _ waiting: Pending, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        let context = formContext(catalogue, today)
        switch waiting {
        case .form:
            guard case .form(let form) = activity else { return [] }
            if let programme = conversation.programmeBeingSaved {
                conversation.programmeBeingSaved = nil
                let draft = conversation.signupBeingSaved
                conversation.signupBeingSaved = nil
                switch response {
                case .signup(.saved(let reference)): conversation.signedUp = .init(programme: programme, reference: reference, draft: draft)
                case .signup(.alreadySignedUp): conversation.signedUp = .init(programme: programme, reference: nil)
                default: break
                }
            }
            if let correction = conversation.correctionBeingSaved {
                conversation.correctionBeingSaved = nil
                // The sign-up is now as corrected: a second correction starts from it.
                if case .signupCorrection(.corrected) = response { conversation.signedUp?.draft = correction.corrected }
            }
            return render(form.stored(response, context), intent: type(of: form).intent)
        case .login:
            return loggedIn(response)
        case .progress:
            guard case .interviewCount(let done) = response else {
                return reply(FormMessages.storageFailed[language], error: .storageUnavailable)
            }
            return reply(InterviewNoteForm.progressText(done: done, context), intent: .progress)
        }
    }

    // MARK: - Replies

    /// The one way a reply leaves the session: in the session's language and format, followed by
    /// the prompt unless the session ends with it.
    func reply(_ text: String, intent: IntentID? = nil, confidence: Double? = nil, expecting: String? = nil,
               choices: [String] = [], error: ReplyError? = nil, unsolicited: Bool = false) -> [SessionAction] {
        var reply = Reply(text: registered(text), language: language, intent: intent, confidence: confidence,
                          expecting: expecting, choices: choices, error: error)
        reply.unsolicited = unsolicited
        return [.reply(reply, format: format, prompt: true)]
    }

    /// Polish in the formal register for a resident who wrote formally ("Szanowni Państwo…").
    func registered(_ text: String) -> String {
        language == .pl && conversation.formal ? FormalPolish.rewrite(text) : text
    }

    /// The last reply: the session is over and the connection closes after it.
    mutating func farewell(_ text: String, intent: IntentID? = nil, error: ReplyError?, unsolicited: Bool = false) -> [SessionAction] {
        isClosed = true
        var reply = Reply(text: registered(text), language: language, intent: intent, confidence: intent == nil ? nil : 1, error: error)
        reply.unsolicited = unsolicited
        return [.reply(reply, format: format, prompt: false), .close]
    }
}

extension ReplyTemplate {
    /// An empty template.
    init() {
        self.segments = []
    }
}
