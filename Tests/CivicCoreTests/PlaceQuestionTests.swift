@testable import CivicCore
import Testing

/// A practical question about a programme's own place — a lift, wheelchair access, an induction
/// loop, a sign-language interpreter, parking — that our materials do not answer is said to be
/// so, with the place's contact; the persona retry of 2026-12-03 (§12, a screen-reader user) was
/// told "w tym nie pomogę – odpowiadam tylko na pytania o programy…". Every line here is our own.
@Suite("Practical questions about a programme's place")
struct PlaceQuestionTests {
    static let refusal = "odpowiadam tylko na pytania o programy"

    @Test("after a question about the Civic Centre: not in our materials, and the Centre's contact", arguments: [
        "a czy w budynku jest winda?",
        "da się tam wjechać wózkiem inwalidzkim?",
        "czy na spotkaniach bywa tłumacz języka migowego?",
        "jest tam pętla indukcyjna dla niedosłyszących?",
        "a gdzie można zaparkować?",
    ])
    func civicCentre(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("gdzie jest centrum obywatelskie?")
        let reply = try t.reply(line)
        #expect(reply.intent == .contact, "\(reply.text)")
        #expect(reply.text.hasPrefix("Tego nasze materiały nie mówią"), "\(reply.text)")
        #expect(reply.text.contains("Reymonta 20") && reply.text.contains("co.krakow.pl"), "the place's contact: \(reply.text)")
        #expect(!reply.text.contains(Self.refusal), "\(reply.text)")
    }

    @Test("the place named in the line", arguments: [
        "Czy Centrum Obywatelskie jest dostosowane do osób na wózku?",
        "czy przy Centrum Obywatelskim jest parking dla rowerów i aut?",
        "czy w Centrum Obywatelskim jest toaleta dla niepełnosprawnych?",
    ])
    func named(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .contact, "\(reply.text)")
        #expect(reply.text.contains("Reymonta 20"), "\(reply.text)")
        #expect(!reply.text.contains(Self.refusal), "\(reply.text)")
    }

    @Test("in English", arguments: [
        "is the Civic Centre wheelchair accessible?", "is there a lift at the Civic Centre?", "does the Civic Centre have an induction loop?",
    ])
    func english(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .contact, "\(reply.text)")
        #expect(reply.text.hasPrefix("Our materials do not say"), "\(reply.text)")
        #expect(reply.text.contains("Reymonta 20"), "\(reply.text)")
    }

    @Test("in Ukrainian", arguments: [
        "чи є ліфт у Громадському центрі?", "чи можна потрапити до Громадського центру на візку?", "чи є біля Громадського центру парковка?",
    ])
    func ukrainian(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .contact, "\(reply.text)")
        #expect(reply.language == .uk)
        #expect(reply.text.hasPrefix("У наших матеріалах про це не сказано"), "\(reply.text)")
        #expect(reply.text.contains("Reymonta 20"), "\(reply.text)")
    }

    @Test("in a Krosno conversation, Krosno's office is whom to ask")
    func krosno() throws {
        var t = Transcript()
        _ = try t.reply("co to jest akcja O.S. w Krośnie?")
        let reply = try t.reply("czy sala szkoleniowa była dostępna dla osób niewidomych?")
        #expect(reply.intent == .contact, "\(reply.text)")
        #expect(reply.text.contains("13 47 430 01"), "\(reply.text)")
    }

    @Test("at a kiosk of the Civic Centre, the Centre is the place")
    func kiosk() throws {
        let token = "kiosk-token-0123456789"
        var t = Transcript(session: Session(kioskTokens: [token], kioskCentre: "centrum_obywatelskie"))
        _ = t.say("/kiosk \(token)")
        let reply = try t.reply("czy jest tu winda?")
        #expect(reply.intent == .contact, "\(reply.text)")
        #expect(reply.text.contains("Reymonta 20"), "\(reply.text)")
    }

    @Test("no place known, or a city's parking: not such a question", arguments: ["czy jest winda?", "is there a lift?"])
    func noPlace(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).intent == .fallback)
    }

    @Test("paid parking in the city is a city matter, not the Centre's place")
    func cityParking() throws {
        var t = Transcript()
        _ = try t.reply("gdzie jest centrum obywatelskie?")
        let reply = try t.reply("ile kosztuje parking w strefie płatnej?")
        #expect(reply.intent == .fallback, "\(reply.text)")
        #expect(!reply.text.contains("Reymonta"), "\(reply.text)")
    }
}
