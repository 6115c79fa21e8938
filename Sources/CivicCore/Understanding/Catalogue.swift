/// Where something was written in `intents/`, for `file:line` messages.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// One value in `facts:`.
public enum FactValue: Sendable, Hashable {
    case text(String)
    case localized(Localized)
    case date(CalendarDay)

    /// The value as a reply shows it; dates with how they stand against `today` when `relative`.
    public func rendered(in language: Language, today: CalendarDay, relative: Bool) -> String {
        switch self {
        case .text(let text): return text
        case .localized(let text): return text[language]
        case .date(let day):
            let date = day.rendered(in: language)
            return relative ? "\(date) (\(day.relative(to: today, in: language)))" : date
        }
    }
}

/// A fact with the place it was defined.
public struct Fact: Sendable, Hashable {
    public var path: String
    public var value: FactValue
    public var location: SourceLocation
}

/// A programme or project a conversation can be about.
public struct Topic: Sendable {
    public var id: String
    public var city: String?
    public var name: LocalizedTemplate
    /// Folded aliases, each as its words.
    public var aliases: [[String]]
    /// Districts a sign-up for this topic asks about (display names).
    public var districts: [String]
    public var signup: Bool
    /// Its sign-ups may be made on behalf of an organisation (an NGO joining a coalition): the
    /// form asks for the organisation's name, which may be skipped.
    public var organisations = false
    /// Intents about a part of this programme (its campaign, training, job): "zapisz mnie do
    /// kampanii słuchania" is a sign-up for the programme the campaign belongs to.
    public var parts: [IntentID] = []
    /// The dates its recorded stages end (fact paths); once all have passed the programme has
    /// ended, and a sign-up becomes an expression of interest in a next edition.
    public var stagesEnd: [FactPath] = []
    /// What a resident is told before anything is collected for an ended programme.
    public var endedNotice: LocalizedTemplate?
    /// Facts asked about by an aspect ("kto prowadził szkolenie?"): said after the reply when a
    /// question about this topic has one of the aspect's words and the reply does not say it.
    public var aspects: [Aspect] = []
    public var location: SourceLocation

    public struct Aspect: Sendable {
        /// The folded words that ask for it ("prowadzil", "trenerzy", "led").
        public var words: [String]
        public var say: LocalizedTemplate
        /// The intent whose questions ask for it (`asks:`): its words are that intent's keywords,
        /// so "kto był trenerem na szkoleniu?" is a question about the programme, not out of scope.
        public var asks: IntentID?
        /// `answers: true`: `say` is the whole answer to a question of the `asks` intent that
        /// has one of its words ("kontakt dla inwestorów"), said in place of the topic's reply —
        /// whose facts (the City Hall's main number) would answer another question.
        public var answers = false

        /// True when one of `words` asks for it: the same word, or one of its forms — sharing
        /// the aspect word's first six letters (all of a shorter one), and not much shorter than
        /// it, so that "szkolenie" is no "szkoleniowcy" and "training" no "trainers": a cost
        /// question about the training gets no trainers' line.
        public func isAsked(by words: [String]) -> Bool {
            words.contains { word in
                self.words.contains { asked in
                    asked == word || (TextNormalizer.sharedPrefixLength(word, asked) >= min(asked.count, 6) && word.count + 2 >= asked.count)
                }
            }
        }
    }
}

/// A city, and the topic a bare mention of it means.
public struct City: Sendable {
    public var id: String
    public var name: Localized
    public var aliases: [[String]]
    public var topic: String?
    public var location: SourceLocation
}

/// Out-of-scope questions that still have a better answer than the general fallback:
/// `city_services:` (an ordinary city matter — a tax, a dog, a ticket, a pothole — goes to the
/// city office, never to an NGO centre) and `place_questions:` (a lift, a wheelchair, a parking
/// space at a programme's own place: the materials do not say, the place's contact does).
public struct Referral: Sendable {
    /// Folded words that recognise such a question. An entry of five letters or more matches every
    /// word it begins ("podat": "podatek", "podatku"); a shorter one only itself ("bus", not "business").
    public var words: [String]
    /// Folded words that make a line no such question, matched the same way ("fundacja": an NGO's
    /// question about a tax is the NGO centre's).
    public var except: [String] = []
    /// What is said first (the refusal, or that the materials do not say).
    public var say: LocalizedTemplate
    /// Whom to ask, by city id; ``defaultOffice`` when no city is known, ``elsewhereOffice`` for a
    /// city that has none of its own here.
    public var offices: [String: LocalizedTemplate] = [:]
    public var location: SourceLocation

    public static let defaultOffice = "default"
    public static let elsewhereOffice = "elsewhere"

    /// True when one of `words` is one of ours and none is an exception.
    public func isAsked(by words: [String]) -> Bool {
        words.contains { Self.matches($0, self.words) } && !words.contains { Self.matches($0, except) }
    }

    /// The office line for `city` (nil: not known).
    public func office(for city: String?) -> LocalizedTemplate? {
        guard let city else { return offices[Self.defaultOffice] }
        return offices[city] ?? offices[Self.elsewhereOffice]
    }

