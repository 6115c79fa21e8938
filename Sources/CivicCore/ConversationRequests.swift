/// Lines about the conversation itself rather than the programmes: a question about a language
/// ("czy mogę pisać po ukraińsku?", "вы понимаете по-русски?"), a request to repeat in more
/// words than "powtórz" ("możesz powtórzyć?", "say that again"), and a self-introduction with
/// no question ("piszę z fundacji z Wrocławia"). Read from the folded words, before (or, for an
/// introduction, beside) the matcher, as the other requests of ``Answers`` are.
extension Answers {
    // MARK: - Questions about a language

    /// The language a question asks about.
    public enum AskedLanguage: Sendable, Equatable {
        /// One we speak: Polish, English, Ukrainian.
        case spoken(Language)
        /// Russian: understood, answered in `languages.russian_reply`.
        case russian
        /// One we neither speak nor understand.
        case foreign(ForeignLanguage)
    }

    /// Russian's and the foreign languages' names, folded (Polish, English, Ukrainian, Russian forms).
    static let otherLanguageNames: [(AskedLanguage, Set<String>)] = [
        (.russian, CommonWords.words(["rosyjsku", "rosyjski", "rosyjskiego", "rosyjskim", "rusku", "ruski", "russian", "rosiiskoiu", "rosiyskoyu", "russki"],
                                     ukrainian: ["російською", "російська", "російську", "русски", "русский", "русском"])),
        (.foreign(.german), CommonWords.words(["niemiecku", "niemiecki", "niemieckim", "german", "deutsch"], ukrainian: ["німецькою", "німецька", "немецки", "немецкий"])),
        (.foreign(.french), CommonWords.words(["francusku", "francuski", "francuskim", "french", "francais"], ukrainian: ["французькою", "французька", "французски", "французский"])),
        (.foreign(.spanish), CommonWords.words(["hiszpansku", "hiszpanski", "hiszpanskim", "spanish", "espanol"], ukrainian: ["іспанською", "іспанська", "испански", "испанский"])),
        (.foreign(.italian), CommonWords.words(["wlosku", "wloski", "wloskim", "italian", "italiano"], ukrainian: ["італійською", "італійська", "итальянски", "итальянский"])),
    ]

    /// The verbs of a question about a language: speaking, writing, understanding it.
    static let languageQuestionVerbs: Set<String> = CommonWords.words([
        "mowisz", "mowicie", "mowi", "rozumiesz", "rozumiecie", "rozumie", "znasz", "znacie", "piszesz", "piszecie", "moge", "mozemy",
        "pisac", "mowic", "rozmawiac", "umiesz", "umiecie", "odpowiadasz", "odpowiadacie", "obslugujesz", "obslugujecie",
        "speak", "understand", "write", "talk", "know", "read", "answer", "reply", "use",
    ], ukrainian: [
        "розмовляєш", "розмовляєте", "розумієш", "розумієте", "говориш", "говорите", "знаєш", "знаєте", "пишеш", "пишете", "можу",
        "писати", "говорити", "розмовляти", "відповідаєш", "відповідаєте", "понимаешь", "понимаете", "говоришь", "разговариваете",
        "знаете", "писать", "говорить", "могу",
    ])

    /// Words of such a question that only Russian has ("понимаете", "говоришь"), and its letters:
    /// a question about Russian asked with them is asked in Russian, though too short for
    /// ``LanguageDetector/isRussian(_:words:)`` to say so ("вы понимаете по-русски?").
    static let russianQuestionWords: Set<String> = CommonWords.folded(["понимаешь", "понимаете", "говоришь", "говорите", "разговариваете", "можно", "писать", "говорить", "вы", "ты"])

    /// True when a question about a language, in Cyrillic, is asked in Russian.
    public static func asksInRussian(_ text: String, words: [String]) -> Bool {
        guard LanguageDetector.isCyrillic(text) else { return false }
        return LanguageDetector.isRussian(text, words: words)
            || text.lowercased().unicodeScalars.contains(where: LanguageDetector.russianLetters.contains)
            || words.contains(where: { russianQuestionWords.contains($0) && !CommonWords.ukrainian.contains($0) })
    }

