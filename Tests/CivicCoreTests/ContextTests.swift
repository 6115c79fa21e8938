@testable import CivicCore
import Testing

/// Issue 15, item 3: a clear new request wins over a pending question; a sign-up names its
/// programme from its parts; after a sign-up, talk about it is about that sign-up.
/// Asserts intents, slots and topics, not wording staff may edit.
@Suite("Conversation context")
struct ContextTests {
    @Test("a sign-up request after a question that asked which programme is a sign-up", arguments: [
        ("jakie są terminy?", "chcę się zapisać do centrum obywatelskiego", "centrum_obywatelskie"),
        ("ile to kosztuje?", "a zapisz mnie do Centrum Obywatelskiego", "centrum_obywatelskie"),
        ("what are the deadlines?", "sign me up for the Civic Centre", "centrum_obywatelskie"),
    ])
    func newRequestWins(_ first: String, _ second: String, _ topic: String) throws {
        var t = Transcript()
        _ = try t.reply(first)
        let reply = try t.reply(second)
        #expect(reply.intent == "signup")
        #expect(reply.expecting == "name", "the programme is already known")
        #expect(t.session.conversation.topic == topic)
    }

    @Test("\"a w Krakowie?\" still re-asks the last question for the new place")
    func followUpStill() throws {
        var t = Transcript()
        _ = try t.reply("ile kosztuje udział?")
        #expect(try t.reply("a w Krakowie?").intent == "cost")
    }

    @Test("a sign-up names its programme from a part of it or from a district", arguments: [
        "zapisz mnie do kampanii słuchania", "chcę się zapisać na kampanię słuchania w Krośnie", "sign me up for the listening campaign",
        "zapiszcie mnie, mieszkam na Polance",
    ])
    func programmeFromItsParts(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == "signup")
        #expect(t.session.conversation.topic == "os_krosno" || t.session.expecting == "name")
        #expect(reply.expecting != "programme")
    }

    @Test("a sentence at the name question is not taken for a name")
    func sentenceIsNoName() throws {
        var t = Transcript()
        _ = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        let reply = try t.reply("zapisz mnie na szkolenie organizatorów")
        #expect(reply.expecting == "name")
        #expect(reply.error == .invalidValue)
    }

    private func signedUp() throws -> Transcript {
        try Transcript.signedUpToCivicCentre()
    }

    @Test("after a sign-up, \"bo się zapisałam\" is about it: no second form", arguments: ["bo się zapisałam", "przecież już się zapisałem", "I already signed up"])
    func noSecondForm(_ line: String) throws {
        var t = try signedUp()
        let reply = try t.reply(line)
        #expect(reply.intent == "signup")
        #expect(reply.expecting == nil, "no form started")
        #expect(reply.text.contains("KR-7F3K"), "the code this conversation was just given")
        #expect(!reply.choices.contains("Centrum Obywatelskie"), "other programmes are offered")
    }

    @Test("after a sign-up, \"when will you call?\" is answered from the data, with whom to ask", arguments: [
        "kiedy ktoś się do mnie odezwie?", "kiedy zadzwonicie?", "a kto się ze mną skontaktuje?", "when will someone get back to me?",
    ])
    func whenContacted(_ line: String) throws {
        var t = try signedUp()
        let reply = try t.reply(line)
        #expect(reply.intent == "signup")
        #expect(reply.text.contains("KR-7F3K"))
        #expect(reply.text.contains("ul. Reymonta 20"), "the programme's office, from intents/")
    }

    @Test("\"zapisz mnie\" again after a sign-up is a new sign-up (perhaps someone else at the terminal)")
    func signUpAgain() throws {
        var t = try signedUp()
        #expect(try t.reply("zapisz mnie do Centrum Obywatelskiego").expecting == "name")
    }

    @Test("a sign-up to another programme after one is made starts the form for it")
    func anotherProgramme() throws {
        var t = try signedUp()
        let reply = try t.reply("zapisz mnie jeszcze do organizowania społecznego w Krośnie")
        #expect(reply.expecting == "name")
        #expect(t.session.conversation.topic == "os_krosno")
    }

    @Test("before any sign-up, \"kiedy zadzwonicie?\" is no sign-up talk")
    func contactedWithoutSignup() throws {
        var t = Transcript()
        #expect(try t.reply("kiedy zadzwonicie?").intent != "signup")
    }
}

/// Issue 15, item 4: a programme whose recorded stages have all passed is said to have ended
/// before anything is collected; the sign-up becomes interest in a next edition.
@Suite("Ended programmes")
struct EndedProgrammeTests {
    @Test("the shipped O.S. Krosno action has ended; the Civic Centre has no recorded end")
    func endedByData() {
        let catalogue = ShippedCatalogue.catalogue
        #expect(catalogue.hasEnded("os_krosno", today: ShippedCatalogue.today))
        #expect(!catalogue.hasEnded("os_krosno", today: CalendarDay(year: 2023, month: 5, day: 1)), "before its stages ended")
        #expect(!catalogue.hasEnded("centrum_obywatelskie", today: ShippedCatalogue.today))
    }

