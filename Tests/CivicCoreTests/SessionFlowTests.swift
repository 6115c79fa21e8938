@testable import CivicCore
import Testing

/// The parts of the session contract the connection used to keep: the idle clock, kiosk
/// identification, lines held while the session waits, stopping, long lines and the trace.
/// Plain transcripts with a hand-moved clock: no TLS, no timers.
@Suite("Session flow")
struct SessionFlowTests {
    /// The replies' texts and errors in `actions`, in order.
    private func replies(_ actions: [SessionAction]) -> [Reply] {
        actions.compactMap { if case .reply(let reply, _, _) = $0 { reply } else { nil } }
    }

    /// Walks the fixture's sign-up to its confirmation, which goes to storage.
    private func signupAwaitingStorage() throws -> Transcript {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("anna@example.org")
        _ = try t.ask("tak")
        guard case .saveSignup = try t.request("tak") else { throw Transcript.TranscriptError.noReply }
        return t
    }

    @Test("idle: the warning 60 s before the close, then the close; a line starts the silence again")
    func idleClock() throws {
        var t = Transcript()
        let start = t.uptimeNanoseconds
        _ = t.start()
        let second: UInt64 = 1_000_000_000
        #expect(t.session.idleDeadline == start + 540 * second, "600 s timeout, warned 60 s before")
        t.wait(seconds: 539)
        #expect(t.session.idleTick(at: t.time).isEmpty, "an early tick finds nothing due")
        t.wait(seconds: 1)
        let warning = try promptedReply(t.session.idleTick(at: t.time).first)
        #expect(warning.text.contains("60"))
        #expect(t.session.idleTick(at: t.time).isEmpty, "warned once per silence")
        #expect(t.session.idleDeadline == start + 600 * second)

        _ = t.say("jeszcze jestem")
        #expect(t.session.idleDeadline == t.uptimeNanoseconds + 540 * second, "a line starts the clock again")
        t.wait(seconds: 540)
        #expect(replies(t.session.idleTick(at: t.time)).count == 1)
        t.wait(seconds: 60)
        let close = t.session.idleTick(at: t.time)
        #expect(close.last == .close)
        #expect(replies(close).first?.error == .idleTimeout)
        #expect(t.session.isClosed)
        #expect(t.session.idleDeadline == nil)
    }

    @Test("idle: no verdict while storage works; its answer starts the silence again")
    func idleWhileStoring() throws {
        var t = try signupAwaitingStorage()
        #expect(t.session.idleDeadline == nil)
        t.wait(seconds: 10_000)
        #expect(t.session.idleTick(at: t.time).isEmpty)
        _ = try t.complete(.signup(.saved(reference: "KR-7F3K")))
        #expect(t.session.idleDeadline == t.uptimeNanoseconds + 540 * 1_000_000_000)
    }

    @Test("kiosk: a known token gives the kiosk's shorter timeout from now; an unknown one changes nothing")
    func kiosk() throws {
        var t = Transcript(session: Session(kioskTokens: ["front-desk-1", "front-desk-2"]))
        _ = t.start()
        let wrong = t.say("/kiosk front-desk-3")
        #expect(wrong.first == .kioskIdentified(accepted: false))
        #expect(replies(wrong).first?.error == .badArgument)
        #expect(!t.session.isKiosk)
        #expect(t.session.idleDeadline == t.uptimeNanoseconds + 540 * 1_000_000_000)

        let right = t.say("/kiosk front-desk-2")
        #expect(right.first == .kioskIdentified(accepted: true))
        #expect(replies(right).first?.error == nil)
        #expect(t.session.isKiosk)
        // 120 s kiosk timeout, warned min(60, 120 / 4) = 30 s before.
        #expect(t.session.idleDeadline == t.uptimeNanoseconds + 90 * 1_000_000_000)
        t.wait(seconds: 90)
        #expect(try promptedReply(t.session.idleTick(at: t.time).first).text.contains("30"))
        t.wait(seconds: 30)
        #expect(t.session.idleTick(at: t.time).last == .close)
    }

