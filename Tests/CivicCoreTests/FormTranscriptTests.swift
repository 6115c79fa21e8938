import Testing
@testable import CivicCore

extension Transcript {
    /// The single reply to `line`; fails the test when the session asked for storage instead.
    mutating func ask(_ line: String) throws -> Reply {
        let actions = say(line)
        guard actions.count == 1, case .reply(let reply, _, _) = actions[0] else {
            Issue.record("expected one reply to \(line.debugDescription), got \(actions)")
            throw TranscriptError.noReply
        }
        return reply
    }

    /// The storage request `line` leads to.
    mutating func request(_ line: String) throws -> StoreRequest {
        let actions = say(line)
        guard actions.count == 1, case .store(let request) = actions[0] else {
            Issue.record("expected a storage request after \(line.debugDescription), got \(actions)")
            throw TranscriptError.noReply
        }
        return request
    }

    /// The fixture's interview note by `organiser`, filled in and at its summary: Dolinki, the
    /// given day, "ławki", and re-contact by `recontactHow` (nil: no re-contact).
    static func noteAtSummary(by organiser: Organiser, date: String, recontactHow: String?) throws -> Transcript {
        var t = Transcript.fixture
        try t.logIn(organiser)
        _ = try t.ask("nowa notatka")
        _ = try t.ask("Dolinki")
        _ = try t.ask(date)
        _ = try t.ask("ławki")
        _ = try t.ask("Brakuje ławek przy szkole.")
        if let recontactHow {
            _ = try t.ask("tak")
            _ = try t.ask(recontactHow)
        } else {
            _ = try t.ask("nie")
        }
        return t
    }

    /// A conversation on the shipped catalogue that has just signed up to the Civic Centre, code KR-7F3K.
    static func signedUpToCivicCentre() throws -> Transcript {
        var t = Transcript()
        _ = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        _ = try t.reply("Anna Kowalska, anna@example.org")
        _ = try t.reply("tak")
        guard case .store = t.say("tak").first else { throw TranscriptError.noReply }
        _ = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        return t
    }

    /// The organiser logs in (the code is checked by storage in the daemon; here it answers yes).
    mutating func logIn(_ organiser: Organiser) throws {
        #expect(try request("/login KOD1-KOD2-KOD3") == .verifyOrganiser(code: "KOD1-KOD2-KOD3"))
        #expect(try complete(.loggedIn(organiser)).text.contains(organiser.name))
    }

    mutating func complete(_ response: StoreResponse) throws -> Reply {
        let actions = session.complete(response, catalogue: catalogue, at: time).filter { !$0.isReview }
        guard actions.count == 1, case .reply(let reply, _, _) = actions[0] else {
            Issue.record("expected one reply to \(response), got \(actions)")
            throw TranscriptError.noReply
        }
        return reply
    }
}