    static func matches(_ word: String, _ entries: [String]) -> Bool {
        entries.contains { $0.count >= 5 ? word.hasPrefix($0) : word == $0 }
    }
}

/// One intent: examples to learn from and replies per topic.
public struct Intent: Sendable {
    public var id: IntentID
    /// Folded keyword stems.
    public var keywords: [String]
    /// Folded keywords that count only as typed, not by their stem: an aspect's words
    /// ("trainer" must not be found in "training", whose stem it shares).
    public var wholeWordKeywords: [String] = []
    /// The intent asks about civicd itself ("what can you do?"), so its questions have no object
    /// of their own: a real word the catalogue never saw ("help me find a *hotel*") means the
    /// line is about that, not this (`about_civicd: true` in `intents/`).
    public var aboutCivicd = false
    /// Folded words naming what a request of this intent is for when it is ours ("szkolenie",
    /// "kampania", "training"; `objects:` in `intents/`). An intent that has them asks for
    /// something — a sign-up, a way to join, a contact, money — and its object is checked: a short
    /// line naming no programme and none of these words, whose words include a real word the
    /// catalogue never saw ("join the *choir*") or a word only the out-of-scope examples use
    /// ("zapisz mnie na *basen*"), asks for something else.
    public var objects: [String] = []
    /// `checks_object: true`: the catalogue's `offers:` are objects of this intent too.
    public var checksObject = false
    public var examples: [Language: [Example]]
    /// Replies by topic id; `default` always exists in a loaded catalogue.
    public var replies: [String: LocalizedTemplate]
    public var location: SourceLocation

    public struct Example: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation

        public init(text: String, location: SourceLocation) {
            self.text = text
            self.location = location
        }
    }

    public init(id: IntentID, keywords: [String] = [], examples: [Language: [Example]], replies: [String: LocalizedTemplate] = [:], location: SourceLocation) {
        self.id = id
        self.keywords = keywords
        self.examples = examples
        self.replies = replies
        self.location = location
    }

    public static let defaultReply = "default"
}

/// The whole knowledge of civicd, loaded from `intents/` and checked. Immutable; a reload builds
/// a new one and swaps it in whole. A class, so that handing it to every line costs one retain
/// rather than a copy of every field.
public final class Catalogue: Sendable {
    public let facts: [String: Fact]
    public let topics: [Topic]
    public let cities: [City]
    public let intents: [Intent]
    /// An ordinary city matter asked out of scope: pointed to the city office (`city_services:`).
    public let cityServices: Referral?
    /// A practical question about a programme's own place (`place_questions:`).
    public let placeQuestions: Referral?
    public let matcher: IntentMatcher
    /// Conversation lines already understood against this catalogue.
    public let understandingCache: UnderstandingCache
    private let topicIndex: [String: Int]
    private let intentIndex: [IntentID: Int]

