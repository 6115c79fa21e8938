import Foundation

/// Folds text to the form the matcher compares: Unicode-normalised, lower case, without
/// diacritics (with `ł`→`l`, which canonical decomposition leaves alone), and split into words.
///
/// Cyrillic is folded to a smaller alphabet, so that spellings people mix up compare equal and
/// Russian lands near Ukrainian: `і ї й ы и` → `и`, `є э ё е` → `е`, `ґ` → `г`, `ь ъ` dropped; an
/// apostrophe inside a Cyrillic word (`ʼ ' ’ ‘` or a backtick) is dropped rather than splitting
/// it ("м'ясо" → "мясо"); a Latin letter that looks like a Cyrillic one typed inside a mostly
/// Cyrillic word is read as that letter ("прuвiт" → "привіт"), and the reverse in a mostly Latin word.
public enum TextNormalizer {
    /// Letters that have no decomposition but a plain Latin equivalent.
    private static let explicitFolds: [Character: String] = [
        "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ı": "i",
    ]

    /// The folded text: letters and digits kept, everything else a single space.
    ///
    /// Text made only of scalars below U+0250 (ASCII, Latin-1, Latin Extended-A and -B: all of
    /// Polish and English) is folded scalar by scalar from a table built with the general rule,
    /// which gives the same result because none of those scalars folds differently in context;
    /// anything else takes the general rule (``referenceFold(_:)``).
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            guard scalar.value < UInt32(latinFolds.count) else { return referenceFold(text) }
            for folded in latinFolds[Int(scalar.value)] {
                if folded == " " {
                    if !lastWasSpace { out.append(" ") }
                    lastWasSpace = true
                } else {
                    out.append(folded)
                    lastWasSpace = false
                }
            }
        }
        if out.last == " " { out.removeLast() }
        return String(out)
    }

    /// Each scalar below U+0250 folded on its own by the general rule: its kept scalars, with a
    /// space wherever the rule separates words (no scalar the rule keeps is a space).
    private static let latinFolds: [[Unicode.Scalar]] = (0..<0x250).map { value in
        var fragment: [Unicode.Scalar] = []
        if let scalar = Unicode.Scalar(UInt32(value)) {
            foldScalars(of: String(Character(scalar))) { fragment.append($0 ?? " ") }
        }
        return fragment
    }

    /// The general rule: compatibility decomposition, lower case, the explicit folds, marks
    /// dropped, letters and digits kept, every run of anything else one space.
    public static func referenceFold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        foldScalars(of: Cyrillic.unmixed(text)) { folded in
            if let folded {
                out.append(folded)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        if out.last == " " { out.removeLast() }
        return String(out)
    }

    /// Calls `emit` with each kept scalar of the folded text, and nil for each separator.
    private static func foldScalars(of text: String, _ emit: (Unicode.Scalar?) -> Void) {
        let decomposed = text.decomposedStringWithCompatibilityMapping.lowercased()
        for character in decomposed {
            if let replacement = explicitFolds[character] {
                replacement.unicodeScalars.forEach { emit($0) }
                continue
            }
            for scalar in character.unicodeScalars {
                let properties = scalar.properties
                if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
                    continue
                }
                if let cyrillic = Cyrillic.folds[scalar] {
                    if let cyrillic { emit(cyrillic) }
                    continue
                }
                if properties.isAlphabetic || properties.numericType != nil {
                    emit(scalar)
                } else {
                    emit(nil)
                }
            }
        }
    }

    /// The folded words of `text`.
    public static func tokens(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }

    /// A crude but effective stem for Polish and English: the first five letters of a word
    /// (Polish inflects at the end: zapisać / zapisy / zapisu / zapisanie → "zapis"), after
    /// English "-ing", "-ed" and plural "-s" are taken off (funds / funded / funding → "fund").
    /// How many leading characters two words share.
    static func sharedPrefixLength(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }

    public static func stem(_ word: String) -> String {
        let base = strippingEnglishSuffix(word)
        return base.count <= 5 ? base : String(base.prefix(5))
    }

    static func strippingEnglishSuffix(_ word: String) -> String {
        let count = word.count
        if count >= 6, word.hasSuffix("ing") { return String(word.dropLast(3)) }
        if count >= 5, word.hasSuffix("ed") { return String(word.dropLast(2)) }
        if count >= 5, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("es"), !word.hasSuffix("us"),
           let before = word.dropLast().last, !"aeiouy".contains(before) {
            return String(word.dropLast())
        }
        return word
    }
}
