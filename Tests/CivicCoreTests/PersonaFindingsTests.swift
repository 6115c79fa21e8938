@testable import CivicCore
import Testing

/// What residents and organisers ran into when they tried the daemon in character (issue 15's
/// "done when"), each with paraphrases of our own.
@Suite("Found by residents in character")
struct PersonaFindingsTests {
    let ewa = Organiser(id: 3, name: "Ewa")

    private func noteAtSummary() throws -> Transcript {
        try Transcript.noteAtSummary(by: ewa, date: "wczoraj", recontactHow: "telefonicznie")
    }

    @Test("a district correction at the note's summary changes the district and nothing else", arguments: [
        "i jeszcze dzielnica - to nie Dolinki, tylko Górki", "to nie Dolinki, tylko Górki", "dzielnica: Górki",
    ])
    func noteDistrictOnly(_ line: String) throws {
        var t = try noteAtSummary()
        let summary = try t.ask(line)
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("Górki"))
        #expect(summary.text.contains("20 listopada 2026"), "the date stays yesterday, never reset to today")
    }

    @Test("the note's contact is corrected in one line", arguments: ["zmień kontakt na 600 123 456", "a kontakt jest źle wpisany, ma być telefon 600 123 456"])
    func noteContact(_ line: String) throws {
        var t = try noteAtSummary()
        let summary = try t.ask(line)
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("600 100") == false)
        #expect(summary.text.contains("600 123 456"))
    }

    @Test("dates with a time of day", arguments: [("dzisiaj rano", 0), ("wczoraj wieczorem", -1), ("yesterday evening", -1)])
    func timeOfDay(_ text: String, _ offset: Int) {
        let today = CalendarDay(year: 2026, month: 12, day: 2)
        #expect(Answers.date(text, today: today) == today.adding(days: offset))
    }

    @Test("a polite whole-sentence yes or no", arguments: [
        ("Tak, zgadzam się, proszę bardzo.", true), ("Tak, wszystko się zgadza, dziękuję pięknie", true), ("whatever, yes", true),
        ("nie, dane się nie zgadzają", false), ("sama nie wiem, może", nil),
    ] as [(String, Bool?)])
    func politeSentences(_ line: String, _ expected: Bool?) {
        #expect(Answers.yesNo(line, language: .pl) == expected)
    }

    @Test("text wrapping never breaks a phone number")
    func phoneNotBroken() {
        let text = "Zapytaj w urzędzie, który jest otwarty codziennie, telefonicznie: tel. 13 47 430 01 albo 600 100 200."
        for width in 20...60 {
            let wrapped = TextWrap.wrap(text, width: width)
            #expect(wrapped.contains("13 47 430 01"), "width \(width)")
            #expect(wrapped.contains("600 100 200"), "width \(width)")
        }
    }

    @Test("a question after a courtesy is answered, not the courtesy", arguments: [
        "Dziękuję. A ile kosztuje udział w Centrum Obywatelskim?", "Dzień dobry, gdzie jest Centrum Obywatelskie?", "thanks! and where is the Civic Centre?",
    ])
    func courtesyThenQuestion(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(!["thanks", "greeting"].contains(reply.intent?.rawValue ?? ""), "\(line): \(reply.text)")
        #expect(reply.intent != nil)
    }

    @Test("a question after a courtesy is answered without a question mark too", arguments: [
        ("dzięki, a ile kosztuje szkolenie w Krośnie", IntentID.cost), ("Dzień dobry, gdzie jest Centrum Obywatelskie w Krakowie", .contact),
        ("thanks, and when was the report deadline", .deadlines),
    ])
    func courtesyThenQuestionUnmarked(_ line: String, _ intent: IntentID) throws {
        var t = Transcript()
        #expect(try t.reply(line).intent == intent, "\(line)")
    }

    @Test("a courtesy with praise stays a courtesy", arguments: ["dzięki, super sprawa", "thanks, that was really helpful", "dzień dobry, mam pytanie"])
    func courtesyAlone(_ line: String) throws {
        var t = Transcript()
        #expect([IntentID.thanks, .greeting].contains(try t.reply(line).intent), "\(line)")
    }

    @Test("a district change for a programme without districts says so, with no empty list")
    func noDistricts() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska, anna@example.org")
        _ = try t.ask("tak")
        let reply = try t.ask("zmień dzielnicę")
        #expect(reply.expecting == "confirm")
        #expect(reply.text.hasPrefix(FormMessages.noDistricts[.pl]))
    }

    @Test("a name with an organisation after a comma: the name is taken")
    func nameWithOrganisation() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        #expect(try t.ask("Magda Nowicka, Stowarzyszenie Dobre Sąsiedztwo").expecting == "contact")
    }

    @Test("after a sign-up, a cost question naming the programme is a cost question, not a new form")
    func costAfterSignup() throws {
        var t = try Transcript.signedUpToCivicCentre()
        let reply = try t.reply("ile kosztuje Centrum Obywatelskie?")
        #expect(reply.expecting == nil)
        #expect(reply.intent == "cost")
    }

    @Test("after a correction at consent, a one-line reminder, not the whole notice again")
    func reminderAfterCorrection() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Północnego")
        _ = try t.ask("Anna Kowalska, anna@example.org")
        #expect(try t.ask("Górki").expecting == "consent")
        let again = try t.ask("jednak nie Górki, wolę Dolinki")
        #expect(again.expecting == "consent")
        #expect(!again.text.contains("TESTOWA INFORMACJA O DANYCH"))
    }

    @Test("asking where a closed programme's forms are answers where, and opens no form", arguments: [
        "gdzie są formularze zgłoszeniowe dla gmin z zachodniopomorskiego?",
        "jak nasza gmina z zachodniopomorskiego może się zgłosić do projektu?",
        "where are the application forms for the Zachodniopomorskie municipalities?",
    ])
    func closedProgrammeForms(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect([IntentID.signup, .join].contains(reply.intent), "\(String(describing: reply.intent))")
        #expect(reply.expecting == nil, "no sign-up form for a programme civicd cannot sign up for: \(reply.text)")
        #expect(reply.text.contains("kcwis.org.pl"), "where the documents are: \(reply.text)")
    }

    @Test("a Wrocław NGO asking for a contact is told that the materials hold none there", arguments: [
        "jestem z organizacji we Wrocławiu, jaki jest kontakt do koalicji?",
        "numer do koalicji na rzecz sąsiedztw we wrocławiu",
        "who do we contact about the neighbourhood coalition in Wrocław?",
    ])
    func wroclawContact(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .contact)
        #expect(reply.text.contains("Wrocław"), "\(reply.text)")
    }
}

