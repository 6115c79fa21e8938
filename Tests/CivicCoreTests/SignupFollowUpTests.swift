@testable import CivicCore
import Testing

/// Found by the persona run: right after a confirmed sign-up, "a kiedy następna edycja?", "co
/// jak zgubię kod?" or "what happens now?" got the fallback. Lines are our own.
@Suite("Questions right after a sign-up")
struct SignupFollowUpTests {
    /// A conversation whose sign-up for the Civic Centre was just confirmed with code KR-7F3K.
    static func signedUp(_ language: Language) throws -> Transcript {
        var t = Transcript()
        let request = ["zapisz mnie do Centrum Obywatelskiego", "sign me up for the Civic Centre", "запишіть мене до Centrum Obywatelskie"][Language.allCases.firstIndex(of: language) ?? 0]
        #expect(try t.reply(request).expecting == "name")
        var reply = try t.reply("Anna Nowak, anna.nowak@example.org")
        var steps = 0
        while reply.expecting != "confirm", steps < 4 {
            reply = try t.reply(reply.expecting == "consent" ? FormMessages.yes[language] : "pomiń")
            steps += 1
        }
        #expect(reply.expecting == "confirm", "\(reply.text)")
        guard case .store(.saveSignup)? = t.say(FormMessages.yes[language]).first else {
            Issue.record("no sign-up stored")
            return t
        }
        _ = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        return t
    }

    @Test("what happens now: who gets in touch and whom to ask; no form, no fallback", arguments: [
        (Language.pl, "i co teraz?"), (.pl, "dobrze, a co dalej? napiszą do mnie?"), (.en, "so what happens next?"),
        (.en, "what happens now? will someone email me?"), (.uk, "і що тепер?"), (.uk, "що далі, мені напишуть?"),
    ])
    func whatNext(_ language: Language, _ line: String) throws {
        var t = try Self.signedUp(language)
        let reply = try t.reply(line)
        #expect(reply.expecting == nil, "no form: \(reply.text)")
        #expect(reply.intent == .signup, "\(line): [\(reply.intent ?? "-")] \(reply.text)")
        #expect(reply.text.hasPrefix(Messages.afterSignup[language].prefix(10)), "\(reply.text)")
        #expect(reply.text.contains("KR-7F3K"))
    }

    @Test("a next edition: what the materials say, the sign-up kept, whom to ask", arguments: [
        (Language.pl, "a kiedy będzie kolejna edycja?"), (.pl, "czy będzie następny nabór?"), (.en, "when is the next edition?"),
        (.en, "will there be another round?"), (.uk, "коли буде наступний випуск?"), (.pl, "a kiedy następna edycja?"),
    ])
    func nextEdition(_ language: Language, _ line: String) throws {
        var t = try Self.signedUp(language)
        let reply = try t.reply(line)
        #expect(reply.expecting == nil, "no form: \(reply.text)")
        #expect(reply.intent == .signup, "\(line): [\(reply.intent ?? "-")] \(reply.text)")
        #expect(reply.text.hasPrefix(Messages.nextEdition[language].prefix(10)), "\(reply.text)")
    }

    @Test("the code: given again here, what it is for, whom to ask if it is lost", arguments: [
        (Language.pl, "a co jeśli zgubię ten kod?"), (.pl, "jaki był mój kod referencyjny?"), (.en, "what if I lose my code?"),
        (.en, "what was my reference code again?"), (.uk, "що робити, якщо я загублю код?"), (.pl, "co jak zgubię kod?"),
    ])
    func code(_ language: Language, _ line: String) throws {
        var t = try Self.signedUp(language)
        let reply = try t.reply(line)
        #expect(reply.expecting == nil, "no form: \(reply.text)")
        #expect(reply.text.contains("KR-7F3K"), "\(line): \(reply.text)")
        #expect(reply.text.hasPrefix(Messages.referenceCode[language].prefix(8)), "\(reply.text)")
    }

    @Test("the code asked for with no sign-up here: shown once at sign-up, other conversations unseen", arguments: [
        "jaki jest mój kod referencyjny?", "zgubiłam kod z zapisu, co robić?", "I forgot my reference code", "я забула свій код, що робити?",
    ])
    func codeElsewhere(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.expecting == nil, "\(line): \(reply.text)")
        #expect(reply.text.hasPrefix(Messages.referenceCodeElsewhere[reply.language].prefix(8)), "\(line): \(reply.text)")
        #expect(!reply.text.contains("/login"), "no organiser log-in: \(reply.text)")
    }

    @Test("the organiser's code and an erasure with a code are not the sign-up's code", arguments: [
        ("zgubiłem kod organizatora", IntentID.interviewNote), ("usuń moje dane, mój kod to KR-7F3K", .privacy),
    ])
    func notTheSignupCode(_ line: String, _ intent: IntentID) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(!reply.text.hasPrefix(Messages.referenceCodeElsewhere[reply.language].prefix(8)), "\(line): \(reply.text)")
    }

    @Test("after a sign-up, a new sign-up request still opens a form")
    func newRequest() throws {
        var t = try Self.signedUp(.pl)
        let reply = try t.reply("zapisz mnie też do koalicji")
        #expect(reply.expecting != nil, "\(reply.text)")
    }
}
