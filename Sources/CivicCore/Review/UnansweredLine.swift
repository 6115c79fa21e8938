/// A line a resident asked that the catalogue did not answer well, kept for staff's weekly
/// review (only with `review.keep_unanswered: true`). It carries the words and the day, and
/// nothing that links it to a session, an address or a time of day.
public struct UnansweredLine: Sendable, Equatable {
    /// Why the line is kept.
    public enum Reason: String, Sendable, Equatable, CaseIterable {
        /// Answered with the fallback.
        case fallback
        /// Answered, but with a confidence below ``ReviewPolicy/lowConfidence``.
        case lowConfidence = "low_confidence"
        /// Answered, and the resident's next line asked it again in other words.
        case rephrased
    }

    /// The line as typed (trimmed): at most ``ReviewPolicy/maxLineBytes``, no digit, no `@`.
    public var text: String
    /// Its group key: ``ReviewPolicy/groupKey(_:)``.
    public var words: [String]
    /// The language of the reply it got.
    public var language: Language
    public var reason: Reason
    /// The day it was asked, in the configured time zone.
    public var day: CalendarDay

    public init(text: String, words: [String], language: Language, reason: Reason, day: CalendarDay) {
        self.text = text
        self.words = words
        self.language = language
        self.reason = reason
        self.day = day
    }
}

/// What qualifies a line for the review, and when two lines are "the same question". Pure.
public enum ReviewPolicy {
    /// The longest line ever kept, in UTF-8 bytes (longer ones may hold a whole story).
    public static let maxLineBytes = 200
    /// An answer below this confidence is kept for review (the matcher answers from
    /// ``IntentMatcher/threshold``, 0.28, up; between the two it answers, but barely).
    public static let lowConfidence = 0.4
    /// Two lines whose group keys have a Jaccard similarity of at least this are one group.
    public static let sameQuestion = 0.8
    /// A line sharing at least this share of the smaller key with the line just answered, and
    /// understood differently, asks that line again in other words.
    public static let rephraseOverlap = 0.5

    /// True when `text` may be kept at all: at most ``maxLineBytes``, no digit of any script
    /// (a phone number, a date, a code), no `@` (an e-mail), no control character.
    public static func mayKeep(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= maxLineBytes else { return false }
        return !text.unicodeScalars.contains { scalar in
            scalar.properties.numericType != nil || scalar == "@" || scalar == "\u{FF20}" || scalar == "\u{FE6B}"
                || scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
        }
    }

    /// The words a line folds to for grouping: case, Polish letters and spelling folded as the
    /// matcher folds them (the catalogue's spelling corrections), each word stemmed, function
    /// words dropped, sorted and without repeats. "Czy jest parking?" and "czy jest PARKING"
    /// and "parkingu nie ma?" fold alike where their content words do.
    public static func groupKey(_ line: LineUnderstanding) -> [String] {
        let content = line.corrected.filter(IntentMatcher.isContentWord)
        return Array(Set(content.map(TextNormalizer.stem))).sorted()
    }

    /// Jaccard similarity of two keys: shared words over all words (1 for two empty keys).
    public static func similarity(_ a: [String], _ b: [String]) -> Double {
        let left = Set(a), right = Set(b)
        let union = left.union(right).count
        guard union > 0 else { return 1 }
        return Double(left.intersection(right).count) / Double(union)
    }

    /// True when two keys are nearly the same words: the same set, or Jaccard ≥ ``sameQuestion``
    /// (with keys of four words or fewer that means the same set; five words tolerate one extra).
    public static func sameQuestion(_ a: [String], _ b: [String]) -> Bool {
        similarity(a, b) >= sameQuestion
    }

    /// The first words of a line that say the last answer missed: "nie o to pytam", "chodzi mi
    /// o…", "I meant…". Folded, as ``TextNormalizer/tokens(_:)`` gives them.
    static let correctionOpenings: [[String]] = [
        ["nie", "o", "to"], ["nie", "to", "mialem"], ["nie", "to", "mialam"], ["nie", "pytalem", "o"], ["nie", "pytalam", "o"],
        ["chodzi", "mi", "o"], ["chodzilo", "mi", "o"], ["mialem", "na", "mysli"], ["mialam", "na", "mysli"], ["pytam", "o"],
        ["pytalem", "o"], ["pytalam", "o"], ["nie", "zrozumiales"], ["nie", "rozumiesz"],
        ["i", "mean"], ["i", "meant"], ["not", "what", "i"], ["that", "s", "not"], ["thats", "not"], ["no", "i", "asked"],
        ["i", "asked", "about"], ["you", "misunderstood"], ["that", "is", "not", "what"],
    ]

    /// True when `next`, the line after one answered with `previousIntent`, asks it again:
    /// it opens with a correction ("nie o to pytam, …"), or it shares at least
    /// ``rephraseOverlap`` of the smaller key's words with it and is understood differently
    /// (another intent, or the fallback) — a follow-up on the same intent is no miss.
    public static func isRephrase(previousKey: [String], previousIntent: IntentID, nextWords: [String], nextKey: [String], nextIntent: IntentID?) -> Bool {
        if correctionOpenings.contains(where: { nextWords.starts(with: $0) }) { return true }
        guard let nextIntent, nextIntent != previousIntent else { return false }
        let smaller = min(Set(previousKey).count, Set(nextKey).count)
        guard smaller > 0 else { return false }
        let shared = Set(previousKey).intersection(nextKey).count
        return Double(shared) / Double(smaller) >= rephraseOverlap
    }
}
