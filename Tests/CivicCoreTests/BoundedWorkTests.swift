import Foundation
import Testing
@testable import CivicCore

/// No line costs more than linear time in its length: the corrector looks only at words of
/// real-word length, so a 4,000-letter "word" costs what a short line does.
@Suite("Bounded work per line")
struct BoundedWorkTests {
    @Test("words longer than the corrector's limit are left as typed; shorter ones are still corrected")
    func longWordsAreNotCorrected() {
        let long = String(repeating: "kampania", count: 3) + "x"  // 25 letters, one edit from a known word
        let corrector = SpellingCorrector(vocabulary: ["kampania": 2, String(repeating: "kampania", count: 3): 1])
        #expect(long.unicodeScalars.count > SpellingCorrector.maxCorrectableLength)
        #expect(corrector.correct(long) == long)
        #expect(corrector.correct("kampnaia") == "kampania")
    }

    /// Without the limit one 4,000-letter word took minutes (the deletion variants grow with the
    /// cube of its length). Speed is measured by `civicd-bench lines` (docs/PERFORMANCE.md), not
    /// asserted here; the time limit only guards against the old hang coming back.
    @Test("a 4,000-letter word, and 4,000 bytes of other shapes, are understood and answered (no hang)",
          .timeLimit(.minutes(1)))
    func longLinesAreCheap() {
        var state: UInt64 = 7
        func letter() -> Character {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Array("abcdefghijklmnoprstuwyz")[Int((state >> 33) % 23)]
        }
        let shapes = [
            "one word": String((0..<4_000).map { _ in letter() }),
            "many words": (0..<500).map { _ in String((0..<7).map { _ in letter() }) }.joined(separator: " "),
            "repeated word": String(repeating: "zapisz ", count: 570),
            "words of 24 letters": (0..<160).map { _ in String((0..<24).map { _ in letter() }) }.joined(separator: " "),
        ]
        let catalogue = ShippedCatalogue.catalogue
        for (shape, line) in shapes {
            let time = SessionTime(today: ShippedCatalogue.today, uptimeNanoseconds: 0)
            var session = Session()
            _ = session.start(at: time)
            guard case .understandElsewhere(let sent, let ticket)? = session.receive(.text(line), catalogue: catalogue, at: time).first else {
                Issue.record("\(shape): a long line is understood off the event loop")
                continue
            }
            let understood = session.understand(sent, ticket: ticket, catalogue: catalogue, at: time)
            #expect(!session.adopt(understood, catalogue: catalogue, at: time).isEmpty, "\(shape): no answer")
        }
    }

    @Test("a line past the understanding deadline gets a polite reply in the session's language")
    func tookTooLongMessage() throws {
        for (language, expected) in [(Language.en, Messages.tookTooLong[.en]), (.pl, Messages.tookTooLong[.pl])] {
            var t = Transcript(session: Session(language: language, kioskTokens: []))
            let long = String(repeating: "szkolenie ", count: 30)
            guard case .understandElsewhere(_, let ticket)? = t.receive(long).first else {
                Issue.record("a long line is understood off the event loop")
                return
            }
            let reply = try promptedReply(t.session.understandingTimedOut(ticket: ticket, catalogue: t.catalogue, at: t.time).first)
            #expect(reply.error == .tookTooLong)
            #expect(reply.text == expected)
            #expect(!t.session.isClosed)
        }
        #expect(Messages.tookTooLong[.pl].hasPrefix("Przepraszam"))
    }
}
