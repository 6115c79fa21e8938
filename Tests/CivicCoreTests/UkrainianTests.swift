import Testing
@testable import CivicCore

/// Ukrainian as a third language (issue 16): detection, folding, transliteration, the forms,
/// dates, Russian, `/lang uk` and the catalogue check. Every line here is a paraphrase written
/// for these tests, none an example of `intents/`.
@Suite("Ukrainian")
struct UkrainianTests {
    // MARK: - Detection

    @Test("Cyrillic Ukrainian is Ukrainian, also with a Polish name in it", arguments: [
        "Підкажіть, будь ласка, до кого звернутися щодо навчання?",
        "а де саме проходять зустрічі?",
        "чи працює Urząd Miasta Krosna у суботу?",
    ])
    func cyrillic(_ line: String) {
        #expect(LanguageDetector.detect(line) == .uk)
        #expect(!LanguageDetector.isRussian(line, words: TextNormalizer.tokens(line)))
    }

    @Test("Ukrainian typed in Latin letters is Ukrainian", arguments: [
        "pryvit, shcho treba zrobyty shchob zapysatysia?",
        "dobryi vechir, skilky koshtuie uchast?",
        "mozhna meni diznatysia de znakhodytsia tsentr?",
    ])
    func transliterated(_ line: String) {
        #expect(LanguageDetector.detect(line) == .uk)
    }

    @Test("Russian is told from Ukrainian", arguments: [
        "Здравствуйте, подскажите, где можно записаться?",
        "сколько стоит участие в программе?",
        "мне нужно поговорить с человеком",
    ])
    func russian(_ line: String) {
        #expect(LanguageDetector.detect(line) == .uk, "Cyrillic: answered in a language we speak")
        #expect(LanguageDetector.isRussian(line, words: TextNormalizer.tokens(line)))
    }

    @Test("Polish without diacritics stays Polish, English stays English", arguments: [
        ("czy moge sie zapisac na szkolenie w krosnie", Language.pl), ("ile to kosztuje dla seniora", .pl),
        ("a kto prowadzi zajecia na polance", .pl), ("dziekuje, to wszystko", .pl), ("gdzie jest urzad", .pl),
        ("what films are playing tonight", .en), ("is the training free", .en), ("who runs the civic centre", .en),
    ])
    func latinStaysLatin(_ line: String, _ language: Language) {
        #expect(LanguageDetector.detect(line) == language)
    }

    // MARK: - Folding

    @Test("Latin look-alike letters inside a Cyrillic word are read as Cyrillic", arguments: [
        // Latin a, e, i, o, p, c, x, y typed among Cyrillic letters.
        ("дe знaxoдитьcя цeнтр?", "де знаходиться центр?"),
        ("cкiльки кoштує нaвчaння", "скільки коштує навчання"),
        ("хoчу зaпиcaтиcя нa прoгрaму", "хочу записатися на програму"),
    ])
    func lookAlikes(_ mixed: String, _ clean: String) {
        #expect(mixed != clean)
        #expect(TextNormalizer.fold(mixed) == TextNormalizer.fold(clean))
        let matcher = ShippedCatalogue.catalogue.matcher
        #expect(matcher.match(mixed).intent == matcher.match(clean).intent)
    }

    @Test("a Cyrillic look-alike in a Latin word is read as Latin")
    func lookAlikeInLatin() {
        // "Krosno" with a Cyrillic о, "Polanka" with a Cyrillic а.
        #expect(TextNormalizer.fold("Krоsno") == "krosno")
        #expect(TextNormalizer.fold("Polаnka") == "polanka")
    }

    @Test("every apostrophe Ukrainian is typed with folds alike, and none splits the word", arguments: [
        "зв'язатися", "зв’язатися", "звʼязатися", "зв`язатися", "зв‘язатися",
    ])
    func apostrophes(_ word: String) {
        #expect(TextNormalizer.tokens(word) == ["звязатися"])
    }

    @Test("apostrophes in whole questions: the same words whichever is typed", arguments: [
        ("як з вами зв'язатися?", "як з вами звʼязатися?"),
        ("моє ім’я Мар’яна", "моє ім'я Мар`яна"),
        ("об'єднання мешканців", "об’єднання мешканців"),
    ])
    func apostropheLines(_ one: String, _ other: String) {
        #expect(TextNormalizer.fold(one) == TextNormalizer.fold(other))
    }

