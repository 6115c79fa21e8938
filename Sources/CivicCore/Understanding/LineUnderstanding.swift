import Synchronization

/// What a conversation line says, whoever says it: its words, language, the names it mentions
/// and its intent. A pure function of the catalogue and the text, so it is worked out once per
/// distinct line and shared through ``UnderstandingCache``.
public struct LineUnderstanding: Sendable {
    /// The folded words, as typed (Latin-typed Ukrainian spelt in Cyrillic, as the catalogue has it).
    public let words: [String]
    /// Written in Russian: understood, and answered in the configured language.
    public let isRussian: Bool
    /// The words with misspellings corrected to words the catalogue knows.
    public let corrected: [String]
    /// The words the line asks with: in a story, its questions' (``IntentMatcher/askedWords(in:corrected:)``).
    public let asked: [String]
    /// The language the line suggests; nil when it gives no evidence.
    public let language: Language?
    /// The line folded (for answers whose reading depends on the conversation's language).
    public let folded: String
    public let mentions: IntentMatcher.Mentions
    public let match: IntentMatch
    /// False when the line only names a topic or city ("a w Krakowie?").
    public let hasContentBesideNames: Bool

    /// A bare yes or no ("tak", "nie, dziękuję", "no pewnie") in a conversation in `language`.
    public func yesNo(in language: Language) -> Bool? {
        Answers.yesNo(folded: folded, language: language)
    }

    /// - Parameter reading: the language to read the line in, when the conversation knows it
    ///   better than the line alone ("jak zapysatysja?" in a Ukrainian conversation); nil: detected.
    public init(_ text: String, matcher: IntentMatcher, reading: Language? = nil) {
        var folded = TextNormalizer.fold(text)
        var words = folded.split(separator: " ").map(String.init)
        let language = reading ?? matcher.language(of: text, words: words)
        if language == .uk {
            // "pryvit, yak zapysatysia?" reaches the features of "привіт, як записатися?".
            words = matcher.transliterated(words)
            folded = words.joined(separator: " ")
        }
        let corrected = matcher.corrected(words)
        let story = IntentMatcher.story(of: text)
        let asked = matcher.askedWords(in: story, corrected: corrected)
        self.asked = asked
        self.words = words
        self.corrected = corrected
        self.language = language
        self.isRussian = language == .uk && LanguageDetector.isRussian(text, words: words)
        self.folded = folded
        var mentions = matcher.mentions(tokens: corrected)
        let askedMentions = asked != corrected ? matcher.mentions(tokens: asked) : mentions
        if askedMentions.topic != nil {
            // "Córka była na szkoleniu w Centrum Obywatelskim… Kto prowadził szkolenie w tej
            // krośnieńskiej akcji?": what the question itself names, not the story around it.
            mentions = askedMentions
        } else if asked != corrected {
            if mentions.topicByCity {
                // "…trenerka była ponoć z Krakowa. Kto właściwie prowadził to szkolenie?": a city in
                // the story around the question says where someone came from, not what is asked.
                mentions.topic = nil
                mentions.topicByCity = false
            }
            if mentions.topic == nil, let asking = matcher.aspectTopic(of: asked) {
                // "…Kto właściwie prowadził to szkolenie?": the question asks what only one
                // programme has.
                mentions.topic = asking
                mentions.topicByCity = false
            }
        }
        self.mentions = mentions
        let whole = matcher.match(tokens: corrected)
        self.match = story.flatMap { matcher.questionSentence(in: $0, words: corrected, whole: whole) } ?? whole
        self.hasContentBesideNames = matcher.hasContentBesideNames(corrected)
    }
}

/// Recent conversation lines and their understanding, shared by every session on one catalogue
/// (a reloaded catalogue starts a new cache). Residents ask the same few questions over and over,
/// and understanding a line costs tens of microseconds where a look-up costs well under one.
///
/// Bounded: two generations of at most `capacity / 2` lines each; a hit in the older generation
/// moves the line to the newer, and when the newer is full the older is dropped, which keeps
/// roughly the most recently used lines. Lines with digits or `@` (phone numbers, e-mail
/// addresses) and long lines are never kept, so the cache holds no contact details.
public final class UnderstandingCache: Sendable {
    public let capacity: Int
    private let state: Mutex<Generations>

    private struct Generations {
        var newer: [String: LineUnderstanding] = [:]
        var older: [String: LineUnderstanding] = [:]
    }

    /// The longest line kept, in UTF-8 bytes.
    static let maxLineBytes = 200

    /// - Parameter capacity: lines kept at most; 0 keeps none (every line is worked out afresh).
    public init(capacity: Int = 4_096) {
        self.capacity = max(0, capacity)
        self.state = Mutex(Generations())
    }

    /// The understanding of `text`: from the cache, or made by `understand` and kept when allowed.
    public func understanding(of text: String, _ understand: (String) -> LineUnderstanding) -> LineUnderstanding {
        guard capacity > 0, Self.mayKeep(text) else { return understand(text) }
        let half = max(1, capacity / 2)
        if let known = state.withLock({ generations -> LineUnderstanding? in
            if let hit = generations.newer[text] { return hit }
            guard let hit = generations.older.removeValue(forKey: text) else { return nil }
            Self.insert(text, hit, into: &generations, half: half)
            return hit
        }) {
            return known
        }
        let fresh = understand(text)
        state.withLock { Self.insert(text, fresh, into: &$0, half: half) }
        return fresh
    }

    /// Lines kept now (for tests and diagnostics).
    public var count: Int { state.withLock { $0.newer.count + $0.older.count } }

    private static func insert(_ text: String, _ value: LineUnderstanding, into generations: inout Generations, half: Int) {
        if generations.newer.count >= half {
            generations.older = generations.newer
            generations.newer = [:]
        }
        generations.newer[text] = value
    }

    static func mayKeep(_ text: String) -> Bool {
        text.utf8.count <= maxLineBytes && !text.utf8.contains { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x40 }
    }
}