/// The second round of residents in character (2026-12-02), each with paraphrases of our own.
@Suite("Found by residents in character, second round")
struct PersonaFindingsSecondRoundTests {
    @Test("a colloquial yes at consent is a yes in Polish, never an English no", arguments: ["no raczej", "dobra", "spoko, zgadzam się"])
    func colloquialYes(_ line: String) {
        #expect(Answers.consent(line, language: .pl) == true, "\(line)")
    }

    @Test("a Polish line opening with „no” is never the English no in Polish", arguments: ["no nie wiem jeszcze", "no bo ja wiem"])
    func noIsNotNo(_ line: String) {
        #expect(Answers.yesNo(line, language: .pl) != false)
    }

    @Test("an acknowledgement neither ends the conversation nor gets the fallback", arguments: ["dobra", "ok", "no dobrze"])
    func acknowledgement(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("ile kosztuje szkolenie w Krośnie?")
        let actions = t.say(line)
        #expect(!actions.contains(.close), "\(line) closed the session")
        guard case .reply(let reply, _, _)? = actions.first else { Issue.record("no reply"); return }
        #expect(reply.intent != .fallback)
        #expect(reply.text.contains("W czym jeszcze"), "\(reply.text)")
    }

    @Test("a programme's name is no person's name", arguments: ["Centrum Obywatelskie", "koalicja na rzecz sąsiedztw"])
    func programmeIsNoName(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply("chcę się zapisać do Centrum Obywatelskiego").expecting == "name")
        let reply = try t.reply(line)
        #expect(reply.expecting == "name", "asked again: \(reply.text)")
        #expect(reply.error == .invalidValue)
    }

    @Test("a question inside a form without a question mark is answered, then the question again", arguments: [
        "a ile to kosztuje bo emerytura mała", "a gdzie to jest", "how much does it cost",
    ])
    func unmarkedQuestionInForm(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply("chcę się zapisać do Centrum Obywatelskiego").expecting == "name")
        let reply = try t.reply(line)
        #expect(reply.expecting == "name")
        #expect(reply.error == nil, "answered, not refused as a name: \(reply.text)")
    }

    @Test("„zapisz” at the note's summary saves it", arguments: ["zapisz", "dobra zapisuj", "tak, zapisz"])
    func saveNote(_ line: String) throws {
        var t = try Transcript.noteAtSummary(by: Organiser(id: 3, name: "Ewa"), date: "wczoraj", recontactHow: "telefonicznie")
        let actions = t.say(line)
        #expect(actions.contains { if case .store = $0 { return true } else { return false } }, "\(line): \(actions)")
    }

    @Test("after the answer about a closed programme, no sign-up is offered", arguments: [
        "jak gmina może dołączyć do rekrutacji JST w zachodniopomorskim", "how can our municipality join the Zachodniopomorskie JST project",
    ])
    func noOfferForClosed(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(!reply.text.contains("Chcesz się zapisać teraz") && !reply.text.contains("sign up now"), "\(reply.text)")
    }
}

/// Several questions in one line.
@Suite("Several questions in one line")
struct SeveralQuestionsTests {
    @Test("two questions are answered one by one, whether the line as a whole reads as out of scope or as one of them", arguments: [
        ("Ile ja musze rozmow zrobic? A raport do kiedy?", ["20", "17 maja 2023"]),
        ("Prosze powiedziec ile to kosztuje? I kto to finansuje?", ["bezpłatne", "Norweski Mechanizm Finansowy"]),
        ("Centrum Obywatelskie jest płatne? I gdzie ono jest?", ["bezpłatne", "Reymonta 20"]),
        ("Who pays for the Krosno project? And is taking part free?", ["Norwegian Financial Mechanism", "don't say whether"]),
        ("Скільки коштує участь? А хто фінансує проєкт у Кросно?", ["не кажуть", "Норвезьк"]),
    ])
    func twoQuestions(_ line: String, _ facts: [String]) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent != .fallback, "\(reply.text)")
        for fact in facts { #expect(reply.text.contains(fact), "\(fact) in \(reply.text)") }
    }

    @Test("a question out of scope among them keeps the whole line out of scope")
    func oneOutOfScope() throws {
        var t = Transcript()
        let reply = try t.reply("Jaka jutro pogoda w Krakowie? A ile kosztuje bilet na tramwaj?")
        #expect(reply.intent == .fallback, "\(reply.text)")
    }
}
