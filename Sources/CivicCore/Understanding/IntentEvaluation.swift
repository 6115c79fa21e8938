/// Scores the matcher on labelled questions, in the spirit of `rasa test nlu`.
public struct IntentEvaluation: Sendable {
    /// A labelled question.
    public struct Sample: Sendable, Equatable {
        public var text: String
        public var intent: String

        public init(text: String, intent: String) {
            self.text = text
            self.intent = intent
        }
    }

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
    public private(set) var confusions: [Confusion] = []

    public init(matcher: IntentMatcher, samples: [Sample]) {
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
            if predicted == sample.intent {
                correct += 1
                truePositive[sample.intent, default: 0] += 1
            } else {
                confusionTable[sample.intent, default: [:]][predicted, default: []].append(sample.text)
                if predicted != fallback && match.confidence >= Self.confidentThreshold {
                    confidentButWrong += 1
                }
            }
        }
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