@Suite("Sign-up form transcripts")
struct SignupTranscriptTests {
    @Test("happy path: programme, name, contact, consent, confirmation; confirmed only after storage")
    func happyPath() throws {
        var t = Transcript.fixture
        let start = try t.ask("chcę się zapisać")
        #expect(start.intent == "signup")
        #expect(start.expecting == "programme")
        #expect(start.choices == ["Klub Północny", "Klub Południowy"], "the topics open for sign-up")
        let name = try t.ask("Klub Południowy")
        #expect(name.expecting == "name")
        #expect(try t.ask("Anna Kowalska").expecting == "contact")
        let consent = try t.ask("anna@example.org")
        #expect(consent.expecting == "consent", "the South Club has no districts")
        #expect(consent.text.contains("test-7"), "the notice's version is shown")
        #expect(consent.text.contains("TESTOWA INFORMACJA O DANYCH"))
        let summary = try t.ask("tak")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("Anna Kowalska"))
        #expect(summary.text.contains("anna@example.org"))
        let request = try t.request("tak")
        #expect(request == .saveSignup(SignupDraft(programme: "south_club", name: "Anna Kowalska",
                                                   contact: .email("anna@example.org"), district: nil,
                                                   consentVersion: "test-7", language: .pl)))
        #expect(t.session.isWaitingForStorage)
        let done = try t.complete(.signup(.saved(reference: "KR-7F3K")))
        #expect(done.text.contains("KR-7F3K"))
        #expect(done.expecting == nil)
        #expect(!t.session.isWaitingForStorage)
        #expect(try t.ask("dziękuję").intent == "thanks", "the conversation goes on after the form")
    }

    @Test("answers out of order and together; a programme named earlier is not asked again")
    func outOfOrder() throws {
        var t = Transcript.fixture
        _ = try t.ask("jak mogę dołączyć do Klubu Północnego?")
        let first = try t.ask("zapisz mnie")
        #expect(first.expecting == "name", "the conversation already named the programme")
        let district = try t.ask("Jestem Anna Kowalska, tel. 600-100-200")
        #expect(district.expecting == "district")
        #expect(district.choices.contains("Dolinki"))
        #expect(try t.ask("mieszkam na Górkach, Górki").expecting == "consent")
        let summary = try t.ask("zgadzam się")
        #expect(summary.text.contains("+48 600 100 200"))
        #expect(summary.text.contains("Górki"))
        guard case .saveSignup(let draft) = try t.request("tak") else {
            Issue.record("the confirmation did not ask storage to save the sign-up")
            return
        }
        #expect(draft.programme == "north_club")
        #expect(draft.name == "Anna Kowalska")
        #expect(draft.district == "Górki")
    }

    @Test("everything in one message")
    func allAtOnce() throws {
        var t = Transcript.fixture
        _ = try t.ask("I want to sign up")
        let reply = try t.ask("South Club, my name is John Smith, john@example.org")
        #expect(reply.expecting == "consent")
        #expect(reply.language == .en)
    }

    @Test("an invalid contact is re-asked with a format hint; after three tries a way out is offered")
    func invalidContact() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        let first = try t.ask("anna(at)example")
        #expect(first.error == .invalidValue)
        #expect(first.expecting == "contact")
        #expect(first.text.contains("600 100 200"))
        _ = try t.ask("123")
        let third = try t.ask("+44 20")
        #expect(third.text.contains("/anuluj"))
        #expect(third.text.contains("Biuro Południe 400 500 600"), "whom to ask comes from the data, for the programme")
        #expect(!third.text.contains("Biuro Północ"))
        #expect(third.choices.contains("/anuluj"))
        #expect(try t.ask("600100200").expecting == "consent")
    }

    @Test("a field is corrected from the summary, and the form can go back")
    func corrections() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("anna@example.org")
        _ = try t.ask("tak")
        #expect(try t.ask("zmień kontakt").expecting == "contact")
        let summary = try t.ask("anna.k@example.org")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("anna.k@example.org"))
        #expect(!summary.text.contains("anna@example.org"))
        #expect(try t.ask("nie").text.contains("zmień"))
        #expect(try t.ask("popraw imię").expecting == "name")
        #expect(try t.ask("wstecz").expecting == "confirm")
    }

    @Test("going back returns to the previous question")
    func back() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        #expect(try t.ask("wstecz").expecting == "name")
        #expect(try t.ask("Anna Nowak").expecting == "contact")
    }

    @Test("the district can be skipped, the name cannot")
    func skip() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Północnego")
        #expect(try t.ask("pomiń").error == .invalidValue)
        _ = try t.ask("Jan Nowak")
        #expect(try t.ask("jan@example.org").expecting == "district")
        #expect(try t.ask("pomiń").expecting == "consent")
    }

    @Test("cancel leaves the form; nothing is stored", arguments: ["/anuluj", "anuluj", "/cancel", "cancel"])
    func cancel(_ word: String) throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        let reply = try t.ask(word)
        #expect(reply.expecting == nil)
        #expect(t.session.expecting == nil)
        #expect(try t.ask("tak").intent != "signup")
    }

    @Test("consent refused: nothing is stored")
    func consentRefused() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("anna@example.org")
        let refused = try t.ask("nie")
        #expect(refused.text.contains("niczego nie zapisałem"))
        #expect(refused.expecting == nil)
        #expect(!t.session.isWaitingForStorage)
    }

    @Test("duplicate: already signed up, said plainly")
    func duplicate() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("anna@example.org")
        _ = try t.ask("tak")
        _ = try t.request("tak")
        let reply = try t.complete(.signup(.alreadySignedUp))
        #expect(reply.text.contains("już zapisany"))
        #expect(reply.text.contains("przy tamtym zapisie"), "says the code was given at sign-up")
        #expect(reply.text.contains("Biuro Południe"), "says whom to ask: the programme's office")
        #expect(!reply.text.contains("KR-"), "reveals no code of the existing sign-up")
        #expect(!reply.text.contains("Anna"), "nor anything else of it")
    }

    @Test("a storage failure confirms nothing and lets the resident try again")
    func storageFailure() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("anna@example.org")
        _ = try t.ask("tak")
        _ = try t.request("tak")
        let failed = try t.complete(.failed)
        #expect(failed.error == .storageUnavailable)
        #expect(failed.expecting == "confirm")
        #expect(!failed.text.contains("KR-"))
        _ = try t.request("tak")
    }

    @Test("a question in the middle of the form is answered and the question asked again")
    func questionAside() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        let reply = try t.ask("a ile to kosztuje?")
        #expect(reply.expecting == "name")
        #expect(reply.text.contains("KOSZT: BEZPŁATNIE"), "the question is answered from the catalogue")
        #expect(reply.text.contains("Jak się nazywasz?"), "then the form asks again")
    }

    @Test("/reset forgets a half-filled form; nothing of it is shown again")
    func reset() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("/reset")
        #expect(t.session.expecting == nil)
        let again = try t.ask("zapisz mnie do Klubu Południowego")
        #expect(!again.text.contains("Anna"))
        #expect(again.expecting == "name")
    }

    @Test("after join the sign-up is offered; yes starts it")
    func offeredAfterJoin() throws {
        var t = Transcript.fixture
        let join = try t.ask("jak mogę dołączyć do Klubu Południowego?")
        #expect(join.intent == "join")
        #expect(join.choices == ["tak", "nie"])
        #expect(try t.ask("tak").expecting == "name")
    }
}