    @Test("said first, before a name is asked; stored as interest in a next edition", arguments: [
        "zapisz mnie do organizowania społecznego w Krośnie", "sign me up for community organizing in Krosno", "zapisz mnie do kampanii słuchania",
    ])
    func endedSignup(_ line: String) throws {
        var t = Transcript()
        let first = try t.reply(line)
        let notice = try #require(t.catalogue.topic("os_krosno")?.endedNotice)
        let said = t.catalogue.render(notice[first.language], language: first.language, today: t.today, topic: "os_krosno")
        #expect(first.expecting == "name")
        #expect(first.text.contains(said), "the notice comes before anything is collected")
        #expect(first.text.contains("2023"))
        _ = try t.reply("Anna Kowalska, anna@example.org")
        _ = try t.reply("pomiń")
        let summary = try t.reply(first.language == .pl ? "tak" : "yes")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains(FormMessages.nextEditionSuffix[first.language]))
        guard case .store(.saveSignup(let draft))? = t.say(first.language == .pl ? "tak" : "yes").first else {
            Issue.record("no sign-up stored")
            return
        }
        #expect(draft.nextEdition)
        let done = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        guard case .reply(let reply, _, _)? = done.first else {
            Issue.record("no confirmation")
            return
        }
        #expect(reply.text.hasPrefix(FormMessages.savedInterest[first.language].prefix(12)))
    }

    @Test("a programme still running is signed up as before")
    func runningSignup() throws {
        var t = Transcript()
        _ = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        _ = try t.reply("Anna Kowalska, anna@example.org")
        let summary = try t.reply("tak")
        #expect(!summary.text.contains(FormMessages.nextEditionSuffix[.pl]))
        guard case .store(.saveSignup(let draft))? = t.say("tak").first else {
            Issue.record("no sign-up stored")
            return
        }
        #expect(!draft.nextEdition)
    }
}

/// Found by a screen-reader user in character: after a contact question, a cost question naming
/// the programme got the address again. Lines are our own.
@Suite("A clear question of its own is not a follow-up")
struct OwnQuestionAfterContextTests {
    @Test("after a contact question, a new question naming the programme is answered as asked", arguments: [
        ("ile kosztuje centrum obywatelskie?", "cost"),
        ("czy koalicja na rzecz sąsiedztw jest płatna?", "cost"),
        ("kto finansuje centrum obywatelskie?", "funding"),
    ])
    func ownQuestion(_ line: String, _ intent: String) throws {
        var t = Transcript()
        #expect(try t.reply("jaki jest adres centrum obywatelskiego?").intent == "contact")
        #expect(try t.reply(line).intent == IntentID(intent))
    }
}

/// Found by a teenager in character: "jesteś człowiekiem czy ai?" got the staff's phone numbers,
/// and "nara" did not end the conversation. Lines are our own.
@Suite("Asked whether it is a person; slang goodbyes")
struct BotIdentityTests {
    @Test("asked whether it is a bot, it says it is an automatic assistant", arguments: [
        ("czy ty jesteś botem?", "automatyczny asystent"), ("rozmawiam z człowiekiem czy z automatem?", "automatyczny asystent"),
        ("are you a real person?", "automatic assistant"), ("ти бот чи людина?", "автоматичний помічник"),
    ])
    func bot(_ line: String, _ said: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == "help")
        #expect(reply.text.contains(said))
    }

    @Test("wanting a person is still the human intent", arguments: ["chcę porozmawiać z człowiekiem", "I want to talk to a real person"])
    func human(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).intent == "human")
    }

    @Test("slang goodbyes end the conversation", arguments: ["nara", "dzięki, narka", "ok spoko, nara"])
    func slangGoodbye(_ line: String) {
        var t = Transcript()
        #expect(t.say(line).last == .close)
    }
}

@Suite("Repeating at a kiosk")
struct KioskRepeatTests {
    @Test("a new resident's first „powtórz” does not bring back the kiosk's own set-up", arguments: ["powtórz", "repeat", "jeszcze raz"])
    func setupNotRepeated(_ line: String) throws {
        let token = "kiosk-token-0123456789"
        var t = Transcript(session: Session(kioskTokens: [token]))
        _ = t.say("/format json")
        _ = t.say("/kiosk \(token)")
        let reply = try t.reply(line)
        #expect(!reply.text.contains("json"))
        #expect(reply.text == Messages.nothingToRepeat[.pl] || reply.text == Messages.nothingToRepeat[.en])
    }
}

@Suite("A language asked for at the end of a longer line")
struct LanguageRequestInLineTests {
    @Test("the conversation switches and says so", arguments: [
        ("przepraszam, mój polski nie jest dobry. can we continue in English?", Language.en),
        ("Hello. My English is bad. Po polsku proszę.", .pl),
        ("dzień dobry! czy możemy rozmawiać po angielsku?", .en),
    ])
    func switches(_ line: String, _ language: Language) throws {
        var t = Transcript()
        #expect(try t.reply(line).language == language)
    }
}
