@testable import CivicCore
import Testing

/// Issue 15, "Conversations that flow": what the persona replay found in the dialogue and its
/// rendering. Paraphrases of our own, never from an evaluation set.
@Suite("Conversations that flow")
struct FlowingConversationTests {
    // MARK: - Aspects belong to the question that asked them

    @Test("a question that only names the training gets no trainers' line", arguments: [
        ("kto prowadził szkolenie w akcji O.S. w Krośnie?", "czy za szkolenie trzeba coś zapłacić?"),
        ("a jacy trenerzy prowadzili szkolenie w Krośnie?", "a szkolenie jest darmowe?"),
        ("who led the O.S. training in Krosno?", "is the training free of charge?"),
    ])
    func noStickyTrainers(_ first: String, _ then: String) throws {
        var t = Transcript()
        let asked = try t.reply(first).text
        #expect(asked.contains("Centrum Doradztwa Strategicznego") || asked.contains("Center for Strategic Counseling"), "\(asked)")
        let cost = try t.reply(then).text
        #expect(!cost.contains("Centrum Doradztwa Strategicznego") && !cost.contains("Center for Strategic Counseling"), "\(cost)")
    }

    @Test("a line naming the training is no question about its trainers", arguments: [
        "czy szkolenie było płatne?", "ile kosztowało szkolenie O.S.?", "czy na szkolenie trzeba było płacić?",
    ])
    func trainingIsNoTrainer(_ line: String) throws {
        let aspect = try #require(ShippedCatalogue.catalogue.topic("os_krosno")?.aspects.first)
        #expect(!aspect.isAsked(by: TextNormalizer.tokens(line)), "\(line)")
        #expect(aspect.isAsked(by: TextNormalizer.tokens("jacy trenerzy to prowadzili?")))
    }

    @Test("'is it still going on?' is no question about how long the training lasted", arguments: [
        "czy akcja O.S. w Krośnie wciąż trwa?", "a ta akcja w Krośnie nadal trwa?", "чи акція O.S. у Кросно ще триває?",
    ])
    func stillGoingIsNoLength(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(!text.contains("4-dniowe") && !text.contains("4-денне") && !text.contains("4-day"), "\(text)")
    }

    // MARK: - The formal register

    @Test("ordinary polite Polish is addressed formally", arguments: [
        "Będę wdzięczny za informację o Centrum Obywatelskim.",
        "Proszę o informację, gdzie jest Centrum Obywatelskie.",
        "Czy mogłaby Pani powiedzieć, gdzie jest Centrum Obywatelskie?",
        "Czy Pan wie, jak dojść do Centrum Obywatelskiego?",
        "Dobrze, to proszę zapisać mnie do Centrum Obywatelskiego.",
        "Łączę wyrazy szacunku i pozostaję z poważaniem",
    ])
    func polite(_ line: String) {
        #expect(FormalPolish.addressesFormally(words: TextNormalizer.tokens(line)), "\(line)")
    }

    @Test("casual lines keep \"Ty\"", arguments: [
        "hej, zapisz mnie proszę do centrum obywatelskiego",
        "siema, ile to kosztuje?",
        "ta pani z urzędu mówiła, że to za darmo",
        "poproszę numer do urzędu",
        "dzięki, pa",
    ])
    func casual(_ line: String) {
        #expect(!FormalPolish.addressesFormally(words: TextNormalizer.tokens(line)), "\(line)")
    }

    @Test("a polite resident is addressed formally from that line on, in answers and forms", arguments: [
        "Będę wdzięczna za odpowiedź: ile kosztuje Centrum Obywatelskie w Krakowie?",
        "Czy mogłaby Pani powiedzieć, ile kosztuje Centrum Obywatelskie w Krakowie?",
        "Proszę o informację, ile kosztuje Centrum Obywatelskie w Krakowie.",
    ])
    func formalFromThenOn(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply(line)
        let signup = try t.reply("chcę się zapisać do Centrum Obywatelskiego")
        #expect(signup.expecting == "name", "\(signup.text)")
        #expect(!signup.text.contains("Cię") && !signup.text.contains("nazywasz"), "\(signup.text)")
        let contact = try t.reply("Anna Kowalska")
        #expect(contact.text.contains("z Państwem"), "\(contact.text)")
    }

