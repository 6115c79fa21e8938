/// Corrects misspelt words to the closest word the catalogue knows, by Damerau–Levenshtein
/// distance (1 for words of 4–6 letters, 2 for longer ones). Candidates come from a
/// symmetric-delete index, so a look-up costs the same whatever the vocabulary's size. A word
/// of a dictionary (`realWords`) is spelt right and left as it is.
///
/// The index is keyed by a 64-bit hash of each deletion variant rather than by the variant
/// itself, so a look-up builds no strings. A hash collision only adds a candidate, and every
/// candidate is checked by computing its distance, so collisions cannot change a correction.
public struct SpellingCorrector: Sendable {
    private let words: [[Unicode.Scalar]]
    private let texts: [String]
    private let frequency: [Int]
    private let known: [String: Int]
    /// Hash of a word, or of it with up to `maxDistance(for:)` letters deleted → the words it came from.
    private let variants: [UInt64: [Int32]]
    /// Words that are spelt right though the vocabulary lacks them: never corrected.
    private let realWords: Set<String>
    /// Inflected forms of known words, to the known word of the same lemma ("trenerem" → "trener"):
    /// taken before any correction by distance, which could pick another word ("planowac" → "pracowac").
    private let forms: [String: String]

    public init(vocabulary: [String: Int], realWords: Set<String> = [], forms: [String: String] = [:]) {
        self.realWords = realWords
        self.forms = forms
        let sorted = vocabulary.keys.sorted()
        var known: [String: Int] = [:]
        var variants: [UInt64: [Int32]] = [:]
        for (index, word) in sorted.enumerated() {
            known[word] = index
            let scalars = Array(word.unicodeScalars)
            guard scalars.count <= Self.maxCorrectableLength else { continue }
            Self.forEachVariant(of: scalars, upTo: Self.maxDistance(for: scalars.count)) { hash in
                if variants[hash]?.last != Int32(index) { variants[hash, default: []].append(Int32(index)) }
            }
        }
        self.texts = sorted
        self.words = sorted.map { Array($0.unicodeScalars) }
        self.frequency = sorted.map { vocabulary[$0] ?? 0 }
        self.known = known
        self.variants = variants
    }

    /// The known word closest to `word`, or `word` itself when it is known or nothing is close.
    public func correct(_ word: String) -> String {
        if known[word] != nil { return word }
        if let form = forms[word], known[form] != nil { return form }
        if realWords.contains(word) { return word }
        // Deletion variants grow with the cube of a word's length: a 600-letter "word" cost
        // seconds. No real word is that long, so a longer one is left as typed, and a look-up
        // costs at most a constant (about 24³ hash steps), whatever a line holds.
        guard word.unicodeScalars.count <= Self.maxCorrectableLength else { return word }
        let scalars = Array(word.unicodeScalars)
        let limit = Self.maxDistance(for: scalars.count)
        guard limit > 0 else { return word }
        var candidates: [Int32] = []
        Self.forEachVariant(of: scalars, upTo: limit) { hash in
            if let found = variants[hash] { candidates.append(contentsOf: found) }
        }
        candidates.sort()
        var best: (distance: Int, frequency: Int, index: Int)?
        var previous: Int32 = -1
        for candidate in candidates where candidate != previous {
            previous = candidate
            let index = Int(candidate)
            let candidateScalars = words[index]
            let allowed = min(limit, Self.maxDistance(for: candidateScalars.count))
            guard allowed > 0 else { continue }
            let distance = Self.distance(scalars, candidateScalars, limit: allowed)
            guard distance <= allowed else { continue }
            // Closest first, then the more common word, then alphabetical (the lower index): deterministic.
            if let current = best {
                if distance < current.distance || (distance == current.distance && frequency[index] > current.frequency) {
                    best = (distance, frequency[index], index)
                }
            } else {
                best = (distance, frequency[index], index)
            }
        }
        return best.map { texts[$0.index] } ?? word
    }

    /// The longest word (in Unicode scalars) the corrector looks at; longer ones are never corrected.
    public static let maxCorrectableLength = 24

    static func maxDistance(for length: Int) -> Int {
        switch length {
        case ..<4: return 0
        case 4...6: return 1
        default: return 2
        }
    }

    /// Calls `body` with the hash of `word` and of every string made by deleting 1...`distance`
    /// scalars from it (a variant reached in two ways is reported twice).
    static func forEachVariant(of word: [Unicode.Scalar], upTo distance: Int, _ body: (UInt64) -> Void) {
        body(hash(word, skipping: -1, -1))
        guard distance >= 1, word.count > 1 else { return }
        for first in word.indices {
            body(hash(word, skipping: first, -1))
            guard distance >= 2, word.count > 2 else { continue }
            for second in (first + 1)..<word.count {
                body(hash(word, skipping: first, second))
            }
        }
    }

    /// FNV-1a over the scalars of `word` except those at the two positions given (-1: none).
    private static func hash(_ word: [Unicode.Scalar], skipping first: Int, _ second: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in word.indices where index != first && index != second {
            var value = word[index].value
            for _ in 0..<3 {
                hash = (hash ^ UInt64(value & 0xff)) &* 0x0000_0100_0000_01b3
                value >>= 8
            }
        }
        return hash
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
