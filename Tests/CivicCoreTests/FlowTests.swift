@testable import CivicCore
import Testing

/// Found by the persona run (issue 15, "conversations that flow"): dialogue that stalled or
/// went round in circles. Each behaviour is proved with lines of our own.
@Suite("A name after a lead-in, and a bare yes at the name")
struct NameLeadInTests {
    @Test("the name after a conversational lead-in is taken", arguments: [
        ("chcę się zapisać do Centrum Obywatelskiego", "no dobra, to ja też się zapiszę, Bożena Kwiatkowska", "Bożena Kwiatkowska"),
        ("zapisz mnie do Centrum Obywatelskiego", "dobrze, Tadeusz Wiśniewski", "Tadeusz Wiśniewski"),
        ("zapisz mnie do Centrum Obywatelskiego", "ok to zapisz mnie: Grażyna Lis", "Grażyna Lis"),
        ("zapisz mnie do Centrum Obywatelskiego", "spoko Irena Zając", "Irena Zając"),
        ("sign me up for the Civic Centre", "alright then, put me down - Mary Jones", "Mary Jones"),
        ("sign me up for the Civic Centre", "sure, sign me up. Peter Brown", "Peter Brown"),
        ("запишіть мене до Centrum Obywatelskie", "добре, запишіть мене, Оксана Мельник", "Оксана Мельник"),
        ("запишіть мене до Centrum Obywatelskie", "так, Тарас Бойко", "Тарас Бойко"),
        // The persona run's own lines.
        ("zapisz mnie do Centrum Obywatelskiego", "no dobrze to ja sie zapisze, Halina Wozniak", "Halina Wozniak"),
        ("sign me up for the Civic Centre", "ok then, sign me up — John Smith", "John Smith"),
        ("zapisz mnie do Centrum Obywatelskiego", "dobra, Marek Nowak", "Marek Nowak"),
    ])
    func leadIn(_ request: String, _ line: String, _ name: String) throws {
        var t = Transcript()
        #expect(try t.reply(request).expecting == "name")
        let reply = try t.reply(line)
        #expect(reply.error == nil, "\(line): \(reply.text)")
        #expect(reply.expecting == "contact", "\(line): \(reply.text)")
        var summary = try t.reply("anna.test@example.org")
        var steps = 0
        while summary.expecting != "confirm", steps < 4 {
            summary = try t.reply(summary.expecting == "consent" ? FormMessages.yes[summary.language] : "pomiń")
            steps += 1
        }
        #expect(summary.text.contains(name), "the summary holds the name alone: \(summary.text)")
    }

    @Test("a lead-in is no name of its own, and a name with its organisation keeps its first part", arguments: [
        ("ok, sign me up", false), ("dobra, zapisz mnie", false), ("Magdalena Kowalczyk, Stowarzyszenie Sąsiedzki Nadodrze", true),
    ])
    func notAName(_ line: String, _ taken: Bool) throws {
        var t = Transcript()
        _ = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        let reply = try t.reply(line)
        #expect((reply.expecting != "name") == taken, "\(line): \(reply.text)")
        if taken { #expect(!reply.text.contains("Stowarzyszenie")) }
    }

    @Test("a bare yes at the name asks for it again, gently, and is no failed attempt", arguments: [
        ("zapisz mnie do Centrum Obywatelskiego", ["tak", "ok", "no dobrze"]),
        ("sign me up for the Civic Centre", ["yes", "ok", "sure"]),
        ("запишіть мене до Centrum Obywatelskie", ["так", "добре", "ок"]),
    ])
    func bareYes(_ request: String, _ lines: [String]) throws {
        var t = Transcript()
        _ = try t.reply(request)
        for line in lines {
            let reply = try t.reply(line)
            #expect(reply.expecting == "name", "\(line): \(reply.text)")
            #expect(reply.error == nil, "no invalid value: \(reply.text)")
            #expect(reply.text.contains(FormMessages.askName[reply.language]), "\(reply.text)")
            #expect(!reply.text.contains(FormMessages.invalidName[reply.language]), "\(reply.text)")
            #expect(!reply.text.contains(FormMessages.cancelCommand[reply.language]), "no way out offered: \(reply.text)")
        }
        // Three yeses counted nothing: the first real mistake is a first attempt.
        let wrong = try t.reply("123")
        #expect(wrong.error == .invalidValue)
        #expect(!wrong.text.contains(FormMessages.cancelCommand[wrong.language]), "\(wrong.text)")
    }
}