    @Test("a casual resident keeps \"Ty\" in the form")
    func casualForm() throws {
        var t = Transcript()
        _ = try t.reply("siema, ile kosztuje centrum obywatelskie?")
        _ = try t.reply("to zapisz mnie do centrum obywatelskiego")
        let contact = try t.reply("Anna Kowalska")
        #expect(contact.text.contains("z Tobą"), "\(contact.text)")
    }

    // MARK: - The answer first

    @Test("'is it still going on?' about an ended programme starts with \"no\"", arguments: [
        ("czy akcja O.S. w Krośnie jeszcze trwa?", "Nie – "),
        ("a ta akcja Dołącz do Organizowania Społecznego nadal trwa?", "Nie – "),
        ("is the O.S. action in Krosno still going on?", "No – "),
        ("чи акція O.S. у Кросно ще триває?", "Ні – "),
    ])
    func stillRunning(_ line: String, _ start: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.hasPrefix(start), "\(text)")
        #expect(text.contains("2023"), "\(text)")
    }

    @Test("what the Civic Centre offers: the offer first, who said so after", arguments: [
        "co oferuje Centrum Obywatelskie w Krakowie?", "jakie usługi ma Centrum Obywatelskie w Krakowie?",
        "what does the Civic Centre in Kraków offer?", "що пропонує Громадянський центр у Кракові?",
    ])
    func offerFirst(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .services, "\(reply.text)")
        let first = String(reply.text.prefix { $0 != "\n" })
        #expect(!first.contains("Płoskonka") && !first.contains("Ploskonka") && !first.contains("Плосконка"), "\(first)")
        #expect(first.contains("mentoring") || first.contains("ментор"), "\(first)")
    }

    @Test("'is the office still open?' is about the office, not whether the programme runs", arguments: [
        "czy urząd w Krośnie jest jeszcze otwarty dla akcji O.S.?", "a biuro akcji O.S. w Krośnie nadal działa? jaki ma telefon?",
        "is the Krosno office for the O.S. action still open? what is its phone?",
    ])
    func officeStillOpen(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        let endedFirst = reply.text.hasPrefix("Nie – ") || reply.text.hasPrefix("No – ")
        // Only a line understood as about the programme itself may start with "Nie – …".
        #expect(!endedFirst || Session.aboutRunning.contains(reply.intent ?? .fallback), "[\(reply.intent ?? "-")] \(reply.text)")
        #expect(!Session.aboutRunning.contains(.contact) && !Session.aboutRunning.contains(.cost))
    }

    @Test("a sign-up to an ended programme says first that it has ended", arguments: [
        "chcę się zapisać do akcji O.S. w Krośnie", "zapisz mnie na Dołącz do Organizowania Społecznego", "sign me up for the O.S. action in Krosno",
    ])
    func endedSignupFirst(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.expecting == "name", "\(reply.text)")
        #expect(!reply.text.hasPrefix("Zapiszę") && !reply.text.hasPrefix("I'll sign"), "\(reply.text)")
        #expect(reply.text.hasPrefix("Uwaga") || reply.text.hasPrefix("Please note"), "\(reply.text)")
    }

    // MARK: - After a sign-up to an ended programme

    @Test("after a sign-up for a next edition: what was stored, whom to ask, no promise", arguments: [
        (Language.pl, "a kiedy ktoś się do mnie odezwie?"), (.pl, "i co teraz, ktoś do mnie zadzwoni?"), (.en, "when will someone contact me?"),
    ])
    func afterInterest(_ language: Language, _ question: String) throws {
        var t = Transcript()
        let first = try t.reply(language == .pl ? "chcę się zapisać do akcji O.S. w Krośnie" : "sign me up for the O.S. action in Krosno")
        #expect(first.expecting == "name", "\(first.text)")
        let yes = language == .pl ? "tak" : "yes"
        _ = try t.reply("Ewa Nowak, ewa.nowak@example.pl")
        _ = try t.reply(language == .pl ? "pomiń" : "skip")
        let summary = try t.reply(yes)
        #expect(summary.expecting == "confirm", "\(summary.text)")
        guard case .store(.saveSignup)? = t.say(yes).first else {
            Issue.record("no sign-up stored")
            return
        }
        let done = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        #expect(!done.isEmpty)
        let after = try t.reply(question).text
        #expect(!after.contains("odezwą się") && !after.contains("will get in touch"), "\(after)")
        #expect(!after.contains("zapis na Dołącz"), "\(after)")
        #expect(after.contains("13 47 430 01"), "whom to ask: \(after)")
        #expect(after.contains("zainteresowanie") || after.contains("interest"), "\(after)")
        #expect(after.contains("KR-7F3K"), "\(after)")
    }

    @Test("the after-sign-up messages name the programme without a case", arguments: Language.allCases)
    func noCase(_ language: Language) {
        for message in [Messages.afterSignup, Messages.afterInterest] {
            let text = message.format(language, ["programme": "Dołącz do Organizowania Społecznego (O.S.)", "reference": "", "human": "X"])
            #expect(!text.contains("na Dołącz") && !text.contains("for Dołącz") && !text.contains("на Dołącz"), "\(text)")
        }
    }

    // MARK: - A sign-up for a programme that takes none here

    @Test("asked to sign up to the Zachodniopomorskie recruitment: where and how, no form, no fallback", arguments: [
        ("jakie korzyści daje samorządowi projekt zachodniopomorskich JST?", "Czy moglibyście zapisać nasz urząd gminy?", "kcwis.org.pl"),
        ("kto mógł się zgłaszać do rekrutacji JST w zachodniopomorskim?", "Uprzejmie proszę zapisać naszą gminę.", "kcwis.org.pl"),
        ("what does a municipality gain from the Zachodniopomorskie JST project?", "could you register our municipality?", "kcwis.org.pl"),
        ("що отримає громада від проєкту JST у Західнопоморському воєводстві?", "запишіть нашу громаду, будь ласка", "kcwis.org.pl"),
    ])
    func noSignupHere(_ first: String, _ ask: String, _ fact: String) throws {
        var t = Transcript()
        _ = try t.reply(first)
        let reply = try t.reply(ask)
        #expect(reply.expecting == nil, "\(reply.text)")
        #expect(reply.intent == .signup, "\(reply.text)")
        #expect(reply.text.contains(fact), "\(reply.text)")
    }

    // MARK: - The summary asks about what the programme asks

    @Test("a sign-up to a programme without districts has no district line in its summary", arguments: [
        (Language.pl, "chcę się zapisać do Centrum Obywatelskiego w Krakowie", "tak", "dzielnica"),
        (.en, "please sign me up for the Civic Centre in Kraków", "yes", "district"),
        (.uk, "запишіть мене до Громадянського центру в Кракові", "так", "район"),
    ])
    func noDistrictLine(_ language: Language, _ line: String, _ yes: String, _ word: String) throws {
        var t = Transcript()
        let first = try t.reply(line)
        #expect(first.expecting == "name", "\(first.text)")
        _ = try t.reply("Anna Kowalska")
        _ = try t.reply("anna.kowalska@example.pl")
        let summary = try t.reply(yes)
        #expect(summary.expecting == "confirm", "\(summary.text)")
        #expect(!summary.text.contains(word + ":"), "\(summary.text)")
        #expect(summary.text.contains("anna.kowalska@example.pl"), "\(summary.text)")
    }

    // MARK: - A slang goodbye ends the session

    @Test("a casual goodbye with slang around it closes the session", arguments: [
        "ok git, dzięki, nara", "spoko, dzięki, narka", "luz, to nara xd", "cool, thanks, bye",
    ])
    func slangGoodbye(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("ile kosztuje centrum obywatelskie?")
        let actions = t.say(line)
        #expect(actions.contains { if case .close = $0 { true } else { false } }, "\(actions)")
    }

    @Test("slang alone is no goodbye", arguments: ["git", "spoko", "cool"])
    func slangAlone(_ line: String) {
        #expect(!Answers.isFarewell(words: TextNormalizer.tokens(line)))
    }

    // MARK: - Brief mode and the banner

    @Test("brief mode's fallback still says whom to ask", arguments: [
        ("krócej", "gdzie zapłacić podatek od psa w Krośnie?"), ("krócej proszę", "gdzie kupię bilet miesięczny w Krośnie?"),
        ("shorter please", "where do I renew my passport in Krosno?"),
    ])
    func briefFallback(_ shorter: String, _ question: String) throws {
        var t = Transcript()
        _ = try t.reply(shorter)
        let text = try t.reply(question).text
        #expect(text.contains("tel.") || text.contains("phone") || text.contains("Urząd"), "\(text)")
    }

    @Test("the banner: one short line per language, the help command named")
    func banner() {
        let lines = Messages.bilingualGreeting.split(separator: "\n")
        #expect(lines.count == 3)
        // Not wrapped on the wire: one line each for a screen reader.
        for line in lines { #expect(line.count <= Limits().textWidth, "\(line)") }
        #expect(lines[0].contains("/pomoc") && lines[1].contains("/help") && lines[2].contains("/допомога"))
    }
}

