import Foundation

/// The result of matching one message.
public struct IntentMatch: Sendable, Equatable {
    /// How the intent was found: explainable, and reported by `civicd intents eval`.
    public enum Layer: String, Sendable, Equatable {
        /// The folded message equals a folded example.
        case exactPhrase = "exact"
        /// The scored model (n-gram and word TF-IDF with keyword evidence).
        case scored
        /// The best score was the out-of-scope class, too low, or too close to the second.
        case outOfScope = "out_of_scope"
    }

    public struct Candidate: Sendable, Equatable {
        public var intent: String
        public var score: Double
    }

    public var intent: String
    public var confidence: Double
    public var layer: Layer
    /// The best-scoring intents, best first (at most three).
    public var candidates: [Candidate]
}

/// Matches messages to intents without a neural model.
///
/// 1. **Exact phrases**: a folded message equal to a folded example wins outright.
/// 2. **Keywords**: an intent's keyword stems in the message add evidence.
/// 3. **Scored model**: TF-IDF cosine similarity over word stems and character trigrams
///    against every example through inverted indexes (cost follows the postings touched,
///    not the number of examples); an intent scores its best example plus keyword evidence.
///    The `fallback` intent's examples are an explicit out-of-scope class.
/// Below ``threshold``, or when the two best intents are closer than ``margin``, the answer is
/// `fallback`. Ties break by catalogue order, so results are deterministic.
public struct IntentMatcher: Sendable {
    public static let fallbackIntent = "fallback"

    /// Scores below this are out of scope.
    public var threshold = 0.30
    /// Two different intents closer than this are too ambiguous to answer.
    public var margin = 0.015
    /// Score added per keyword found (at most two count).
    public var keywordBonus = 0.08

    private let intentIDs: [String]
    private let exactPhrases: [String: Int]
    private let keywordStems: [[String]]
    private let corrector: SpellingCorrector
    private let exampleIntent: [Int32]
    private let wordIndex: InvertedIndex
    private let gramIndex: InvertedIndex
    private let wordWeight = 0.55
    private let topicAliases: [(words: [String], topic: String)]
    private let cityAliases: [(words: [String], city: String, topic: String?)]

    public init(intents: [Intent], topics: [Topic] = [], cities: [City] = []) {
        intentIDs = intents.map(\.id)
        var exact: [String: Int] = [:]
        var vocabulary: [String: Int] = [:]
        var exampleIntent: [Int32] = []
        var wordDocuments: [[String]] = []
        var gramDocuments: [[String]] = []
        for (intentIndex, intent) in intents.enumerated() {
            for language in Language.allCases {
                for example in intent.examples[language] ?? [] {
                    let tokens = TextNormalizer.tokens(example.text)
                    guard !tokens.isEmpty else { continue }
                    let folded = tokens.joined(separator: " ")
                    if exact[folded] == nil { exact[folded] = intentIndex }
                    for token in tokens { vocabulary[token, default: 0] += 1 }
                    exampleIntent.append(Int32(intentIndex))
                    wordDocuments.append(Self.wordFeatures(tokens))
                    gramDocuments.append(Self.gramFeatures(tokens))
                }
            }
            for keyword in intent.keywords { vocabulary[keyword, default: 0] += 1 }
        }
        for topic in topics { for alias in topic.aliases { for word in alias { vocabulary[word, default: 0] += 1 } } }
        for city in cities { for alias in city.aliases { for word in alias { vocabulary[word, default: 0] += 1 } } }
        self.exactPhrases = exact
        self.keywordStems = intents.map { $0.keywords.map(TextNormalizer.stem) }
        self.corrector = SpellingCorrector(vocabulary: vocabulary)
        self.exampleIntent = exampleIntent
        self.wordIndex = InvertedIndex(documents: wordDocuments)
        self.gramIndex = InvertedIndex(documents: gramDocuments)
        self.topicAliases = topics.flatMap { topic in topic.aliases.map { (words: $0, topic: topic.id) } }
        self.cityAliases = cities.flatMap { city in city.aliases.map { (words: $0, city: city.id, topic: city.topic) } }
    }

