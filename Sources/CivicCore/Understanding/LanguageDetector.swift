/// Guesses whether a message is Polish or English from diacritics and ``CommonWords``.
/// Returns nil when the message gives no evidence (a name, a number, "ok").
public enum LanguageDetector {
    static let polishLetters: Set<Character> = ["ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż", "Ą", "Ć", "Ę", "Ł", "Ń", "Ó", "Ś", "Ź", "Ż"]

    /// Polish letters weigh as much as two Polish words: strong evidence, yet an English question
    /// naming Kraków or Łódź stays English.
    public static func detect(_ text: String) -> Language? {
        detect(text, words: TextNormalizer.tokens(text))
    }

    /// The same, with the text's folded words already at hand.
    public static func detect(_ text: String, words: [String]) -> Language? {
        // In halves: a common word counts 2, the spelling of another word 1.
        var polish = text.contains(where: { polishLetters.contains($0) }) ? 4 : 0
        var english = 0
        for word in words {
            let isPolish = CommonWords.polish.contains(word)
            let isEnglish = CommonWords.english.contains(word)
            if isPolish && isEnglish { continue }  // "i", "to", "on", "no": no evidence either way
            if isPolish { polish += 2 }
            if isEnglish { english += 2 }
            if !isPolish && !isEnglish, word.count >= 4 {
                // Written without diacritics Polish still has its spelling: "wroclawiu", "szkolenie".
                if looksPolish(word) { polish += 1 } else if looksEnglish(word) { english += 1 }
            }
        }
        if polish == english { return nil }
        return polish > english ? .pl : .en
    }

    static let polishClusters = ["sz", "cz", "rz", "dz", "prz", "wsk", "szcz", "ck"]
    static let polishEndings = ["ach", "ami", "iu", "ego", "emu", "cie", "scie", "owie", "ych", "ymi", "ej", "ow", "ac", "ic", "cji", "sji"]
    static let englishClusters = ["th", "wh", "sh", "ee", "ing", "tion", "ould", "ght", "ea"]
    static let englishEndings = ["ly", "ed", "es"]

    /// Letter clusters and endings of Polish written without diacritics.
    static func looksPolish(_ word: String) -> Bool {
        polishClusters.contains(where: word.contains) || polishEndings.contains(where: word.hasSuffix)
    }

    static func looksEnglish(_ word: String) -> Bool {
        englishClusters.contains(where: word.contains) || englishEndings.contains(where: word.hasSuffix)
    }
}