@Suite("Organisers, notes, progress and erasure transcripts")
struct OrganiserTranscriptTests {
    let ewa = Organiser(id: 3, name: "Ewa")

    @Test("wrong codes: the session waits 1, 2, 4, 8 s, then locks for good; the address's wait counts too")
    func wrongCode() throws {
        var t = Transcript.fixture
        #expect(try t.request("/login ABCD-EFGH-JKMN") == .verifyOrganiser(code: "ABCD-EFGH-JKMN"))
        let wrong = try t.complete(.loginFailed(retryAfterSeconds: 0))
        #expect(wrong.error == .loginFailed)
        #expect(wrong.text.contains("1 s"), "the session's own first delay")
        // Too early: refused by the session itself, nothing goes to storage.
        t.wait(seconds: 0.5)
        let early = try t.ask("/login ABCD-EFGH-JKMN")
        #expect(early.error == .loginFailed)
        #expect(early.text.contains("1 s"))
        t.wait(seconds: 0.5)
        _ = try t.request("/login X")
        #expect(try t.complete(.loginFailed(retryAfterSeconds: 30)).text.contains("30 s"), "the address's longer delay wins")
        t.wait(seconds: 2)
        _ = try t.request("/login X")
        #expect(try t.complete(.loginThrottled(retryAfterSeconds: 7)).text.contains("7 s"), "the address must still wait")
        for delay in [4, 8] {
            _ = try t.request("/login X")
            #expect(try t.complete(.loginFailed(retryAfterSeconds: 0)).text.contains("\(delay) s"))
            t.wait(seconds: Double(delay))
        }
        _ = try t.request("/login X")
        #expect(try t.complete(.loginFailed(retryAfterSeconds: 0)).error == .loginLocked, "the fifth wrong code locks")
        t.wait(seconds: 3_600)
        _ = try t.ask("/reset")
        #expect(try t.ask("/login KOD1-KOD2-KOD3").error == .loginLocked, "neither time nor /reset lifts the lock")
        #expect(t.session.organiser == nil)
    }

