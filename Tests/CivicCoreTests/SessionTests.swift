import Testing
@testable import CivicCore

/// Drives a session like a connection would and keeps the replies.
struct Transcript {
    var session: Session
    let catalogue: Catalogue
    let today = ShippedCatalogue.today
    /// The monotonic clock the transcript's events happen at; ``wait(seconds:)`` moves it.
    var uptimeNanoseconds: UInt64 = 1_000_000_000
    var time: SessionTime { SessionTime(today: today, uptimeNanoseconds: uptimeNanoseconds) }

    /// A conversation against `catalogue`: the shipped one by default; form tests pass
    /// ``FixtureCatalogue`` so that they depend on no wording staff may edit.
    init(catalogue: Catalogue = ShippedCatalogue.catalogue, session: Session = Session()) {
        self.catalogue = catalogue
        self.session = session
    }

    mutating func wait(seconds: Double) {
        uptimeNanoseconds += UInt64(seconds * 1_000_000_000)
    }

    mutating func start() -> [SessionAction] {
        session.start(at: time)
    }

    /// A conversation against the tests' own small catalogue.
    static var fixture: Transcript { Transcript(catalogue: FixtureCatalogue.catalogue) }

    /// What the session answers to `line`, as the daemon would have it answered: a long line is
    /// understood (here, at once) and the result adopted.
    /// The usage counts and kept lines (``SessionAction/observe(_:day:)``,
    /// ``SessionAction/keepUnanswered(_:)``) are left out: ``sayAll(_:)`` keeps them.
    mutating func say(_ line: String) -> [SessionAction] {
        sayAll(line).filter { !$0.isReview }
    }

    /// ``say(_:)`` with every action, the review's included.
    mutating func sayAll(_ line: String) -> [SessionAction] {
        let actions = session.receive(.text(line), catalogue: catalogue, at: time)
        guard case .understandElsewhere(let long, let ticket)? = actions.first else { return actions }
        let understood = session.understand(long, ticket: ticket, catalogue: catalogue, at: time)
        return session.adopt(understood, catalogue: catalogue, at: time)
    }

    /// The session's actions for `line`, as it returns them (the review's left out).
    mutating func receive(_ line: String) -> [SessionAction] {
        session.receive(.text(line), catalogue: catalogue, at: time).filter { !$0.isReview }
    }

    mutating func reply(_ line: String) throws -> Reply {
        let actions = say(line)
        guard case .reply(let reply, _, _) = try #require(actions.first) else {
            Issue.record("no reply to \(line): \(actions)")
            throw TranscriptError.noReply
        }
        return reply
    }

    enum TranscriptError: Error { case noReply }
}

extension SessionAction {
    /// A usage count or a kept line: what the review of unanswered questions is told.
    var isReview: Bool {
        switch self {
        case .observe, .keepUnanswered: return true
        default: return false
        }
    }
}

/// The reply in `action` with a prompt after it; records an issue (never passes silently) otherwise.
func promptedReply(_ action: SessionAction?, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Reply {
    guard case .reply(let reply, _, true)? = action else {
        Issue.record("expected a reply followed by the prompt, got \(String(describing: action))", sourceLocation: sourceLocation)
        throw Transcript.TranscriptError.noReply
    }
    return reply
}

@Suite("Session")
struct SessionTests {
    @Test("greets in Polish first, then English, then one Ukrainian line, then prompts")
    func greeting() throws {
        var session = Session()
        let actions = session.start(at: SessionTime(today: ShippedCatalogue.today, uptimeNanoseconds: 0))
        guard case .reply(let reply, .text, true) = try #require(actions.first) else {
            Issue.record("unexpected \(actions)")
            return
        }
        let lines = reply.text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("Krośnie"))
        #expect(lines[0].contains("/pomoc"))
        #expect(lines[1].contains("Krosno"))
        #expect(lines[1].contains("/help"))
        #expect(lines[2].contains("Кракові"))
        #expect(lines[2].contains("/допомога"))
    }

    @Test("commands answer and prompt; /quit says goodbye and closes")
    func commands() throws {
        var transcript = Transcript()
        #expect(try transcript.reply("/help").text.contains("/lang"))
        #expect(try transcript.reply("/lang en").language == .en)
        #expect(try transcript.reply("/help").text.contains("Commands"))
        let unknown = try transcript.reply("/frobnicate")
        #expect(unknown.error == .unknownCommand)
        #expect(unknown.text.contains("/help"))
        #expect(try transcript.reply("/lang klingon").error == .badArgument)
        #expect(try transcript.reply("/format yaml").error == .badArgument)
        let quit = transcript.say("/quit")
        #expect(quit.count == 2)
        #expect(quit.last == .close)
        if case .reply(let reply, _, let prompt) = quit[0] {
            #expect(!prompt)
            #expect(reply.text.contains("Goodbye"))
        }
        #expect(transcript.say("hello?").isEmpty)
    }

    @Test("JSON mode: the acknowledgement is JSON, and no prompt follows replies")
    func jsonMode() throws {
        var transcript = Transcript()
        let ack = transcript.say("/format json")
        #expect(ack == [.reply(Reply(text: "Format odpowiedzi: json.", language: .pl), format: .json, prompt: true)])
        let actions = transcript.say("dzień dobry")
        guard case .reply(let reply, .json, _) = try #require(actions.first) else {
            Issue.record("not JSON: \(actions)")
            return
        }
        #expect(reply.intent == "greeting")
        #expect(transcript.say("") == [])
        #expect(try transcript.reply("/format text").text.contains("text"))
        #expect(transcript.say("") == [.prompt])
    }

    @Test("limits answer with their stable error codes and the session goes on")
    func limits() throws {
        var session = Session()
        let catalogue = ShippedCatalogue.catalogue
        let time = SessionTime(today: ShippedCatalogue.today, uptimeNanoseconds: 0)
        let tooLong = session.receive(.tooLong, catalogue: catalogue, at: time)
        let reply = try promptedReply(tooLong.first)
        #expect(reply.error == .lineTooLong)
        #expect(reply.text.contains("4096"))
        let bad = session.receive(.badEncoding, catalogue: catalogue, at: time)
        let badReply = try promptedReply(bad.first)
        #expect(badReply.error == .badEncoding)
        let slow = try promptedReply(session.refuseForSpeed(at: time).first)
        #expect(slow.error == .slowDown)
        #expect(session.refuseForSpeed(close: true, at: time).last == .close)
        #expect(session.isClosed)
    }

    @Test("shutdown says goodbye and closes; a closed session says nothing more")
    func shutdown() throws {
        var session = Session()
        let stop = session.shutdown()
        #expect(stop.last == .close)
        guard case .reply(let reply, _, false)? = stop.first else {
            Issue.record("no goodbye: \(stop)")
            return
        }
        #expect(reply.error == .shuttingDown)
        #expect(session.shutdown().isEmpty)
        #expect(session.receive(.text("halo"), catalogue: ShippedCatalogue.catalogue, at: SessionTime(today: ShippedCatalogue.today, uptimeNanoseconds: 0)).isEmpty)
    }

    @Test("/reset forgets the topic")
    func reset() throws {
        var transcript = Transcript()
        _ = try transcript.reply("gdzie jest Centrum Obywatelskie w Krakowie?")
        #expect(transcript.session.conversation.topic == "centrum_obywatelskie")
        _ = try transcript.reply("/reset")
        #expect(transcript.session.conversation == Conversation())
    }

    @Test("busy: one line, then close")
    func busy() {
        let actions = Session.busy()
        #expect(actions.count == 2)
        #expect(actions.last == .close)
    }
}
