/// The two languages civicd speaks. Polish is the default.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case pl
    case en

    /// Reads `pl`/`en` (also `polski`, `english`, …) as typed in `/lang`.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "pl", "polski", "polish", "po polsku": self = .pl
        case "en", "english", "angielski", "ang", "eng": self = .en
        default: return nil
        }
    }
}

/// A text in both languages.
public struct Localized: Sendable, Hashable {
    public var pl: String
    public var en: String

    public init(pl: String, en: String) {
        self.pl = pl
        self.en = en
    }

    /// The same text in both languages.
    public init(_ both: String) {
        self.init(pl: both, en: both)
    }

    public subscript(language: Language) -> String {
        switch language {
        case .pl: return pl
        case .en: return en
        }
    }
}

/// How replies are written to the connection.
public enum OutputFormat: String, Sendable, Hashable {
    /// Human text followed by the prompt `> `.
    case text
    /// One JSON object per line, no prompt.
    case json
}
