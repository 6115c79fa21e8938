import Foundation

/// Reads short answers inside a form: yes/no, cancel, back, skip, corrections, names, dates, choices.
/// Everything works on folded text, so "Tak!", "TAK" and "tak." are the same answer.
public enum Answers {
    static let yesWords: Set<String> = CommonWords.words([
        "tak", "t", "jasne", "oczywiscie", "zgadzam sie", "zgadzam", "zgoda", "ok", "okej", "okay", "dobrze", "potwierdzam",
        "tak zgadzam sie", "tak poprosze", "tak prosze", "pewnie", "pewno", "jasna sprawa", "jak najbardziej", "dokladnie",
        "w porzadku", "moze byc", "ano", "tak tak", "zgadza sie", "wyrazam zgode", "tak jest", "poprosze", "chetnie",
        "raczej", "raczej tak", "dobra", "spoko", "mhm", "niech bedzie", "zapisz", "zapisuj", "dobra zapisuj", "zapisz prosze",
        "save", "save it",
        "yes", "y", "yeah", "yep", "yup", "sure", "i agree", "agree", "confirm", "correct", "right", "yes please",
        "of course", "absolutely", "definitely", "alright", "all right", "fine", "sounds good", "go ahead", "that s right",
    ], ukrainian: [
        "так", "звісно", "звичайно", "згоден", "згодна", "погоджуюсь", "погоджуюся", "згода", "ок", "окей", "добре", "підтверджую", "так згоден", "так згодна", "так будь ласка", "так погоджуюсь", "авжеж", "аякже", "точно", "гаразд", "давайте", "запишіть", "записуйте", "звісно так", "так звісно", "так так", "tak zghoden", "zghoden", "zghodna", "zvisno", "harazd", "dobre", "да", "конечно", "согласен", "согласна", "хорошо", "ага",
    ])
    static let noWords: Set<String> = CommonWords.words([
        "nie", "n", "nope", "nah", "nie zgadzam sie", "nie wyrazam zgody", "i disagree", "disagree", "no thanks",
        "nie dziekuje", "not really", "i do not agree", "i don t agree", "nie zgadza sie", "wrong", "raczej nie",
        "absolutnie nie", "nie nie", "no way", "not at all", "no thank you",
    ], ukrainian: [
        "ні", "ні дякую", "не згоден", "не згодна", "не погоджуюсь", "не погоджуюся", "ні ні", "звісно ні", "ні не згоден", "ні не згодна", "ni", "ni diakuiu", "ni dyakuyu", "нет", "не согласен", "не согласна", "нет спасибо",
    ])
    /// "I am not sure": neither yes nor no, even though it starts with "nie".
    static let unsureWords: Set<String> = CommonWords.words([
        "nie wiem", "nie jestem pewna", "nie jestem pewien", "nie jestem pewny", "sam nie wiem", "sama nie wiem",
        "moze", "chyba", "not sure", "i m not sure", "i am not sure", "maybe", "dunno", "i don t know",
    ], ukrainian: [
        "не знаю", "не впевнений", "не впевнена", "можливо", "мабуть", "напевно", "не знаю точно", "ne znaiu", "ne znayu", "не уверен", "не уверена",
    ])
    /// Words that open a colloquial Polish answer without meaning anything: "no tak", "a no tak".
    static let fillerWords: Set<String> = CommonWords.words(["no", "a", "noo", "nooo", "to", "hmm", "hm", "yyy", "eee", "ee", "jednak", "actually", "well", "oh"], ukrainian: [
        "ну", "ем", "хм", "е", "а", "ну що ж",
    ])
    static let cancelWords: Set<String> = CommonWords.words(["anuluj", "cancel", "przerwij", "rezygnuje", "stop", "quit form", "nie chce", "zrezygnuj"], ukrainian: [
        "скасувати", "скасуй", "скасуйте", "відміна", "відмінити", "стоп", "перервати", "не хочу", "відмовляюсь", "відмовляюся", "отмена",
    ])
    static let backWords: Set<String> = CommonWords.words(["wstecz", "cofnij", "back", "go back", "wroc", "poprzednie", "previous"], ukrainian: [
        "назад", "повернутися", "повернутись", "попереднє", "попереднє питання",
    ])
    static let skipWords: Set<String> = CommonWords.words(["pomin", "skip", "nie wiem", "dont know", "don t know", "i don t know", "brak", "none", "nie podam"], ukrainian: [
        "пропустити", "пропусти", "пропустіть", "не знаю", "немає", "не скажу", "propustyty", "пропустить",
    ])

    /// Yes, no, or neither, as people say them in `language`'s conversation: "tak", "jasne",
    /// "no pewnie", "no zgadzam się", "zgoda"; "nie", "raczej nie", "no nie". A bare "no" is the
    /// English no only in an English conversation; in Polish it is the colloquial "yeah".
    public static func yesNo(_ text: String, language: Language) -> Bool? {
        if let answer = yesNo(folded: TextNormalizer.fold(text), language: language) { return answer }
        return byClauses(text) { yesNo(folded: $0, language: language) }
    }

    /// A polite whole sentence: "Tak, zgadzam się, proszę bardzo.", "whatever, yes". Each clause
    /// is read on its own; the answer holds when some clause gives it and none the opposite.
    static func byClauses(_ text: String, _ read: (String) -> Bool?) -> Bool? {
        let clauses = text.split(whereSeparator: { ",.;!".contains($0) }).map { TextNormalizer.fold(String($0)) }.filter { !$0.isEmpty }
        guard clauses.count > 1, clauses.count <= 4 else { return nil }
        let answers = Set(clauses.compactMap(read))
        return answers.count == 1 ? answers.first : nil
    }

