@testable import CivicCore
import Testing

/// Found by the persona run: a resident asking how many interviews they must do was told to log
/// in, as if they were an organiser who had forgotten to.
@Suite("Organisers' questions from a resident")
struct OrganisersOnlyTests {
    @Test("how many interviews, asked by someone not logged in: for trained organisers, and what a resident can do", arguments: [
        "ile wywiadów muszę przeprowadzić?", "ile rozmów mam jeszcze zrobić do dwudziestu", "jaki jest mój postęp z wywiadami?",
        "how many interviews am I supposed to do?", "what is my interview count?", "how many interviews do I have to do",
        "скільки інтерв’ю мені потрібно провести?", "скільки розмов треба провести",
    ])
    func residentAsksProgress(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .progress, "\(line): \(reply.text)")
        #expect(reply.text.hasPrefix(Messages.organisersOnly[reply.language]), "the answer first: \(reply.text)")
        #expect(reply.text.contains(Messages.residentsInstead[reply.language].prefix(25)), "what a resident can do: \(reply.text)")
        #expect(reply.text.contains("/login"), "how an organiser logs in: \(reply.text)")
        #expect(reply.text.contains("13 47 430 01"), "whom to ask about the campaign: \(reply.text)")
    }

    @Test("a note asked for by someone not logged in: what a resident can do, and the code still taken", arguments: [
        "chcę zapisać notatkę z rozmowy", "I want to record an interview note", "хочу записати нотатку з розмови",
    ])
    func residentAsksNote(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .interviewNote, "\(line): \(reply.text)")
        #expect(reply.expecting == "code")
        #expect(reply.text.contains(Messages.residentsInstead[reply.language].prefix(25)), "\(reply.text)")
    }

    @Test("a logged-in organiser gets the count, not the residents' words")
    func organiserCounts() throws {
        var t = Transcript()
        t.session.organiser = Organiser(id: 3, name: "Ewa")
        guard case .store(.countInterviews(organiserID: 3))? = t.say("ile wywiadów muszę przeprowadzić?").first else {
            Issue.record("the organiser's count was not asked for")
            return
        }
    }
}
