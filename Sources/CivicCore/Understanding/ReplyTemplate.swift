/// A reply text with `{fact.path}`, `{fact.path|relative}` and `{topic}` placeholders, parsed once at load.
public struct ReplyTemplate: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case fact(path: String, relative: Bool)
        case topic
    }

    let segments: [Segment]

    /// A problem in a template's placeholders.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var message: String
    }

    public init(parsing text: String) throws(SyntaxError) {
        var segments: [Segment] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "{" {
                guard let close = text[index...].firstIndex(of: "}") else {
                    throw SyntaxError(message: "unclosed '{' in \"\(text)\"")
                }
                let inner = text[text.index(after: index)..<close]
                if !literal.isEmpty {
                    segments.append(.literal(literal))
                    literal = ""
                }
                segments.append(try Self.placeholder(String(inner)))
                index = text.index(after: close)
            } else if character == "}" {
                throw SyntaxError(message: "stray '}' in \"\(text)\"")
            } else {
                literal.append(character)
                index = text.index(after: index)
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    private static func placeholder(_ inner: String) throws(SyntaxError) -> Segment {
        let parts = inner.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        let path = parts[0]
        guard !path.isEmpty, path.allSatisfy(Self.isPathCharacter) else {
            throw SyntaxError(message: "bad placeholder {\(inner)}")
        }
        if path == "topic" && parts.count == 1 { return .topic }
        switch parts.count {
        case 1: return .fact(path: path, relative: false)
        case 2 where parts[1] == "relative": return .fact(path: path, relative: true)
        default: throw SyntaxError(message: "unknown filter in {\(inner)}; only |relative exists")
        }
    }

    private static func isPathCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "." || character == "-"
    }

    /// The fact paths this template refers to.
    public var factReferences: [String] {
        segments.compactMap { segment in
            if case .fact(let path, _) = segment { return path }
            return nil
        }
    }

    /// The relative-date references (they must point at dates).
    var relativeReferences: [String] {
        segments.compactMap { segment in
            if case .fact(let path, true) = segment { return path }
            return nil
        }
    }

    func render(language: Language, today: CalendarDay, topicName: String?, fact: (String) -> FactValue?) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .fact(let path, let relative):
                out += fact(path)?.rendered(in: language, today: today, relative: relative) ?? "{\(path)}"
            case .topic:
                out += topicName ?? ""
            }
        }
        return out
    }
}

/// A template in every language.
public struct LocalizedTemplate: Sendable, Hashable {
    public var pl: ReplyTemplate
    public var en: ReplyTemplate
    public var uk: ReplyTemplate

    public init(pl: ReplyTemplate, en: ReplyTemplate, uk: ReplyTemplate) {
        self.pl = pl
        self.en = en
        self.uk = uk
    }

    /// One template for every language (a name, a placeholder).
    public init(_ all: ReplyTemplate) {
        self.init(pl: all, en: all, uk: all)
    }

    public subscript(language: Language) -> ReplyTemplate {
        switch language {
        case .pl: return pl
        case .en: return en
        case .uk: return uk
        }
    }
}
