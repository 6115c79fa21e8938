/// Corrects misspelt words to the closest word the catalogue knows, by Damerau–Levenshtein
/// distance (1 for words of 4–6 letters, 2 for longer ones). Candidates come from a
/// symmetric-delete index, so a look-up costs the same whatever the vocabulary's size.
public struct SpellingCorrector: Sendable {
    private let words: [String]
    private let frequency: [Int]
    private let known: [String: Int]
    /// A word with up to `maxDistance(for:)` letters deleted → the words it came from.
    private let deletes: [String: [Int]]

    public init(vocabulary: [String: Int]) {
        let sorted = vocabulary.keys.sorted()
        var known: [String: Int] = [:]
        var deletes: [String: [Int]] = [:]
        for (index, word) in sorted.enumerated() {
            known[word] = index
            let scalars = Array(word.unicodeScalars)
            let distance = Self.maxDistance(for: scalars.count)
            guard distance > 0 else { continue }
            for variant in Self.deletions(of: scalars, upTo: distance) {
                deletes[variant, default: []].append(index)
            }
        }
        self.words = sorted
        self.frequency = sorted.map { vocabulary[$0] ?? 0 }
        self.known = known
        self.deletes = deletes
    }

    public func isKnown(_ word: String) -> Bool { known[word] != nil }

    /// The known word closest to `word`, or `word` itself when it is known or nothing is close.
    public func correct(_ word: String) -> String {
        if known[word] != nil { return word }
        let scalars = Array(word.unicodeScalars)
        let limit = Self.maxDistance(for: scalars.count)
        guard limit > 0 else { return word }
        var candidates = Set<Int>()
        for variant in Self.deletions(of: scalars, upTo: limit) + [word] {
            if let found = deletes[variant] { candidates.formUnion(found) }
            if let exact = known[variant] { candidates.insert(exact) }
        }
        var best: (distance: Int, frequency: Int, word: String)?
        for index in candidates {
            let candidate = words[index]
            let candidateScalars = Array(candidate.unicodeScalars)
            let allowed = min(limit, Self.maxDistance(for: candidateScalars.count))
            guard allowed > 0 else { continue }
            let distance = Self.distance(scalars, candidateScalars, limit: allowed)
            guard distance <= allowed else { continue }
            let entry = (distance, frequency[index], candidate)
            if let current = best {
                // Closest first, then the more common word, then alphabetical: deterministic.
                if entry.0 < current.distance
                    || (entry.0 == current.distance && entry.1 > current.frequency)
                    || (entry.0 == current.distance && entry.1 == current.frequency && entry.2 < current.word) {
                    best = entry
                }
            } else {
                best = entry
            }
        }
        return best?.word ?? word
    }

    static func maxDistance(for length: Int) -> Int {
        switch length {
        case ..<4: return 0
        case 4...6: return 1
        default: return 2
        }
    }

    /// Every string made by deleting 1...`distance` scalars from `word`.
    static func deletions(of word: [Unicode.Scalar], upTo distance: Int) -> [String] {
        var results = Set<String>()
        var frontier: Set<[Unicode.Scalar]> = [word]
        for _ in 0..<distance {
            var next = Set<[Unicode.Scalar]>()
            for item in frontier where item.count > 1 {
                for index in item.indices {
                    var shorter = item
                    shorter.remove(at: index)
                    next.insert(shorter)
                }
            }
            for item in next {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: item)
                results.insert(String(text))
            }
            frontier = next
        }
        return results.sorted()
    }

    /// Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions);
    /// returns `limit + 1` as soon as the distance must exceed `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