    /// The number of examples indexed.
    public var exampleCount: Int { exampleIntent.count }

    /// The message's words, folded and with misspellings corrected to known words.
    public func correctedTokens(_ text: String) -> [String] {
        TextNormalizer.tokens(text).map { corrector.correct($0) }
    }

    public func match(_ text: String) -> IntentMatch {
        let tokens = correctedTokens(text)
        return match(tokens: tokens)
    }

    public func match(tokens: [String]) -> IntentMatch {
        let fallback = IntentMatch(intent: Self.fallbackIntent, confidence: 0, layer: .outOfScope, candidates: [])
        guard !tokens.isEmpty, !intentIDs.isEmpty else { return fallback }

        // Layer 1: an exact phrase.
        if let index = exactPhrases[tokens.joined(separator: " ")] {
            let id = intentIDs[index]
            return IntentMatch(
                intent: id, confidence: 1,
                layer: id == Self.fallbackIntent ? .outOfScope : .exactPhrase,
                candidates: [.init(intent: id, score: 1)]
            )
        }

        // Layers 2 and 3: keyword evidence plus the best example's similarity.
        let wordScores = wordIndex.cosineScores(Self.wordFeatures(tokens))
        let gramScores = gramIndex.cosineScores(Self.gramFeatures(tokens))
        var best = [Double](repeating: 0, count: intentIDs.count)
        for (example, score) in wordScores {
            let intent = Int(exampleIntent[example])
            let combined = wordWeight * score + (1 - wordWeight) * (gramScores[example] ?? 0)
            if combined > best[intent] { best[intent] = combined }
        }
        for (example, score) in gramScores where wordScores[example] == nil {
            let intent = Int(exampleIntent[example])
            let combined = (1 - wordWeight) * score
            if combined > best[intent] { best[intent] = combined }
        }
        let stems = Set(tokens.map(TextNormalizer.stem))
        for (intent, keywords) in keywordStems.enumerated() where !keywords.isEmpty {
            let hits = keywords.reduce(0) { $0 + (stems.contains($1) ? 1 : 0) }
            best[intent] += keywordBonus * Double(min(hits, 2))
        }

        // Rank: score, then catalogue order.
        let ranked = best.indices.sorted { best[$0] != best[$1] ? best[$0] > best[$1] : $0 < $1 }
        let candidates = ranked.prefix(3).map { IntentMatch.Candidate(intent: intentIDs[$0], score: min(best[$0], 1)) }
        let top = ranked[0]
        let topScore = min(best[top], 1)
        let topID = intentIDs[top]
        if topID == Self.fallbackIntent || topScore < threshold {
            return IntentMatch(intent: Self.fallbackIntent, confidence: topID == Self.fallbackIntent ? topScore : 1 - topScore,
                               layer: .outOfScope, candidates: candidates)
        }
        if ranked.count > 1 {
            let second = ranked[1]
            if intentIDs[second] != Self.fallbackIntent, topScore - min(best[second], 1) < margin {
                return IntentMatch(intent: Self.fallbackIntent, confidence: 1 - topScore, layer: .outOfScope, candidates: candidates)
            }
        }
        return IntentMatch(intent: topID, confidence: topScore, layer: .scored, candidates: candidates)
    }

    // MARK: - Topics and cities

    /// What a message names: a topic (directly, or through a city that has one) and a city.
    public struct Mentions: Sendable, Equatable {
        public var topic: String?
        public var city: String?
    }

    public func mentions(in text: String) -> Mentions {
        mentions(tokens: correctedTokens(text))
    }

    public func mentions(tokens: [String]) -> Mentions {
        var result = Mentions()
        if let hit = topicAliases.first(where: { Self.contains(tokens, $0.words) }) {
            result.topic = hit.topic
        }
        if let hit = cityAliases.first(where: { Self.contains(tokens, $0.words) }) {
            result.city = hit.city
            if result.topic == nil { result.topic = hit.topic }
        }
        return result
    }