    @Test("ґ folds to г, ї and і to и, є to е, the soft sign drops")
    func letters() {
        #expect(TextNormalizer.fold("ґанок") == TextNormalizer.fold("ганок"))
        #expect(TextNormalizer.fold("Їжак і Єва") == "ижак и ева")
        #expect(TextNormalizer.fold("сіль") == "сил")
        #expect(TextNormalizer.fold("ПРИВІТ") == TextNormalizer.fold("привіт"))
    }

    @Test("Latin-typed Ukrainian reaches the same words, and intent, as Cyrillic", arguments: [
        ("yak meni zapysatysia do hromadskoho tsentru?", "як мені записатися до громадського центру?"),
        ("skilky koshtuie uchast u prohrami?", "скільки коштує участь у програмі?"),
        ("khto finansuie tsei proiekt?", "хто фінансує цей проєкт?"),
    ])
    func transliteration(_ latin: String, _ cyrillic: String) {
        let matcher = ShippedCatalogue.catalogue.matcher
        #expect(matcher.readingWords(latin) == TextNormalizer.tokens(cyrillic))
        #expect(matcher.match(latin).intent == matcher.match(cyrillic).intent)
        #expect(matcher.match(cyrillic).intent != .fallback)
    }

    @Test("Polish words inside a Ukrainian sentence are still recognised", arguments: [
        ("де знаходиться urząd miasta в Кросно?", "contact"),
        ("чи може наша gmina взяти участь у проєкті?", "join"),
        ("pidkazhit, chy kampaniia sluchannia ye na osiedle Traugutta?", "listening_campaign"),
    ])
    func polishWords(_ line: String, _ intent: String) {
        let understood = ShippedCatalogue.catalogue.understand(line)
        #expect(understood.match.intent.rawValue == intent, "\(understood.words) → \(understood.match)")
        #expect(understood.language == .uk)
    }

    // MARK: - Replies

    @Test("every intent and topic has a Ukrainian reply, in Cyrillic")
    func everyReply() {
        let catalogue = ShippedCatalogue.catalogue
        for intent in catalogue.intents {
            #expect(!(intent.examples[.uk] ?? []).isEmpty, "\(intent.id) has no Ukrainian examples")
            for (topic, template) in intent.replies {
                let text = catalogue.render(template.uk, language: .uk, today: ShippedCatalogue.today, topic: topic == Intent.defaultReply ? nil : topic)
                #expect(text.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }), "\(intent.id)/\(topic): \(text)")
                #expect(text != catalogue.render(template.en, language: .en, today: ShippedCatalogue.today, topic: nil))
            }
        }
    }

