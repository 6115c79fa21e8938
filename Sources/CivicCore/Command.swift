/// A line that starts with `/`.
public enum Command: Sendable, Equatable {
    case help
    /// `/lang pl|en|uk` (`/мова`); nil when the argument is missing or unknown.
    case language(Language?)
    /// `/format text|json`; nil when the argument is missing or unknown.
    case format(OutputFormat?)
    case reset
    case quit
    /// `/login CODE` opens an organiser session.
    case login(String?)
    /// `/cancel` leaves a half-filled form.
    case cancel
    /// `/kiosk TOKEN`: a kiosk terminal identifies itself.
    case kiosk(String?)
    /// Anything else starting with `/`; carries the name as typed.
    case unknown(String)
}

/// What one line of conversation is: a command or text for the dialogue.
public enum Input: Sendable, Equatable {
    case command(Command)
    case text(String)

    /// Parses a decoded line. Leading and trailing white space is ignored.
    public init(line: String) {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.first == "/" else {
            self = .text(trimmed)
            return
        }
        // A tab separates like a space: "/login\tCODE" is the log-in command, never an unknown one.
        let parts = trimmed.dropFirst().split(maxSplits: 1, omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "\t" })
        let name = parts.first.map { String($0).lowercased() } ?? ""
        let argument = parts.count > 1 ? String(parts[1]).trimmingWhitespace() : nil
        switch name {
        case "help", "pomoc", "h", "?", "допомога", "довідка":
            self = .command(.help)
        case "lang", "language", "jezyk", "język":
            self = .command(.language(argument.flatMap(Language.init(argument:))))
        case "мова":
            // "/мова" alone asks for Ukrainian; "/мова pl" chooses as "/lang pl" does.
            self = .command(.language(argument.map(Language.init(argument:)) ?? .uk))
        case "format":
            self = .command(.format(argument.flatMap { OutputFormat(rawValue: $0.lowercased()) }))
        case "reset", "od-nowa", "odnowa", "restart", "спочатку":
            self = .command(.reset)
        case "quit", "exit", "bye", "koniec", "wyjdz", "wyjdź", "pa", "кінець", "вихід", "вийти":
            self = .command(.quit)
        case "login", "zaloguj":
            self = .command(.login(argument))
        case "cancel", "anuluj", "скасувати", "скасуй":
            self = .command(.cancel)
        case "kiosk":
            self = .command(.kiosk(argument))
        default:
            self = .command(.unknown(String(trimmed.prefix(32))))
        }
    }
}

extension String {
    /// The string without leading and trailing spaces (the decoder already turned tabs into spaces).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
