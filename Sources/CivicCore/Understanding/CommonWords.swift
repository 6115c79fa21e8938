/// The function and very common words of each language, folded: one list with two uses. The
/// language detector counts them as evidence of a language; the matcher and the catalogue
/// check treat them as carrying no topic (never "unknown", never an example on their own).
public enum CommonWords {
    /// Folded Polish function and very common words.
    public static let polish: Set<String> = [
        "i", "w", "na", "z", "do", "sie", "nie", "tak", "jak", "co", "czy", "jest", "sa", "to", "ze", "od",
        "po", "za", "o", "dla", "mnie", "mi", "moge", "mozna", "gdzie", "kiedy", "ile", "jaki", "jaka", "jakie",
        "prosze", "dzien", "dobry", "dziekuje", "dzieki", "czesc", "witam", "kto", "chce", "chcialbym",
        "chcialabym", "zapisac", "termin", "kosztuje", "jestem", "pan", "pani", "panstwo", "ktory", "ktora",
        "gdzie", "bo", "ale", "juz", "tez", "sie", "przez", "pod", "nad", "bez", "wam", "was", "wy", "my",
        "ja", "ty", "on", "ona", "oni", "swoj", "moj", "twoj", "jezeli", "jesli", "albo", "lub", "oraz",
        "zeby", "aby", "bardzo", "dlaczego", "czym", "kim", "dokad", "skad", "dzisiaj", "jutro", "wczoraj",
        "numer", "telefon", "adres", "pomoc", "pomocy", "rozmowa", "rozmowy", "dowidzenia", "widzenia",
        "potem", "pozniej", "nastepnie", "teraz", "wtedy", "dobrze", "dobra", "spoko",
        // Also English words ("a we wroclawiu tez?"): in both lists they are no evidence either way.
        "a", "we",
    ]

    /// Folded English function and very common words.
    public static let english: Set<String> = [
        "the", "a", "an", "and", "or", "is", "are", "was", "were", "to", "of", "in", "on", "for", "with",
        "what", "how", "where", "when", "who", "which", "why", "can", "could", "do", "does", "did", "i",
        "you", "we", "they", "it", "my", "your", "me", "please", "hello", "hi", "thanks", "thank", "bye",
        "goodbye", "want", "would", "like", "need", "is", "there", "this", "that", "about", "much", "many",
        "cost", "free", "sign", "up", "join", "deadline", "phone", "number", "address", "help", "yes", "no",
        "be", "have", "has", "will", "should", "from", "at", "by", "if", "not", "any", "some", "its", "im",
        "dont", "whats", "wheres", "hey", "morning", "evening", "good", "see", "talk", "person", "someone",
        "think", "so", "don", "really", "sorry",
    ]

    /// True for a folded word common in any language we speak.
    public static func contains(_ word: String) -> Bool {
        polish.contains(word) || english.contains(word)
    }
}
