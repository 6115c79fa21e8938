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
    public var lastIntent: String?
    /// A sign-up was just offered (after `join`): "tak" starts it.
    public var signupOffered = false

    public init(topic: String? = nil, lastIntent: String? = nil) {
        self.topic = topic
        self.lastIntent = lastIntent
    }
}

/// One resident's conversation: a pure state machine. The connection feeds it decoded lines,
/// timer events and storage responses, and performs the actions it returns.
public struct Session: Sendable {
    /// What the session is in the middle of.
    enum Activity: Sendable, Equatable {
        case conversation
        case signup(SignupForm)
        case interviewNote(InterviewNoteForm)
        case erasure(ErasureForm)
        /// The `interview_note` intent asked for the organiser code; the next line is it.
        case loginCode
    }

    /// A storage request in flight, and what to do with its response.
    enum Pending: Sendable, Equatable {
        case form
        case login
        case progress
    }

    public private(set) var language: Language
    public private(set) var format: OutputFormat = .text
    public private(set) var conversation = Conversation()
    public private(set) var isClosed = false
    /// The logged-in organiser, if any.
    public private(set) var organiser: Organiser?
    /// The session is a kiosk terminal's (identified with `/kiosk TOKEN`).
    public private(set) var isKiosk = false
    var activity = Activity.conversation
    private var pending: Pending?
    /// Set by `/lang`: detection no longer changes the language.
    private var languageChosen = false
    private let limits: Limits

    public init(limits: Limits = Limits(), language: Language = .pl) {
        self.limits = limits
        self.language = language
    }

    /// True while the session waits for storage: the connection holds further lines back.
    public var isWaitingForStorage: Bool { pending != nil }

    /// True when the next line may hold personal data or a secret (a form answer, a code):
    /// such lines are never logged, not even at trace level.
    public var expectsPrivateInput: Bool { activity != .conversation }

    /// The form slot awaited, if any (the JSON `expecting` field).
    public var expecting: String? {
        switch activity {
        case .conversation: return nil
        case .signup(let form): return form.slot.rawValue
        case .interviewNote(let form): return form.slot.rawValue
        case .erasure(let form): return form.slot.rawValue
        case .loginCode: return "code"
        }
    }

    // MARK: - Events

    /// The greeting sent on connect: Polish first, then English, then the prompt.
    public mutating func start() -> [SessionAction] {
        [.reply(Reply(text: Messages.bilingualGreeting, language: language, intent: nil), format: format, prompt: true)]
    }

    /// Handles one decoded line.
    public mutating func receive(_ line: InboundLine, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        guard !isClosed else { return [] }
        switch line {
        case .tooLong:
            return respond(Messages.lineTooLong.format(language, ["limit": String(limits.maxLineBytes)]), error: .lineTooLong)
        case .badEncoding:
            return respond(Messages.badEncoding[language], error: .badEncoding)
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
            switch activity {
            case .signup(let form): return render(form.stored(response, context), intent: "signup")
            case .interviewNote(let form): return render(form.stored(response, context), intent: "interview_note")
            case .erasure(let form): return render(form.stored(response, context), intent: "privacy")
            case .conversation, .loginCode: return []
            }
        case .login:
            activity = .conversation
            switch response {
            case .loggedIn(let who):
                organiser = who
                return respond(FormMessages.loggedIn.format(language, ["name": who.name]), intent: "interview_note")
            case .loginFailed(let seconds):
                return respond(FormMessages.loginFailed.format(language, ["seconds": String(seconds)]), error: .loginFailed)
            case .loginThrottled(let seconds):
                return respond(FormMessages.loginWait.format(language, ["seconds": String(seconds)]), error: .loginFailed)
            case .loginLocked:
                return respond(FormMessages.loginLocked[language], error: .loginLocked)
            default:
                return respond(FormMessages.storageFailed[language], error: .storageUnavailable)
            }
        case .progress:
            guard case .interviewCount(let done) = response else {
                return respond(FormMessages.storageFailed[language], error: .storageUnavailable)
            }
            return respond(InterviewNoteForm.progressText(done: done, context), intent: "progress")
        }
    }

