@testable import CivicCore
import Testing

/// What the in-character retry of 2026-12-03 found in the forms, each with paraphrases of our own.
@Suite("Leaving and refusing, as the retry found")
struct PersonaRetryFindingsTests {
    /// A Civic Centre sign-up at its consent question.
    static func atConsent(_ t: inout Transcript, english: Bool = false) throws {
        _ = try t.reply(english ? "sign me up for the Civic Centre" : "zapisz mnie do Centrum Obywatelskiego")
        _ = try t.reply(english ? "Anna Smith, anna@example.org" : "Anna Kowalska, anna@example.org")
        #expect(t.session.expecting == "consent")
    }

    @Test("a goodbye among other words at the consent question is no consent", arguments: [
        "Dobrze, muszę już kończyć, do widzenia", "ok, odezwę się później, dziękuję", "tak, tak, ale muszę już lecieć, do zobaczenia",
    ])
    func goodbyeIsNoConsent(_ line: String) throws {
        var t = Transcript()
        try Self.atConsent(&t)
        let actions = t.say(line)
        #expect(!actions.contains { if case .store = $0 { true } else { false } })
        #expect(actions.contains(.close), "the resident left: \(actions)")
        #expect(t.session.expecting == nil)
    }

    @Test("in English too", arguments: ["ok, I have to go now, bye", "fine, gotta go, talk later"])
    func goodbyeIsNoConsentInEnglish(_ line: String) throws {
        var t = Transcript()
        try Self.atConsent(&t, english: true)
        let actions = t.say(line)
        #expect(actions.contains(.close), "\(actions)")
        #expect(t.session.expecting == nil)
    }

    @Test("a question with a goodbye in it is still a question", arguments: ["do widzenia jeszcze nie, a ile to kosztuje?"])
    func questionStays(_ line: String) throws {
        var t = Transcript()
        try Self.atConsent(&t)
        _ = try t.reply(line)
        #expect(t.session.expecting == "consent")
    }

    @Test("a refusal to sign up opens no form", arguments: [
        ("nie chcę się zapisywać do żadnego programu", Language.pl), ("я не хочу записываться", .uk), ("nie zapisujcie mnie nigdzie", .pl),
        ("I don't want to sign up for anything", .en),
    ])
    func refusalOpensNoForm(_ line: String, _ language: Language) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(t.session.expecting == nil, "\(reply.text)")
        #expect(reply.text == Messages.notSigningUp[language], "\(reply.text)")
    }

    @Test("a sign-up with an unrelated negated want is still a sign-up")
    func signupStays() throws {
        var t = Transcript()
        _ = try t.reply("chcę się zapisać do Centrum Obywatelskiego, nie chcę czekać")
        #expect(t.session.expecting == "name")
    }

    @Test("inside a form, insisting on a refusal ends it", arguments: [
        "nie no, mówię że nie chcę się zapisywać!", "przecież mówiłam, że nie chcę się zapisywać", "Не надо записывать, спасибо",
    ])
    func insisting(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        let reply = try t.reply(line)
        #expect(t.session.expecting == nil, "\(reply.text)")
    }

    @Test("after leaving a form, whether anything was saved", arguments: [
        ("czy coś się zapisało z tego co pisałam?", Language.pl), ("did you store anything I typed?", .en), ("чи щось збережено з того, що я писала?", .uk),
    ])
    func nothingStored(_ line: String, _ language: Language) throws {
        var t = Transcript()
        _ = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        _ = try t.reply("anuluj")
        let reply = try t.reply(line)
        #expect(t.session.expecting == nil, "no form again: \(reply.text)")
        #expect(reply.text.contains("nic nie zapisałem") || reply.text.contains("nothing has been stored") || reply.text.contains("нічого не зберіг"), "\(reply.text)")
    }
}

@Suite("Brief answers and a misread line in between")
struct BriefMoreAfterFallbackTests {
    @Test("'więcej' still gives the rest of the last answer after a fallback", arguments: [
        ("proszę o krótkie odpowiedzi", "co to jest Centrum Obywatelskie?", "jaka jest dziś pogoda?", "więcej"),
        ("short answers please", "what is the Civic Centre in Kraków?", "what's the weather like today?", "more"),
        ("proszę krótko", "czym jest Centrum Obywatelskie w Krakowie?", "gdzie kupię bilet na tramwaj?", "więcej"),
    ])
    func moreAfterFallback(_ brief: String, _ question: String, _ outOfScope: String, _ more: String) throws {
        var t = Transcript()
        _ = try t.reply(brief)
        let short = try t.reply(question)
        #expect(!short.text.contains("KraFOS"), "brief: \(short.text)")
        #expect(try t.reply(outOfScope).intent == .fallback)
        let rest = try t.reply(more).text
        #expect(rest.contains("KraFOS"), "\(rest)")
    }
}
