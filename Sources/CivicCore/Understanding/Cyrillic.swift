/// What folding does to Cyrillic beyond lower case and marks (``TextNormalizer``), and the
/// transliteration that brings Latin-typed Ukrainian ("pryvit, yak zapysatysia?") to the same
/// folded words as Cyrillic ("привіт, як записатися?").
enum Cyrillic {
    /// Folded Cyrillic letters (after decomposition and lower case): the letter, or nil to drop it.
    /// `й`, `ї` and `ё` decompose to `и`, `і` and `е` with a mark, which folding drops.
    static let folds: [Unicode.Scalar: Unicode.Scalar?] = [
        "і": "и", "ы": "и", "є": "е", "э": "е", "ґ": "г", "ь": nil, "ъ": nil,
    ]

    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x04FF).contains(scalar.value)
    }

    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    /// Apostrophes Ukrainian writes inside words ("м'ясо", "об’єднання", "з`явитися").
    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}", "\u{2018}", "`", "\u{02B9}"]

    /// Latin letters that look like Cyrillic ones, as typed inside a Cyrillic word.
    static let cyrillicLookAlike: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "а", "A": "А", "B": "В", "c": "с", "C": "С", "e": "е", "E": "Е", "H": "Н", "i": "і", "I": "І",
        "k": "к", "K": "К", "M": "М", "m": "м", "o": "о", "O": "О", "p": "р", "P": "Р", "T": "Т", "t": "т",
        "x": "х", "X": "Х", "y": "у", "Y": "У",
    ]
    /// Cyrillic letters that look like Latin ones, as typed inside a Latin word ("Krоsno" with a Cyrillic о).
    static let latinLookAlike: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (latin, cyrillic) in cyrillicLookAlike where table[cyrillic] == nil { table[cyrillic] = latin }
        return table
    }()

    /// `text` with every word in one script: look-alike letters of the other script replaced by
    /// the word's majority script (ties go to Cyrillic), apostrophes inside Cyrillic words
    /// dropped. Text without Cyrillic is returned as it is. Linear in the text's length.
    static func unmixed(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isCyrillic) else { return text }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var start = 0
        while start < scalars.count {
            guard isWordScalar(scalars[start]) else {
                out.append(scalars[start])
                start += 1
                continue
            }
            var end = start
            var cyrillic = 0
            var latin = 0
            while end < scalars.count {
                let scalar = scalars[end]
                if isCyrillic(scalar) { cyrillic += 1 } else if isLatinLetter(scalar) { latin += 1 }
                if isWordScalar(scalar) {
                    end += 1
                } else if apostrophes.contains(scalar), end + 1 < scalars.count, isWordScalar(scalars[end + 1]), end > start {
                    end += 1
                } else {
                    break
                }
            }
            let toCyrillic = cyrillic > 0 && cyrillic >= latin
            for index in start..<end {
                let scalar = scalars[index]
                if apostrophes.contains(scalar) {
                    // Inside a Cyrillic word the apostrophe is part of its spelling; in a Latin
                    // word ("don't") it separates, as it always has.
                    if !toCyrillic { out.append(" ") }
                    continue
                }
                if cyrillic > 0, latin > 0 {
                    if toCyrillic, let mapped = cyrillicLookAlike[scalar] { out.append(mapped); continue }
                    if !toCyrillic, let mapped = latinLookAlike[scalar] { out.append(mapped); continue }
                }
                out.append(scalar)
            }
            start = end
        }
        return String(out)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || scalar.properties.generalCategory == .nonspacingMark
    }

    // MARK: - Latin-typed Ukrainian

    /// Latin spellings of Ukrainian sounds, longest first within each starting letter, to the
    /// folded Cyrillic they stand for (KMU 2010 transliteration and the common informal ones:
    /// "ya"/"ia"/"ja", "sch"/"shch", "g" for "г").
    private static let rules: [(latin: [Unicode.Scalar], cyrillic: String)] = {
        let pairs: [(String, String)] = [
            ("shch", "щ"), ("szcz", "щ"), ("sch", "щ"),
            ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("cz", "ч"), ("sh", "ш"), ("sz", "ш"), ("ts", "ц"),
            ("ya", "я"), ("ia", "я"), ("ja", "я"), ("yu", "ю"), ("iu", "ю"), ("ju", "ю"),
            ("ye", "е"), ("ie", "е"), ("je", "е"), ("yi", "ии"), ("ji", "ии"), ("yo", "ио"), ("jo", "ио"),
            ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("h", "г"), ("g", "г"), ("d", "д"), ("e", "е"),
            ("z", "з"), ("y", "и"), ("i", "и"), ("j", "и"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
            ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("c", "ц"),
            ("x", "кс"), ("q", "к"),
        ]
        return pairs.map { (Array($0.0.unicodeScalars), $0.1) }.sorted { $0.latin.count > $1.latin.count }
    }()

    /// Polish spellings to the folded Cyrillic a Ukrainian writes the same sounds with, for
    /// Polish names typed in Cyrillic ("Поланка", "Суходол", "Траугутта").
    private static let polishRules: [(latin: [Unicode.Scalar], cyrillic: String)] = {
        let pairs: [(String, String)] = [
            ("szcz", "щ"), ("ch", "х"), ("cz", "ч"), ("sz", "ш"), ("rz", "ж"), ("ia", "я"), ("ie", "е"), ("iu", "ю"),
            ("io", "о"), ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "г"),
            ("i", "и"), ("j", "и"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
            ("s", "с"), ("t", "т"), ("u", "у"), ("w", "в"), ("v", "в"), ("y", "и"), ("z", "з"), ("x", "кс"),
        ]
        return pairs.map { (Array($0.0.unicodeScalars), $0.1) }.sorted { $0.latin.count > $1.latin.count }
    }()

    /// A folded Polish word as a Ukrainian would write it in Cyrillic, folded: "polanka" → "поланка".
    static func fromPolish(_ word: String) -> String {
        spelt(word, with: polishRules)
    }

    private static func spelt(_ word: String, with rules: [(latin: [Unicode.Scalar], cyrillic: String)]) -> String {
        let scalars = Array(word.unicodeScalars)
        guard scalars.allSatisfy(isLatinLetter) else { return word }
        var out = ""
        var index = 0
        while index < scalars.count {
            if let rule = rules.first(where: { index + $0.latin.count <= scalars.count && scalars[index..<index + $0.latin.count].elementsEqual($0.latin) }) {
                out += rule.cyrillic
                index += rule.latin.count
            } else {
                out.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        return out
    }

    /// A folded Latin word spelt back in folded Cyrillic: "zapysatysia" → "записатися" (folded).
    /// A word with anything but Latin letters is returned as it is.
    static func fromLatin(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        guard !scalars.isEmpty, scalars.allSatisfy(isLatinLetter) else { return word }
        var out = ""
        var index = 0
        var end = scalars.count
        var suffix = ""
        // "-ться" is written "-tsia" (KMU 2010), "-ція" "-tsiia": "znakhodytsia" is "знаходиться".
        for (latin, cyrillic) in [("tsia", "тся"), ("tsya", "тся")] where word.hasSuffix(latin) && !word.hasSuffix("i" + latin) && scalars.count > 5 {
            end -= latin.count
            suffix = cyrillic
        }
        // "ї" at the start is written "yi" ("yikh" is "їх"); inside a word "yi" is "ий" ("dobryi").
        if scalars.count > 2, scalars[0] == "y" || scalars[0] == "j", scalars[1] == "i" {
            out = "и"
            index = 2
        }
        while index < end {
            // "ьо" is written "io" after a consonant: "siohodni" is "сьогодні".
            if scalars[index] == "i", index > 0, index + 1 < end, scalars[index + 1] == "o",
               !"aeiouy".unicodeScalars.contains(scalars[index - 1]) {
                out += "о"
                index += 2
                continue
            }
            var matched = false
            for rule in rules where index + rule.latin.count <= end {
                if scalars[index..<index + rule.latin.count].elementsEqual(rule.latin) {
                    out += rule.cyrillic
                    index += rule.latin.count
                    matched = true
                    break
                }
            }
            if !matched {
                out.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        return out + suffix
    }
}