    /// The connection's verdict on a kiosk token. A kiosk session forgets everything on `/reset`
    /// as any session does; the connection gives it the kiosk idle timeout.
    public mutating func kioskChecked(_ accepted: Bool) -> [SessionAction] {
        guard !isClosed else { return [] }
        if accepted {
            isKiosk = true
            return respond(Messages.kioskAccepted[language], intent: nil)
        }
        return respond(Messages.kioskRefused[language], error: .badArgument)
    }

    /// A line refused by a limit the connection enforces (`slow_down`); `close` ends the session.
    public mutating func refuse(_ error: ReplyError, close: Bool = false) -> [SessionAction] {
        guard !isClosed else { return [] }
        if close {
            return farewell(Messages.flood[language], error: error)
        }
        return respond(error == .tookTooLong ? Messages.tookTooLong[language] : Messages.slowDown[language], error: error)
    }

    /// The idle warning, sent unasked a while before the idle close.
    public mutating func idleWarning(secondsLeft: Int) -> [SessionAction] {
        guard !isClosed else { return [] }
        return respond(Messages.idleWarning.format(language, ["seconds": String(secondsLeft)]), error: nil)
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

    // MARK: - Commands

    private mutating func handle(_ command: Command, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        switch command {
        case .help:
            return respond(Messages.help[language], intent: nil)
        case .language(let chosen?):
            language = chosen
            languageChosen = true
            return respond(Messages.languageSet[language], intent: nil)
        case .language(nil):
            return respond(Messages.languageUsage[language], error: .badArgument)
        case .format(let chosen?):
            format = chosen
            return respond(Messages.formatSet.format(language, ["format": chosen.rawValue]), intent: nil)
        case .format(nil):
            return respond(Messages.formatUsage[language], error: .badArgument)
        case .reset:
            // Forget everything a next person could see: the conversation, any form, the log-in.
            conversation = Conversation()
            activity = .conversation
            organiser = nil
            return respond(Messages.reset[language], intent: nil)
        case .cancel:
            guard activity != .conversation else {
                return respond(Messages.nothingToCancel[language], intent: nil)
            }
            activity = .conversation
            return respond(FormMessages.cancelled[language], intent: nil)
        case .login(let code?):
            return verify(code: code)
        case .login(nil):
            return respond(FormMessages.loginUsage[language], error: .badArgument)
        case .kiosk(let token?):
            return [.identifyKiosk(token: token)]
        case .kiosk(nil):
            return respond(Messages.kioskUsage[language], error: .badArgument)
        case .quit:
            return farewell(Messages.goodbye[language], error: nil)
        case .unknown(let name):
            return respond(Messages.unknownCommand.format(language, ["command": name]), error: .unknownCommand)
        }
    }

    private mutating func verify(code: String) -> [SessionAction] {
        pending = .login
        return [.store(.verifyOrganiser(code: code))]
    }

    // MARK: - Conversation

    private mutating func respond(to text: String, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        switch activity {
        case .conversation:
            break
        case .loginCode, .signup, .interviewNote, .erasure:
            if !languageChosen, text.hasSuffix("?"), let detected = LanguageDetector.detect(text) {
                language = detected
            }
            if case .loginCode = activity {
                if Answers.isCancel(text) {
                    activity = .conversation
                    return respond(FormMessages.cancelled[language], intent: nil)
                }
                return verify(code: text)
            }
            return continueForm(text, catalogue: catalogue, today: today)
        }

        let line = catalogue.understand(text)
        if !languageChosen, let detected = line.language {
            language = detected
        }
        let offered = conversation.signupOffered
        conversation.signupOffered = false
        if let yes = line.yesNo, line.words.count <= 2 {
            // A bare "tak"/"nie" answers the offer, if there was one; otherwise it means nothing yet.
            if offered && yes { return startSignup(catalogue: catalogue, today: today, intro: nil) }
            if offered { return respond(Messages.anythingElse[language], intent: nil) }
            if let fallback = catalogue.intent(IntentMatcher.fallbackIntent) {
                let reply = Reply(text: answer(fallback, catalogue: catalogue, today: today).text, language: language, intent: fallback.id, confidence: 1)
                return [.reply(reply, format: format, prompt: true)]
            }
        }

        let tokens = line.corrected
        var match = line.match
        if let topic = line.mentions.topic {
            // "a w Krakowie?": a bare new topic after a question re-asks that question for it.
            if !line.hasContentBesideNames,
               let last = conversation.lastIntent, catalogue.intent(last)?.replies[topic] != nil {
                match = IntentMatch(intent: last, confidence: 0.5, layer: .scored, candidates: match.candidates)
            }
            conversation.topic = topic
        }
        guard let intent = catalogue.intent(match.intent) ?? catalogue.intent(IntentMatcher.fallbackIntent) else {
            return respond(Messages.help[language], intent: nil)
        }
        if intent.id != IntentMatcher.fallbackIntent {
            conversation.lastIntent = intent.id
        }
        let answer = answer(intent, catalogue: catalogue, today: today)

        switch intent.id {
        case "signup":
            return startSignup(catalogue: catalogue, today: today, intro: answer.text, confidence: match.confidence)
        case "interview_note":
            guard let organiser else {
                // The reply (from intents/) explains the log-in; the next line is taken as the code.
                activity = .loginCode
                return [.reply(Reply(text: answer.text, language: language, intent: intent.id,
                                     confidence: match.confidence, expecting: "code"), format: format, prompt: true)]
            }
            let form = InterviewNoteForm(organiser: organiser)
            activity = .interviewNote(form)
            return render(form.question(formContext(catalogue, today)), intent: intent.id, confidence: match.confidence)
        case "progress" where organiser != nil:
            pending = .progress
            return [.store(.countInterviews(organiserID: organiser!.id))]
        case "privacy" where Self.asksForErasure(tokens):
            let form = ErasureForm()
            activity = .erasure(form)
            return render(form.question(formContext(catalogue, today)), intent: intent.id, confidence: match.confidence, intro: answer.text)
        case "join" where catalogue.topics.contains(where: \.signup):
            conversation.signupOffered = true
            let offer = language == .pl ? "Chcesz się zapisać teraz? Napisz „tak”." : "Would you like to sign up now? Write \"yes\"."
            let reply = Reply(text: answer.text + "\n" + offer, language: language, intent: intent.id, confidence: match.confidence,
                              choices: [FormMessages.yes[language], FormMessages.no[language]])
            return [.reply(reply, format: format, prompt: true)]
        default:
            let reply = Reply(text: answer.text, language: language, intent: intent.id, confidence: match.confidence, choices: answer.choices)
            return [.reply(reply, format: format, prompt: true)]
        }
    }

    /// The intent's reply for the conversation's topic (or its default, with the topics as choices).
    private func answer(_ intent: Intent, catalogue: Catalogue, today: CalendarDay) -> (text: String, choices: [String]) {
        var choices: [String] = []
        let template: LocalizedTemplate
        if let topic = conversation.topic, let specific = intent.replies[topic] {
            template = specific
        } else {
            template = intent.replies[Intent.defaultReply] ?? LocalizedTemplate(pl: .init(), en: .init())
            choices = catalogue.topics.filter { intent.replies[$0.id] != nil }
                .compactMap { catalogue.topicName($0.id, language: language, today: today) }
        }
        return (catalogue.render(template[language], language: language, today: today, topic: conversation.topic), choices)
    }

    /// "usuń moje dane", "delete my data": a privacy question that asks for erasure.
    static func asksForErasure(_ tokens: [String]) -> Bool {
        let verbs: Set<String> = ["usun", "usunac", "usuniecie", "skasuj", "skasowac", "wymaz", "wymazac", "erase", "delete", "remove", "erasure", "forget"]
        return tokens.contains { verbs.contains($0) }
    }

    // MARK: - Forms

    private mutating func startSignup(catalogue: Catalogue, today: CalendarDay, intro: String?, confidence: Double? = nil) -> [SessionAction] {
        let form = SignupForm(topic: conversation.topic, catalogue: catalogue)
        activity = .signup(form)
        return render(form.question(formContext(catalogue, today)), intent: "signup", confidence: confidence, intro: intro)
    }

    private mutating func continueForm(_ text: String, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        let context = formContext(catalogue, today)
        if Answers.isCancel(text) {
            activity = .conversation
            return respond(FormMessages.cancelled[language], intent: nil)
        }
        if Answers.isGoodbye(text), let goodbye = catalogue.intent("goodbye") {
            // Leaving in the middle of a form: drop it (nothing stored) and say goodbye.
            activity = .conversation
            let text = FormMessages.cancelled[language] + "\n" + answer(goodbye, catalogue: catalogue, today: today).text
            return [.reply(Reply(text: text, language: language, intent: goodbye.id, confidence: 1), format: format, prompt: true)]
        }
        switch activity {
        case .signup(var form):
            // A question in the middle of the form is answered, then the form asks again.
            if text.hasSuffix("?"), form.slot != .confirm, Answers.plainName(text) == nil || form.slot != .name {
                return answerAside(text, catalogue: catalogue, today: today, question: form.question(context), intent: "signup")
            }
            let step = form.handle(text, context)
            activity = .signup(form)
            return render(step, intent: "signup")
        case .interviewNote(var form):
            let step = form.handle(text, context)
            activity = .interviewNote(form)
            return render(step, intent: "interview_note")
        case .erasure(var form):
            let step = form.handle(text, context)
            activity = .erasure(form)
            return render(step, intent: "privacy")
        case .conversation, .loginCode:
            return []
        }
    }

    private mutating func answerAside(_ text: String, catalogue: Catalogue, today: CalendarDay, question: FormStep, intent formIntent: String) -> [SessionAction] {
        let match = catalogue.matcher.match(text)
        guard let intent = catalogue.intent(match.intent), isWorthAnsweringAside(intent.id) else {
            return render(question, intent: formIntent, prefix: nil)
        }
        return render(question, intent: formIntent, prefix: answer(intent, catalogue: catalogue, today: today).text)
    }

    /// Intents worth answering in the middle of a form (not those that would start another one).
    private func isWorthAnsweringAside(_ id: String) -> Bool {
        !["signup", "interview_note", "progress", "greeting", "goodbye", "thanks"].contains(id)
    }

    private func formContext(_ catalogue: Catalogue, _ today: CalendarDay) -> FormContext {
        FormContext(catalogue: catalogue, language: language, today: today, topic: conversation.topic)
    }

    private mutating func render(_ step: FormStep, intent: String, confidence: Double? = nil, intro: String? = nil, prefix: String? = nil) -> [SessionAction] {
        switch step {
        case .ask(let text, let expecting, let choices, let error):
            let full = [intro, prefix, text].compactMap { $0 }.joined(separator: "\n")
            let reply = Reply(text: full, language: language, intent: intent, confidence: confidence,
                              expecting: expecting, choices: choices, error: error)
            return [.reply(reply, format: format, prompt: true)]
        case .store(let request, _):
            pending = .form
            return [.store(request)]
        case .finished(let text):
            activity = .conversation
            return [.reply(Reply(text: text, language: language, intent: intent, confidence: confidence), format: format, prompt: true)]
        }
    }

    // MARK: - Replies

    private func respond(_ text: String, intent: String? = nil, error: ReplyError? = nil) -> [SessionAction] {
        [.reply(Reply(text: text, language: language, intent: intent, error: error), format: format, prompt: true)]
    }

    private mutating func farewell(_ text: String, error: ReplyError?) -> [SessionAction] {
        isClosed = true
        return [.reply(Reply(text: text, language: language, intent: nil, error: error), format: format, prompt: false), .close]
    }
}

extension ReplyTemplate {
    /// An empty template.
    init() {
        self.segments = []
    }
}
