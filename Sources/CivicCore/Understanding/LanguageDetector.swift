/// Guesses whether a message is Polish, English or Ukrainian from its script, diacritics and
/// ``CommonWords``. Returns nil when the message gives no evidence (a name, a number, "ok").
///
/// Cyrillic text is Ukrainian — Russian too, which civicd understands and answers in the
/// configured language (``isRussian(_:words:)`` tells them apart). Ukrainian typed in Latin
/// letters ("pryvit, yak zapysatysia?") is told by its own common words and spellings (`zh`,
/// `kh`, `shch`, `-tysia`), which Polish written without diacritics does not have.
public enum LanguageDetector {
    static let polishLetters: Set<Character> = ["ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż", "Ą", "Ć", "Ę", "Ł", "Ń", "Ó", "Ś", "Ź", "Ż"]

    /// Polish letters weigh as much as two Polish words: strong evidence, yet an English question
    /// naming Kraków or Łódź stays English.
    public static func detect(_ text: String) -> Language? {
        detect(text, words: TextNormalizer.tokens(text))
    }

    /// The same, with the text's folded words already at hand.
    public static func detect(_ text: String, words: [String]) -> Language? {
        if isCyrillic(text) { return .uk }
        return detect(words: words, hasPolishLetters: text.contains(where: { polishLetters.contains($0) }))
    }

    /// The same for a Latin-script text told by its folded words and whether it has Polish letters.
    static func detect(words: [String], hasPolishLetters: Bool) -> Language? {
        // In halves: a common word counts 2, the spelling of another word 1.
        var polish = hasPolishLetters ? 4 : 0
        var english = 0
        var ukrainian = 0
        for word in words {
            let isPolish = CommonWords.polish.contains(word)
            let isEnglish = CommonWords.english.contains(word)
            if isPolish && isEnglish { continue }  // "i", "to", "on", "no": no evidence either way
            if isPolish { polish += 2 }
            if isEnglish { english += 2 }
            if !isPolish && !isEnglish {
                if CommonWords.ukrainianLatin.contains(word) {
                    ukrainian += 2
                } else if word.count >= 4 {
                    // Written without diacritics Polish still has its spelling: "wroclawiu", "szkolenie".
                    if looksUkrainianLatin(word) { ukrainian += 1 } else if looksPolish(word) { polish += 1 } else if looksEnglish(word) { english += 1 }
                }
            }
        }
        if ukrainian > polish, ukrainian > english, ukrainian >= 2 { return .uk }
        if polish == english { return nil }
        return polish > english ? .pl : .en
    }

    /// Mostly Cyrillic: at least a third of the letters, so that a Ukrainian question naming
    /// "Urząd Miasta Krosna" stays Ukrainian.
    public static func isCyrillic(_ text: String) -> Bool {
        var letters = 0
        var cyrillic = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            if Cyrillic.isCyrillic(scalar) { cyrillic += 1 }
        }
        return cyrillic > 0 && cyrillic * 3 >= letters
    }

    /// True when a Cyrillic message is Russian rather than Ukrainian: by the letters only one of
    /// them has (`ы э ъ ё` against `і ї є ґ`) and by common words.
    public static func isRussian(_ text: String, words: [String]) -> Bool {
        guard isCyrillic(text) else { return false }
        var russian = 0
        var ukrainian = 0
        for scalar in text.lowercased().unicodeScalars {
            if russianLetters.contains(scalar) { russian += 3 }
            if ukrainianLetters.contains(scalar) { ukrainian += 3 }
        }
        for word in words {
            if CommonWords.russian.contains(word) { russian += 2 }
            if CommonWords.ukrainian.contains(word) { ukrainian += 2 }
        }
        return russian > ukrainian
    }

    static let russianLetters: Set<Unicode.Scalar> = ["ы", "э", "ъ", "ё"]
    static let ukrainianLetters: Set<Unicode.Scalar> = ["і", "ї", "є", "ґ"]

    static let polishClusters = ["sz", "cz", "rz", "dz", "prz", "wsk", "szcz", "ck"]
    static let polishEndings = ["ach", "ami", "iu", "ego", "emu", "cie", "scie", "owie", "ych", "ymi", "ej", "ow", "ac", "ic", "cji", "sji"]
    static let englishClusters = ["th", "wh", "sh", "ee", "ing", "tion", "ould", "ght", "ea"]
    static let englishEndings = ["ly", "ed", "es"]
    /// Spellings of Latin-typed Ukrainian that neither Polish nor English has.
    static let ukrainianLatinClusters = ["zh", "kh", "shch", "yi"]
    static let ukrainianLatinEndings = ["tysia", "tysya", "tsia", "tsiia", "tsii", "ysia", "uiu", "yuyu", "ykh", "nnia", "nnya", "ovi", "oiu", "yty"]

    /// Letter clusters and endings of Polish written without diacritics.
    static func looksPolish(_ word: String) -> Bool {
        polishClusters.contains(where: word.contains) || polishEndings.contains(where: word.hasSuffix)
    }

    static func looksEnglish(_ word: String) -> Bool {
        englishClusters.contains(where: word.contains) || englishEndings.contains(where: word.hasSuffix)
    }

    /// Letter clusters and endings of Ukrainian typed in Latin letters ("mozhna", "zapysatysia").
    static func looksUkrainianLatin(_ word: String) -> Bool {
        // "playing", "steakhouse": English spelling first.
        !word.contains("w") && !word.contains("q") && !looksEnglish(word)
            && (ukrainianLatinClusters.contains(where: word.contains) || ukrainianLatinEndings.contains(where: word.hasSuffix))
    }
}