    /// Words that may stand around a language's name in such a question.
    static let languageQuestionFillers: Set<String> = CommonWords.words([
        "czy", "po", "w", "jezyku", "a", "ty", "wy", "mi", "sie", "tez", "rowniez", "prosze", "tutaj", "tu", "z", "toba", "wami", "mozna", "mozesz",
        "do", "you", "i", "we", "can", "could", "the", "in", "language", "also", "too", "please", "here", "with", "is", "it", "ok", "okay", "does", "this",
        "bot", "chat", "civicd", "any", "well",
    ], ukrainian: [
        "чи", "по", "ти", "ви", "мовою", "а", "теж", "також", "тут", "з", "тобою", "вами", "можна", "можеш", "можете", "вы", "ты", "на", "языке",
        "я", "мені", "мне", "ли", "тоже", "здесь", "можно", "будь", "ласка",
    ])

    /// "czy mogę pisać po ukraińsku?", "rozumiesz po rosyjsku?", "do you speak German?",
    /// "ти розмовляєш англійською?": the language asked about, when the line asks nothing else
    /// (one language's name, a verb of speaking or understanding, and only words that may stand
    /// around them). "czy szkolenie jest po ukraińsku?" asks about the training, not us.
    public static func languageQuestion(words: [String], question: Bool) -> AskedLanguage? {
        guard !words.isEmpty, words.count <= 9 else { return nil }
        let kinds = languageNames.map { (AskedLanguage.spoken($0.0), $0.1) } + otherLanguageNames
        guard words.contains(where: languageQuestionVerbs.contains),
              question || languageQuestionVerbs.contains(words[0]) || words[0] == "czy" || words[0] == "do" || words[0] == "чи",
              let asked = onlyAsking(words, kinds: kinds, fillers: languageQuestionVerbs.union(languageQuestionFillers)) else { return nil }
        return asked
    }

    // MARK: - Asking to repeat

    /// The verbs of asking to repeat.
    static let repeatVerbs: Set<String> = CommonWords.words([
        "powtorz", "powtorzyc", "powtorzysz", "powtorzcie", "powtorzy", "repeat", "povtory", "povtoryty",
    ], ukrainian: ["повтори", "повторіть", "повторити", "повториш", "повторите", "повторить"])

    /// Two words that ask for it together ("jeszcze raz", "say again", "ще раз").
    static let repeatPhrases: [[String]] = [
        ["jeszcze", "raz"], ["say", "again"], ["say", "that", "again"], ["come", "again"], ["once", "more"], ["one", "more", "time"],
        [TextNormalizer.fold("ще"), TextNormalizer.fold("раз")], [TextNormalizer.fold("еще"), TextNormalizer.fold("раз")],
        ["shche", "raz"],
    ]

    /// Words that may stand around such a request.
    static let repeatFillers: Set<String> = CommonWords.words([
        "prosze", "czy", "mozesz", "moglbys", "moglabys", "mozecie", "ostatnie", "ostatnia", "ostatnio", "odpowiedz", "to", "jeszcze", "raz",
        "mi", "ponownie", "a", "no", "ok", "sorry", "przepraszam", "tamto", "poprzednie", "poprzednia", "wiadomosc",
        "please", "can", "could", "you", "that", "the", "last", "answer", "it", "one", "more", "time", "once", "again", "say", "come", "reply",
        "message", "would", "mind", "bud", "laska", "shche", "raz",
    ], ukrainian: ["будь", "ласка", "можеш", "можете", "ще", "раз", "останнє", "останню", "відповідь", "мені", "це", "пожалуйста", "еще",
                   "последнее", "ответ", "мне", "вибачте", "перепрошую"])

    /// "możesz powtórzyć?", "jeszcze raz proszę", "repeat that please", "повтори, будь ласка":
    /// the last reply again — a verb of repeating, or "jeszcze raz" and its kin, among the words
    /// that may stand around it and nothing else.
    public static func asksToRepeat(words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= 7, words.allSatisfy({ repeatVerbs.contains($0) || repeatFillers.contains($0) }) else { return false }
        return words.contains(where: repeatVerbs.contains) || containsPhrase(words, repeatPhrases)
    }
}