    @Test("lines sent while storage works are held, then answered in order after its answer")
    func heldLines() throws {
        var t = try signupAwaitingStorage()
        #expect(t.say("dziękuję").isEmpty)
        #expect(t.say("/help").isEmpty)
        let after = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        let texts = replies(after)
        #expect(texts.count == 3)
        #expect(texts.first?.text.contains("KR-7F3K") == true, "the confirmation comes first")
        #expect(texts.dropFirst().first?.intent == "thanks")
        #expect(texts.last?.text.contains("/lang") == true, "then /help")
    }

    @Test("at most 64 lines are held; more are refused with slow_down")
    func heldLimit() throws {
        var t = try signupAwaitingStorage()
        for index in 0..<Session.maxHeldLines {
            #expect(t.say("linia \(index)").isEmpty)
        }
        #expect(replies(t.say("jeszcze jedna")).first?.error == .slowDown)
    }

    @Test("a stop while storage works waits for its answer, then says goodbye; held lines are dropped")
    func stopWhileStoring() throws {
        var t = try signupAwaitingStorage()
        _ = t.say("dziękuję")
        #expect(t.session.shutdown().isEmpty, "nothing yet: the sign-up is being stored")
        let after = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        #expect(replies(after).map(\.error) == [nil, .shuttingDown])
        #expect(replies(after).first?.text.contains("KR-7F3K") == true)
        #expect(after.last == .close)
    }

    @Test("a long line is understood elsewhere; lines meanwhile wait; a late or stale result is dropped")
    func longLine() throws {
        var t = Transcript()
        let long = "Dzień dobry, mieszkam od wielu lat w Krakowie na Azorach i chciałabym wreszcie wiedzieć, pod jakim adresem działa Centrum Obywatelskie, bo sąsiadka mówiła, że gdzieś przy ulicy Reymonta, ale nie jestem pewna."
        #expect(long.utf8.count > Limits().offLoopLineBytes)
        guard case .understandElsewhere(let line, let ticket)? = t.receive(long).first else {
            Issue.record("a long line should be understood elsewhere")
            return
        }
        #expect(t.receive("dziękuję").isEmpty, "held while the long line is understood")
        let understood = t.session.understand(line, ticket: ticket, catalogue: t.catalogue, at: t.time)
        let answered = replies(t.session.adopt(understood, catalogue: t.catalogue, at: t.time))
        #expect(answered.map(\.intent) == ["contact", "thanks"])
        #expect(t.session.conversation.topic == "centrum_obywatelskie", "the session took the copy's conversation")
        #expect(t.session.adopt(understood, catalogue: t.catalogue, at: t.time).isEmpty, "a result counts once")

        guard case .understandElsewhere(let second, let secondTicket)? = t.receive(long).first else {
            Issue.record("a long line should be understood elsewhere")
            return
        }
        let late = t.session.understand(second, ticket: secondTicket, catalogue: t.catalogue, at: t.time)
        #expect(replies(t.session.understandingTimedOut(ticket: secondTicket, catalogue: t.catalogue, at: t.time)).first?.error == .tookTooLong)
        #expect(t.session.adopt(late, catalogue: t.catalogue, at: t.time).isEmpty, "too late: dropped")
        #expect(t.session.understandingTimedOut(ticket: secondTicket, catalogue: t.catalogue, at: t.time).isEmpty)
    }

    @Test("with tracing on, each line is preceded by what the log may say of it, never its text")
    func trace() throws {
        var session = Session()
        session.tracesLines = true
        var t = Transcript(catalogue: FixtureCatalogue.catalogue, session: session)
        guard case .trace(let question)? = t.say("zapisz mnie do Klubu Południowego").first else {
            Issue.record("no trace action")
            return
        }
        #expect(question.kind == .question)
        #expect(question.intent == "signup")
        #expect(question.confidence != nil)
        guard case .trace(let answer)? = t.say("Anna Kowalska").first else {
            Issue.record("no trace action")
            return
        }
        #expect(answer == LineLog(kind: .privateAnswer, bytes: 13), "a form answer: its length only")
        guard case .trace(let command)? = t.say("/login SEKRET-KOD").first else {
            Issue.record("no trace action")
            return
        }
        #expect(command == LineLog(kind: .command, bytes: 17, command: "login"))
        var untraced = Transcript()
        #expect(untraced.say("zapisz mnie").allSatisfy { if case .trace = $0 { false } else { true } }, "off by default")
    }
}
