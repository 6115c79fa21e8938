/// Guesses whether a message is Polish or English from diacritics and common words.
/// Returns nil when the message gives no evidence (a name, a number, "ok").
public enum LanguageDetector {
    static let polishLetters: Set<Character> = ["ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż", "Ą", "Ć", "Ę", "Ł", "Ń", "Ó", "Ś", "Ź", "Ż"]

    /// Folded Polish function and very common words.
    static let polishWords: Set<String> = [
        "i", "w", "na", "z", "do", "sie", "nie", "tak", "jak", "co", "czy", "jest", "sa", "to", "ze", "od",
        "po", "za", "o", "dla", "mnie", "mi", "moge", "mozna", "gdzie", "kiedy", "ile", "jaki", "jaka", "jakie",
        "prosze", "dzien", "dobry", "dziekuje", "dzieki", "czesc", "witam", "kto", "chce", "chcialbym",
        "chcialabym", "zapisac", "termin", "kosztuje", "jestem", "pan", "pani", "panstwo", "ktory", "ktora",
        "gdzie", "bo", "ale", "juz", "tez", "sie", "przez", "pod", "nad", "bez", "wam", "was", "wy", "my",
        "ja", "ty", "on", "ona", "oni", "swoj", "moj", "twoj", "jezeli", "jesli", "albo", "lub", "oraz",
        "zeby", "aby", "bardzo", "dlaczego", "czym", "kim", "dokad", "skad", "dzisiaj", "jutro", "wczoraj",
        "numer", "telefon", "adres", "pomoc", "pomocy", "rozmowa", "rozmowy", "dowidzenia", "widzenia",
    ]

    /// Folded English function and very common words.
    static let englishWords: Set<String> = [
        "the", "a", "an", "and", "or", "is", "are", "was", "were", "to", "of", "in", "on", "for", "with",
        "what", "how", "where", "when", "who", "which", "why", "can", "could", "do", "does", "did", "i",
        "you", "we", "they", "it", "my", "your", "me", "please", "hello", "hi", "thanks", "thank", "bye",
        "goodbye", "want", "would", "like", "need", "is", "there", "this", "that", "about", "much", "many",
        "cost", "free", "sign", "up", "join", "deadline", "phone", "number", "address", "help", "yes", "no",
        "be", "have", "has", "will", "should", "from", "at", "by", "if", "not", "any", "some", "its", "im",
        "dont", "whats", "wheres", "hey", "morning", "evening", "good", "see", "talk", "person", "someone",
    ]

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
            let isPolish = polishWords.contains(word)
            let isEnglish = englishWords.contains(word)
            if isPolish && isEnglish { continue }  // "i", "to", "on", "no": no evidence either way
            if isPolish { polish += 1 }
            if isEnglish { english += 1 }
        }
        if polish == english { return nil }
        return polish > english ? .pl : .en
    }
}
