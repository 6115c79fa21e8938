/// Lines that leave a form, or ask about it, rather than answer its question: a change of mind
/// ("wiesz co, jednak nie, rozmyśliłam się", "never mind", "ні, передумала"), a refusal to give
/// data ("nie chcę podawać danych"), a sign-off ("ok dzięki, pozdrawiam"), a bare "nie" where no
/// yes or no was asked, and "czy to, co wpisałam, zostało zapisane?".
///
/// A line counts only when every word of it is such a phrase or a word that may stand beside one
/// (fillers, politeness, "moich danych"): "Nie Anna", "jednak nie Górki, wolę Dolinki" or a
/// contact with "nie" in a longer answer hold other words, and stay answers.
extension Answers {
    /// Phrases that take back the wish to fill the form in, or refuse the data it asks for.
    static let withdrawalPhrases: [[String]] = [
        // Polish, folded (with and without diacritics read the same).
        "rozmyslilam sie", "rozmyslilem sie", "rozmyslilam", "rozmyslilem", "zmienilam zdanie", "zmienilem zdanie",
        "jednak nie", "jednak rezygnuje", "nie chce sie zapisywac", "nie chce sie zapisac", "nie chce sie juz zapisywac",
        "nie bede sie zapisywac", "nie bede sie zapisywal", "nie bede sie zapisywala", "nie zapisuj mnie", "nie zapisuj", "nie zapisujcie mnie",
        "nie chce podawac", "nie chce podac", "nie podam", "nie bede podawac", "nie bede podawal", "nie bede podawala", "wole nie podawac",
        "nie chce", "koniec", "zrezygnuje", "rezygnuje", "rezygnuje z zapisu", "daj spokoj", "dajmy spokoj", "dajmy sobie spokoj",
        "niewazne", "nie wazne", "odpuszczam", "odpuszcze", "nie dziekuje", "nie interesuje mnie", "zostawmy to", "zostaw to",
        // English.
        "never mind", "nevermind", "changed my mind", "i ve changed my mind", "forget it", "forget about it", "forget that",
        "i don t want to give", "i do not want to give", "don t want to give", "i d rather not", "rather not",
        "no thanks", "no thank you", "not interested", "i don t want to sign up", "i do not want to sign up", "don t sign me up",
        "i don t want to", "i do not want to", "let s stop", "leave it",
        // Ukrainian (and the Russian a Ukrainian speaker may type).
        "передумала", "передумав", "я передумала", "я передумав", "не хочу давати", "не хочу давати дані", "не хочу надавати",
        "не хочу записуватися", "не хочу записуватись", "не буду записуватися", "не записуйте мене", "не записуйте", "не треба",
        "не потрібно", "забудьте", "забудь", "не хочу", "ні дякую", "передумал", "не хочу давать", "не надо",
        "не надо записывать", "не записывайте", "не записывайте меня", "не хочу записываться", "не буду записываться",
        "peredumala", "peredumav", "ne khochu",
    ].map(TextNormalizer.tokens)

    /// Words that may stand beside a withdrawal without making it an answer.
    static let withdrawalCompanions: Set<String> = CommonWords.words([
        "nie", "no", "a", "to", "ok", "okej", "dobra", "jednak", "juz", "chyba", "raczej", "w", "sumie", "wlasciwie", "wiesz", "wiecie",
        "co", "przepraszam", "sorry", "sory", "prosze", "dzieki", "dziekuje", "kurcze", "kurde", "hmm", "hm", "eee", "ech", "oj",
        "moich", "moje", "swoich", "danych", "dane", "mi", "mnie", "sie", "tego", "tej", "tym", "ten", "formularz", "formularza",
        "zapis", "zapisu", "zapisywac", "na", "razie", "teraz", "ja", "i", "too", "me", "my", "details", "data", "personal", "it", "the",
        "form", "actually", "so", "well", "oh", "please", "thanks", "think", "wait", "then", "about", "anymore", "after", "all", "any",
        "sign", "up", "give", "this", "that", "now", "ah", "mowie", "mowilam", "mowilem", "ze", "przeciez", "naprawde", "serio",
        "told", "you", "i", "said", "really",
    ], ukrainian: [
        "ні", "ну", "а", "я", "вже", "все", "таки", "мабуть", "вибачте", "вибач", "знаєте", "знаєш", "що", "дякую", "ой", "мої", "свої",
        "дані", "даних", "мене", "це", "цього", "форму", "ok", "ок", "нет", "данные", "ni", "спасибо", "кажу", "говорю", "же",
    ])

