/// What the connection must do after the session handled an event. The session itself does no I/O.
public enum SessionAction: Sendable, Equatable {
    /// Write the reply in `format`, followed by the prompt when `prompt` is true.
    case reply(Reply, format: OutputFormat, prompt: Bool)
    /// Write the prompt alone (text mode, after an empty line).
    case prompt
    /// Close the connection once everything before has been written.
    case close
}

/// What the conversation so far is about.
public struct Conversation: Sendable, Equatable {
    /// The programme the resident is asking about, once named.
    public var topic: String?
    /// The intent of the last answered question, for follow-ups such as "a w Krakowie?".
    public var lastIntent: String?

    public init(topic: String? = nil, lastIntent: String? = nil) {
        self.topic = topic
        self.lastIntent = lastIntent
    }
}

/// One resident's conversation: a pure state machine. The connection feeds it decoded lines and
/// timer events and performs the actions it returns.
public struct Session: Sendable {
    public private(set) var language: Language
    public private(set) var format: OutputFormat = .text
    public private(set) var conversation = Conversation()
    public private(set) var isClosed = false
    /// Set by `/lang`: detection no longer changes the language.
    private var languageChosen = false
    private let limits: Limits

    public init(limits: Limits = Limits(), language: Language = .pl) {
        self.limits = limits
        self.language = language
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
                return handle(command)
            case .text(let text) where text.isEmpty:
                return format == .text ? [.prompt] : []
            case .text(let text):
                return respond(to: text, catalogue: catalogue, today: today)
            }
        }
    }

    /// A line refused by a limit the connection enforces (`slow_down`); `close` ends the session.
    public mutating func refuse(_ error: ReplyError, close: Bool = false) -> [SessionAction] {
        guard !isClosed else { return [] }
        if close {
            return farewell(Messages.flood[language], error: error)
        }
        return respond(Messages.slowDown[language], error: error)
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

    private mutating func handle(_ command: Command) -> [SessionAction] {
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
            conversation = Conversation()
            return respond(Messages.reset[language], intent: nil)
        case .cancel:
            return respond(Messages.nothingToCancel[language], intent: nil)
        case .login:
            return respond(Messages.unknownCommand.format(language, ["command": "/login"]), error: .unknownCommand)
        case .quit:
            return farewell(Messages.goodbye[language], error: nil)
        case .unknown(let name):
            return respond(Messages.unknownCommand.format(language, ["command": name]), error: .unknownCommand)
        }
    }

    // MARK: - Conversation

    private mutating func respond(to text: String, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        if !languageChosen, let detected = LanguageDetector.detect(text) {
            language = detected
        }
        let matcher = catalogue.matcher
        let tokens = matcher.correctedTokens(text)
        let mentions = matcher.mentions(tokens: tokens)
        var match = matcher.match(tokens: tokens)
        if let topic = mentions.topic {
            // "a w Krakowie?": a bare new topic after a question re-asks that question for it.
            if match.intent == IntentMatcher.fallbackIntent, tokens.count <= 4,
               let last = conversation.lastIntent, catalogue.intent(last)?.replies[topic] != nil {
                match = IntentMatch(intent: last, confidence: 0.5, layer: .scored, candidates: match.candidates)
            }
            conversation.topic = topic
        }
        guard let intent = catalogue.intent(match.intent) ?? catalogue.intent(IntentMatcher.fallbackIntent) else {
            return respond(Messages.help[language], intent: nil)
        }
        var choices: [String] = []
        let template: LocalizedTemplate
        if let topic = conversation.topic, let specific = intent.replies[topic] {
            template = specific
        } else {
            template = intent.replies[Intent.defaultReply] ?? LocalizedTemplate(pl: .init(), en: .init())
            // Without a topic, offer the programmes this intent has answers for.
            choices = catalogue.topics.filter { intent.replies[$0.id] != nil }
                .compactMap { catalogue.topicName($0.id, language: language, today: today) }
        }
        if intent.id != IntentMatcher.fallbackIntent {
            conversation.lastIntent = intent.id
        }
        let text = catalogue.render(template[language], language: language, today: today, topic: conversation.topic)
        let reply = Reply(text: text, language: language, intent: intent.id, confidence: match.confidence, choices: choices)
        return [.reply(reply, format: format, prompt: true)]
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
