/// Languages civicd does not speak but can recognise, so that a resident writing one gets a
/// short answer they can read, saying which languages it speaks. Evidence is a few very common
/// words, never a single word. (Ukrainian is spoken, and Russian understood: neither is here.)
public enum ForeignLanguage: String, Sendable, CaseIterable {
    case german = "de", french = "fr", spanish = "es", italian = "it"

    /// "We speak Polish, English and Ukrainian", in this language.
    public var languagesSpoken: String {
        switch self {
        case .german: return "Ich spreche nur Polnisch, Englisch und Ukrainisch."
        case .french: return "Je ne parle que polonais, anglais et ukrainien."
        case .spanish: return "Solo hablo polaco, inglés y ucraniano."
        case .italian: return "Parlo solo polacco, inglese e ucraino."
        }
    }

    /// Folded very common words of each Latin-script language, absent from Polish and English.
    static let commonWords: [ForeignLanguage: Set<String>] = [
        .german: ["ich", "und", "der", "die", "das", "ist", "nicht", "wie", "kann", "ein", "eine", "mit", "fur", "ich", "sie", "wir", "bitte", "wo", "gibt", "es", "mich", "anmelden", "danke", "hallo", "guten", "tag"],
        .french: ["je", "le", "la", "les", "est", "et", "vous", "pour", "une", "des", "comment", "peux", "bonjour", "merci", "suis", "est", "ce", "que", "qui", "ou", "mon", "ma", "inscrire"],
        .spanish: ["el", "los", "las", "es", "y", "que", "por", "para", "una", "como", "puedo", "hola", "gracias", "donde", "esta", "estoy", "quiero", "mi", "inscribirme", "buenos", "dias"],
        .italian: ["il", "lo", "gli", "e", "che", "per", "una", "come", "posso", "ciao", "grazie", "dove", "sono", "voglio", "mi", "buongiorno", "iscrivermi", "della", "delle"],
    ]

    /// The language `text` is written in, when it is one of these and clearly not Polish or English.
    public static func detect(_ text: String) -> ForeignLanguage? {
        // Cyrillic is Ukrainian, or Russian, which civicd understands (``LanguageDetector``).
        guard !LanguageDetector.isCyrillic(text) else { return nil }
        let words = TextNormalizer.tokens(text)
        let ours = words.filter { CommonWords.contains($0) || CommonWords.ukrainianLatin.contains($0) }.count
        var best: (language: ForeignLanguage, count: Int)?
        for (language, common) in commonWords {
            let count = words.filter { common.contains($0) && !CommonWords.contains($0) }.count
            if count > (best?.count ?? 0) { best = (language, count) }
        }
        guard let best, best.count >= 2, best.count > ours else { return nil }
        return best.language
    }
}
