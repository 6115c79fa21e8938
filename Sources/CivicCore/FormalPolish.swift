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

    /// True when the folded words address us formally.
    public static func addressesFormally(words: [String]) -> Bool {
        words.contains(where: formalMarkers.contains)
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
