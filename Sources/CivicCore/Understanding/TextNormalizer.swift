import Foundation

/// Folds text to the form the matcher compares: Unicode-normalised, lower case, without
/// diacritics (with `ł`→`l`, which canonical decomposition leaves alone), and split into words.
public enum TextNormalizer {
    /// Letters that have no decomposition but a plain Latin equivalent.
    private static let explicitFolds: [Character: String] = [
        "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ı": "i",
    ]

    /// The folded text: letters and digits kept, everything else a single space.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        let decomposed = text.decomposedStringWithCompatibilityMapping.lowercased()
        for character in decomposed {
            if let replacement = explicitFolds[character] {
                out.append(contentsOf: replacement.unicodeScalars)
                lastWasSpace = false
                continue
            }
            for scalar in character.unicodeScalars {
                let properties = scalar.properties
                if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
                    continue
                }
                if properties.isAlphabetic || properties.numericType != nil {
                    out.append(scalar)
                    lastWasSpace = false
                } else if !lastWasSpace {
                    out.append(" ")
                    lastWasSpace = true
                }
            }
        }
        if out.last == " " { out.removeLast() }
        return String(out)
    }

    /// The folded words of `text`.
    public static func tokens(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }

    /// A crude but effective stem for Polish and English: the first five letters of a word
    /// (Polish inflects at the end: zapisać / zapisy / zapisu / zapisanie → "zapis"), after
    /// English "-ing", "-ed" and plural "-s" are taken off (funds / funded / funding → "fund").
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