    @Test("a Ukrainian question gets the Ukrainian answer; the programme keeps its Polish name with a gloss", arguments: [
        ("де знаходиться громадський центр у Кракові?", "ul. Reymonta 20"),
        ("скажіть, чи за консультації в Centrum Obywatelskie треба платити?", "безкоштовна"),
        ("коли треба було здати звіт у кампанії слухання?", "17 травня 2023 (термін минув)"),
    ])
    func answered(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.language == .uk)
        #expect(reply.text.contains(fact), "\(reply.text)")
    }

    @Test("the programme names keep the Polish original with a Ukrainian gloss")
    func programmeNames() {
        let catalogue = ShippedCatalogue.catalogue
        #expect(catalogue.topicName("centrum_obywatelskie", language: .uk, today: ShippedCatalogue.today) == "Centrum Obywatelskie (Громадський центр)")
    }

    // MARK: - Dates

    @Test("dates in Ukrainian, and how they stand against today")
    func dates() {
        let day = CalendarDay(year: 2023, month: 5, day: 17)
        #expect(day.rendered(in: .uk) == "17 травня 2023")
        #expect(CalendarDay(year: 2027, month: 2, day: 6).rendered(in: .uk) == "6 лютого 2027")
        #expect(day.relative(to: CalendarDay(year: 2026, month: 11, day: 21), in: .uk) == "термін минув")
        let today = CalendarDay(year: 2026, month: 11, day: 21)
        #expect(today.relative(to: today, in: .uk) == "це сьогодні")
        #expect(today.adding(days: 1).relative(to: today, in: .uk) == "завтра")
        #expect(today.adding(days: 3).relative(to: today, in: .uk) == "через 3 дні")
        #expect(today.adding(days: 21).relative(to: today, in: .uk) == "через 21 день")
        #expect(today.adding(days: 12).relative(to: today, in: .uk) == "через 12 днів")
        #expect(today.adding(days: 77).relative(to: today, in: .uk) == "через 77 днів")
    }

    // MARK: - Russian

    @Test("a Russian question is answered in Ukrainian, the note said once", arguments: [
        ("Здравствуйте! Где находится центр в Кракове?", "ul. Reymonta 20"),
        ("подскажите, пожалуйста, сколько стоит обучение в Кракове?", "безкоштовна"),
        ("как с вами связаться по поводу программы в Кросно?", "13 47 430 01"),
    ])
    func russianAnswered(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let first = try t.reply(line)
        #expect(first.language == .uk)
        #expect(first.text.contains(fact), "\(first.text)")
        #expect(first.text.contains(Messages.russianNote.uk))
        let second = try t.reply("а есть ли у вас сайт?")
        #expect(second.language == .uk)
        #expect(!second.text.contains(Messages.russianNote.uk), "said once per conversation")
    }

    @Test("languages.russian_reply chooses the language Russian is answered in")
    func russianReplyConfigured() throws {
        var session = Session()
        session.russianReply = .pl
        var t = Transcript(session: session)
        let reply = try t.reply("сколько стоит обучение в Кракове?")
        #expect(reply.language == .pl)
        #expect(reply.text.contains(Messages.russianNote.pl))
    }

    // MARK: - Commands

    @Test("/lang uk and its other spellings answer in Ukrainian, and stay", arguments: ["/lang uk", "/мова", "/lang українська", "/lang ukrainian"])
    func langCommand(_ command: String) throws {
        var t = Transcript()
        let set = try t.reply(command)
        #expect(set.language == .uk)
        #expect(set.text == Messages.languageSet.uk)
        let next = try t.reply("how much does it cost?")
        #expect(next.language == .uk, "a chosen language is kept whatever the next line is in")
        #expect(try t.reply("/help").text.contains("Команди"))
    }

    @Test("asked in words: українською, будь ласка", arguments: ["українською, будь ласка", "можна українською?", "po ukraińsku proszę"])
    func languageInWords(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.language == .uk)
        #expect(reply.text == Messages.languageSet.uk)
    }

    // MARK: - The sign-up form in Ukrainian

    @Test("a Ukrainian sign-up: questions, validation, summary, consent and confirmation in Ukrainian")
    func signupForm() throws {
        var t = Transcript.fixture
        let start = try t.ask("хочу записатися")
        #expect(start.language == .uk)
        #expect(start.expecting == "programme")
        #expect(start.text.contains(FormMessages.askProgramme.uk))
        #expect(start.choices == ["Klub Północny (Північний клуб)", "Klub Południowy (Південний клуб)"])
        let name = try t.ask("Klub Południowy")
        #expect(name.text == FormMessages.askName.uk)
        #expect(try t.ask("123").text == FormMessages.invalidName.uk + " " + FormMessages.howToStop.uk, "the first rejected answer says how to stop")
        let contact = try t.ask("Олена Коваленко")
        #expect(contact.text == FormMessages.askContact.uk)
        let invalid = try t.ask("мій номер 12")
        #expect(invalid.text.hasPrefix("Не розпізнаю цей контакт"))
        #expect(invalid.error == .invalidValue)
        let consent = try t.ask("olena@example.org")
        #expect(consent.expecting == "consent")
        #expect(consent.text.contains("ТЕСТОВА ІНФОРМАЦІЯ ПРО ДАНІ"), "the notice in Ukrainian")
        #expect(consent.text.contains("версія інформації: test-7"))
        #expect(consent.choices == ["так", "ні"])
        #expect(try t.ask("можливо").text.contains("«так» або «ні»"), "neither yes nor no is asked again")
        let summary = try t.ask("так, погоджуюсь")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.hasPrefix("Перевірте, будь ласка:"))
        #expect(summary.text.contains("програма: Klub Południowy (Південний клуб)"))
        #expect(summary.text.contains("ім’я та прізвище: Олена Коваленко"))
        #expect(summary.text.contains("olena@example.org"))
        let request = try t.request("так")
        #expect(request == .saveSignup(SignupDraft(programme: "south_club", name: "Олена Коваленко",
                                                   contact: .email("olena@example.org"), district: nil,
                                                   consentVersion: "test-7", language: .uk)))
        let done = try t.complete(.signup(.saved(reference: "SO-4K2P")))
        #expect(done.text.hasPrefix("Готово — запис прийнято"))
        #expect(done.text.contains("SO-4K2P"))
        #expect(done.language == .uk)
    }

    @Test("a Ukrainian correction at the summary, and leaving a form in Ukrainian", arguments: ["до побачення", "дякую, бувайте", "ну все, на все добре", "ні, дякую, мені вже пора"])
    func correctionAndGoodbye(_ goodbye: String) throws {
        var t = Transcript.fixture
        _ = try t.ask("запишіть мене до клубу")
        _ = try t.ask("Klub Południowy")
        _ = try t.ask("Олена Коваленко")
        _ = try t.ask("olena@example.org")
        _ = try t.ask("так")
        let notYet = try t.ask("ні")
        #expect(notYet.text == FormMessages.signupNotConfirmed.uk)
        #expect(notYet.choices.contains("змінити контакт"))
        let changed = try t.ask("змінити контакт на +48 600 100 200")
        #expect(changed.text.contains("Виправлено — контакт: +48 600 100 200"), "\(changed.text)")
        let actions = t.say(goodbye)
        #expect(actions.last == .close)
        guard case .reply(let reply, _, false)? = actions.first else {
            Issue.record("no goodbye: \(actions)")
            return
        }
        #expect(reply.text.hasPrefix(FormMessages.cancelled.uk))
    }

    @Test("a Polish district name typed in Cyrillic is the district", arguments: ["Долінки", "живу на Долінках", "долинки"])
    func districtInCyrillic(_ answer: String) throws {
        var t = Transcript.fixture
        _ = try t.ask("хочу записатися до Klub Północny")
        _ = try t.ask("Олена Коваленко")
        let district = try t.ask("olena@example.org")
        #expect(district.expecting == "district")
        #expect(district.text.contains("«пропустити»"))
        let consent = try t.ask(answer)
        #expect(consent.expecting == "consent", "\(consent.text)")
        _ = try t.ask("так")
        guard case .saveSignup(let draft) = try t.request("так") else {
            Issue.record("no sign-up saved")
            return
        }
        #expect(draft.district == "Dolinki")
        #expect(draft.language == .uk)
    }

    @Test("an organiser's interview note in Ukrainian: district, \"вчора\", topic, summary, saved with the progress")
    func interviewNote() throws {
        var t = Transcript.fixture
        try t.logIn(Organiser(id: 7, name: "Оксана"))
        let district = try t.ask("нова нотатка")
        #expect(district.language == .uk)
        #expect(district.text.hasPrefix("У якому районі була розмова?"))
        let date = try t.ask("Dolinki")
        #expect(date.text.hasPrefix("Коли була розмова?"))
        #expect(date.choices == ["сьогодні", "вчора"])
        #expect(try t.ask("завтра").text == FormMessages.invalidDate.uk + " " + FormMessages.howToStop.uk, "not in the future, and not a date word we read")
        #expect(try t.ask("вчора").text == FormMessages.askNoteTopic.uk)
        _ = try t.ask("лавки біля школи")
        #expect(try t.ask("Бракує лавок біля школи.").text == FormMessages.askRecontact.uk)
        let summary = try t.ask("ні")
        #expect(summary.text.hasPrefix("Нотатка:\n  район: Dolinki\n  дата: 20 листопада 2026"), "\(summary.text)")
        #expect(summary.text.contains("повторний контакт: ні"))
        guard case .saveInterviewNote = try t.request("так") else {
            Issue.record("the note was not saved")
            return
        }
        let saved = try t.complete(.interviewNoteSaved(total: 3))
        #expect(saved.text.hasPrefix("Нотатку збережено (№ 3). 3 з 12 розмов; звіт до 15 січня 2030"), "\(saved.text)")
    }

    @Test("/скасувати leaves the form; nothing is stored", arguments: ["/скасувати", "скасувати", "/cancel"])
    func cancel(_ word: String) throws {
        var t = Transcript.fixture
        _ = try t.ask("хочу записатися")
        let reply = try t.ask(word)
        #expect(reply.text == FormMessages.cancelled.uk)
        #expect(t.session.expecting == nil)
    }

    // MARK: - The catalogue check

    func diagnostics(adding text: String) -> [String] {
        do {
            _ = try CatalogueLoader.load(ShippedCatalogue.sources + [CatalogueSource(name: "intents/zz-extra.yml", text: text)])
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("a missing Ukrainian reply, example list or fact is reported like a missing English one")
    func missingUkrainian() {
        let found = diagnostics(adding: """
        facts:
          extra:
            motto:
              pl: "Razem"
              en: "Together"
        intents:
          - id: motto
            examples:
              pl: ["jakie jest wasze motto"]
              en: ["what is your motto"]
            replies:
              default:
                pl: "{extra.motto}"
                en: "{extra.motto}"
        """)
        #expect(found.contains("intents/zz-extra.yml:4: fact extra.motto has no Ukrainian (uk) translation"), "\(found)")
        #expect(found.contains("intents/zz-extra.yml:9: intent motto has no uk examples"), "\(found)")
        #expect(found.contains("intents/zz-extra.yml:13: reply default of intent motto has no Ukrainian (uk) translation"), "\(found)")
    }

    @Test("with the Ukrainian there, the same intent loads")
    func completeUkrainian() {
        let found = diagnostics(adding: """
        facts:
          extra:
            motto:
              pl: "Razem"
              en: "Together"
              uk: "Разом"
        intents:
          - id: motto
            examples:
              pl: ["jakie jest wasze motto"]
              en: ["what is your motto"]
              uk: ["яке ваше гасло"]
            replies:
              default:
                pl: "{extra.motto}"
                en: "{extra.motto}"
                uk: "{extra.motto}"
        """)
        #expect(found.isEmpty, "\(found)")
    }

    // MARK: - Linear time

    @Test("a long line of mixed scripts folds and is understood in linear time")
    func longMixedLine() {
        let unit = "прuвiт, як зв'язатися з urząd? "
        let short = String(repeating: unit, count: 200)
        let long = String(repeating: unit, count: 2_000)
        let clock = ContinuousClock()
        let shortTime = clock.measure { _ = TextNormalizer.tokens(short) }
        let longTime = clock.measure { _ = TextNormalizer.tokens(long) }
        #expect(TextNormalizer.tokens(long).count == 2_000 * 5)
        // Ten times the text may take ten times as long, with room for noise — never a hundred.
        #expect(longTime < shortTime * 40 + .milliseconds(50), "\(shortTime) → \(longTime)")
    }
}

/// Ukrainian typed in Latin letters that ``LanguageDetector``'s spelling cues miss: the
/// lexicons tell, because its words spelt in Cyrillic are the catalogue's Ukrainian words and no
/// Polish or English ones. Polish without diacritics stays Polish.
struct LatinTypedUkrainianByLexiconTests {
    let matcher = ShippedCatalogue.catalogue.matcher

    @Test("Latin-typed Ukrainian is read as Ukrainian", arguments: [
        "diakuju, vse zrozumilo", "duzhe diakuju za dopomohu", "spasibo bolshoe", "dobryi den, skilky koshtuie navchannia",
    ])
    func ukrainian(_ line: String) {
        #expect(matcher.language(of: line, words: TextNormalizer.tokens(line)) == .uk)
    }

    @Test("Polish without its letters stays Polish", arguments: [
        "dzien dobry, jestem z Ukrainy i chce zapytac o szkolenie", "dziekuje za pomoc", "czy moge pisac po polsku?",
        "ile kosztuje udzial w szkoleniu", "a we wroclawiu tez?", "a jak sie zapisac na to?", "ja tez chce do was dolaczyc",
    ])
    func polish(_ line: String) {
        #expect(matcher.language(of: line, words: TextNormalizer.tokens(line)) == .pl)
    }

    @Test("short words both languages have ('jak', 'ja', 'de') are no Polish evidence", arguments: [
        ("jak zapysatysja?", "signup"), ("a jak zapysatysia na navchannia?", "signup"), ("ja khochu zapysatysja, jak ce zrobyty?", "signup"),
    ])
    func sharedShortWords(_ line: String, _ intent: String) throws {
        #expect(matcher.language(of: line, words: TextNormalizer.tokens(line)) == .uk)
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == IntentID(intent), "\(reply.text)")
        #expect(reply.text.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }), "\(reply.text)")
    }

    @Test("thanked in Latin-typed Ukrainian, answered in Ukrainian", arguments: ["diakuju, vse zrozumilo", "duzhe diakuju za dopomohu"])
    func thanks(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .thanks)
        #expect(reply.text.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }), "\(reply.text)")
    }
}