extension Answers {
    // MARK: - Introductions

    /// Phrases that say who the resident is by themselves, as consecutive folded words: "piszę z
    /// fundacji", "zwracam się w imieniu…", "mieszkam w Krakowie", "I'm from Lviv", "я з Києва".
    static let introductionPhrases: [[String]] = [
        ["pisze", "z"], ["pisze", "ze"], ["pisze", "w", "imieniu"], ["pisze", "jako"], ["pisze", "od"], ["pisze", "prace"],
        ["piszemy", "z"], ["piszemy", "w", "imieniu"], ["zwracam", "sie", "w", "imieniu"], ["zwracamy", "sie", "w", "imieniu"],
        ["zwracam", "sie", "jako"], ["zwracamy", "sie", "jako"], ["reprezentuje"], ["reprezentujemy"],
        ["nazywam", "sie"], ["mam", "na", "imie"], ["mieszkam", "w"], ["mieszkam", "we"], ["mieszkam", "na"], ["mieszkam", "od"],
        ["pracuje", "w"], ["pracuje", "we"], ["pracuje", "jako"], ["pracuje", "dla"], ["studiuje"], ["pochodze", "z"], ["pochodze", "ze"],
        ["dzialam", "w"], ["jestem", "z"], ["jestem", "ze"], ["jestesmy", "z"], ["jestesmy", "ze"],
        ["my", "name", "is"], ["i", "m", "from"], ["im", "from"], ["i", "am", "from"], ["i", "m", "with"], ["im", "with"], ["i", "am", "with"],
        ["i", "come", "from"], ["i", "work", "at"], ["i", "work", "for"], ["i", "work", "in"], ["i", "work", "with"], ["i", "live", "in"],
        ["i", "study"], ["writing", "from"], ["i", "represent"], ["we", "represent"], ["we", "are", "from"],
    ] + [
        ["я", "з"], ["я", "із"], ["я", "зі"], ["я", "из"], ["мене", "звати"], ["меня", "зовут"], ["пишу", "з"], ["пишу", "із"], ["пишу", "від"],
        ["пишу", "из"], ["звертаюся"], ["звертаюсь"], ["ми", "з"], ["ми", "із"], ["я", "живу"], ["живу", "в"], ["живу", "у"], ["я", "працюю"],
        ["працюю", "в"], ["працюю", "у"], ["я", "представляю"], ["представляю"], ["я", "навчаюся"], ["навчаюся"],
    ].map { $0.map(TextNormalizer.fold) }

    /// "jestem", "I'm", "я": an introduction when a role ("studentką", "a student", "мешканка")
    /// or a capitalised name follows within three words — not "jestem głodny", "I'm bored".
    static let selfWords: [[String]] = [["jestem"], ["jestesmy"], ["im"], ["i", "m"], ["i", "am"], ["we", "are"], ["я"], ["ми"]]
        .map { $0.map(TextNormalizer.fold) }

    /// The roles residents introduce themselves with, folded.
    static let roleWords: Set<String> = CommonWords.words([
        "mieszkanka", "mieszkancem", "mieszkancami", "studentka", "studentem", "studentami", "nauczycielka", "nauczycielem", "radna", "radnym",
        "soltysem", "soltyska", "wolontariuszka", "wolontariuszem", "czlonkiem", "czlonkinia", "pracownikiem", "pracownica", "koordynatorem",
        "koordynatorka", "emerytka", "emerytem", "mama", "tata", "przedstawicielem", "przedstawicielka", "prezesem", "prezeska", "organizatorka",
        "organizatorem", "doktorantka", "doktorantem", "dziennikarka", "dziennikarzem", "badaczka", "badaczem", "aktywistka", "aktywista",
        "liderka", "liderem", "animatorka", "animatorem", "ukrainka", "ukraincem", "urzedniczka", "urzednikiem", "sekretarzem", "wojtem",
        "burmistrzem", "seniorka", "seniorem",
        "student", "teacher", "resident", "researcher", "journalist", "volunteer", "organiser", "organizer", "member", "coordinator", "mum",
        "mom", "dad", "parent", "pensioner", "retiree", "councillor", "councilor", "officer", "employee", "activist", "leader",
        "representative", "director", "chair", "mother", "father", "phd", "social", "local",
    ], ukrainian: [
        "студент", "студентка", "мешканка", "мешканець", "вчителька", "вчитель", "волонтер", "волонтерка", "пенсіонерка", "пенсіонер",
        "мама", "тато", "активістка", "активіст", "журналістка", "журналіст", "представник", "представниця", "координатор",
        "координаторка", "працівник", "працівниця", "організатор", "організаторка", "українка", "українець",
    ])

