/// Scores the matcher on labelled questions, in the spirit of `rasa test nlu`.
public struct IntentEvaluation: Sendable {
    /// A labelled question.
    public struct Sample: Sendable, Equatable {
        public var text: String
        public var intent: String
        /// What kind of message it is (`long`, `formal`, `nearmiss`, `l2`, `typo`, `nodiac`,
        /// `smalltalk` …), for per-tag figures.
        public var tag: String?
        /// Texts the reply must contain (facts copied from the seed pages).
        public var expect: [String]
        /// The language the question's reply should be in (`pl`, `en`, `uk`; for a Russian question
        /// `languages.russian_reply`), when the set says.
        public var language: Language?

        public init(text: String, intent: String, tag: String? = nil, expect: [String] = [], language: Language? = nil) {
            self.language = language
            self.text = text
            self.intent = intent
            self.tag = tag
            self.expect = expect
        }
    }

    /// Right answers out of a number of questions.
    public struct Tally: Sendable, Equatable {
        public var correct = 0
        public var total = 0
        public var rate: Double { total > 0 ? Double(correct) / Double(total) : 0 }

        mutating func count(_ right: Bool) {
            total += 1
            if right { correct += 1 }
        }
    }

    /// Answers whose confidence fell in `lower..<upper`, and how many of them were right.
    public struct CalibrationBucket: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var tally: Tally
    }

    /// A question whose reply lacked facts it asked for.
    public struct FactMiss: Sendable, Equatable {
        public var text: String
        public var missing: [String]
    }

    /// The intents of small talk.
    public static let smallTalkIntents = Set([IntentID.greeting, .thanks, .goodbye].map(\.rawValue))
    /// Confidence buckets of the calibration table.
    public static let calibrationBounds: [Double] = [0, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0001]

    public struct IntentScore: Sendable, Equatable {
        public var intent: String
        public var support: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }

    public struct Confusion: Sendable, Equatable {
        public var expected: String
        public var predicted: String
        public var count: Int
        public var examples: [String]
    }

    /// A wrong answer given with at least this confidence counts as confident-but-wrong.
    public static let confidentThreshold = 0.6

    public private(set) var total = 0
    public private(set) var correct = 0
    /// In-scope questions answered with `fallback`.
    public private(set) var inScopeLostToFallback = 0
    public private(set) var inScopeTotal = 0
    public private(set) var outOfScopeTotal = 0
    public private(set) var outOfScopeCaught = 0
    /// Wrong answers given confidently (not counting fallbacks).
    public private(set) var confidentButWrong = 0
    /// Questions that equal an example (after folding): answered by the exact-phrase layer.
    public private(set) var exactMatches = 0
    /// Of the questions that equal no example, how many were right.
    public private(set) var correctBeyondExact = 0
    public private(set) var scores: [IntentScore] = []
    /// Accuracy per sample tag (samples without a tag count as `untagged`).
    public private(set) var byTag: [String: Tally] = [:]
    /// Accuracy on small talk (greeting, thanks, goodbye expected).
    public private(set) var smallTalk = Tally()
    /// Questions whose reply comes in their own language: what a fresh session (Polish until a
    /// message says otherwise) detects from the question.
    public private(set) var replyLanguage = Tally()
    public private(set) var languageMisses: [String] = []
    /// The intent of the first reply a fresh session gives, against the label: what a resident
    /// gets once the dialogue's own rules (courtesies, sign-up parts, follow-ups) have acted.
    public private(set) var sessionIntent = Tally()
    public private(set) var sessionMisses: [String] = []
    /// Confidence against accuracy, so a threshold change can be judged.
    public private(set) var calibration: [CalibrationBucket] = []
    /// Questions with `expect` whose reply held every expected fact.
    public private(set) var facts = Tally()
    public private(set) var factMisses: [FactMiss] = []
    /// Questions with `expect` whose reply held every expected fact in some form: as written (as
    /// `facts` counts), in the other language's number format ("94,29" for "94.29"), or with
    /// its words inflected otherwise ("Gmina Miejska Kraków" for "Gminy Miejskiej Kraków"; see
    /// ``sameWordInflected(_:_:)``).
    public private(set) var factsInAnyForm = Tally()
    public private(set) var factMissesInAnyForm: [FactMiss] = []
    public private(set) var confusions: [Confusion] = []

    /// Scores `matcher` on `samples`; `reply`, when given, is what a fresh session answers to a
    /// question, for the facts check and the intent of the session's reply.
    public init(matcher: IntentMatcher, samples: [Sample], reply: ((String) -> SessionReply)? = nil) {
        var buckets = zip(Self.calibrationBounds, Self.calibrationBounds.dropFirst()).map { CalibrationBucket(lower: $0, upper: $1, tally: Tally()) }
        var truePositive: [String: Int] = [:]
        var predictedCount: [String: Int] = [:]
        var support: [String: Int] = [:]
        var confusionTable: [String: [String: [String]]] = [:]
        let fallback = IntentID.fallback.rawValue
        for sample in samples {
            let match = matcher.match(sample.text)
            let predicted = match.intent.rawValue
            total += 1
            let exact = match.layer == .exactPhrase || (match.layer == .outOfScope && match.confidence == 1 && match.candidates.count == 1)
            if exact { exactMatches += 1 } else if predicted == sample.intent { correctBeyondExact += 1 }
            support[sample.intent, default: 0] += 1
            predictedCount[predicted, default: 0] += 1
            if sample.intent == fallback {
                outOfScopeTotal += 1
                if predicted == fallback { outOfScopeCaught += 1 }
            } else {
                inScopeTotal += 1
                if predicted == fallback { inScopeLostToFallback += 1 }
            }
            let right = predicted == sample.intent
            byTag[sample.tag ?? "untagged", default: Tally()].count(right)
            if Self.smallTalkIntents.contains(sample.intent) { smallTalk.count(right) }
            if let language = sample.language {
                let detected = matcher.language(of: sample.text, words: TextNormalizer.tokens(sample.text)) ?? .pl
                replyLanguage.count(detected == language)
                if detected != language { languageMisses.append(sample.text) }
            }
            if let bucket = buckets.firstIndex(where: { match.confidence >= $0.lower && match.confidence < $0.upper }) {
                buckets[bucket].tally.count(right)
            }
            if let reply {
                let answer = reply(sample.text)
                let intent = answer.intent ?? fallback
                sessionIntent.count(intent == sample.intent)
                if intent != sample.intent { sessionMisses.append("\(sample.intent) -> \(intent): \(sample.text)") }
                if !sample.expect.isEmpty {
                    let said = Self.comparable(answer.text)
                    let missing = sample.expect.filter { fact in !Self.forms(ofFact: fact).contains { said.contains(Self.comparable($0)) } }
                    facts.count(missing.isEmpty)
                    if !missing.isEmpty { factMisses.append(FactMiss(text: sample.text, missing: missing)) }
                    let words = TextNormalizer.tokens(answer.text)
                    let missingInAnyForm = missing.filter { fact in
                        !Self.numberForms(ofFact: fact).contains { said.contains(Self.comparable($0)) }
                            && !Self.saysInflected(fact, words: words)
                    }
                    factsInAnyForm.count(missingInAnyForm.isEmpty)
                    if !missingInAnyForm.isEmpty { factMissesInAnyForm.append(FactMiss(text: sample.text, missing: missingInAnyForm)) }
                }
            }
            if right {
                correct += 1
                truePositive[sample.intent, default: 0] += 1
            } else {
                confusionTable[sample.intent, default: [:]][predicted, default: []].append(sample.text)
                if predicted != fallback && match.confidence >= Self.confidentThreshold {
                    confidentButWrong += 1
                }
            }
        }
        calibration = buckets
        let intents = Set(support.keys).union(predictedCount.keys).sorted()
        scores = intents.map { intent in
            let tp = Double(truePositive[intent] ?? 0)
            let precision = predictedCount[intent].map { $0 > 0 ? tp / Double($0) : 0 } ?? 0
            let recall = support[intent].map { $0 > 0 ? tp / Double($0) : 0 } ?? 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return IntentScore(intent: intent, support: support[intent] ?? 0, precision: precision, recall: recall, f1: f1)
        }
        confusions = confusionTable.flatMap { expected, row in
            row.map { Confusion(expected: expected, predicted: $0.key, count: $0.value.count, examples: $0.value) }
        }.sorted { ($1.count, $0.expected, $0.predicted) < ($0.count, $1.expected, $1.predicted) }
    }

    public var accuracy: Double { total > 0 ? Double(correct) / Double(total) : 0 }
    /// Accuracy on the questions that equal no example.
    public var accuracyBeyondExact: Double {
        total - exactMatches > 0 ? Double(correctBeyondExact) / Double(total - exactMatches) : 0
    }
    public var outOfScopeRecall: Double { outOfScopeTotal > 0 ? Double(outOfScopeCaught) / Double(outOfScopeTotal) : 0 }
    public var inScopeFallbackRate: Double { inScopeTotal > 0 ? Double(inScopeLostToFallback) / Double(inScopeTotal) : 0 }

    /// Text as the facts check compares it: folded, without any white space (the seed pages
    /// write numbers with non-breaking or no spaces).
    /// The ways a reply may say an expected fact. A date copied from the seeds as "17.05.2023",
    /// "20 sty 2014" or "12.2020" is said in full in a reply ("17 maja 2023", "17 May 2023",
    /// "grudnia 2020"); each of these counts. Anything else must be said as written.
    public static func forms(ofFact fact: String) -> [String] {
        let parts = fact.split(whereSeparator: { $0 == "." || $0 == " " }).map(String.init)
        let abbreviations = ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paz", "lis", "gru"]
        var day: CalendarDay?
        var monthOnly = false
        if parts.count == 3, let d = Int(parts[0]), let y = Int(parts[2]), parts[2].count == 4 {
            let month = Int(parts[1]) ?? abbreviations.firstIndex(of: TextNormalizer.fold(parts[1])).map { $0 + 1 }
            if let month, (1...12).contains(month), (1...31).contains(d) { day = CalendarDay(year: y, month: month, day: d) }
        } else if parts.count == 2, fact.contains("."), let m = Int(parts[0]), (1...12).contains(m), let y = Int(parts[1]), parts[1].count == 4 {
            day = CalendarDay(year: y, month: m, day: 1)
            monthOnly = true
        }
        guard let day else { return [fact] }
        return [fact] + Language.allCases.map { monthOnly ? day.renderedMonth(in: $0) : day.rendered(in: $0) }
    }

    /// A number copied from the seeds in one language's format, in the other's: "94.29" and
    /// "15,328,498.86" (English) as "94,29" and "15 328 498,86" (Polish, Ukrainian), and back.
    /// White space is ignored by the comparison, so the Polish groups need no separator.
    public static func numberForms(ofFact fact: String) -> [String] {
        let compact = fact.filter { !$0.isWhitespace }
        guard let last = compact.last, last.isNumber, compact.first?.isNumber == true,
              compact.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) else { return [] }
        // The decimal separator is the last one followed by one or two digits to the end.
        var integer = compact
        var decimals = ""
        if let separator = compact.lastIndex(where: { $0 == "," || $0 == "." }) {
            let tail = compact[compact.index(after: separator)...]
            if (1...2).contains(tail.count) {
                decimals = String(tail)
                integer = String(compact[..<separator])
            }
        }
        // Thousands groups, if any, of three digits after the first (a date "17.05.2023" is none).
        let written = integer.split(whereSeparator: { $0 == "," || $0 == "." })
        guard compact.contains(where: { $0 == "," || $0 == "." }), let head = written.first, (1...3).contains(head.count) || written.count == 1,
              written.dropFirst().allSatisfy({ $0.count == 3 }) else { return [] }
        let digits = integer.filter(\.isNumber)
        var groups: [String] = []
        var rest = Substring(digits)
        while rest.count > 3 {
            groups.insert(String(rest.suffix(3)), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(String(rest), at: 0)
        let english = groups.joined(separator: ",") + (decimals.isEmpty ? "" : "." + decimals)
        let polish = digits + (decimals.isEmpty ? "" : "," + decimals)
        return [english, polish].filter { $0 != compact }
    }

    /// True when the reply's words say the fact's words in order, each as written or inflected
    /// otherwise. Only for facts of words: a number, an e-mail or a name in a single word of
    /// under five letters is said as written.
    static func saysInflected(_ fact: String, words: [String]) -> Bool {
        let wanted = TextNormalizer.tokens(fact)
        guard !wanted.isEmpty, wanted.contains(where: { $0.count >= 5 && $0.allSatisfy(\.isLetter) }),
              words.count >= wanted.count else { return false }
        for start in 0...(words.count - wanted.count) {
            if zip(words[start..<start + wanted.count], wanted).allSatisfy({ sameWordInflected($0, $1) }) { return true }
        }
        return false
    }

    /// Two folded words that differ at most in a Polish ending: equal, or one stem of four
    /// letters or more followed in each by an ending of ``polishEndings`` ("gminy" and "gmina",
    /// "miejskiej" and "miejska", "mentoringu" and "mentoring"; not "organizacji" and
    /// "organizator", nor "organizing" and "organizer").
    static func sameWordInflected(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard a.allSatisfy(\.isLetter), b.allSatisfy(\.isLetter) else { return false }
        let shared = TextNormalizer.sharedPrefixLength(a, b)
        guard shared >= 4 else { return false }
        for stem in stride(from: shared, through: 4, by: -1) where stem >= a.count - 3 && stem >= b.count - 3 {
            if polishEndings.contains(String(a.dropFirst(stem))) && polishEndings.contains(String(b.dropFirst(stem))) { return true }
        }
        return false
    }

    /// Endings of Polish nouns and adjectives, folded (no diacritics).
    static let polishEndings: Set<String> = [
        "", "a", "e", "i", "o", "u", "y", "ej", "ie", "iej", "ego", "emu", "ym", "im", "ich", "ych",
        "ami", "ach", "om", "ow", "em", "owi", "ia", "ii", "iu", "io", "ja", "ji", "je", "jom",
    ]

    static func comparable(_ text: String) -> String {
        TextNormalizer.fold(text).filter { !$0.isWhitespace }
    }

    /// What a fresh session answers to a question: the text of every reply, joined, and the
    /// intent of the first reply that carries one.
    public struct SessionReply: Sendable, Equatable {
        public var text: String
        public var intent: String?
    }

    /// A fresh session's reply to `text`, handled in place whatever its length (the daemon would
    /// understand a long line off the event loop, with the same result).
    public static func sessionReply(to text: String, catalogue: Catalogue, today: CalendarDay) -> SessionReply {
        var session = Session()
        let replies = session.handle(.text(text), catalogue: catalogue, at: SessionTime(today: today, uptimeNanoseconds: 0)).compactMap { action -> Reply? in
            if case .reply(let reply, _, _) = action { return reply } else { return nil }
        }
        return SessionReply(text: replies.map(\.text).joined(separator: "\n"), intent: replies.lazy.compactMap(\.intent).first?.rawValue)
    }

    /// Parses JSON lines of `{"text": …, "intent": …}`; blank lines and `#` comments are skipped.
    public static func parseSamples(_ text: String, decode: (String) throws -> Sample) throws -> [Sample] {
        var samples: [Sample] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            samples.append(try decode(trimmed))
        }
        return samples
    }
}