    /// True when the line only takes back the wish to go on with the form or refuses its data:
    /// "nie chcę się zapisywać", "wiesz co, jednak nie, rozmyśliłam się", "never mind", "I don't
    /// want to give my details", "ні, передумала". A bare "nie"/"no" is not one: it answers a
    /// yes-or-no question, and elsewhere is asked about (``isBareNo(_:language:)``).
    /// Read clause by clause, so that "nie, chcę się zapisać" (no — I do want to) is no "nie chcę
    /// się zapisać"; a phrase right after a negation ("nie rezygnuję") is its opposite.
    public static func withdraws(_ text: String) -> Bool {
        guard TextNormalizer.tokens(text).count <= 14, !text.contains("@"), !text.contains(where: \.isNumber) else { return false }
        let clauses = text.split(whereSeparator: { ",.;:!?—–".contains($0) }).map { TextNormalizer.tokens(String($0)) }.filter { !$0.isEmpty }
        var found = false
        for words in clauses {
            guard let withdrawn = coverage(words, by: withdrawalPhrases, companions: withdrawalCompanions, negations: negationWords) else { return false }
            found = found || withdrawn
        }
        return found
    }

    /// "nie chcę się zapisywać do żadnego programu", "I don't want to sign up", "я не хочу
    /// записуватися": a withdrawal, or a want negated — for a line that would otherwise ask for
    /// a sign-up (the caller's check).
    public static func refusesSignup(_ text: String) -> Bool {
        if withdraws(text) { return true }
        let words = TextNormalizer.tokens(text)
        let wants: Set<String> = CommonWords.words(["chce", "chcemy", "chcialbym", "chcialabym", "want", "wanna", "wish"],
                                                  ukrainian: ["хочу", "хочемо", "хотів", "хотіла", "хотел", "хотела"])
        // The negated want must be the sign-up's: "chcę się zapisać, nie chcę czekać" is none.
        return words.indices.dropLast().contains { index in
            // "don't" is read as "don", "t".
            (negationWords.contains(words[index]) || words[index] == "t") && wants.contains(words[index + 1])
                && asksToSignUp(Array(words[(index + 1)...]))
        }
            || containsPhrase(words, ["nie zapisuj", "nie zapisujcie", "do not sign", "don t sign", "не записуйте", "не записывайте"].map(TextNormalizer.tokens))
    }

    /// Words that turn the phrase after them into its opposite.
    static let negationWords: Set<String> = CommonWords.words(["nie", "not", "don", "never"], ukrainian: ["не", "ні"])

    /// True when some of `phrases` stand in `words` and every other word is one of `companions`.
    static func isCovered(_ words: [String], by phrases: [[String]], companions: Set<String>) -> Bool {
        coverage(words, by: phrases, companions: companions, negations: []) == true
    }

    /// Whether `words` hold one of `phrases` (true) or only `companions` (false); nil when another
    /// word stands there. A phrase right after one of `negations` counts for nothing, unless the
    /// phrase itself starts with one ("nie nie chcę" is still "nie chcę").
    static func coverage(_ words: [String], by phrases: [[String]], companions: Set<String>, negations: Set<String>) -> Bool? {
        var covered = [Bool](repeating: false, count: words.count)
        var found = false
        for phrase in phrases where !phrase.isEmpty && phrase.count <= words.count {
            for start in 0...(words.count - phrase.count) where Array(words[start..<start + phrase.count]) == phrase {
                if start > 0, negations.contains(words[start - 1]), !negations.contains(phrase[0]) { continue }
                found = true
                for index in start..<start + phrase.count { covered[index] = true }
            }
        }
        return words.indices.allSatisfy({ covered[$0] || companions.contains(words[$0]) }) ? found : nil
    }

    /// A bare no — "nie", "nope", "ні", in English "no" — with nothing else to read: at a question
    /// that wants a value (a name, a contact) it is no value, and the form asks whether to stop.
    public static func isBareNo(_ text: String, language: Language) -> Bool {
        let words = TextNormalizer.tokens(text)
        guard (1...2).contains(words.count) else { return false }
        // A bare "no" is the English no only in an English conversation (in Polish: "yeah").
        if words == ["no"] { return language == .en }
        return noWords.contains(words.joined(separator: " "))
    }

