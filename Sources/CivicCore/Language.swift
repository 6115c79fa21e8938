/// The languages civicd speaks. Polish is the default.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case pl
    case en
    /// Ukrainian: residents read every reply, form and error in it; staff tools stay Polish/English.
    case uk

    /// Reads `pl`/`en`/`uk` (also `polski`, `english`, `українська`, …) as typed in `/lang`.
    public init?(argument: String) {
        guard let language = Self.names[TextNormalizer.fold(argument)] else { return nil }
        self = language
    }

    /// Each language's names as typed in `/lang`, folded as messages are.
    private static let names: [String: Language] = {
        var names: [String: Language] = [:]
        let spellings: [(Language, [String])] = [
            (.pl, ["pl", "polski", "polish", "po polsku", "польська", "польською", "по-польськи", "польский"]),
            (.en, ["en", "english", "angielski", "ang", "eng", "англійська", "англійською", "по-англійськи", "английский"]),
            (.uk, ["uk", "ua", "ukr", "ukrainian", "ukrainski", "po ukrainsku", "ukrainska", "ukrainskoiu", "ukrainskoyu",
                   "українська", "українською", "по-українськи", "укр", "украинский", "по-украински"]),
        ]
        for (language, words) in spellings {
            for word in words { names[TextNormalizer.fold(word)] = language }
        }
        return names
    }()

    /// The languages staff tools (`civicd admin`) speak.
    public var isStaffLanguage: Bool { self != .uk }
}

/// A text in every language civicd speaks. Ukrainian is required like the others, so that the
/// compiler finds every user-visible text without one.
public struct Localized: Sendable, Hashable {
    public var pl: String
    public var en: String
    public var uk: String

    public init(pl: String, en: String, uk: String) {
        self.pl = pl
        self.en = en
        self.uk = uk
    }

    /// A text of the staff tools, which speak Polish and English only (`staff_language`): its
    /// Ukrainian is the English, never shown.
    public init(staffPL pl: String, en: String) {
        self.init(pl: pl, en: en, uk: en)
    }

    /// The same text in every language.
    public init(_ all: String) {
        self.init(pl: all, en: all, uk: all)
    }

    public subscript(language: Language) -> String {
        switch language {
        case .pl: return pl
        case .en: return en
        case .uk: return uk
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