    /// True when `alias` occurs in `tokens` as consecutive words; words of five letters or more
    /// match on their stem, so inflected forms ("Centrum Obywatelskiego") are found.
    static func contains(_ tokens: [String], _ alias: [String]) -> Bool {
        guard !alias.isEmpty, tokens.count >= alias.count else { return false }
        outer: for start in 0...(tokens.count - alias.count) {
            for (offset, word) in alias.enumerated() {
                let token = tokens[start + offset]
                if token == word { continue }
                if word.count >= 5, token.count >= 5, TextNormalizer.stem(token) == TextNormalizer.stem(word) { continue }
                continue outer
            }
            return true
        }
        return false
    }

    // MARK: - Features

    static func wordFeatures(_ tokens: [String]) -> [String] {
        tokens.map(TextNormalizer.stem)
    }

    static func gramFeatures(_ tokens: [String]) -> [String] {
        var grams: [String] = []
        for token in tokens {
            let scalars = Array(("#" + token + "#").unicodeScalars)
            guard scalars.count >= 3 else { continue }
            for start in 0...(scalars.count - 3) {
                var gram = String.UnicodeScalarView()
                gram.append(contentsOf: scalars[start..<start + 3])
                grams.append(String(gram))
            }
        }
        return grams
    }
}

/// TF-IDF vectors of documents behind an inverted index: a query touches only the postings
/// of its own features.
struct InvertedIndex: Sendable {
    private let featureIDs: [String: Int32]
    private let idf: [Double]
    /// The idf of a feature no document has.
    private let unseenIDF: Double
    /// Per feature: (document, normalised weight), in document order.
    private let postings: [[(document: Int32, weight: Float)]]

    init(documents: [[String]]) {
        var featureIDs: [String: Int32] = [:]
        var documentFrequency: [Int] = []
        var counted: [[(Int32, Int)]] = []
        for features in documents {
            var counts: [Int32: Int] = [:]
            for feature in features {
                let id: Int32
                if let existing = featureIDs[feature] {
                    id = existing
                } else {
                    id = Int32(documentFrequency.count)
                    featureIDs[feature] = id
                    documentFrequency.append(0)
                }
                counts[id, default: 0] += 1
            }
            for id in counts.keys { documentFrequency[Int(id)] += 1 }
            counted.append(counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        let total = Double(max(documents.count, 1))
        let idf = documentFrequency.map { log((total + 1) / (Double($0) + 1)) + 1 }
        var postings = [[(document: Int32, weight: Float)]](repeating: [], count: idf.count)
        for (document, counts) in counted.enumerated() {
            let weights = counts.map { (id, count) in (id, (1 + log(Double(count))) * idf[Int(id)]) }
            let norm = weights.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            guard norm > 0 else { continue }
            for (id, weight) in weights {
                postings[Int(id)].append((Int32(document), Float(weight / norm)))
            }
        }
        self.featureIDs = featureIDs
        self.idf = idf
        self.unseenIDF = log(total + 1) + 1
        self.postings = postings
    }

    /// Cosine similarity of the query to every document sharing a feature with it.
    func cosineScores(_ features: [String]) -> [Int: Double] {
        var counts: [Int32: Int] = [:]
        var unknownWeight = 0.0
        for feature in features {
            if let id = featureIDs[feature] {
                counts[id, default: 0] += 1
            } else {
                // An unseen feature still lengthens the query vector (with the highest idf).
                unknownWeight += unseenIDF * unseenIDF
            }
        }
        guard !counts.isEmpty else { return [:] }
        let weights = counts.map { (id, count) in (id, (1 + log(Double(count))) * idf[Int(id)]) }
        let norm = (weights.reduce(0) { $0 + $1.1 * $1.1 } + unknownWeight).squareRoot()
        var scores: [Int: Double] = [:]
        for (id, weight) in weights {
            let queryWeight = weight / norm
            for posting in postings[Int(id)] {
                scores[Int(posting.document), default: 0] += queryWeight * Double(posting.weight)
            }
        }
        return scores
    }
}