    /// Sign-offs that end a letter: in a form they take leave just as "do widzenia" does.
    /// "cześć" takes leave only after thanks ("dzięki, cześć"): alone it may be a hello.
    static let signOffPhrases: [[String]] = ["pozdrawiam", "pozdrawiamy", "pozdrowienia", "serdecznie pozdrawiam", "kind regards", "best regards",
                                             "regards", "з повагою", "dzieki czesc", "dziekuje czesc", "dziekuje bardzo czesc", "dzieki narka",
                                             "thanks bye", "thank you bye", "дякую бувай", "спасибо пока"].map(TextNormalizer.tokens)

    /// A line that takes leave inside a form: every goodbye (``isGoodbye(_:)``), a sign-off with
    /// thanks ("ok dzięki, pozdrawiam", "thanks, regards"), and any line that is no question and
    /// says one of ``leavePhrases`` among other words ("Dobrze, muszę już kończyć, do widzenia,
    /// odezwę się później"): no answer to the form — above all no "yes" to its consent question.
    public static func signsOff(_ text: String) -> Bool {
        let words = TextNormalizer.tokens(text)
        if !text.contains("?"), words.count <= 24, containsPhrase(words, leavePhrases) { return true }
        guard words.count <= farewellMaxWords else { return false }
        return isFarewell(words: words) || isCovered(words, by: farewellPhrases + signOffPhrases, companions: farewellCompanions)
    }

    /// Phrases that take leave wherever they stand in a line, and are no value of any field.
    static let leavePhrases: [[String]] = [
        "do widzenia", "dowidzenia", "do zobaczenia", "do uslyszenia", "musze konczyc", "musze juz konczyc", "musze leciec", "musze juz leciec",
        "musze juz isc", "odezwe sie pozniej", "odezwe sie", "goodbye", "bye", "bye bye", "i have to go", "i must go", "i need to go", "gotta go",
        "talk later", "до побачення", "мені пора", "мені вже пора", "мушу йти", "до свидания", "мне пора", "мне нужно идти",
    ].map(TextNormalizer.tokens)

    /// Words saying that something was saved ("zapisane", "saved", "збережено"). The first person
    /// ("zapisałam się") is not among them: that tells of a sign-up, not asks about the form.
    static let savedWords: Set<String> = CommonWords.words([
        "zapisane", "zapisany", "zapisana", "zapisal", "zapisales", "zapisalas", "zapisaliscie", "zapisalo", "zapisuje", "zapisujecie",
        "zapamietane", "zapamietales", "zapamietany", "zachowane", "przechowywane", "zachowales", "przechowujecie",
        "saved", "stored", "recorded", "kept", "storing", "saving", "keeping", "store", "save",
    ], ukrainian: ["збережено", "збережене", "збережені", "зберегли", "зберіг", "збереглося", "зберігаєте", "записано", "записали", "сохранено", "сохранили"])

    /// Words of "what I typed": outside a form, a question whether that was saved ("czy coś się
    /// zapisało z tego, co pisałam?") — not what data the programmes keep ("jakie dane przechowujecie?").
    static let typedWords: Set<String> = CommonWords.words([
        "cos", "cokolwiek", "wpisalam", "wpisalem", "pisalam", "pisalem", "podalam", "podalem", "napisalam", "napisalem",
        "anything", "something", "typed", "entered", "wrote", "gave",
    ], ukrainian: ["щось", "писала", "писав", "написала", "написав", "ввела", "ввів", "что-то", "писала", "вводила"])

    /// "czy coś się zapisało z tego, co pisałam?" after leaving a form (``typedWords``).
    public static func asksWhetherTypedWasSaved(_ text: String) -> Bool {
        asksWhetherSaved(text) && TextNormalizer.tokens(text).contains(where: typedWords.contains)
    }

    /// "czy to, co wpisałam, zostało gdzieś zapisane?", "is what I typed saved?", "a mogę zobaczyć,
    /// co zapisaliście?", "чи збережено те, що я написала?": a question whether the form's
    /// answers are stored yet.
    public static func asksWhetherSaved(_ text: String) -> Bool {
        let words = TextNormalizer.tokens(text)
        guard words.count <= 16, text.hasSuffix("?") || asksSomething(text) else { return false }
        return words.contains(where: savedWords.contains)
    }
}