    /// The same, for text already folded.
    public static func yesNo(folded: String, language: Language) -> Bool? {
        let words = folded.split(separator: " ").map(String.init)
        if words == ["no"] {
            switch language {
            case .en: return false
            case .pl: return true
            case .uk: return nil  // neither a Ukrainian yes nor no: asked again
            }
        }
        switch reading(words) {
        case .yes: return true
        case .no: return false
        case .unsure: return nil
        case .unknown:
            // "no, I don't think so", "no thanks": the English no, in any conversation when the rest
            // is English. In Polish "no …" opens a colloquial answer ("no raczej" is a yes): asked again.
            guard words.first == "no", words.count <= 6 else { return nil }
            let rest = words.dropFirst()
            let english = rest.contains { CommonWords.english.contains($0) && !CommonWords.polish.contains($0) }
            let polish = rest.contains { CommonWords.polish.contains($0) && !CommonWords.english.contains($0) }
            return language == .en || (english && !polish) ? false : nil
        }
    }

    private enum Reading { case yes, no, unsure, unknown }

    /// A yes or no without the bare "no": Polish fillers first dropped ("no tak" is "tak").
    private static func reading(_ all: [String]) -> Reading {
        var words = all[...]
        while words.count > 1, let first = words.first, fillerWords.contains(first) { words = words.dropFirst() }
        let phrase = words.joined(separator: " ")
        if unsureWords.contains(phrase) || unsureWords.contains(words.prefix(2).joined(separator: " ")) { return .unsure }
        if yesWords.contains(phrase) { return .yes }
        if noWords.contains(phrase) { return .no }
        guard let first = words.first, words.count <= 4 else { return .unknown }
        if ["tak", "yes", "yeah", "yep", "jasne", "pewnie", "oczywiscie", "zgoda", "sure", "absolutely"].contains(first) || ukrainianYesStarts.contains(first) { return .yes }
        if ["nie", "nope", "nah"].contains(first) || ukrainianNoStarts.contains(first) { return .no }
        return .unknown
    }

    static let ukrainianYesStarts = CommonWords.folded(["так", "звісно", "звичайно", "авжеж", "згоден", "згодна", "да", "конечно"])
    static let ukrainianNoStarts = CommonWords.folded(["ні", "нет", "ni"])

    /// Words that open a question: "dzięki, a ile kosztuje szkolenie" asks without a "?".
    static let questionWords: Set<String> = CommonWords.words([
        "ile", "jak", "jaki", "jaka", "jakie", "gdzie", "kiedy", "czy", "kto", "co", "ktory", "ktora", "ktore", "dlaczego", "skad",
        "how", "what", "where", "when", "who", "which", "why", "is", "are", "can", "could", "do", "does", "will",
    ], ukrainian: [
        "як", "який", "яка", "яке", "які", "де", "коли", "чи", "хто", "що", "скільки", "чому", "звідки", "куди", "как", "где", "когда", "сколько", "что", "кто",
    ])

    /// True when `text`, leading "a"/"and"/"i" aside, starts with a question word.
    public static func asksSomething(_ text: String) -> Bool {
        let words = TextNormalizer.tokens(text).drop { ["a", "i", "and", "so", "to"].contains($0) }
        return words.first.map(questionWords.contains) ?? false
    }

    /// Words that only acknowledge ("dobra", "ok", "rozumiem"): outside a form, no question and no leave-taking.
    static let acknowledgements: Set<String> = CommonWords.words([
        "dobra", "dobrze", "ok", "okej", "okay", "oki", "spoko", "aha", "rozumiem", "jasne", "w porzadku", "no dobra", "no dobrze",
        "no ok", "aha ok", "ok dzieki", "got it", "alright", "all right", "i see", "fine", "cool", "ok cool",
    ], ukrainian: [
        "добре", "ок", "окей", "зрозуміло", "зрозумів", "зрозуміла", "ясно", "гаразд", "ага", "ну добре", "ну гаразд", "ок дякую", "понятно", "хорошо",
    ])

    /// True when the folded words only acknowledge what was said.
    public static func isAcknowledgement(words: [String]) -> Bool {
        acknowledgements.contains(words.joined(separator: " "))
    }

    /// Consent: as ``yesNo(_:language:)``, except that a bare "no" is never taken for consent in
    /// any language: consent must be unambiguous, so it is asked again.
    public static func consent(_ text: String, language: Language) -> Bool? {
        let folded = TextNormalizer.fold(text)
        if folded == "no" { return language == .en ? false : nil }
        if let answer = yesNo(folded: folded, language: language) { return answer }
        return byClauses(text) { $0 == "no" ? nil : yesNo(folded: $0, language: language) }
    }

    /// Phrases that take leave (folded). One of them must be in a line for it to be a goodbye.
    static let farewellPhrases: [[String]] = [
        ["do", "widzenia"], ["dowidzenia"], ["do", "zobaczenia"], ["do", "uslyszenia"], ["na", "razie"], ["narazie"],
        ["pa"], ["papa"], ["zegnam"], ["dobranoc"], ["dobrej", "nocy"], ["to", "wszystko"], ["to", "tyle"],
        ["uciekam"], ["koncze"], ["lece"], ["nara"], ["narka"], ["naraska"], ["elo", "nara"], ["milego", "dnia"], ["milego", "wieczoru"],
        ["bye"], ["goodbye"], ["good", "bye"], ["byebye"], ["see", "you"], ["see", "ya"], ["cya"], ["good", "night"],
        ["that", "s", "all"], ["that", "is", "all"], ["have", "a", "nice", "day"], ["have", "a", "good", "day"], ["take", "care"],
        ["i", "m", "off"], ["gotta", "go"], ["farewell"], ["cheers"],
    ] + ["до побачення", "до зустрічі", "бувай", "бувайте", "па", "папа", "на все добре", "гарного дня", "гарного вечора",
         "на добраніч", "це все", "от і все", "всього доброго", "мені пора", "мені вже пора", "мені час", "до свидания", "пока", "всего доброго",
         "do pobachennia", "do pobachennya", "buvai", "buvay"].map(TextNormalizer.tokens)
    /// Words that may stand beside a farewell without making the line anything else: thanks,
    /// greetings, politeness, fillers. A line with any other word ("do widzenia, a ile to kosztuje?")
    /// is not a goodbye.
    static let farewellCompanions: Set<String> = CommonWords.words([
        "dziekuje", "dziekujemy", "dzieki", "dziekowac", "bardzo", "wielkie", "serdecznie", "pieknie", "za", "pomoc",
        "informacje", "rozmowe", "czesc", "hej", "siema", "no", "i", "a", "ok", "okej", "okay", "dobra", "dobrze",
        "super", "swietnie", "juz", "na", "dzis", "dzisiaj", "tyle", "to", "wszystko", "pani", "panu", "panstwu",
        "wam", "ci", "tobie", "milego", "dnia", "thanks", "thank", "you", "so", "much", "lot", "for", "your", "the",
        "help", "info", "chat", "chatting", "great", "lovely", "nice", "well", "then", "all", "bye", "it", "was",
        "again", "very", "talking", "cheers", "now", "zycze", "zyczymy", "pozdrawiam", "pozdrawiamy", "serdeczne",
        "pozdrowienia", "wszystkiego", "dobrego", "zdrowia", "rowniez", "take", "care", "later", "mate", "thx", "ty", "git", "spoko", "luz", "elo", "xd", "cool", "kk",
    ], ukrainian: [
        "дякую", "дякуємо", "дуже", "велике", "щиро", "спасибі", "за", "допомогу", "інформацію", "розмову", "привіт", "ну", "і", "та", "а", "ок", "добре", "вам", "тобі", "гарного", "дня", "все", "щасти", "спасибо", "всего", "хорошего", "diakuiu", "dyakuiu", "dyakuyu", "duzhe", "vam",
        "ні", "нет", "ну", "мені", "вже", "пора",
    ])
    /// Lines longer than this are never a bare goodbye.
    static let farewellMaxWords = 12