    @Test("the interview_note intent asks for the code; then the note is taken and saved")
    func noteAfterLogin() throws {
        var t = Transcript.fixture
        let ask = try t.ask("notatka z rozmowy")
        #expect(ask.intent == "interview_note")
        #expect(ask.expecting == "code")
        #expect(try t.request("KOD1-KOD2-KOD3") == .verifyOrganiser(code: "KOD1-KOD2-KOD3"))
        #expect(try t.complete(.loggedIn(ewa)).text.contains("Ewa"))
        let district = try t.ask("nowa notatka")
        #expect(district.expecting == "district")
        #expect(district.choices == ["Górki", "Dolinki"], "the districts of the topics that have them")
        #expect(try t.ask("Dolinki").expecting == "date")
        #expect(try t.ask("wczoraj").expecting == "topic")
        #expect(try t.ask("zieleń na osiedlu").expecting == "concerns")
        #expect(try t.ask(String(repeating: "x", count: 2001)).error == .invalidValue)
        #expect(try t.ask("Brakuje ławek i drzew przy szkole.").expecting == "recontact")
        #expect(try t.ask("tak").expecting == "recontact_how")
        let summary = try t.ask("telefonicznie po 17")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("20 listopada 2026"))
        let request = try t.request("tak")
        #expect(request == .saveInterviewNote(InterviewNoteDraft(
            organiserID: 3, district: "Dolinki", date: CalendarDay(year: 2026, month: 11, day: 20),
            topic: "zieleń na osiedlu", concerns: "Brakuje ławek i drzew przy szkole.", recontact: true, recontactHow: "telefonicznie po 17"
        )))
        let saved = try t.complete(.interviewNoteSaved(total: 7))
        #expect(saved.text.contains("7 z 12 rozmów; raport do 15 stycznia 2030"), "target and deadline from the data")
    }

    @Test("dates: today by default, yesterday, written dates; never the future")
    func noteDates() throws {
        var t = Transcript.fixture
        try t.logIn(ewa)
        _ = try t.ask("new note")
        _ = try t.ask("Górki")
        #expect(try t.ask("2027-01-01").error == .invalidValue)
        #expect(try t.ask("15.11.2026").expecting == "topic")
    }

    @Test("progress from the data, for a logged-in organiser only")
    func progress() throws {
        var t = Transcript.fixture
        let anonymous = try t.ask("ile rozmów już zrobiłam?")
        #expect(anonymous.intent == "progress")
        #expect(anonymous.text.contains("POSTĘP: ZALOGUJ SIĘ"))
        try t.logIn(ewa)
        #expect(try t.request("ile rozmów już zrobiłam?") == .countInterviews(organiserID: 3))
        let reply = try t.complete(.interviewCount(7))
        #expect(reply.text.hasPrefix("7 z 12 rozmów; raport do 15 stycznia 2030"))
        var english = Transcript.fixture
        try english.logIn(ewa)
        _ = try english.request("how many interviews have I done?")
        #expect(try english.complete(.interviewCount(2)).text.hasPrefix("2 of 12 interviews; report due 15 January 2030"))
    }

    @Test("/reset logs the organiser out")
    func resetLogsOut() throws {
        var t = Transcript.fixture
        try t.logIn(ewa)
        _ = try t.ask("/reset")
        #expect(t.session.organiser == nil)
    }

    @Test("a resident asks to erase a sign-up with its reference and contact")
    func erasure() throws {
        var t = Transcript.fixture
        let ask = try t.ask("chcę usunąć moje dane")
        #expect(ask.intent == "privacy")
        #expect(ask.expecting == "reference")
        #expect(try t.ask("nie pamiętam").error == .invalidValue)
        #expect(try t.ask("kr-7f3k").expecting == "contact")
        #expect(try t.request("anna@example.org") == .recordErasureRequest(ErasureRequestDraft(reference: "KR-7F3K", contact: .email("anna@example.org"))))
        #expect(try t.complete(.erasureRequestRecorded).text.contains("Przyjąłem"))
    }

    @Test("form answers and codes are marked private so they are never logged")
    func privateInput() throws {
        var t = Transcript.fixture
        #expect(!t.session.expectsPrivateInput)
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        #expect(t.session.expectsPrivateInput)
    }
}

@Suite("Contacts and answers")
struct AnswerTests {
    @Test(arguments: [
        ("anna@example.org", "anna@example.org"),
        ("Anna.Kowalska+co@Example.ORG", "anna.kowalska+co@example.org"),
        ("600 100 200", "+48 600 100 200"),
        ("600-100-200", "+48 600 100 200"),
        ("+48 600 100 200", "+48 600 100 200"),
        ("0048600100200", "+48 600 100 200"),
        // Landlines as their owners write them (area code, then 3-2-2); numbers abroad in E.164.
        ("(13) 474 30 01", "+48 13 474 30 01"),
        ("12 634 56 78", "+48 12 634 56 78"),
        ("+48 71 344 11 22", "+48 71 344 11 22"),
        ("+380 50 123 4567", "+380501234567"),
        ("00380501234567", "+380501234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+49 30 1234567", "+49301234567"),
    ])
    func validContacts(_ text: String, _ normalized: String) {
        #expect(Contact(parsing: text)?.description == normalized)
    }

    @Test(arguments: ["anna@", "@example.org", "anna@example", "anna@@example.org", "anna@exa mple.org", "12345", "+44 20",
                      "+1234567890123456", "+0 123 456 789", "060 010 020", "'; DROP TABLE signup;--", "anna..k@example.org"])
    func invalidContacts(_ text: String) {
        #expect(Contact(parsing: text) == nil)
    }

    @Test func findsInSentences() {
        #expect(Contact.find(in: "Jestem Anna Kowalska, anna@example.org") == .email("anna@example.org"))
        #expect(Contact.find(in: "mój numer to 600 100 200, dzięki") == .phone("600100200"))
        #expect(Contact.find(in: "mam 3 dzieci") == nil)
    }

