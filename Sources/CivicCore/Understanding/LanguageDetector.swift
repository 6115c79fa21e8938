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
        var polish = text.contains(where: { polishLetters.contains($0) }) ? 2 : 0
        var english = 0
        for word in words {
            let isPolish = CommonWords.polish.contains(word)
            let isEnglish = CommonWords.english.contains(word)
            if isPolish && isEnglish { continue }  // "i", "to", "on", "no": no evidence either way
            if isPolish { polish += 1 }
            if isEnglish { english += 1 }
        }
        if polish == english { return nil }
        return polish > english ? .pl : .en
    }
}
