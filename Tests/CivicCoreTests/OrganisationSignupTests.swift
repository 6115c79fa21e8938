@testable import CivicCore
import Testing

/// An NGO signs up to the coalition on its organisation's behalf, with one contact person
/// (issue 15: a Wrocław coordinator found no way to say for whom she signed up). The shipped
/// catalogue's coalition has `organisations: true`; the other programmes never
/// ask. Every line here is our own.
@Suite("Sign-ups on behalf of an organisation")
struct OrganisationSignupTests {
    @Test("an answer to 'on behalf of which organisation?'", arguments: [
        ("Stowarzyszenie Sąsiedzi z Ołbina", OrganisationAnswer.named("Stowarzyszenie Sąsiedzi z Ołbina")),
        ("tak, Fundacja Zielone Podwórko", .named("Fundacja Zielone Podwórko")),
        ("w imieniu Klubu Seniora Nad Wisłą", .named("Klubu Seniora Nad Wisłą")),
        ("on behalf of the Nadodrze Residents' Group", .named("the Nadodrze Residents' Group")),
        ("Rada Osiedla Krowodrza Górka", .named("Rada Osiedla Krowodrza Górka")),
        ("nie, prywatnie", .none),
        ("we własnym imieniu", .none),
        ("pomiń", .none),
        ("just me", .none),
    ])
    func reads(_ line: String, _ expected: OrganisationAnswer) {
        #expect(OrganisationAnswer.read(line) == expected)
    }

    @Test("no organisation's name in a bare yes, a contact, or an overlong line", arguments: [
        "tak", "yes", "biuro@podworko.org", "600 100 200", String(repeating: "Stowarzyszenie ", count: 12),
    ])
    func refuses(_ line: String) {
        #expect(OrganisationAnswer.read(line) == nil)
    }

    @Test("an organisation beside the name; a town after „jestem z” is no organisation", arguments: [
        ("Magdalena Kowalczyk, Fundacja Most Sąsiedzki", "Fundacja Most Sąsiedzki"),
        ("Piotr Zięba, w imieniu Stowarzyszenia Nasze Kleparz", "Stowarzyszenia Nasze Kleparz"),
        ("Olena Kovalenko, jestem z Krakowa", nil),
        ("Jan Nowak", nil),
    ])
    func mentioned(_ line: String, _ expected: String?) {
        #expect(OrganisationAnswer.mentioned(in: line) == expected)
    }

    @Test("the coalition asks for the organisation; it is in the summary and stored")
    func coalition() throws {
        var t = Transcript()
        #expect(try t.ask("chcemy jako stowarzyszenie dołączyć do koalicji na rzecz sąsiedztw, zapiszcie nas").expecting == "name")
        #expect(try t.ask("Marta Wilk").expecting == "organisation")
        #expect(try t.ask("Stowarzyszenie Podwórko Dębniki").expecting == "contact")
        #expect(try t.ask("kontakt@podworko-debniki.pl").expecting == "consent")
        let summary = try t.ask("tak")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("organizacja: Stowarzyszenie Podwórko Dębniki"))
        guard case .saveSignup(let draft) = try t.request("tak") else {
            Issue.record("no sign-up stored")
            return
        }
        #expect(draft.programme == "koalicja_sasiedztw")
        #expect(draft.name == "Marta Wilk")
        #expect(draft.organisation == "Stowarzyszenie Podwórko Dębniki")
    }

    @Test("name, organisation and contact in one line skip straight to consent")
    func allInOneLine() throws {
        var t = Transcript()
        _ = try t.ask("zapisz mnie do koalicji sąsiedztw")
        #expect(try t.ask("Ewa Sowa, Fundacja Dobre Miejsce, ewa.sowa@example.org").expecting == "consent")
    }

    @Test("signing up for oneself: the organisation is skipped and the summary says —", arguments: ["nie, tylko ja", "pomiń", "for myself"])
    func skipped(_ line: String) throws {
        var t = Transcript()
        _ = try t.ask("chcę się zapisać do koalicji na rzecz sąsiedztw")
        _ = try t.ask("Adam Kruk")
        #expect(try t.ask(line).expecting == "contact")
        _ = try t.ask("600 200 300")
        let summary = try t.ask("tak")
        #expect(summary.text.contains("organizacja: —") || summary.text.contains("organisation: —"))
        guard case .saveSignup(let draft) = try t.request("tak") else {
            Issue.record("no sign-up stored")
            return
        }
        #expect(draft.organisation == nil)
    }

    @Test("the organisation is corrected at the summary like any field")
    func corrected() throws {
        var t = Transcript()
        _ = try t.ask("zapisz mnie do koalicji sąsiedztw")
        _ = try t.ask("Ewa Sowa, Fundacja Dobre Miejsce, ewa.sowa@example.org")
        _ = try t.ask("tak")
        let reply = try t.ask("zmień organizację na Stowarzyszenie Lepsze Miejsce")
        #expect(reply.expecting == "confirm")
        #expect(reply.text.hasPrefix("Poprawione – organizacja: Stowarzyszenie Lepsze Miejsce."))
        #expect(reply.text.contains("organizacja: Stowarzyszenie Lepsze Miejsce"))
    }

    @Test("a programme for residents never asks for an organisation")
    func residentsProgramme() throws {
        var t = Transcript()
        _ = try t.ask("zapisz mnie do kampanii słuchania w Krośnie")
        _ = try t.ask("Anna Kowalska")
        #expect(try t.ask("anna@example.org").expecting != "organisation")
        let reply = try t.ask("zmień organizację")
        #expect(reply.text.hasPrefix(FormMessages.noOrganisations[.pl]))
    }
}