/// Issue 15, the remaining items: the JST benefits, no second sign-up, repeated fallbacks, the
/// investors' number. Paraphrases of our own, never from an evaluation set.
@Suite("Conversations that flow: the remaining items")
struct FlowingConversationRemainingTests {
    /// Sentences in a line, counted as `civicd intents check` counts them: one, plus one per
    /// ".", "!" or "?" followed by a space and a capital letter.
    static func sentences(_ line: String) -> Int {
        let characters = Array(line)
        var count = characters.isEmpty ? 0 : 1
        for index in characters.indices.dropLast(2) where ".!?".contains(characters[index]) && characters[index + 1] == " " && characters[index + 2].isUppercase {
            count += 1
        }
        return count
    }

    // MARK: - What a municipality gains in the Zachodniopomorskie project

    @Test("all seven benefits, that the 2014 deadlines have passed, and where the forms are", arguments: [
        ("co zyska gmina przystępując do projektu zachodniopomorskiego?", ["wizerunku", "promocja", "animatora", "Lokalnym Indeksem", "aktywizacja", "relacje", "bezkosztowa"], "2014 r."),
        ("jakie korzyści ma samorząd z udziału w projekcie JST z zachodniopomorskiego?", ["wizerunku", "promocja", "animatora", "Lokalnym Indeksem", "aktywizacja", "relacje", "bezkosztowa"], "2014 r."),
        ("what does a municipality gain by joining the Zachodniopomorskie project?", ["image", "promotion", "animator", "Local Cooperation Quality Index", "more active NGOs", "lasting relations", "no cost"], "2014"),
        ("що отримає громада, якщо долучиться до проєкту JST у Західнопоморському воєводстві?", ["імідж", "промоція", "аніматора", "індексом якості співпраці", "активізація", "стосунки", "безкоштовна"], "2014"),
    ])
    func jstBenefits(_ line: String, _ benefits: [String], _ year: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        for benefit in benefits { #expect(text.contains(benefit), "\(benefit): \(text)") }
        let first = String(text.prefix { $0 != "\n" })
        #expect(first.contains(year), "the answer first says it was the 2014 recruitment: \(first)")
        #expect(first.contains("6 ") && first.contains("14 "), "both deadlines in the first line: \(first)")
        #expect(Self.sentences(first) <= 2, "\(first)")
        #expect(text.contains("www.kcwis.org.pl") && text.contains("www.wws.wzp.pl") && text.contains("organizacje pozarządowe"), "\(text)")
    }

    // MARK: - No second sign-up

    @Test("inside a sign-up, \"no second sign-up\" is no answer; without one stored here: go on or leave", arguments: [
        (Language.pl, "nie chcę się zapisywać drugi raz", "nie"),
        (.pl, "ja już się zapisałam", "to wyjdź"),
        (.en, "I don't want to sign up twice", "no"),
        (.uk, "я вже записалася", "ні"),
    ])
    func noSecondSignup(_ language: Language, _ line: String, _ leave: String) throws {
        var t = Transcript()
        let start = try t.reply(["pl": "zapisz mnie do Centrum Obywatelskiego", "en": "sign me up for the Civic Centre in Kraków", "uk": "запишіть мене до Громадянського центру в Кракові"][language.rawValue]!)
        #expect(start.expecting == "name", "\(start.text)")
        let told = try t.reply(line)
        #expect(told.expecting == "name", "still in the form, nothing taken as a name: \(told.text)")
        #expect(told.error == nil, "\(told.text)")
        #expect(told.text == FormMessages.noSecondSignup[language], "\(told.text)")
        let left = try t.reply(leave)
        #expect(left.text == FormMessages.cancelled[language], "\(left.text)")
        #expect(left.expecting == nil)
    }

    @Test("at the contact, \"tak\" after the offer asks the question again; any other line is the answer")
    func noSecondSignupGoOn() throws {
        var t = Transcript()
        _ = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        _ = try t.reply("Anna Kowalska")
        #expect(try t.reply("ja już się raz zapisywałam, nie chcę ponownie").expecting == "contact")
        let again = try t.reply("tak")
        #expect(again.expecting == "contact" && again.text.contains("e-mail"), "\(again.text)")
        #expect(try t.reply("nie chcę się zapisywać drugi raz").expecting == "contact")
        #expect(try t.reply("anna.kowalska@example.pl").expecting == "consent", "an answer, after the offer")
    }

    @Test("after a sign-up stored in this conversation, a new form for it is told so and left with \"nie\"", arguments: [
        ("nie chcę się zapisywać drugi raz", "nie"), ("przecież już się zapisałam", "to wyjdź"), ("I already signed up, not twice", "nie"),
    ])
    func storedHere(_ line: String, _ leave: String) throws {
        var t = try Transcript.signedUpToCivicCentre()
        #expect(try t.reply("zapisz mnie do Centrum Obywatelskiego").expecting == "name")
        let told = try t.reply(line)
        #expect(told.text.contains("KR-7F3K") && told.text.contains("Centrum Obywatelskie"), "\(told.text)")
        #expect(told.expecting == "name")
        #expect(try t.reply(leave).text == FormMessages.cancelled[.pl])
    }

    // MARK: - Fallbacks in a row

    @Test("fallbacks in a row: full, then short with a person, then one short sentence with a person, never the same twice", arguments: [
        (Language.pl, ["gdzie zapłacę podatek od nieruchomości?", "jaka jutro pogoda?", "kto wygrał wczoraj mecz?", "jak ugotować bigos?"]),
        (.en, ["where do I pay my property tax?", "what's the weather tomorrow?", "who won the match yesterday?", "how do I cook a stew?"]),
        (.uk, ["де сплатити податок на нерухомість?", "яка завтра погода?", "хто вчора виграв матч?", "як зварити борщ?"]),
    ])
    func fallbacksInRow(_ language: Language, _ lines: [String]) throws {
        var t = Transcript()
        let replies = try lines.map { try t.reply($0) }
        for reply in replies { #expect(reply.intent == .fallback, "\(reply.text)") }
        let human = FormContext(catalogue: t.catalogue, language: language, today: t.today).humanContact
        #expect(!replies[0].text.hasSuffix(human), "the first is the full fallback: \(replies[0].text)")
        #expect(replies[1].text == Messages.fallbackAgain.format(language, ["human": human]), "\(replies[1].text)")
        for later in replies[2...] {
            #expect(later.text.hasSuffix("\n" + human), "\(later.text)")
            let sentence = later.text.dropLast(human.count + 1)
            #expect(!sentence.contains("\n") && sentence.count <= 60 && Self.sentences(String(sentence)) == 1, "\(sentence)")
        }
        #expect(Set(replies.map(\.text)).count == replies.count, "no two the same: \(replies.map(\.text))")
        #expect(replies[1].text.count < replies[0].text.count + human.count)
    }

    // MARK: - Krosno: the City Hall's number and the investors'

    @Test("a contact question about investors gets the investors' number only", arguments: [
        "kontakt dla inwestorów", "jaki jest numer dla inwestorów w Krośnie?", "poproszę telefon do obsługi inwestorów",
        "investor contact", "what is the phone number for investors in Krosno?", "контакт для інвесторів у Кросно",
    ])
    func investors(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == "contact", "\(reply.text)")
        #expect(reply.text.contains("13 47 43 301"), "\(reply.text)")
        #expect(!reply.text.contains("13 47 430 01"), "never the main number: \(reply.text)")
    }

    @Test("a contact question about Krosno City Hall gets its main number", arguments: [
        "jaki jest telefon do Urzędu Miasta Krosna?", "podaj numer do urzędu w Krośnie", "what is the phone number of Krosno City Hall?",
        "який телефон Urząd Miasta Krosna?",
    ])
    func cityHall(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == "contact", "\(reply.text)")
        #expect(reply.text.contains("13 47 430 01"), "\(reply.text)")
        #expect(!reply.text.contains("13 47 43 301"), "\(reply.text)")
    }
}

