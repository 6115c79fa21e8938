@testable import CivicCore
import Testing

/// What a usability tester found when talking to civicd about the conversation itself rather
/// than the programmes: questions about a language, asking to repeat, introductions, "what do
/// you do?", the fallback's language and its "też", the register. Lines are our own wording
/// (the tester's lines among them where the finding quoted one).
@Suite("Talking about the conversation")
struct MetaConversationTests {
    // MARK: - Questions about a language

    @Test("a question about one of our languages is answered yes in the language asked in, then the conversation switches to it", arguments: [
        ("czy mogę pisać po ukraińsku?", Language.pl, Language.uk), ("rozumiesz po angielsku?", .pl, .en), ("a czy mogę tu pisać po angielsku?", .pl, .en),
        ("do you understand Polish?", .en, .pl), ("could I write in Ukrainian here?", .en, .uk),
        ("ти розмовляєш англійською?", .uk, .en), ("чи можу я писати польською?", .uk, .pl), ("а ви розумієте польською?", .uk, .pl),
    ])
    func spokenLanguage(_ line: String, _ askedIn: Language, _ target: Language) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        let lines = reply.text.split(separator: "\n").map(String.init)
        #expect(lines.first == Messages.languageYes.format(askedIn, ["language": Messages.languageNamed(target)[askedIn]]), "\(line): \(reply.text)")
        #expect(lines.last == Messages.languageSet[target], "\(line): \(reply.text)")
        #expect(reply.language == target && reply.intent == nil)
        // For good, as "po ukraińsku" or /lang: a line in another language is still answered in it.
        #expect(try t.reply(target == .pl ? "where is the Civic Centre?" : "gdzie jest Centrum Obywatelskie?").language == target)
    }

    @Test("a question about the language already spoken is a plain yes", arguments: [
        ("czy mogę pisać po polsku?", Language.pl), ("can I write in English?", .en), ("чи можна писати українською?", .uk),
    ])
    func sameLanguage(_ line: String, _ language: Language) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.text == Messages.languageYes.format(language, ["language": Messages.languageNamed(language)[language]]) || reply.text == Messages.languageSet[language],
                "\(line): \(reply.text)")
        #expect(reply.language == language)
    }

    @Test("Ukrainian typed in Latin letters asks for Ukrainian as the Cyrillic would", arguments: [
        "mozhna ukrainskoju?", "mozhna ukrainskoiu, bud laska", "chy mozhna pysaty ukrainskoju?",
    ])
    func latinTypedUkrainian(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.language == .uk, "\(line): \(reply.text)")
        #expect(reply.intent != .fallback, "\(line): \(reply.text)")
        #expect(reply.text.hasSuffix(Messages.languageSet[.uk]) || reply.text.hasPrefix("Так"), "\(reply.text)")
    }

    @Test("Russian: understood, answered in languages.russian_reply, said once", arguments: [
        ("вы понимаете по-русски?", Language.uk), ("ты говоришь по-русски?", .uk), ("можно писать по-русски?", .uk),
        ("rozumiesz po rosyjsku?", .pl), ("do you understand Russian?", .en), ("ти розумієш російську?", .uk),
    ])
    func russian(_ line: String, _ replyLanguage: Language) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.language == replyLanguage, "\(line): \(reply.text)")
        #expect(reply.text == Messages.russianYes.format(replyLanguage, ["language": Messages.languageNamed(.uk)[replyLanguage]]), "\(line): \(reply.text)")
        // The once-per-conversation note has been said in the answer itself.
        let next = try t.reply("сколько стоит обучение в центре обывательском?")
        #expect(!next.text.contains(Messages.russianNote[next.language]), "\(next.text)")
    }

    @Test("Russian answered in the configured language")
    func russianConfigured() throws {
        var session = Session()
        session.russianReply = .pl
        var t = Transcript(session: session)
        let reply = try t.reply("вы понимаете по-русски?")
        #expect(reply.language == .pl)
        #expect(reply.text == Messages.russianYes.format(.pl, ["language": "po polsku"]), "\(reply.text)")
    }

    @Test("a language we do not speak: no, and the languages we do", arguments: [
        ("mówisz po niemiecku?", Language.pl, ForeignLanguage.german), ("czy mogę pisać po francusku?", .pl, .french),
        ("do you speak Spanish?", .en, .spanish), ("can I write in Italian?", .en, .italian),
        ("ти розмовляєш німецькою?", .uk, .german), ("чи можна писати французькою?", .uk, .french),
    ])
    func foreign(_ line: String, _ language: Language, _ asked: ForeignLanguage) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.language == language, "\(line): \(reply.text)")
        #expect(reply.text == Messages.languageNo.format(language, ["language": Messages.foreignNamed(asked)[language]]), "\(line): \(reply.text)")
    }

    @Test("inside a sign-up a language question is answered and the question asked again in the new language", arguments: [
        "czy mogę pisać po ukraińsku?", "rozumiesz po ukraińsku?", "mozhna ukrainskoju?",
    ])
    func languageQuestionInForm(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply("zapisz mnie do Centrum Obywatelskiego").expecting == "name")
        let reply = try t.reply(line)
        #expect(reply.expecting == "name" && reply.error == nil, "\(reply.text)")
        #expect(reply.language == .uk)
        #expect(reply.text.hasSuffix(FormMessages.askName[.uk]), "\(reply.text)")
    }

    @Test("a question that only mentions a language, or asks more, is no question about our languages", arguments: [
        "czy szkolenie jest po ukraińsku?", "czy mogę zapisać dziecko na kurs angielskiego?", "is the training in English or Polish?",
        "чи є курси польської мови?", "mówisz, że centrum jest po angielsku?",
    ])
    func mentionIsNoQuestion(_ line: String) {
        #expect(Answers.languageQuestion(words: TextNormalizer.tokens(line), question: true) == nil, "\(line)")
    }

    // MARK: - Repeating

    @Test("asked to repeat in more words, the last reply comes again", arguments: [
        "powtórz ostatnie", "możesz powtórzyć?", "jeszcze raz proszę", "czy możesz to powtórzyć?", "powtórz proszę ostatnią odpowiedź",
        "repeat that please", "say that again", "could you repeat the last answer?", "one more time please",
        "повтори, будь ласка", "повторіть останню відповідь", "ще раз, будь ласка",
    ])
    func repeatsLastReply(_ line: String) throws {
        var t = Transcript()
        let first = try t.reply("gdzie jest Centrum Obywatelskie?")
        #expect(first.intent == "contact")
        let again = try t.reply(line)
        #expect(again.text == first.text, "\(line): \(again.text)")
        #expect(again.intent == first.intent)
    }

    @Test("inside a form, asked to repeat, the form's question comes again and nothing is taken as an answer", arguments: [
        "powtórz", "możesz powtórzyć?", "jeszcze raz proszę", "repeat that please", "повтори, будь ласка",
    ])
    func repeatsInForm(_ line: String) throws {
        var t = Transcript()
        let start = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        #expect(start.expecting == "name")
        let again = try t.reply(line)
        #expect(again.expecting == "name" && again.error == nil, "\(line): \(again.text)")
        #expect(again.text == FormMessages.askName[.pl], "\(again.text)")
    }

    @Test("a line that says more than \"repeat\" is no request to repeat", arguments: [
        "jeszcze raz: ile to kosztuje?", "can you say that in English?", "powtórzę pytanie: gdzie jest centrum?", "jeszcze jedno pytanie",
        "repeat the training next year?", "ще раз про вартість",
    ])
    func notRepeat(_ line: String) {
        let words = TextNormalizer.tokens(line)
        #expect(!Answers.asksToRepeat(words: words) && !Answers.isRepeat(words: words), "\(line)")
    }

    @Test("\"krócej\" in brief mode says so and gives the last answer's first sentence; \"więcej\" the rest", arguments: [
        (Language.pl, "gdzie jest Centrum Obywatelskie?", "krócej", "więcej"), (.pl, "gdzie jest Centrum Obywatelskie?", "odpowiadaj krócej", "więcej"),
        (.en, "where is the Civic Centre?", "shorter please", "more"), (.en, "where is the Civic Centre?", "be brief", "tell me more"),
        (.uk, "де знаходиться Centrum Obywatelskie?", "коротше", "більше"), (.uk, "де знаходиться Centrum Obywatelskie?", "коротше будь ласка", "більше"),
    ])
    func shorterWhenBrief(_ language: Language, _ question: String, _ shorter: String, _ more: String) throws {
        var t = Transcript()
        let full = try t.reply(question)
        let brief = try t.reply(shorter)
        #expect(brief.text.hasPrefix(Messages.briefOn[language]))
        let again = try t.reply(shorter)
        let lines = again.text.split(separator: "\n").map(String.init)
        #expect(lines.first == Messages.briefAlready[language], "\(again.text)")
        #expect(!again.text.contains(Messages.briefOn[language]), "not announced again: \(again.text)")
        let first = try #require(lines.dropFirst().first)
        #expect(full.text.hasPrefix(first) && first.count < full.text.split(separator: "\n")[0].count, "one sentence of the answer: \(first)")
        #expect(first.last.map { ".!?".contains($0) } == true && Self.sentences(first) == 1, "\(first)")
        #expect(lines.last == Messages.moreHint[language])
        let rest = try t.reply(more)
        #expect((first + " " + rest.text).replacingOccurrences(of: "\n", with: " ") == full.text.replacingOccurrences(of: "\n", with: " "), "\(rest.text)")
    }

    static func sentences(_ text: String) -> Int {
        Session.firstSentence(of: text).rest.isEmpty ? 1 : 2
    }

    @Test("the first sentence never ends at an abbreviation, an initial or a web address", arguments: [
        ("Centrum Obywatelskie: ul. Reymonta 20, Kraków; szczegóły na co.krakow.pl. Prowadzi je KraFOS.", "Centrum Obywatelskie: ul. Reymonta 20, Kraków; szczegóły na co.krakow.pl."),
        ("Akcja O.S. trwała do 2023 r. Potem nic.", "Akcja O.S. trwała do 2023 r. Potem nic."),
        ("Zadzwoń: tel. 13 47 430 01. Albo napisz.", "Zadzwoń: tel. 13 47 430 01."),
        ("Jedno zdanie\nDruga linia.", "Jedno zdanie"),
    ])
    func firstSentence(_ text: String, _ first: String) {
        #expect(Session.firstSentence(of: text).first == first)
    }

    // MARK: - Introductions

    @Test("a self-introduction with no question gets a welcome, not the refusal", arguments: [
        ("Szanowni Państwo, zwracam się w imieniu Urzędu Gminy w Kołbaskowie.", Language.pl),
        ("Dzien dobry, piszę z fundacji z Wrocławia", .pl),
        ("Dzień dobry, nazywam się Ewa Sowa i pracuję w bibliotece w Krośnie.", .pl),
        ("Witam, reprezentuję stowarzyszenie sąsiedzkie z Nowej Huty.", .pl),
        ("Jestem studentką socjologii, mieszkam w Krakowie od roku.", .pl),
        ("hi! im a sociology student at UJ, doing a paper on community organising in poland", .en),
        ("Hello, my name is Tom and I work for a housing charity.", .en),
        ("I'm a volunteer from Lviv, living in Kraków now.", .en),
        ("Добрий день, я з Харкова, живу в Кракові.", .uk),
        ("Мене звати Оксана, я волонтерка з Кросна.", .uk),
        ("Вітаю, пишу від громадської організації з Перемишля.", .uk),
    ])
    func introduction(_ line: String, _ language: Language) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .greeting, "\(line): \(reply.text)")
        #expect(reply.language == language)
        let refusal = try #require(t.catalogue.intent(.fallback)).replies[Intent.defaultReply]?[language]
        #expect(refusal.map { t.catalogue.render($0, language: language, today: t.today, topic: nil) } != reply.text)
        #expect(reply.text == Messages.introductionWelcome[language] || reply.text.contains("civicd"), "\(reply.text)")
    }

    @Test("an introduction that goes on to ask or tell something out of scope is still refused", arguments: [
        "jestem z Krakowa, jaka będzie jutro pogoda?", "Szanowni Państwo, zwracam się w imieniu Urzędu Gminy. Gdzie jest urząd skarbowy?",
        "jestem emerytką i mam problem z sąsiadem", "Jestem mieszkanką Krosna, szukam dobrego dentysty",
        "hi, I'm a retired teacher from Krosno, what's the weather like tomorrow?", "I'm from Gdańsk and I need a plumber",
        "я з Харкова, де тут податкова?", "я студентка з Києва, шукаю квартиру в Кракові",
    ])
    func introductionThenOutOfScope(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .fallback, "\(line): \(reply.text)")
    }

    @Test("a statement with no introduction is no introduction", arguments: [
        "jestem głodny", "I'm bored", "я втомилася", "mieszkanie jest za małe",
    ])
    func noIntroduction(_ line: String) {
        #expect(!Answers.isIntroduction(line, words: TextNormalizer.tokens(line)), "\(line)")
    }

    @Test("after the welcome, an out-of-scope question gets the whole refusal, not a \"też\"")
    func welcomeThenOutOfScope() throws {
        var t = Transcript()
        #expect(try t.reply("Dzień dobry, piszę z fundacji z Gdańska").intent == .greeting)
        let refusal = try t.reply("gdzie zapłacę podatek od nieruchomości?")
        #expect(refusal.intent == .fallback)
        #expect(!refusal.text.contains("też"), "\(refusal.text)")
    }

    // MARK: - What we do

    @Test("\"what do you do?\" asked of us gets the self-description, not a programme's services", arguments: [
        "no to w czym wy w ogóle pomagacie?", "a wy w czym mi pomożecie?", "czym wy się tu w ogóle zajmujecie?",
        "what can you do?", "what do you do here?", "so what can you help me with?",
        "з чим ви допомагаєте?", "чим ви займаєтесь?", "а ви з чим допомагаєте?",
    ])
    func whatWeDo(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == "help", "\(line): \(reply.text)")
        #expect(reply.text.contains("civicd"), "\(reply.text)")
    }

    @Test("a programme's offer is still its services", arguments: [
        "w czym pomaga Centrum Obywatelskie?", "what does the Civic Centre offer?", "що пропонує Centrum Obywatelskie?",
    ])
    func programmeServices(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).intent == "services", "\(line)")
    }

    // MARK: - The fallback's language

    @Test("in a Ukrainian conversation a Latin-typed Ukrainian line is answered in Ukrainian, the fallback too", arguments: [
        "jak zapysatysja?", "yaka pohoda zavtra?", "a skilky tse koshtuie?",
    ])
    func latinUkrainianInUkrainianConversation(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply("привіт, де знаходиться Centrum Obywatelskie?").language == .uk)
        let reply = try t.reply(line)
        #expect(reply.language == .uk, "\(line): \(reply.text)")
    }

    @Test("inside a Ukrainian sign-up, a Latin-typed Ukrainian question is answered in Ukrainian", arguments: [
        "jak zapysatysja?", "a skilky tse koshtuie?", "de tse znakhodytsia?",
    ])
    func latinUkrainianInForm(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply("хочу записатися до Centrum Obywatelskie").language == .uk)
        let reply = try t.reply(line)
        #expect(reply.language == .uk, "\(line): \(reply.text)")
        #expect(reply.expecting != nil)
    }

    @Test("a Polish line in a Ukrainian conversation is still answered in Polish", arguments: [
        "gdzie jest Centrum Obywatelskie?", "ile kosztuje udział?", "jak się zapisać?",
    ])
    func polishInUkrainianConversation(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply("привіт").language == .uk)
        #expect(try t.reply(line).language == .pl, "\(line)")
    }

    // MARK: - The fallback's "też"

    @Test("the same out-of-scope question again is told so, with no \"też\"", arguments: [
        (Language.pl, "jaka jutro pogoda?"), (.en, "what's the weather tomorrow?"), (.uk, "яка завтра погода?"),
    ])
    func sameQuestionAgain(_ language: Language, _ line: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).intent == .fallback)
        let again = try t.reply(line)
        let human = FormContext(catalogue: t.catalogue, language: language, today: t.today).humanContact
        #expect(again.text == Messages.fallbackSame[0].format(language, ["human": human]), "\(again.text)")
        let third = try t.reply(line)
        #expect(third.text != again.text, "no two in a row the same")
        for text in [again.text, third.text] { #expect(!Self.saysAlso(text), "\(text)") }
    }

    @Test("after a reply that was no fallback, the next fallback is the first again", arguments: [
        (Language.pl, "jaka jutro pogoda?", "/pomoc", "kto wygrał mecz?"), (.en, "what's the weather tomorrow?", "/help", "who won the match?"),
        (.uk, "яка завтра погода?", "/lang uk", "хто виграв матч?"), (.pl, "jaka jutro pogoda?", "powtórz", "kto wygrał mecz?"),
    ])
    func rowBroken(_ language: Language, _ first: String, _ between: String, _ second: String) throws {
        var t = Transcript()
        let refusal = try t.reply(first)
        #expect(refusal.intent == .fallback)
        _ = try t.reply(between)
        let next = try t.reply(second)
        #expect(next.intent == .fallback)
        if between.hasPrefix("/") {
            #expect(!Self.saysAlso(next.text), "the reply before was no fallback: \(next.text)")
        } else {
            // "powtórz" brought the fallback back: the row goes on, about another question.
            #expect(Self.saysAlso(next.text), "\(next.text)")
        }
    }

    @Test("every wording for a fallback on the same question says no \"też\"")
    func sameWordings() {
        for wording in Messages.fallbackSame {
            for language in Language.allCases { #expect(!Self.saysAlso(wording[language]), "\(wording[language])") }
        }
    }

    static func saysAlso(_ text: String) -> Bool {
        let words = Set(TextNormalizer.tokens(text))
        return !words.isDisjoint(with: ["tez", "rowniez", "either", "too", TextNormalizer.fold("теж"), TextNormalizer.fold("також")])
    }

    // MARK: - Register

    @Test("a resident who wrote formally is answered formally everywhere, also after a line with \"ty\"", arguments: [
        ["Szanowni Państwo, gdzie jest Centrum Obywatelskie?", "możesz powtórzyć?", "a ile to kosztuje?", "dzięki"],
        ["Uprzejmie proszę o adres Centrum Obywatelskiego.", "powtórz", "powiedz, ile kosztuje", "dziękuję"],
        ["Czy mogłaby Pani podać adres Centrum Obywatelskiego?", "a jaka jutro pogoda?", "a jutro?", "dzięki, to wszystko"],
    ])
    func formalEverywhere(_ lines: [String]) throws {
        var t = Transcript()
        for line in lines {
            let reply = try t.reply(line)
            #expect(FormalPolishTests.informalWords(in: reply.text).isEmpty, "\(line): \(reply.text)")
        }
    }

    @Test("a resident who wrote with \"ty\" is answered informally everywhere, also after \"proszę o\" or \"Pani\"", arguments: [
        ["hej, gdzie jest Centrum Obywatelskie?", "proszę o informację, czy pani z centrum odbiera telefon", "dziękuję"],
        ["możesz mi powiedzieć, gdzie jest Centrum Obywatelskie?", "proszę o numer telefonu", "dziękuję bardzo"],
        ["zapisz mnie do Centrum Obywatelskiego", "/anuluj", "Pani Kasia mówiła, że jest taniej. Ile to kosztuje?", "dzięki"],
    ])
    func informalEverywhere(_ lines: [String]) throws {
        var t = Transcript()
        var replies: [Reply] = []
        for line in lines { replies.append(try t.reply(line)) }
        for reply in replies { #expect(!reply.text.contains("Państw"), "\(reply.text)") }
        #expect(replies.last?.intent == .thanks)
        #expect(replies.last.map { $0.text.contains("będziesz") || $0.text.contains("pisz") } == true, "\(replies.last?.text ?? "")")
    }

    @Test("\"powtórz\" after the resident first wrote formally repeats in the formal register")
    func repeatInRegister() throws {
        var t = Transcript()
        let informal = try t.reply("gdzie jest Centrum Obywatelskie?")
        #expect(!FormalPolishTests.informalWords(in: informal.text).isEmpty, "the contact reply says „sprawdź”: \(informal.text)")
        _ = try t.reply("Szanowni Państwo, uprzejmie dziękuję.")
        let again = try t.reply("powtórz")
        #expect(FormalPolishTests.informalWords(in: again.text).isEmpty, "\(again.text)")
    }

    @Test("\"ty\" in a resident's words", arguments: [
        ("możesz mi powiedzieć, gdzie to jest?", true), ("cześć, mam pytanie", true), ("zapisz mnie, proszę", true),
        ("gdzie jest centrum?", false), ("ile kosztuje szkolenie?", false),
    ])
    func informalMarkers(_ line: String, _ informal: Bool) {
        #expect(FormalPolish.addressesInformally(words: TextNormalizer.tokens(line)) == informal)
    }
}