    /// Words that go on with an introduction in a clause of its own: "…, doing a paper on…".
    static let continuingWords: Set<String> = [
        "doing", "working", "studying", "writing", "researching", "volunteering", "living", "running", "preparing", "currently",
    ]

    /// Words that join the clauses of a line ("jestem z Ukrainy i mieszkam w Krakowie").
    static let joiningWords: Set<String> = CommonWords.words(["i", "ale", "oraz", "and", "but"], ukrainian: ["і", "та", "а", "але", "и"])
    /// English words after "i" that keep it the pronoun, not the Polish "and".
    static let englishAfterI: Set<String> = ["m", "am", "work", "live", "study", "come", "represent", "was", "have", "ve", "d", "ll"]

    /// Words of a line that asks or requests something, wherever they stand: such a line is a
    /// question, answered (or refused) as one, never welcomed as an introduction.
    static let requestWords: Set<String> = CommonWords.words([
        "chce", "chcialbym", "chcialabym", "chcemy", "chcielibysmy", "prosze", "poprosze", "prosimy", "prosba", "prosbe", "prosba",
        "potrzebuje", "potrzebujemy", "szukam", "szukamy", "interesuje", "pytanie", "pytaniem", "zapytanie", "zapytaniem",
        "mozecie", "mozesz", "moglibyscie", "mogliby", "pomozcie", "pomoz", "powiedz", "podaj", "czy", "ile", "gdzie", "kiedy", "jak",
        // A subject announced is a question to come about it: "zwracam się w sprawie remontu".
        "sprawie", "sprawe", "odnosnie", "dotyczy", "dotyczaca", "dotyczacej", "problem", "problemem", "problemu", "regarding", "concerning",
        "want", "wanted", "need", "looking", "please", "could", "can", "would", "help", "tell", "wondering", "question",
        "how", "where", "when", "what", "who", "which", "why",
    ], ukrainian: [
        "хочу", "хочемо", "хотів", "хотіла", "потрібно", "треба", "шукаю", "прошу", "можете", "можеш", "допоможіть", "підкажіть",
        "скажіть", "питання", "чи", "як", "де", "коли", "скільки", "що", "хочу", "нужно", "ищу", "помогите", "подскажите", "скажите",
        "вопрос", "как", "где", "когда", "сколько", "щодо", "стосовно", "проблема", "проблему",
    ])

    /// Words of looking for something ("szukam", "potrzebuję", "I need"): after a greeting, the
    /// request of the line.
    static let seekingWords: Set<String> = CommonWords.words([
        "szukam", "szukamy", "potrzebuje", "potrzebujemy", "need", "looking", "want",
    ], ukrainian: ["шукаю", "шукаємо", "потрібен", "потрібна", "потрібно", "ищу", "нужен", "нужна", "нужно"])

    /// The most words an introduction has; a longer line tells a story, read as a question.
    static let introductionMaxWords = 24

    /// "Szanowni Państwo, zwracam się w imieniu Urzędu Gminy…", "hi! im a student at UJ",
    /// "dzień dobry, ja jestem z Ukrainy", "Dzien dobry, piszę z fundacji z Wrocławia": the
    /// resident says who they are and asks nothing yet. Every clause of the line (split at
    /// punctuation and at "i", "ale", "and", "але"…) is a courtesy of two words at most, an
    /// introduction (``introductionPhrases``, or "jestem"/"I'm"/"я" before a role or a name) or
    /// goes on with one ("doing a paper on…"), and one is an introduction; no question mark and
    /// no word of question or request anywhere. "jestem z Krakowa, jaka będzie pogoda?" and
    /// "jestem emerytką i mam problem z sąsiadem" are no introduction: they are answered as
    /// what they ask or say.
    public static func isIntroduction(_ text: String, words: [String]) -> Bool {
        guard !text.contains("?"), !words.isEmpty, words.count <= introductionMaxWords,
              !words.contains(where: requestWords.contains) else { return false }
        let original = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
        var introduced = false
        for clause in clauses(of: text) {
            if clause.count <= 2 || continuingWords.contains(clause[0]) { continue }
            guard containsPhrase(clause, introductionPhrases) || namesRoleOrName(clause, original: original) else { return false }
            introduced = true
        }
        return introduced
    }