    /// A line that only takes leave, however it is worded: "dziękuję bardzo, do widzenia",
    /// "to wszystko, cześć", "thanks, bye". Typed in a form it means the resident is leaving.
    public static func isGoodbye(_ text: String) -> Bool {
        isFarewell(words: TextNormalizer.tokens(text))
    }

    static func isFarewell(words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= farewellMaxWords else { return false }
        var covered = [Bool](repeating: false, count: words.count)
        var found = false
        for phrase in farewellPhrases where phrase.count <= words.count {
            for start in 0...(words.count - phrase.count) where Array(words[start..<start + phrase.count]) == phrase {
                found = true
                for index in start..<start + phrase.count { covered[index] = true }
            }
        }
        guard found else { return false }
        return words.indices.allSatisfy { covered[$0] || farewellCompanions.contains(words[$0]) }
    }

    /// The shape of an organiser code as typed: twelve letters or digits, alone or in groups of
    /// four separated by a dash or a space ("7F3K-Q9ZD-M2XA", "7f3k q9zd m2xa"). Nothing else a
    /// resident writes counts as a log-in attempt.
    public static func looksLikeOrganiserCode(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        let groups = trimmed.split(whereSeparator: { $0 == "-" || $0 == " " })
        guard groups.count == 1 || groups.count == 3, groups.allSatisfy({ groups.count == 1 || $0.count == 4 }) else { return false }
        let characters = groups.joined()
        return characters.count == 12 && characters.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    static let repeatWords: Set<String> = CommonWords.words([
        "powtorz", "powtorz prosze", "prosze powtorzyc", "mozesz powtorzyc", "jeszcze raz", "slucham", "nie doslyszalam",
        "repeat", "repeat please", "please repeat", "say again", "say that again", "again please", "pardon", "sorry what", "come again",
    ], ukrainian: [
        "повтори", "повторіть", "повторіть будь ласка", "повтори будь ласка", "ще раз", "можна ще раз", "не почув", "не почула", "povtory", "повторите",
    ])

    /// "jakie są komendy?", "what commands are there?": the list of commands, asked in words.
    public static func asksForCommands(words: [String]) -> Bool {
        let named = words.contains { ["komendy", "komend", "polecenia", "polecen", "komendach", "poleceniach", "commands", "command"].contains($0) || commandNames.contains($0) }
        return named && words.count <= 7
    }

    static let commandNames = CommonWords.folded(["команди", "команд", "командах", "команды"])

    /// "powtórz", "jeszcze raz", "repeat please": say the last reply again.
    public static func isRepeat(words: [String]) -> Bool { repeatWords.contains(words.joined(separator: " ")) }

    /// What the resident asks of the replies' length.
    public enum LengthRequest: Sendable, Equatable {
        /// "krócej", "shorter please": from now on, the answer's first line only.
        case shorter
        /// "więcej", "tell me more": the rest of the last answer.
        case more
        /// "dłużej", "full answers": whole answers again.
        case longer
    }

    static let lengthWords: [(LengthRequest, Set<String>)] = [
        (.shorter, CommonWords.words(["krocej", "krotko", "krotsze", "krotszy", "krotkie", "krotkich", "skrocie", "zwiezle", "prosciej", "prostsze", "prostszymi",
                    "shorter", "short", "brief", "briefly", "briefer", "concise", "simpler"], ukrainian: ["коротше", "коротко", "стисло", "простіше", "короткі"])),
        (.more, CommonWords.words(["wiecej", "szczegoly", "szczegolow", "szczegolowo", "rozwin", "dalej", "more", "details", "detail", "elaborate"],
                                  ukrainian: ["більше", "детальніше", "подробиці", "докладніше", "далі"])),
        (.longer, CommonWords.words(["dluzej", "dluzsze", "pelne", "pelnych", "calosci", "longer", "full", "complete"], ukrainian: ["довше", "повні", "повністю"])),
    ]
    /// The words that may stand around such a request.
    static let lengthRequestWords: Set<String> = CommonWords.words([
        "prosze", "odpowiadaj", "odpowiedzi", "odpowiedz", "pisz", "mow", "mozesz", "mozna", "czy", "a", "w", "troche", "jeszcze", "ok",
        "poprosze", "daj", "podaj", "chce", "bardziej", "o", "tym", "to", "za", "dlugo", "bo",
        "please", "answers", "answer", "replies", "be", "can", "you", "could", "tell", "me", "a", "bit", "give", "some", "ok", "okay",
        "i", "want", "the", "in", "too", "long", "keep", "it", "them", "on", "that",
    ], ukrainian: ["будь", "ласка", "відповідай", "відповідайте", "відповіді", "відповідь", "пиши", "пишіть", "можна", "трохи",
                                "ще", "дай", "дайте", "хочу", "про", "це", "занадто", "довго", "мені", "а", "і"])

    /// "krócej proszę", "tell me more", "pełne odpowiedzi": a request about the replies' length,
    /// when the line asks for nothing else.
    public static func lengthRequest(words: [String]) -> LengthRequest? {
        // "korzystam z czytnika ekranu, proszę o krótkie odpowiedzi": a request about the replies,
        // whatever else the line tells.
        let aboutReplies: Set<String> = CommonWords.words(["odpowiedzi", "odpowiadaj", "odpowiadac", "answers", "replies", "answer"],
                                                          ukrainian: ["відповіді", "відповідай", "відповідайте"])
        if words.count <= 16, words.contains(where: aboutReplies.contains) {
            let asked = lengthWords.filter { entry in words.contains(where: entry.1.contains) }
            if asked.count == 1 { return asked[0].0 }
        }
        guard !words.isEmpty, words.count <= 6, let asked = onlyAsking(words, kinds: lengthWords, fillers: lengthRequestWords) else { return nil }
        // "za długo" alone (too long) asks for shorter replies.
        return asked ?? (words.contains("dlugo") || words.contains("long") ? .shorter : nil)
    }

    /// What a line of one request asks — one kind of `kinds`, among `fillers` only: `.some(nil)`
    /// when it holds fillers alone, nil when it holds another word or two kinds.
    static func onlyAsking<Kind: Equatable>(_ words: [String], kinds: [(Kind, Set<String>)], fillers: Set<String>) -> Kind?? {
        var asked: Kind?
        for word in words {
            if let (kind, _) = kinds.first(where: { $0.1.contains(word) }) {
                guard asked == nil || asked == kind else { return nil }
                asked = kind
            } else if !fillers.contains(word) {
                return nil
            }
        }
        return .some(asked)
    }

    static let languageNames: [(Language, Set<String>)] = [
        (.pl, CommonWords.words(["polsku", "polski", "polskim", "polskiego", "polish", "pl"], ukrainian: ["польською", "польська", "польськи", "польском"])),
        (.en, CommonWords.words(["angielsku", "angielski", "angielskim", "angielskiego", "english", "eng", "en"],
                                ukrainian: ["англійською", "англійська", "англійськи", "английском"])),
        (.uk, CommonWords.words(["ukrainsku", "ukrainski", "ukrainskim", "ukrainskiego", "ukrainian", "ukr", "uk", "ukrainskoiu", "ukrainskoyu"],
                                ukrainian: ["українською", "українська", "українськи", "украинском", "украински"])),
    ]
    /// The words that may stand around a language's name in a request to speak it.
    static let languageRequestWords: Set<String> = CommonWords.words([
        "po", "prosze", "mozemy", "mozesz", "mozna", "czy", "mow", "mowic", "mowisz", "pisz", "pisac", "piszmy", "rozmawiajmy", "rozmawiac",
        "dalej", "kontynuowac", "w", "jezyku", "jezyk", "odpowiadaj", "odpowiedz", "wole", "a", "ok", "to", "moze", "lepiej", "teraz",
        "can", "we", "continue", "in", "please", "speak", "talk", "write", "switch", "to", "let", "lets", "s", "us", "could", "you",
        "do", "language", "answer", "reply", "i", "prefer", "would", "like", "rather", "only", "now", "ok", "okay", "the",
    ], ukrainian: ["по", "будь", "ласка", "можна", "чи", "можете", "пишіть", "пиши", "говоріть", "говори", "відповідайте", "відповідай",
                                "давайте", "мовою", "мова", "перейдіть", "перейдемо", "на", "краще", "тепер", "я", "хочу", "говорити",
                                "розмовляти", "продовжимо", "а", "ок", "мені", "пожалуйста", "говорите", "на", "языке"])

    /// "po polsku proszę", "in English please", "can we continue in English?": the language asked
    /// for, when the line asks for nothing else.
    public static func languageRequest(words: [String]) -> Language? {
        guard !words.isEmpty, words.count <= 8, let asked = onlyAsking(words, kinds: languageNames, fillers: languageRequestWords) else { return nil }
        // "pl" or "en" alone is too little to go on; a request names the language in full.
        guard let asked, words != ["pl"], words != ["en"] else { return nil }
        return asked
    }

    /// "czy akcja jeszcze trwa?", "is the recruitment still open?", "czyli już się skończyło?",
    /// "чи акція ще триває?": whether a programme is still going on.
    public static func asksIfStillRunning(_ words: [String], question: Bool) -> Bool {
        let still = CommonWords.words(["jeszcze", "nadal", "wciaz", "ciagle", "dalej", "still"], ukrainian: ["ще", "досі", "досі", "все", "ещё", "еще"])
        let running = CommonWords.words(["trwa", "otwarta", "otwarte", "otwarty", "aktualna", "aktualne", "aktualny", "dziala", "running", "open", "ongoing", "on", "happening", "going", "available"],
                                        ukrainian: ["триває", "відкрита", "відкритий", "відкрите", "діє", "актуальна", "актуальний", "актуально", "идет", "идёт"])
        let ended = CommonWords.words(["skonczylo", "skonczyla", "skonczyl", "zakonczylo", "zakonczyla", "zakonczyl", "over", "ended", "finished", "closed"],
                                      ukrainian: ["закінчилася", "закінчилось", "закінчилося", "завершилася", "завершилось", "завершилося", "закончилась", "закончилось"])
        let set = Set(words)
        if !set.isDisjoint(with: still), !set.isDisjoint(with: running) { return true }
        // "ile osób skończyło szkolenie?", "who finished the training?": how many or who ended
        // it, not whether the programme has.
        let howManyOrWho = CommonWords.words(["ile", "ilu", "kto", "who", "many"], ukrainian: ["скільки", "хто", "сколько", "кто"])
        return question && !set.isDisjoint(with: ended) && set.isDisjoint(with: howManyOrWho)
    }

    /// Words asking to be signed up: "zapisz mnie", "chcę się zapisać", "sign me up", "register".
    public static func asksToSignUp(_ words: [String]) -> Bool {
        let verbs: Set<String> = CommonWords.words(["zapisz", "zapisac", "zapisze", "zapiszcie", "zapisanie", "zapisania", "zapisywac", "zglos", "zglosic", "zglaszam",
                                  "register", "enrol", "enroll", "signup"],
                                  ukrainian: ["запиши", "запишіть", "записати", "записатися", "записатись", "зареєструйте", "зареєструвати",
                                              "зареєструватися", "зареєструй", "запишусь", "запишуся", "записаться", "запишите", "запишись",
                                              "записуватися", "записуватись", "записываться"])
        if words.contains(where: verbs.contains) { return true }
        return zip(words, words.dropFirst()).contains { $0 == "sign" && ($1 == "up" || $1 == "me") }
    }

    /// "bo się zapisałam", "przecież już jestem zapisany", "I already signed up": the resident
    /// speaks of a sign-up made, not asking for another (which "zapisz mnie" is: perhaps for
    /// someone else at the same terminal).
    public static func saysAlreadySignedUp(_ words: [String]) -> Bool {
        let past: Set<String> = CommonWords.words(["zapisalam", "zapisalem", "zapisalismy", "zapisalysmy", "zapisana", "zapisany", "zapisani", "zapisane",
                                 "zapisaliscie", "zapisales", "zapisalas", "registered", "signed"],
                                 ukrainian: ["записався", "записалася", "записалась", "записані", "записаний", "записана", "зареєструвався",
                                             "зареєструвалася", "записался", "записалась"])
        return words.contains(where: past.contains) && !words.contains("zapisz") && !words.contains(TextNormalizer.fold("запиши"))
    }

    /// "nie chcę się zapisywać drugi raz", "ja już się zapisałam", "I don't want to sign up
    /// twice": inside a sign-up, the resident says a second one is not wanted — about the
    /// sign-up, not an answer to the question asked.
    public static func declinesSecondSignup(_ words: [String]) -> Bool {
        if saysAlreadySignedUp(words) { return true }
        let signingUp: Set<String> = CommonWords.words(["zapisywac", "zapisywal", "zapisywala", "zapisywania", "zapisuje", "zapisac", "zapisania", "zapisz",
                                      "zglaszac", "zglosic", "register", "registering", "enrol", "enroll", "signing", "signup"],
                                      ukrainian: ["записуватися", "записуватись", "записатися", "записатись", "записувати", "записати", "реєструватися",
                                                  "зареєструватися", "записываться", "записаться"])
        let again: Set<String> = CommonWords.words(["ponownie", "znowu", "znow", "powtornie", "twice", "again"],
                                                   ukrainian: ["вдруге", "повторно", "знову", "снова"])
        let againPairs = CommonWords.words(["drugi raz", "jeszcze raz", "second time"], ukrainian: ["ще раз", "другий раз", "ещё раз", "еще раз"])
        let pairs = zip(words, words.dropFirst()).map { $0 + " " + $1 }
        let signs = words.contains(where: signingUp.contains) || pairs.contains("sign up") || pairs.contains("sign me")
        let repeated = words.contains(where: again.contains)
            || pairs.contains(where: againPairs.contains)
        return signs && repeated
    }

    static let politeWords = CommonWords.words(["prosze", "please"], ukrainian: ["будь", "ласка"])

    /// "to wyjdź", "wychodzę", "leave the form": asking to leave the form being filled in — or
    /// any way of cancelling it.
    public static func isLeave(_ text: String) -> Bool {
        if isCancel(text) { return true }
        let words = TextNormalizer.tokens(text).drop(while: fillerWords.contains).filter { !politeWords.contains($0) }
        let leave: Set<String> = CommonWords.words(["wyjdz", "wyjdzmy", "wychodze", "wyjscie", "wyjdz z formularza", "zakoncz", "zakonczmy", "przerwijmy",
                                  "leave", "leave it", "leave the form", "exit", "exit the form", "quit", "stop it"],
                                  ukrainian: ["вийти", "вийди", "вийдіть", "виходжу", "вихід", "завершити", "вийти з форми", "выйти"])
        return leave.contains(words.joined(separator: " "))
    }

    /// "kiedy zadzwonicie?", "kiedy ktoś się do mnie odezwie?", "when will you call me": asking
    /// when and how the programme gets in touch.
    public static func asksAboutBeingContacted(_ words: [String]) -> Bool {
        let polish: Set<String> = CommonWords.words(["odezwie", "odezwiecie", "odezwa", "odezwiesz", "zadzwoni", "zadzwonicie", "zadzwonia", "skontaktuje",
                                   "skontaktujecie", "skontaktuja", "napiszecie", "napisze", "odpisze", "odpiszecie", "odpowiecie",
                                   "dzwoni", "dzwonil", "dzwonila", "odzywa", "odezwal", "odezwala", "napisza", "odpisza"],
                                   ukrainian: ["зателефонуєте", "зателефонують", "подзвоните", "подзвонять", "зв’яжетеся", "зв’яжуться", "напишете",
                                               "напишуть", "відповісте", "передзвоните", "передзвонять"])
        if words.contains(where: polish.contains) { return true }
        let phrases: [[String]] = [["call", "me"], ["contact", "me"], ["hear", "back"], ["hear", "from"], ["get", "back"], ["reach", "me"], ["get", "in", "touch"],
                                   ["email", "me"], ["mail", "me"], ["write", "to", "me"]]
        return containsPhrase(words, phrases)
    }

    /// A question about a sign-up just made, or its code.
    public enum SignupFollowUp: Sendable, Equatable {
        /// "i co teraz?", "what happens now?", "will someone email me?": what happens after it.
        case whatNext
        /// "a kiedy następna edycja?", "will there be a next edition?".
        case nextEdition
        /// "co jak zgubię kod?", "jaki jest mój kod referencyjny?": the reference code.
        case referenceCode
    }

    static let codeWords = CommonWords.words(["kod", "kodu", "kodem", "kody", "code", "codes"], ukrainian: ["код", "коду", "кодом", "коди"])
    static let losingWords = CommonWords.words([
        "zgubie", "zgubic", "zgubilem", "zgubilam", "zgubiony", "zgubi", "zginie", "zapomne", "zapomnialem", "zapomnialam", "zapomniec",
        "stracilem", "stracilam", "stracie", "nie pamietam", "lost", "lose", "forgot", "forget", "misplace", "misplaced",
    ], ukrainian: ["втрачу", "втратив", "втратила", "загублю", "загубив", "загубила", "забуду", "забув", "забула", "потеряю", "потерял", "потеряла"])
    static let ownCodeWords = CommonWords.words(["referencyjny", "referencyjnego", "referencyjnym", "reference", "moj", "mojego", "my"],
                                                ukrainian: ["мій", "мого", "референсний", "мой"])
    /// Codes that are the organisers' log-in, not a sign-up's: their questions belong to the log-in.
    static let organiserCodeWords = CommonWords.words([
        "organizatora", "organizator", "organizatorski", "organiser", "organizer", "organisers", "logowania", "login", "log", "zalogowac",
    ], ukrainian: ["організатора", "організатор", "входу", "логін", "увійти"])
    static let editionWords = CommonWords.words(["edycja", "edycji", "edycje", "edycje", "edition", "editions", "nabor", "naboru", "round"],
                                                ukrainian: ["випуск", "випуску", "випуски", "набір", "набору", "выпуск"])
    static let nextWords = CommonWords.words(["nastepna", "nastepnej", "nastepny", "kolejna", "kolejnej", "kolejny", "nowa", "nowej", "nowy",
                                              "next", "new", "another", "kiedy", "when", "bedzie", "will"],
                                             ukrainian: ["наступний", "наступного", "наступна", "новий", "нова", "коли", "буде", "следующий"])
    static let whatNextPhrases: [[String]] = [
        ["co", "teraz"], ["co", "dalej"], ["co", "sie", "teraz", "dzieje"], ["co", "bedzie", "dalej"], ["co", "sie", "stanie"], ["co", "mam", "teraz"],
        ["what", "now"], ["what", "next"], ["what", "happens"], ["whats", "next"], ["what", "s", "next"], ["what", "do", "i", "do", "now"],
        ["email", "me"], ["e", "mail", "me"], ["write", "to", "me"], ["mail", "me"],
    ] + ["що далі", "що тепер", "що буде далі", "що відбувається", "що мені тепер", "что дальше", "что теперь"].map(TextNormalizer.tokens)

    /// What a line asks about a sign-up made or its code, if it does; nil for anything else.
    public static func signupFollowUp(_ words: [String]) -> SignupFollowUp? {
        guard !words.isEmpty, words.count <= 16 else { return nil }
        let pairs = Set(zip(words, words.dropFirst()).map { $0 + " " + $1 })
        if words.contains(where: codeWords.contains), !words.contains(where: organiserCodeWords.contains),
           words.contains(where: losingWords.contains) || pairs.contains(where: losingWords.contains) || words.contains(where: ownCodeWords.contains) {
            return .referenceCode
        }
        if words.contains(where: editionWords.contains), words.contains(where: nextWords.contains) { return .nextEdition }
        if asksAboutBeingContacted(words) || containsPhrase(words, whatNextPhrases) { return .whatNext }
        return nil
    }

    /// True when one of `phrases` stands in `words` as consecutive words.
    static func containsPhrase(_ words: [String], _ phrases: [[String]]) -> Bool {
        phrases.contains { phrase in
            words.indices.contains { start in start + phrase.count <= words.count && Array(words[start..<start + phrase.count]) == phrase }
        }
    }

    /// "jesteś człowiekiem czy ai?", "are you a bot?": whether the assistant is a person. Answered
    /// by `help`, which says it is an automatic assistant — not by `human`, which only gives
    /// whom to call.
    public static func asksIfBot(_ words: [String]) -> Bool {
        let asking: Set<String> = ["jestes", "jestescie", "rozmawiam", "piszę", "pisze", "are", "am", "is", "ти", "ви", "розмовляю", "ты"]
        let what: Set<String> = ["bot", "botem", "botom", "robot", "robotem", "ai", "automat", "automatem", "sztuczna", "czlowiekiem", "czlowiek",
                                 "human", "person", "real", "chatbot", "бот", "ботом", "людина", "людиною", "робот", "человек", "ші"]
        return words.count <= 10 && words.contains(where: asking.contains) && words.contains(where: what.contains)
            && !words.contains(where: ["chce", "chcę", "want", "daj", "prosze", "porozmawiac", "talk", "speak", "need"].contains)
    }

    public static func isCancel(_ text: String) -> Bool { cancelWords.contains(TextNormalizer.fold(text)) }
    public static func isBack(_ text: String) -> Bool { backWords.contains(TextNormalizer.fold(text)) }
    public static func isSkip(_ text: String) -> Bool { skipWords.contains(TextNormalizer.fold(text)) }

    /// Words that mark a line as changing an answer already given, wherever they stand:
    /// "chcę zmienić telefon", "popraw datę na wczoraj", "jednak nie Polanka, wolę Traugutta".
    static let correctionWords: Set<String> = CommonWords.words([
        "zmien", "zmienic", "zmienie", "zmiana", "popraw", "poprawic", "poprawie", "poprawka", "jednak", "wole",
        "zly", "zla", "zle", "bledny", "bledna", "bledne", "pomylka", "pomylilam", "pomylilem", "zamiast",
        "change", "fix", "edit", "update", "wrong", "actually", "instead", "rather", "mistake", "typo",
    ], ukrainian: ["змінити", "зміни", "змініть", "виправити", "виправ", "виправте", "поправити", "неправильно",
                                "неправильний", "неправильне", "помилка", "помилився", "помилилася", "замість", "изменить", "исправить"])
    /// Phrases that do the same: "to nie mój numer, mój jest …", "that's not my e-mail".
    static let correctionPhrases: [[String]] = [["nie", "moj"], ["nie", "moje"], ["nie", "moja"], ["not", "my"], ["nie", "ten"], ["not", "that"]]
        + ["не мій", "не моє", "не моя", "не той", "не та"].map(TextNormalizer.tokens)

    /// Whether `text` asks to change an answer, and the field it names, if any. `fields` maps each
    /// of the form's fields to the folded words that name it; the first field named wins.
    /// "correct" alone is a yes, not a correction: a correction needs a marker word.
    public static func correction(_ text: String, fields: [(field: String, words: Set<String>)]) -> Correction? {
        let words = TextNormalizer.tokens(text)
        let marked = words.contains(where: correctionWords.contains) || containsPhrase(words, correctionPhrases) || (words.first == "correct" && words.count > 1)
        guard marked else { return nil }
        for (field, names) in fields where words.contains(where: names.contains) {
            return Correction(field: field)
        }
        return Correction(field: nil)
    }

    /// A line that changes an answer: the field it names, if it names one.
    public struct Correction: Sendable, Equatable {
        public var field: String?
    }

    /// What follows the field's name in a correction: "zmień imię na Anna Nowak" → "Anna Nowak",
    /// "popraw datę: wczoraj" → "wczoraj"; nil when nothing follows a joining word.
    public static func correctedValue(_ text: String) -> String? {
        let lowered = text.lowercased()
        for joiner in [" na ", " to ", " is ", " jest ", ": ", " -> ", " → "] {
            guard let range = lowered.range(of: joiner, options: .backwards) else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            let value = String(text.dropFirst(offset)).trimmingWhitespace()[...].trimmingCharacters(in: ".!")
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// Every choice a reply names, in the order of `choices` ("jednak nie Polanka, wolę
    /// Traugutta" names both).
    public static func choices(_ text: String, among choices: [String]) -> [Int] {
        choices.indices.filter { choice(text, among: [choices[$0]]) != nil }
    }

    /// A name introduced inside a sentence: "Jestem Anna Kowalska", "nazywam się …", "my name is …".
    public static func introducedName(in text: String) -> String? {
        let lowered = text.lowercased()
        let markers = ["nazywam się ", "nazywam sie ", "mam na imię ", "mam na imie ", "jestem ", "my name is ", "i am ", "i'm ", "name: ", "imię i nazwisko: ", "imie i nazwisko: ",
                       "мене звати ", "моє ім’я ", "моє ім'я ", "моє імʼя ", "звати мене ", "я — ", "я - ", "я ", "меня зовут "]
        for marker in markers {
            guard let range = lowered.range(of: marker) else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            let rest = text.dropFirst(offset)
            var words: [Substring] = []
            for word in rest.split(separator: " ") {
                let cleaned = word[...].trimmingCharacters(in: ",.;:!?")
                guard isNameWord(cleaned, capitalised: true), words.count < 4 else { break }
                words.append(Substring(cleaned))
                if word.hasSuffix(",") || word.hasSuffix(".") || word.hasSuffix(";") { break }
            }
            if words.count >= 2 { return words.joined(separator: " ") }
        }
        return nil
    }

    /// A whole answer that is a name: letters, spaces, hyphens and apostrophes, two words or more.
    public static func plainName(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()[...].trimmingCharacters(in: ".!")
        let words = trimmed.split(separator: " ")
        guard (2...5).contains(words.count), trimmed.count <= 80, words.allSatisfy({ isNameWord(String($0)) }) else { return nil }
        return words.joined(separator: " ")
    }

    /// The name after a conversational lead-in: "no dobrze, to ja się zapiszę, Halina Woźniak",
    /// "ok then, sign me up — John Smith", "dobra, Marek Nowak", "tak Anna Nowak". The name is the
    /// last clause (or, with no punctuation, the capitalised words that end the line); every word
    /// before it must be an ordinary word — a common word, one the catalogue knows, a yes or a
    /// filler — so that "Magdalena Kowalczyk, Stowarzyszenie X" keeps its first part as the name.
    static func nameAfterLeadIn(_ text: String, matcher: IntentMatcher) -> String? {
        func isLeadWord(_ word: String) -> Bool {
            isOrdinaryWord(word, matcher: matcher) || yesWords.contains(word) || fillerWords.contains(word) || acknowledgements.contains(word)
                || asksToSignUp([word])
        }
        func isName(_ candidate: String) -> Bool {
            // A name of ordinary words only ("sign me up") or one naming a programme is no name.
            !readsAsSentence(candidate, matcher: matcher) && !TextNormalizer.tokens(candidate).allSatisfy(isLeadWord)
                && matcher.mentions(in: candidate).topic == nil
        }
        let clauses = text.replacingOccurrences(of: " - ", with: " — ")
            .split(whereSeparator: { ",;:—–.!".contains($0) }).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        if clauses.count >= 2, let last = clauses.last, let name = plainName(last), isName(name) {
            let lead = clauses.dropLast().flatMap { TextNormalizer.tokens($0) }
            return !lead.isEmpty && lead.allSatisfy(isLeadWord) ? name : nil
        }
        // "dobra Marek Nowak": the capitalised words at the end, after lower-case ordinary words.
        let words = text.trimmingWhitespace()[...].trimmingCharacters(in: ".!").split(separator: " ").map(String.init)
        guard words.count >= 3 else { return nil }
        for start in max(1, words.count - 4)...(words.count - 2) {
            let lead = words[..<start]
            let name = words[start...]
            guard name.allSatisfy({ isNameWord($0, capitalised: true) }), lead.allSatisfy({ $0.first?.isLowercase == true }),
                  TextNormalizer.tokens(lead.joined(separator: " ")).allSatisfy(isLeadWord) else { continue }
            let joined = name.joined(separator: " ")
            return isName(joined) ? joined : nil
        }
        return nil
    }

    /// A bare yes or acknowledgement ("tak", "yes", "ok", "dobrze"): at a question that wants a
    /// value it says nothing yet, and is no failed answer.
    public static func isBareAssent(_ text: String, language: Language) -> Bool {
        let words = TextNormalizer.tokens(text)
        guard !words.isEmpty, words.count <= 3 else { return false }
        // The whole line a yes ("tak", "no pewnie"), not one that starts with it ("tak, Anna Nowak").
        let phrase = words.drop { fillerWords.contains($0) && words.count > 1 }.joined(separator: " ")
        return isAcknowledgement(words: words) || yesWords.contains(phrase) || (words == ["no"] && language == .pl)
    }

    /// What is left of a line once its contact is taken out, when that is a name: "Anna Kowalska, "
    /// from "Anna Kowalska, anna@example.org". Stricter than ``plainName(_:)``: no common word and
    /// no word the catalogue knows ("mój e-mail to …" is not a name).
    static func nameBesideContact(_ rest: String, matcher: IntentMatcher) -> String? {
        let trimmed = rest.trimmingWhitespace()[...].trimmingCharacters(in: ",;:-–.!/ ")
        guard let name = plainName(trimmed), !TextNormalizer.tokens(name).contains(where: { isOrdinaryWord($0, matcher: matcher) }) else { return nil }
        return name
    }

    /// A common word, or one the catalogue knows: unlikely in a person's name.
    static func isOrdinaryWord(_ word: String, matcher: IntentMatcher) -> Bool {
        CommonWords.contains(word) || matcher.isKnownWord(word)
    }

    /// True when a would-be name is a sentence ("zapisz mnie na szkolenie"): two or more of its
    /// words are common words or words the catalogue knows, one of them a common (function)
    /// word — and it is not written as a name, every word capitalised ("Druga Mieszkanka").
    static func readsAsSentence(_ name: String, matcher: IntentMatcher) -> Bool {
        if name.split(separator: " ").allSatisfy({ $0.first?.isUppercase == true }) { return false }
        let words = TextNormalizer.tokens(name)
        return words.contains(where: CommonWords.contains) && words.filter { isOrdinaryWord($0, matcher: matcher) }.count >= 2
    }

    static func isNameWord(_ word: String, capitalised: Bool = false) -> Bool {
        guard let first = word.first, first.isLetter, !capitalised || first.isUppercase else { return false }
        return word.count >= 2 && word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" }
    }

    /// Times of day said with a date ("wczoraj wieczorem", "dzisiaj rano"): the day is what counts.
    static let timesOfDay: Set<String> = CommonWords.words(["rano", "wieczorem", "wieczor", "popoludniu", "poludniu", "w", "po", "po poludniu", "morning", "evening",
                                          "afternoon", "in", "the", "this", "at", "noon", "night", "w nocy", "nocy", "przed", "poludniem"],
                                          ukrainian: ["вранці", "зранку", "ввечері", "увечері", "вдень", "вночі", "в", "у", "після", "обіду"])

    /// "dziś", "wczoraj", "przedwczoraj", "2026-11-20", "20.11.2026", "20/11/2026", also with a
    /// time of day ("dzisiaj rano"); nil for anything else.
    public static func date(_ text: String, today: CalendarDay) -> CalendarDay? {
        var folded = TextNormalizer.fold(text)
        // Only nothing at all is the default, today: a dash or other punctuation is no date.
        if folded.isEmpty, !text.trimmingWhitespace().isEmpty { return nil }
        let words = folded.split(separator: " ").map(String.init)
        if words.count > 1, words.contains(where: { !timesOfDay.contains($0) }) {
            folded = words.filter { !timesOfDay.contains($0) }.joined(separator: " ")
        }
        switch folded {
        case "dzis", "dzisiaj", "today", "": return today
        case "wczoraj", "yesterday": return today.adding(days: -1)
        case "przedwczoraj", "day before yesterday": return today.adding(days: -2)
        default: break
        }
        if let days = ukrainianDaysAgo[folded] { return today.adding(days: -days) }
        let trimmed = text.trimmingWhitespace()
        if let iso = CalendarDay(iso: trimmed) { return iso }
        let parts = trimmed.split(whereSeparator: { $0 == "." || $0 == "/" || $0 == "-" })
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 else {
            return nil
        }
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return CalendarDay(iso: "\(year)-\(pad(month))-\(pad(day))")
    }

    /// "сьогодні", "вчора", "позавчора" (and the Russian words), folded, as days before today.
    static let ukrainianDaysAgo: [String: Int] = {
        var days: [String: Int] = [:]
        for (word, ago) in [("сьогодні", 0), ("вчора", 0 + 1), ("учора", 1), ("позавчора", 2), ("сегодня", 0), ("позавчера", 2), ("вчера", 1)] {
            days[TextNormalizer.fold(word)] = ago
        }
        return days
    }()

    /// The choice a reply names: by number ("2"), by name, or by a distinctive word of it.
    public static func choice(_ text: String, among choices: [String]) -> Int? {
        guard !choices.isEmpty else { return nil }
        let folded = TextNormalizer.fold(text)
        if let number = Int(folded), (1...choices.count).contains(number) { return number - 1 }
        let words = TextNormalizer.tokens(text)
        let generic: Set<String> = CommonWords.words(["osiedle", "dzielnica", "district", "estate", "the", "program", "programme", "centrum"],
                                                     ukrainian: ["район", "селище", "мікрорайон", "програма", "центр"])
        for (index, choice) in choices.enumerated() where TextNormalizer.fold(choice) == folded {
            return index
        }
        for (index, choice) in choices.enumerated() {
            let distinctive = TextNormalizer.tokens(choice).filter { $0.count >= 4 && !generic.contains($0) }
            if distinctive.contains(where: { word in words.contains { $0 == word || ($0.count >= 5 && word.count >= 5 && TextNormalizer.stem($0) == TextNormalizer.stem(word)) } }) {
                return index
            }
        }
        // A Polish name typed in Cyrillic ("Поланка", "Суходіл"): compared as a Ukrainian spells
        // it, one letter either way.
        let cyrillic = words.filter { $0.unicodeScalars.contains(where: Cyrillic.isCyrillic) }.map { Array($0.unicodeScalars) }
        guard !cyrillic.isEmpty else { return nil }
        for (index, choice) in choices.enumerated() {
            let distinctive = TextNormalizer.tokens(choice).filter { $0.count >= 5 && !generic.contains($0) }.map { Array(Cyrillic.fromPolish($0).unicodeScalars) }
            if distinctive.contains(where: { name in cyrillic.contains { $0.count >= 5 && ($0.prefix(5) == name.prefix(5) || SpellingCorrector.distance($0, name, limit: 1) <= 1) } }) {
                return index
            }
        }
        return nil
    }
}
