@testable import CivicCore
import Testing

/// The name question answered with an organisation's name: the persona retry of 2026-12-03 (§3)
/// stored "Fundacja Podwórko Nadodrze" as the person and lost "Agnieszka Wróbel". The organisation
/// is kept — in the organisation field where the programme has one, else in the same column of
/// the sign-up — and the contact person is asked for. Every line here is our own.
@Suite("An organisation given as the name")
struct OrganisationAsNameTests {
    @Test("the organisation and the person after it", arguments: [
        ("Fundacja Dobry Sąsiad, osoba kontaktowa Irena Maj", "Fundacja Dobry Sąsiad", "Irena Maj"),
        ("Stowarzyszenie Nasza Ulica osoba do kontaktu Piotr Rak", "Stowarzyszenie Nasza Ulica", "Piotr Rak"),
        ("Rada Osiedla Prądnik Biały – Ewa Lis", "Rada Osiedla Prądnik Biały", "Ewa Lis"),
        ("w imieniu Koalicji Lokalnej Nowa Huta", "Koalicji Lokalnej Nowa Huta", ""),
        ("the Riverside Residents' Association, contact person John Smith", "the Riverside Residents' Association", "John Smith"),
        ("Riverside Residents' Association", "Riverside Residents' Association", ""),
        ("Громадська організація «Сусіди», контактна особа Олена Коваль", "Громадська організація «Сусіди»", "Олена Коваль"),
        ("Фонд «Відкриті двері»", "Фонд «Відкриті двері»", ""),
    ])
    func leading(_ line: String, _ organisation: String, _ rest: String) throws {
        let found = try #require(OrganisationAnswer.leading(in: line))
        #expect(found.organisation == organisation)
        #expect(found.rest == rest)
    }

    @Test("a person's name is no organisation", arguments: ["Anna Kowalska", "Radosław Klub", "John Smith", "Олена Коваль", "Maria Grupińska, maria@example.org"])
    func person(_ line: String) {
        #expect(OrganisationAnswer.leading(in: line) == nil)
    }

    @Test("the coalition: the organisation fills its field, the person is the name")
    func coalitionBoth() throws {
        var t = Transcript()
        #expect(try t.ask("zapisz mnie do koalicji na rzecz sąsiedztw").expecting == "name")
        let reply = try t.ask("Fundacja Dobry Sąsiad, osoba kontaktowa Irena Maj")
        #expect(reply.expecting == "contact", "the organisation is not asked again: \(reply.text)")
        _ = try t.ask("irena@example.org")
        let summary = try t.ask("tak")
        #expect(summary.text.contains("imię i nazwisko: Irena Maj"), "\(summary.text)")
        #expect(summary.text.contains("organizacja: Fundacja Dobry Sąsiad"), "\(summary.text)")
        guard case .saveSignup(let draft) = try t.request("tak") else {
            Issue.record("no sign-up stored")
            return
        }
        #expect(draft.name == "Irena Maj")
        #expect(draft.organisation == "Fundacja Dobry Sąsiad")
    }

    @Test("the coalition: an organisation alone, then the contact person is asked for")
    func coalitionAlone() throws {
        var t = Transcript()
        _ = try t.ask("chcę się zapisać do koalicji na rzecz sąsiedztw")
        let reply = try t.ask("Stowarzyszenie Zielony Ołbin")
        #expect(reply.expecting == "name")
        #expect(reply.error == nil, "no failed attempt")
        #expect(reply.text == FormMessages.askContactPerson.format(.pl, ["organisation": "Stowarzyszenie Zielony Ołbin"]))
        #expect(try t.ask("Marek Zięba").expecting == "contact", "the organisation is known: not asked")
    }

    @Test("a programme without an organisation field keeps it in the sign-up too")
    func civicCentre() throws {
        var t = Transcript()
        _ = try t.ask("zapisz mnie do Centrum Obywatelskiego")
        let reply = try t.ask("Rada Osiedla Prądnik Biały")
        #expect(reply.text.hasPrefix("Organizacja: Rada Osiedla Prądnik Biały – dodam ją do zgłoszenia."), "\(reply.text)")
        #expect(try t.ask("Ewa Lis").expecting == "contact")
        _ = try t.ask("ewa.lis@example.org")
        let summary = try t.ask("tak")
        #expect(summary.text.contains("imię i nazwisko: Ewa Lis") && summary.text.contains("organizacja: Rada Osiedla Prądnik Biały"), "\(summary.text)")
        guard case .saveSignup(let draft) = try t.request("tak") else {
            Issue.record("no sign-up stored")
            return
        }
        #expect(draft.name == "Ewa Lis")
        #expect(draft.organisation == "Rada Osiedla Prądnik Biały")
    }

    @Test("in English", arguments: ["the Riverside Residents' Association", "Association of Young Neighbours"])
    func english(_ line: String) throws {
        var t = Transcript()
        _ = try t.ask("sign me up for the Civic Centre")
        let reply = try t.ask(line)
        #expect(reply.expecting == "name")
        #expect(reply.text.hasPrefix("Organisation: \(line) – I will add it"), "\(reply.text)")
        #expect(try t.ask("John Smith").expecting == "contact")
    }

    @Test("in Ukrainian, the person in the same line")
    func ukrainian() throws {
        var t = Transcript()
        _ = try t.ask("запишіть мене до Громадського центру")
        let reply = try t.ask("Фонд «Відкриті двері», контактна особа Олена Коваль")
        #expect(reply.expecting == "contact", "\(reply.text)")
        _ = try t.ask("olena@example.org")
        let summary = try t.ask("так")
        #expect(summary.text.contains("Олена Коваль") && summary.text.contains("організація: Фонд «Відкриті двері»"), "\(summary.text)")
    }

    @Test("in Ukrainian, the organisation alone")
    func ukrainianAlone() throws {
        var t = Transcript()
        _ = try t.ask("запишіть мене до Громадського центру")
        let reply = try t.ask("Громадська організація «Сусіди Кракова»")
        #expect(reply.expecting == "name")
        #expect(reply.text.hasPrefix("Організація: Громадська організація «Сусіди Кракова»"), "\(reply.text)")
    }

    @Test("a person signing up for themselves is asked nothing more")
    func person() throws {
        var t = Transcript()
        _ = try t.ask("zapisz mnie do Centrum Obywatelskiego")
        #expect(try t.ask("Anna Kowalska").expecting == "contact")
        _ = try t.ask("anna@example.org")
        #expect(!(try t.ask("tak").text.contains("organizacja")), "no organisation line when none was given")
    }
}