/// Found by the persona run: a contact given again beside the name, after another one, was
/// dropped without a word. The latest contact wins. Lines are our own.
@Suite("A second contact in a form replaces the first")
struct LatestContactTests {
    @Test("the e-mail given with the name replaces the phone given before", arguments: [
        ("zapisz mnie do Centrum Obywatelskiego", "602 111 333", "Jan Nowak, jan.nowak@example.org", "tak"),
        ("sign me up for the Civic Centre", "602 111 333", "John Smith, john.smith@example.org", "yes"),
        ("запишіть мене до Centrum Obywatelskie", "602 111 333", "Олена Коваль, olena.koval@example.org", "так"),
    ])
    func latestWins(_ request: String, _ phone: String, _ nameAndMail: String, _ yes: String) throws {
        var t = Transcript()
        let first = try t.reply(request)
        #expect(first.expecting == "name", "\(first.text)")
        // The phone first, where the name is asked: it is taken, and the name asked again.
        _ = try t.reply(phone)
        var reply = try t.reply(nameAndMail)
        var steps = 0
        while reply.expecting != "confirm", steps < 4 {
            reply = try t.reply(reply.expecting == "consent" ? yes : "pomiń")
            steps += 1
        }
        #expect(reply.expecting == "confirm", "\(reply.text)")
        #expect(reply.text.contains("example.org"), "the summary shows the e-mail: \(reply.text)")
        guard case .store(.saveSignup(let draft))? = t.say(yes).first else {
            Issue.record("no sign-up stored")
            return
        }
        #expect(draft.contact.description.contains("example.org"), "\(draft.contact)")
    }
}

/// Found by the persona run: in a new conversation, "I signed up yesterday, when will someone get
/// in touch?" opened a second sign-up form. Lines are our own.
@Suite("A sign-up made in an earlier conversation")
struct EarlierSignupTests {
    @Test("what happens to it is said, and no form opens", arguments: [
        "dzień dobry, zapisałem się w poniedziałek do koalicji, kiedy ktoś zadzwoni?",
        "zapisalam sie tydzien temu i nikt nie dzwoni",
        "I registered last week for the Civic Centre, when will someone contact me?",
        "я записалася минулого тижня, коли мені зателефонують?",
    ])
    func noSecondForm(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.expecting == nil, "no form: \(reply.text)")
        #expect(reply.intent == .signup)
        #expect(reply.text.contains(Messages.signedUpEarlier[reply.language].prefix(20)), "\(reply.text)")
    }

    @Test("a new sign-up request is still a sign-up")
    func stillSignsUp() throws {
        var t = Transcript()
        #expect(try t.reply("chcę się zapisać do Centrum Obywatelskiego").expecting == "name")
    }
}