    @Test func names() {
        #expect(Answers.introducedName(in: "Jestem Anna Kowalska, anna@example.org") == "Anna Kowalska")
        #expect(Answers.introducedName(in: "my name is John Smith and I live here") == "John Smith")
        #expect(Answers.introducedName(in: "jestem zainteresowana programem") == nil)
        #expect(Answers.plainName("anna kowalska") == "anna kowalska")
        #expect(Answers.plainName("Anna") == nil)
        #expect(Answers.plainName("600 100 200") == nil)
    }

    @Test("yes and no as people say them; a bare \"no\" is English only in an English conversation", arguments: [
        // (line, in a Polish conversation, in an English one)
        ("Tak!", true, true), ("zgadzam się", true, true), ("no zgadzam się", true, true), ("no tak", true, true),
        ("no pewnie", true, true), ("jasne", true, true), ("pewnie że tak", true, true), ("zgoda", true, true),
        ("oczywiście", true, true), ("No jasne!", true, true), ("a no tak", true, true), ("jak najbardziej", true, true),
        ("yes please", true, true), ("yup", true, true), ("sounds good", true, true), ("absolutely", true, true),
        ("nie", false, false), ("no nie", false, false), ("raczej nie", false, false), ("nie, dziękuję", false, false),
        ("no thanks", false, false), ("no, I don't think so", false, false), ("nope", false, false),
        ("no", true, false),
    ] as [(String, Bool, Bool)])
    func yesNo(_ line: String, _ polish: Bool, _ english: Bool) {
        #expect(Answers.yesNo(line, language: .pl) == polish)
        #expect(Answers.yesNo(line, language: .en) == english)
    }

    @Test("neither yes nor no: unsure answers, though they start with \"nie\"", arguments: ["może", "nie wiem", "no nie wiem", "chyba", "not sure", "maybe", "hmm"])
    func unsure(_ line: String) {
        #expect(Answers.yesNo(line, language: .pl) == nil)
        #expect(Answers.yesNo(line, language: .en) == nil)
    }

    @Test("consent is never a bare \"no\" in Polish: it is asked again")
    func consentIsExplicit() {
        #expect(Answers.consent("no", language: .pl) == nil)
        #expect(Answers.consent("no", language: .en) == false)
        #expect(Answers.consent("no zgadzam się", language: .pl) == true)
        #expect(Answers.consent("nie zgadzam się", language: .pl) == false)
    }

    @Test("a number among no choices is no choice (found by the fuzzer: it trapped)")
    func numberAmongNoChoices() throws {
        #expect(Answers.choice("2", among: []) == nil)
        #expect(Answers.choices("2", among: []) == [])
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie")
        #expect(try t.ask("2").expecting == "name", "the second programme, and no district list consulted in vain")
    }

    @Test func dates() {
        let today = CalendarDay(year: 2026, month: 11, day: 21)
        #expect(Answers.date("wczoraj", today: today) == CalendarDay(year: 2026, month: 11, day: 20))
        #expect(Answers.date("dziś", today: today) == today)
        #expect(Answers.date("20.11.2026", today: today) == CalendarDay(year: 2026, month: 11, day: 20))
        #expect(Answers.date("2026-11-19", today: today) == CalendarDay(year: 2026, month: 11, day: 19))
        #expect(Answers.date("31.02.2026", today: today) == nil)
        #expect(Answers.date("kiedyś", today: today) == nil)
        #expect(Answers.date("-", today: today) == nil, "punctuation is no date; only nothing at all is today")
        #expect(Answers.date("", today: today) == today)
    }

    @Test func throttle() {
        var throttle = LoginThrottle(lockSeconds: nil)
        let second: UInt64 = 1_000_000_000
        #expect(throttle.check(atNanoseconds: 0) == .allowed)
        #expect(throttle.recordFailure(atNanoseconds: 0) == 1)
        #expect(throttle.check(atNanoseconds: second / 2) == .wait(seconds: 1))
        #expect(throttle.recordFailure(atNanoseconds: second) == 2)
        #expect(throttle.recordFailure(atNanoseconds: 3 * second) == 4)
        #expect(throttle.recordFailure(atNanoseconds: 7 * second) == 8)
        #expect(throttle.recordFailure(atNanoseconds: 15 * second) == nil)
        #expect(throttle.check(atNanoseconds: 10_000 * second) == .locked)
        var peer = LoginThrottle(lockSeconds: 60)
        for index in 0..<5 { peer.recordFailure(atNanoseconds: UInt64(index) * 100 * second) }
        #expect(peer.check(atNanoseconds: 401 * second) == .locked)
        #expect(peer.check(atNanoseconds: 461 * second) == .allowed)
    }
}