/// A kiosk stands in one centre: whom it points to is that centre's office (issue 15, a walk-in at
/// Reymonta 20 was sent to Krosno City Hall). Lines are our own.
@Suite("A kiosk knows its centre")
struct KioskCentreTests {
    static let token = "kiosk-token-0123456789"

    func kiosk(centre: String?) throws -> Transcript {
        var t = Transcript(session: Session(kioskTokens: [Self.token], kioskCentre: centre))
        #expect(t.say("/kiosk \(Self.token)").first == .kioskIdentified(accepted: true))
        return t
    }

    @Test("at a kiosk of the Civic Centre, a fallback points to the Centre only", arguments: [
        "jaka będzie jutro pogoda?", "polecisz jakąś restaurację?", "who won the match yesterday",
    ])
    func fallback(_ line: String) throws {
        var t = try kiosk(centre: "centrum_obywatelskie")
        let reply = try t.reply(line)
        #expect(reply.intent == "fallback")
        #expect(reply.text.contains("Reymonta 20"))
        #expect(!reply.text.contains("Lwowska"))
    }

    @Test("at that kiosk a city matter is the city office's: neither the Centre nor Krosno's City Hall", arguments: [
        "gdzie kupię bilet miesięczny na tramwaj", "czy mogę tu zapłacić podatek od nieruchomości", "where can I renew my passport",
    ])
    func cityMatter(_ line: String) throws {
        var t = try kiosk(centre: "centrum_obywatelskie")
        let reply = try t.reply(line)
        #expect(reply.intent == "fallback")
        #expect(!reply.text.contains("Reymonta 20"), "\(reply.text)")
        #expect(!reply.text.contains("Lwowska"), "\(reply.text)")
    }

    @Test("asking for a person at that kiosk gives the Centre's contact; naming Krosno gives Krosno's")
    func human() throws {
        var t = try kiosk(centre: "centrum_obywatelskie")
        let here = try t.reply("chcę porozmawiać z człowiekiem")
        #expect(here.intent == "human")
        #expect(!here.text.contains("Lwowska"))
        _ = try t.reply("a co to jest kampania słuchania w Krośnie?")
        let there = try t.reply("chcę porozmawiać z człowiekiem")
        #expect(there.text.contains("Lwowska") || there.text.contains("13 47"))
    }

    @Test("a remote session, or a kiosk without a centre, still names both cities")
    func bothCities() throws {
        var remote = Transcript()
        let text = try remote.reply("jaka będzie jutro pogoda?").text
        #expect(text.contains("Reymonta 20") && text.contains("Krosn"))
        var plain = try kiosk(centre: nil)
        let kioskText = try plain.reply("jaka będzie jutro pogoda?").text
        #expect(kioskText.contains("Reymonta 20") && kioskText.contains("Krosn"))
    }
}