    init(facts: [String: Fact], topics: [Topic], cities: [City], intents: [Intent], realWords: Set<String> = [],
         wordForms: [String: String] = [:], cityServices: Referral? = nil, placeQuestions: Referral? = nil) {
        self.facts = facts
        self.cityServices = cityServices
        self.placeQuestions = placeQuestions
        self.topics = topics
        self.cities = cities
        self.intents = intents
        self.topicIndex = Dictionary(topics.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.intentIndex = Dictionary(intents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let factTexts = facts.values.flatMap { fact -> [String] in
            switch fact.value {
            case .text(let text): return [text]
            case .localized(let text): return [text.pl, text.en, text.uk]
            case .date: return []
            }
        }
        // An aspect's words are the catalogue's own: "how many days did it last" is no question
        // about something else.
        let aspectWords = topics.flatMap { $0.aspects.flatMap(\.words) }
        self.matcher = IntentMatcher(intents: Self.addingAspectKeywords(intents, topics: topics), topics: topics, cities: cities,
                                     factTexts: (factTexts + aspectWords).sorted(), realWords: realWords, wordForms: wordForms,
                                     replyWords: Self.replyWords(intents: intents, topics: topics, facts: facts))
        self.understandingCache = UnderstandingCache()
    }

    /// Per topic, the folded words of each intent's reply for it (and of the aspects that ask for
    /// an intent), in every language: what a question about the topic may repeat of its answer
    /// ("Centrum Obywatelskie – a grupy robocze też są?" says a word of the services reply).
    static func replyWords(intents: [Intent], topics: [Topic], facts: [String: Fact]) -> [String: [IntentID: Set<String>]] {
        // Dates rendered on a fixed day: only their words matter, not whether they have passed.
        let day = CalendarDay(year: 2000, month: 1, day: 1)
        var words: [String: [IntentID: Set<String>]] = [:]
        func add(_ template: LocalizedTemplate, topic: String, intent: IntentID) {
            for language in Language.allCases {
                let text = template[language].render(language: language, today: day, topicName: nil) { facts[$0]?.value }
                words[topic, default: [:]][intent, default: []].formUnion(TextNormalizer.tokens(text))
            }
        }
        for intent in intents where intent.id != .fallback {
            for (topic, template) in intent.replies where topics.contains(where: { $0.id == topic }) { add(template, topic: topic, intent: intent.id) }
        }
        for topic in topics {
            for aspect in topic.aspects { if let asks = aspect.asks { add(aspect.say, topic: topic.id, intent: asks) } }
        }
        return words
    }

    /// The intents with every aspect's words among the whole-word keywords of the intent it `asks`.
    static func addingAspectKeywords(_ intents: [Intent], topics: [Topic]) -> [Intent] {
        var intents = intents
        for aspect in topics.flatMap(\.aspects) {
            guard let asks = aspect.asks, let index = intents.firstIndex(where: { $0.id == asks }) else { continue }
            for word in aspect.words where !intents[index].wholeWordKeywords.contains(word) {
                intents[index].wholeWordKeywords.append(word)
            }
        }
        return intents
    }

    private init(_ other: Catalogue, understandingCache: UnderstandingCache) {
        self.facts = other.facts
        self.topics = other.topics
        self.cities = other.cities
        self.intents = other.intents
        self.cityServices = other.cityServices
        self.placeQuestions = other.placeQuestions
        self.matcher = other.matcher
        self.topicIndex = other.topicIndex
        self.intentIndex = other.intentIndex
        self.understandingCache = understandingCache
    }

    /// The same knowledge with an empty understanding cache of `capacity` lines (0: none).
    public func withUnderstandingCache(capacity: Int) -> Catalogue {
        Catalogue(self, understandingCache: UnderstandingCache(capacity: capacity))
    }

    /// What a conversation line says (from the cache when the line was seen before).
    public func understand(_ text: String) -> LineUnderstanding {
        understandingCache.understanding(of: text) { LineUnderstanding($0, matcher: matcher) }
    }

    /// The line read in `language`, whatever it looks like alone (never cached: the cache holds
    /// what a line says by itself).
    public func understand(_ text: String, readAs language: Language) -> LineUnderstanding {
        LineUnderstanding(text, matcher: matcher, reading: language)
    }

    public func topic(_ id: String) -> Topic? { topicIndex[id].map { topics[$0] } }

    /// The aspect of `topic` with `asks:` that `words` ask for ("a w jakich miastach?" in a
    /// conversation about Socially Organised: the place, asked as `about`).
    public func askedAspect(by words: [String], about topic: String) -> Topic.Aspect? {
        self.topic(topic)?.aspects.first { $0.asks != nil && $0.isAsked(by: words) }
    }

    /// `match` for a line that names no programme in a conversation about `topic`: a part of
    /// another programme is not what it asks ("a termin drugiego etapu?" about the JST
    /// recruitment is no question about the Krosno listening campaign's second stage), so the
    /// best other candidate in scope answers, down to ``IntentMatcher/aspectFloor``; none: out of scope.
    /// A line with the part's own keyword ("a kampania słuchania?") still asks for it.
    public func match(_ match: IntentMatch, words: [String], inConversationAbout topic: String) -> IntentMatch {
        let stems = Set(words.map(TextNormalizer.stem))
        func isOthersPart(_ intent: IntentID) -> Bool {
            topics.contains { $0.id != topic && $0.parts.contains(intent) }
                && self.intent(intent)?.keywords.allSatisfy { !stems.contains(TextNormalizer.stem($0)) } != false
        }
        guard match.layer != .outOfScope, isOthersPart(match.intent) else { return match }
        let candidates = match.candidates.filter { !isOthersPart($0.intent) }
        guard let next = candidates.first, next.intent != .fallback, next.score >= matcher.aspectFloor else {
            return IntentMatch(intent: .fallback, confidence: 1 - match.confidence, layer: .outOfScope, candidates: candidates)
        }
        return IntentMatch(intent: next.intent, confidence: next.score, layer: .scored, candidates: candidates)
    }
    public func intent(_ id: IntentID) -> Intent? { intentIndex[id].map { intents[$0] } }

    /// A fact by its path.
    public func fact(_ path: FactPath) -> Fact? { facts[path.rawValue] }

    /// Renders a template against this catalogue's facts.
    public func render(_ template: ReplyTemplate, language: Language, today: CalendarDay, topic: String?) -> String {
        let topicName = topic.flatMap { self.topic($0) }.map { render($0.name[language], language: language, today: today, topic: nil) }
        return template.render(language: language, today: today, topicName: topicName) { path in
            facts[path]?.value
        }
    }

    /// The display name of a topic.
    /// True when every recorded stage of the topic has ended before `today`.
    public func hasEnded(_ id: String, today: CalendarDay) -> Bool {
        guard let topic = topic(id), !topic.stagesEnd.isEmpty else { return false }
        return topic.stagesEnd.allSatisfy { path in
            if case .date(let day)? = fact(path)?.value { return day < today }
            return false
        }
    }

    public func topicName(_ id: String, language: Language, today: CalendarDay) -> String? {
        guard let topic = topic(id) else { return nil }
        return render(topic.name[language], language: language, today: today, topic: nil)
    }
}
