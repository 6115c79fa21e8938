import Testing
@testable import CivicCore

/// Issue 11: nothing of one resident reaches anyone else, nothing a resident types reaches the log.
@Suite("Privacy in the conversation")
struct PrivacyTranscriptTests {
    /// A sign-up filled as far as the summary.
    static func atSummary() throws -> Transcript {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("anna@example.org")
        #expect(try t.ask("tak").expecting == "confirm")
        return t
    }

    @Test("a goodbye however worded, inside a form, drops it unstored and ends the session",
          arguments: ["dziękuję bardzo, do widzenia", "to wszystko, cześć", "thanks, bye", "dzieki, na razie", "ok, to tyle, dobranoc",
                      "Dziękuję! Do widzenia.", "that's all, thank you, goodbye"])
    func goodbyeInForm(_ line: String) throws {
        var t = try Self.atSummary()
        let actions = t.say(line)
        #expect(actions.count == 2)
        guard case .reply(let reply, _, false)? = actions.first, case .close? = actions.last else {
            Issue.record("expected a goodbye and a close after \(line.debugDescription), got \(actions)")
            return
        }
        #expect(reply.intent == "goodbye", "the kiosk wipes its screen on this intent")
        #expect(!reply.text.contains("Anna"))
        #expect(t.session.isClosed)
        #expect(!t.session.isWaitingForStorage, "nothing goes to storage")
        // Whatever the next person types reaches a closed session: nothing is confirmed.
        #expect(t.say("tak").isEmpty)
    }

    @Test("a goodbye in the conversation ends the session too")
    func goodbyeInConversation() throws {
        var t = Transcript.fixture
        let actions = t.say("dziękuję, do widzenia")
        guard case .reply(let reply, _, false)? = actions.first, case .close? = actions.last else {
            Issue.record("expected a goodbye and a close, got \(actions)")
            return
        }
        #expect(reply.intent == "goodbye")
    }

    @Test("a line that only mentions leaving, or asks something more, is no goodbye",
          arguments: ["do widzenia, a ile to kosztuje?", "Anna Kowalska", "pa ul. Lwowska 28a", "czy mogę się zapisać przed wyjazdem, bo jutro lecę"])
    func notAGoodbye(_ line: String) {
        #expect(!Answers.isGoodbye(line))
    }

    @Test("after \"notatka\" only a code-shaped line is a log-in attempt")
    func onlyCodesAreAttempts() throws {
        var t = Transcript.fixture
        #expect(try t.ask("notatka").expecting == "code")
        let actions = t.say("nie mam kodu, jestem mieszkanką")
        #expect(!actions.contains { if case .store = $0 { return true } else { return false } }, "no attempt: \(actions)")
        #expect(t.session.expecting == nil, "the conversation goes on")
        #expect(try t.ask("notatka").expecting == "code")
        #expect(try t.request("7f3k q9zd m2xa") == .verifyOrganiser(code: "7f3k q9zd m2xa"))
    }

    @Test("code shapes", arguments: [("7F3K-Q9ZD-M2XA", true), ("7f3kq9zdm2xa", true), ("7F3K Q9ZD M2XA", true),
                                     ("nie mam kodu", false), ("mieszkanka z krosna", false), ("7F3K-Q9ZD", false), ("zapisz mnie teraz", false)])
    func codeShapes(_ text: String, _ expected: Bool) {
        #expect(Answers.looksLikeOrganiserCode(text) == expected)
    }

    @Test("an erasure request says which kind of session made it")
    func erasureRequestKind() throws {
        var remote = Transcript.fixture
        _ = try remote.ask("chcę usunąć moje dane")
        _ = try remote.ask("KR-7F3K")
        guard case .recordErasureRequest(let draft) = try remote.request("anna@example.org") else {
            Issue.record("no erasure request")
            return
        }
        #expect(draft.sessionKind == .remote)

        var kiosk = Transcript(catalogue: FixtureCatalogue.catalogue, session: Session(kioskTokens: ["kiosk-token"]))
        _ = kiosk.say("/kiosk kiosk-token")
        _ = try kiosk.ask("chcę usunąć moje dane")
        _ = try kiosk.ask("KR-7F3K")
        guard case .recordErasureRequest(let kioskDraft) = try kiosk.request("anna@example.org") else {
            Issue.record("no erasure request from the kiosk")
            return
        }
        #expect(kioskDraft.sessionKind == .kiosk)
    }
}

@Suite("What the log may hold")
struct LineLogTests {
    let catalogue = ShippedCatalogue.catalogue

    @Test("commands: only the name, never the code or token, after any white space",
          arguments: ["/login 7F3K-Q9ZD-M2XA", " /login 7F3K-Q9ZD-M2XA", "\t/login 7F3K-Q9ZD-M2XA", "/login\t7F3K-Q9ZD-M2XA", "/kiosk SECRET-TOKEN-123456"])
    func commands(_ line: String) {
        let view = Session().logView(of: .text(line), catalogue: catalogue)
        #expect(view.kind == .command)
        #expect(view.command == (line.contains("kiosk") ? "kiosk" : "login"))
        #expect(view.knownWords.isEmpty)
        #expect(!"\(view)".contains("7F3K"))
        #expect(!"\(view)".contains("SECRET"))
    }

    @Test("a tab after /login is the log-in command")
    func tabSeparatesCommand() {
        #expect(Input(line: "/login\t7F3K-Q9ZD-M2XA") == .command(.login("7F3K-Q9ZD-M2XA")))
    }

    @Test("a question outside a form: only the catalogue's words; no name, e-mail or number")
    func question() {
        let view = Session().logView(of: .text("Jestem Anna Kowalska, anna@example.org, 600 100 200 — ile kosztuje szkolenie?"), catalogue: catalogue)
        #expect(view.kind == .question)
        #expect(view.knownWords.contains("kosztuje"))
        let logged = view.knownWords.joined(separator: " ")
        for secret in ["anna", "kowalska", "example", "600", "200"] {
            #expect(!logged.contains(secret), "\(secret) in \(logged)")
        }
    }

    @Test("a form answer: its length only")
    func formAnswer() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        let view = t.session.logView(of: .text("Anna Kowalska"), catalogue: catalogue)
        #expect(view == LineLog(kind: .privateAnswer, bytes: 13))
    }
}