    /// The folded words of each clause of `text`.
    static func clauses(of text: String) -> [[String]] {
        var clauses: [[String]] = []
        for part in text.split(whereSeparator: { ".,!;:–—()".contains($0) }) {
            var clause: [String] = []
            let words = TextNormalizer.tokens(String(part))
            for (index, word) in words.enumerated() {
                let next = index + 1 < words.count ? words[index + 1] : nil
                if joiningWords.contains(word), !clause.isEmpty, !(word == "i" && next.map(englishAfterI.contains) == true) {
                    clauses.append(clause)
                    clause = []
                } else {
                    clause.append(word)
                }
            }
            if !clause.isEmpty { clauses.append(clause) }
        }
        return clauses
    }

    /// "jestem studentką", "I'm a sociology student", "Jestem Marta": a self word before a role
    /// within three words, or before a capitalised word of the line as typed.
    static func namesRoleOrName(_ clause: [String], original: [String]) -> Bool {
        for start in clause.indices {
            guard let self_ = selfWords.first(where: { start + $0.count <= clause.count && Array(clause[start..<start + $0.count]) == $0 }) else { continue }
            let after = clause[(start + self_.count)...].prefix(3)
            if after.contains(where: roleWords.contains) { return true }
            if let next = after.first, let typed = original.first(where: { TextNormalizer.fold($0) == next }), typed.first?.isUppercase == true,
               !CommonWords.contains(next) {
                return true
            }
        }
        return false
    }
}

extension Answers {
    // MARK: - What we do

    /// The words a question of what civicd itself does is made of ("no to w czym wy w ogóle
    /// pomagacie?", "so what can you help me with?"): asking words, "you", verbs of helping and
    /// doing, and fillers — nothing naming a programme or an object.
    static let whatWeDoWords: Set<String> = [
        "no", "to", "w", "czym", "co", "wy", "ty", "ogole", "wlasciwie", "mi", "nam", "a", "tu", "tutaj", "z", "jestescie", "jestes", "stanie",
        "mozecie", "mozesz", "pomoc", "dokladnie", "wiec", "niby", "tak", "ogolnie",
        "so", "what", "do", "you", "can", "could", "help", "with", "me", "us", "actually", "here", "exactly", "is", "it", "then", "okay", "ok",
        "guys", "really", "again", "the", "are", "for", "anyway", "and",
    ]
    /// Verbs of what civicd would do, asked of it in the second person.
    static let whatWeDoVerbs: Set<String> = [
        "pomagacie", "pomagasz", "pomozecie", "pomozesz", "zajmujecie", "zajmujesz", "robicie", "robisz", "help", "do",
    ]

    /// "no to w czym wy w ogóle pomagacie?", "a czym się zajmujesz?", "so what do you help with?":
    /// what civicd is for — answered by `help`, the self-description, as "are you a bot?" is; a
    /// programme's offer ("w czym pomaga centrum?", "w czym pomagacie organizacjom?") is no such question.
    public static func asksWhatWeDo(_ words: [String]) -> Bool {
        let words = words.filter { $0 != "sie" }
        return !words.isEmpty && words.count <= 10 && words.allSatisfy(whatWeDoWords.union(whatWeDoVerbs).contains)
            && words.contains(where: ["czym", "co", "what"].contains) && words.contains(where: whatWeDoVerbs.contains)
            && words.contains(where: ["wy", "ty", "you", "pomagacie", "pomagasz", "pomozecie", "pomozesz", "zajmujecie", "zajmujesz", "robicie", "robisz"].contains)
    }
}
