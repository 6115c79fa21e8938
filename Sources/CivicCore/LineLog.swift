/// What the log may say about one line a resident sent: never the text itself. At trace level
/// the daemon logs the line's length, what it was (a command's name, a form answer, a question),
/// and of a question only the words the catalogue knows — not a name, a number, an e-mail or a
/// code, whatever the log level.
public struct LineLog: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A command; only its name is logged, never its argument (a code, a token).
        case command
        /// An answer inside a form or a code awaited: nothing of it is logged.
        case privateAnswer = "private"
        /// A line of conversation.
        case question
        /// Too long, or not UTF-8.
        case refused
    }

    public var kind: Kind
    public var bytes: Int
    /// For a command, its name (`login`, `kiosk`, `lang`…); unknown commands are `unknown`.
    public var command: String?
    /// For a question, its words that the catalogue knows, folded, in order.
    public var knownWords: [String]
    /// For a question, the intent of the reply and its confidence.
    public var intent: IntentID?
    public var confidence: Double?

    public init(kind: Kind, bytes: Int, command: String? = nil, knownWords: [String] = []) {
        self.kind = kind
        self.bytes = bytes
        self.command = command
        self.knownWords = knownWords
    }

    /// Adds, for a question, the intent and confidence of the first reply in `actions`.
    mutating func describe(_ actions: [SessionAction]) {
        guard kind == .question else { return }
        for case .reply(let reply, _, _) in actions {
            intent = reply.intent
            confidence = reply.confidence
            return
        }
    }
}

extension Session {
    /// What may be logged of `line`, decided before the session handles it (whether it is a form
    /// answer depends on the state it arrives in). The session sends it as a
    /// ``SessionAction/trace(_:)`` when ``Session/tracesLines`` is on.
    public func logView(of line: InboundLine, catalogue: Catalogue) -> LineLog {
        guard case .text(let text) = line else { return LineLog(kind: .refused, bytes: 0) }
        let bytes = text.utf8.count
        switch Input(line: text) {
        case .command(let command):
            return LineLog(kind: .command, bytes: bytes, command: command.logName)
        case .text(let words):
            guard !expectsPrivateInput else { return LineLog(kind: .privateAnswer, bytes: bytes) }
            return LineLog(kind: .question, bytes: bytes, knownWords: LineLog.knownWords(in: words, matcher: catalogue.matcher))
        }
    }
}

extension LineLog {
    /// The catalogue's words in `text`. A word with a digit or `@` (a phone, an e-mail, a code)
    /// is skipped, and so is a capitalised word after the first (most likely a name), even when
    /// the catalogue happens to know it.
    static func knownWords(in text: String, matcher: IntentMatcher) -> [String] {
        var known: [String] = []
        for (index, word) in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).enumerated() {
            if word.contains(where: { $0.isNumber || $0 == "@" }) { continue }
            if index > 0, word.first(where: \.isLetter)?.isUppercase == true { continue }
            known += TextNormalizer.tokens(String(word)).filter(matcher.isKnownWord)
        }
        return known
    }
}

extension Command {
    /// The command's name for the log, without its argument.
    var logName: String {
        switch self {
        case .help: return "help"
        case .language: return "lang"
        case .format: return "format"
        case .reset: return "reset"
        case .quit: return "quit"
        case .login: return "login"
        case .cancel: return "cancel"
        case .kiosk: return "kiosk"
        case .unknown: return "unknown"
        }
    }
}
