/// The formal register of Polish for residents who write formally ("Szanowni Państwo, uprzejmie
/// proszę…"): replies are written with "Ty" ("zapytaj", "Cię"), and are rewritten here to the
/// "Państwo" form offices use in writing ("proszę zapytać", "Państwa"). A table of phrases and
/// words, longest first. `FormalPolishTests` rewrites every Polish reply and form message and
/// fails on a leftover word of the table or an unknown second-person verb (-sz, -eś, -aś); an
/// informal imperative of another shape in a new reply still needs a rule added here by hand.
public enum FormalPolish {
    /// Words in a resident's line that address us formally.
    static let formalMarkers: Set<String> = [
        "panstwo", "panstwa", "panstwu", "panstwem", "uprzejmie", "szanowni", "szanowny", "szanowna", "szanownych",
        "moglibyscie", "mogliby", "zechca", "zechcieliby", "pozwalam",
    ]

    /// Words of ordinary polite Polish that only a formal writer uses: "Będę wdzięczna za
    /// odpowiedź", "Z poważaniem", "czy mogłaby Pani…" (a conditional in the third person).
    static let politeMarkers: Set<String> = [
        "wdzieczna", "wdzieczny", "wdzieczni", "wdzieczne", "powazaniem", "uprzejmosc", "laskawie",
        "moglaby", "moglby", "zechcialaby", "zechcialby", "bylaby", "bylby", "uprzejma", "uprzejmy",
    ]

    /// "Pan"/"Pani" in the cases one addresses a person with.
    static let addressWords: Set<String> = ["pan", "pani", "pana", "panu", "panem", "pania", "panie"]

    /// Words before "Pani"/"Pan" that make it a third person talked about ("ta pani z urzędu").
    static let thirdPersonBefore: Set<String> = ["ta", "ten", "tej", "tego", "jakas", "jakis", "jakiejs", "jakiegos", "ktora", "ktory", "z", "do", "u", "od", "ze", "ktoras", "ktoros"]

    /// True when the folded words address us formally: the salutations of a letter, "Państwo",
    /// polite words only a formal writer uses, "Pan"/"Pani" spoken to, or "proszę" asking with an
    /// infinitive or "o" ("proszę zapisać", "proszę o informację") — not the casual "zapisz mnie, proszę".
    public static func addressesFormally(words: [String]) -> Bool {
        if words.contains(where: { formalMarkers.contains($0) || politeMarkers.contains($0) }) { return true }
        for (index, word) in words.enumerated() {
            let previous = index > 0 ? words[index - 1] : nil
            let next = index + 1 < words.count ? words[index + 1] : nil
            if addressWords.contains(word), !(previous.map(thirdPersonBefore.contains) ?? false), index > 0 || next != nil {
                // "czy Pani wie", "proszę Pana", "Panie Krzysztofie" — never "pan" alone as the line.
                return true
            }
            if word == "prosze" || word == "uprzejmie", let next, next == "o" || isInfinitive(next) { return true }
        }
        return false
    }

    /// Folded Polish words of a resident who speaks to us with "ty" (or the plain "wy"): the
    /// second person of verbs and pronouns, and the greetings among friends.
    static let informalMarkers: Set<String> = [
        "mozesz", "wiesz", "masz", "jestes", "potrafisz", "umiesz", "znasz", "pomozesz", "powiesz", "podasz", "sprawdzisz", "zapiszesz",
        "powiedz", "podaj", "pomoz", "sprawdz", "zapisz", "napisz", "wyjasnij", "daj", "pokaz", "opowiedz", "wytlumacz",
        "cie", "ciebie", "tobie", "toba", "twoj", "twoja", "twoje",
        "mozecie", "wiecie", "macie", "jestescie", "pomagacie", "robicie", "powiedzcie", "podajcie", "zapiszcie", "pomozcie",
        "czesc", "hej", "hejka", "siema", "siemka", "elo", "czolem", "witaj",
    ]

    /// True when the folded words speak to us with "ty" ("możesz mi powiedzieć", "cześć", "zapisz mnie").
    public static func addressesInformally(words: [String]) -> Bool {
        words.contains(where: informalMarkers.contains)
    }

