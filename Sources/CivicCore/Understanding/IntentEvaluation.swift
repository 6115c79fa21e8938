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