    /// A folded Polish infinitive: "zapisac", "podac", "pomoc" (-c), "isc", "moc".
    static func isInfinitive(_ word: String) -> Bool {
        word.count >= 4 && (word.hasSuffix("ac") || word.hasSuffix("ec") || word.hasSuffix("ic") || word.hasSuffix("yc") || word.hasSuffix("uc") || word.hasSuffix("oc") || word.hasSuffix("sc") || word.hasSuffix("ic"))
    }

    /// Informal → formal, phrases before words. Applied at word boundaries; a rule written in
    /// lower case also rewrites the capitalised form.
    static let rules: [(String, String)] = [
        ("Sprawdź, proszę:", "Proszę sprawdzić:"),
        ("Odpowiedz, proszę,", "Proszę odpowiedzieć:"),
        ("Jak się nazywasz? Podaj imię i nazwisko.", "Proszę podać imię i nazwisko."),
        ("jak się nazywasz?", "proszę podać imię i nazwisko."),
        ("gdybyś chciał(a)", "gdyby Państwo chcieli"),
        ("napisz, proszę,", "proszę napisać"), ("wracaj,", "zapraszamy ponownie,"), ("pisz śmiało", "zapraszamy do kontaktu"),
        ("zgadzasz się", "zgadzają się Państwo"),
        ("czy jesteś tam jeszcze?", "czy są tam Państwo jeszcze?"),
        ("z Tobą", "z Państwem"), ("do Ciebie", "do Państwa"),
        ("chcesz", "chcą Państwo"), ("możesz", "mogą Państwo"), ("masz", "mają Państwo"), ("jesteś", "są Państwo"),
        ("mieszkasz", "mieszkają Państwo"), ("pytasz", "pytają Państwo"), ("sprawdzisz", "sprawdzą Państwo"),
        ("porozmawiasz", "porozmawiają Państwo"), ("będziesz", "będą Państwo"), ("chciałbyś", "chcieliby Państwo"), ("chciałabyś", "chcieliby Państwo"),
        ("Tobą", "Państwem"), ("Tobie", "Państwu"), ("Ciebie", "Państwa"), ("Cię", "Państwa"), ("Ci", "Państwu"),
        ("Twój", "Państwa"), ("Twoje", "Państwa"), ("Twoja", "Państwa"), ("Twojego", "Państwa"), ("Twoją", "Państwa"),
        ("Twoich", "Państwa"), ("Twoim", "Państwa"), ("Twojej", "Państwa"),
        ("napisz", "proszę napisać"), ("zapytaj", "proszę zapytać"), ("podaj", "proszę podać"), ("wpisz", "proszę wpisać"),
        ("spróbuj", "proszę spróbować"), ("odpowiedz", "proszę odpowiedzieć"), ("daj", "proszę dać"),
        ("zadzwoń", "proszę zadzwonić"), ("sprawdź", "proszę sprawdzić"), ("wybierz", "proszę wybrać"),
        ("zachowaj", "proszę zachować"), ("odwiedź", "proszę odwiedzić"), ("zapisz", "proszę zapisać"),
    ]

    /// Words that must not remain in a formal reply (the test's check).
    static let informalWords: Set<String> = Set(rules.map(\.0).filter { !$0.contains(" ") }.map { $0.lowercased() })

    /// `text` in the formal register.
    public static func rewrite(_ text: String) -> String {
        var text = text
        for (informal, formal) in rules {
            text = replace(informal, with: formal, in: text)
            if let first = informal.first, first.isLowercase {
                text = replace(capitalised(informal), with: capitalised(formal), in: text)
            }
        }
        return text.replacingOccurrences(of: "proszę proszę", with: "proszę")
            .replacingOccurrences(of: "Proszę proszę", with: "Proszę")
    }

    static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// Replaces whole-word occurrences of `phrase` (no letter right before or after it).
    static func replace(_ phrase: String, with replacement: String, in text: String) -> String {
        guard text.contains(phrase) else { return text }
        var result = ""
        var rest = text[...]
        while let range = rest.range(of: phrase) {
            let before = range.lowerBound == rest.startIndex ? result.last : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            let bounded = !(before?.isLetter ?? false) && !(after?.isLetter ?? false)
            result += rest[..<range.lowerBound]
            result += bounded ? replacement : phrase
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
