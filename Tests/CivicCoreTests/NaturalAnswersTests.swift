@testable import CivicCore
import Testing

/// Issue 15, items 1 and 2: forms take answers as people give them — colloquial yes, several
/// answers in one line, corrections anywhere — on the tests' own catalogue.
@Suite("Natural answers and corrections in forms")
struct NaturalAnswersTests {
    /// The sign-up to the South Club (no districts) walked to `slot`.
    private func southClub(upTo slot: String, language: String = "pl") throws -> Transcript {
        var t = Transcript.fixture
        let english = language == "en"
        _ = try t.ask(english ? "sign me up for the South Club please" : "zapisz mnie do Klubu Południowego")
        if slot == "name" { return t }
        _ = try t.ask("Anna Kowalska")
        if slot == "contact" { return t }
        _ = try t.ask("anna@example.org")
        if slot == "consent" { return t }
        _ = try t.ask(english ? "yes" : "tak")
        return t
    }

    @Test("colloquial Polish consent and confirmation: \"no zgadzam się\", \"no tak\" — the sign-up is stored",
          arguments: [("no zgadzam się", "no tak"), ("no pewnie", "jasne"), ("zgoda", "no pewnie że tak"), ("oczywiście", "no")])
    func colloquialYes(_ consent: String, _ confirm: String) throws {
        var t = try southClub(upTo: "consent")
        #expect(try t.ask(consent).expecting == "confirm", "\(consent) is consent")
        guard case .saveSignup = try t.request(confirm) else {
            Issue.record("\(confirm) did not confirm")
            return
        }
    }

    @Test("a bare \"no\" is never consent in Polish: one short reminder, not the whole notice again")
    func bareNoAtConsent() throws {
        var t = try southClub(upTo: "consent")
        let again = try t.ask("no")
        #expect(again.expecting == "consent")
        #expect(again.error == .invalidValue)
        #expect(!again.text.contains("TESTOWA INFORMACJA O DANYCH"), "the notice is shown once per sign-up")
        #expect(again.text.contains("test-7"), "the reminder names the notice's version")
    }

    @Test("in English, \"no\" at consent refuses, and nothing is stored")
    func englishNo() throws {
        var t = try southClub(upTo: "consent", language: "en")
        let refused = t.say("no")
        #expect(!refused.contains { if case .store = $0 { true } else { false } })
        #expect(t.session.expecting == nil)
    }

    @Test("several answers in one line, in any order", arguments: [
        "Anna Kowalska, anna@example.org", "anna@example.org, Anna Kowalska", "anna kowalska 600 100 200",
    ])
    func severalAnswers(_ line: String) throws {
        var t = try southClub(upTo: "name")
        let next = try t.ask(line)
        #expect(next.expecting == "consent", "name and contact taken from \(line.debugDescription)")
        #expect(next.error == nil)
    }

    @Test("words beside a contact are not taken for a name")
    func notAName() throws {
        var t = try southClub(upTo: "name")
        let next = try t.ask("mój email to anna@example.org")
        #expect(next.expecting == "name", "the contact is kept, the name still asked")
    }

    @Test("a correction with its value updates the field and shows the summary again", arguments: [
        ("chcę zmienić mail na anna.nowak@example.org", "anna.nowak@example.org"),
        ("to nie mój mail, mój jest anna.nowak@example.org", "anna.nowak@example.org"),
        ("to nie mój numer, mój jest 12 634 56 78", "634"),
        ("anna.nowak@example.org", "anna.nowak@example.org"),
        ("change my email to anna.nowak@example.org", "anna.nowak@example.org"),
    ])
    func correctionWithValue(_ line: String, _ expected: String) throws {
        var t = try southClub(upTo: "confirm")
        let summary = try t.ask(line)
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains(expected))
        #expect(!summary.text.contains("anna@example.org"))
    }

    @Test("a correction without a value asks that field, then the summary again", arguments: [
        ("chcę zmienić telefon", "contact"), ("popraw nazwisko", "name"), ("wrong name", "name"), ("zły kontakt", "contact"),
    ])
    func correctionWithoutValue(_ line: String, _ field: String) throws {
        var t = try southClub(upTo: "confirm")
        #expect(try t.ask(line).expecting == field)
        let summary = try t.ask(field == "name" ? "Anna Nowak" : "600 100 200")
        #expect(summary.expecting == "confirm")
    }

    @Test("\"jednak nie Górki, wolę Dolinki\": the district the resident prefers")
    func districtChange() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Północnego")
        _ = try t.ask("Anna Kowalska, anna@example.org")
        _ = try t.ask("Górki")
        _ = try t.ask("tak")
        let summary = try t.ask("jednak nie Górki, wolę Dolinki")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("Dolinki"))
        guard case .saveSignup(let draft) = try t.request("tak") else {
            Issue.record("no sign-up stored")
            return
        }
        #expect(draft.district == "Dolinki")
    }

    @Test("\"correct\" alone is a yes, not a correction")
    func correctIsYes() throws {
        var t = try southClub(upTo: "confirm", language: "en")
        guard case .saveSignup = try t.request("correct") else {
            Issue.record("\"correct\" did not confirm")
            return
        }
    }
}

@Suite("Corrections in the interview note")
struct NoteCorrectionTests {
    let ewa = Organiser(id: 3, name: "Ewa")

    private func noteAtSummary() throws -> Transcript {
        try Transcript.noteAtSummary(by: ewa, date: "dziś", recontactHow: nil)
    }

    @Test("the date is corrected from the summary in one line, the note kept", arguments: ["popraw datę na wczoraj", "zła data, wczoraj", "change the date to yesterday"])
    func dateWithValue(_ line: String) throws {
        var t = try noteAtSummary()
        let summary = try t.ask(line)
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("20 listopada 2026") || summary.text.contains("20 November 2026"))
        #expect(summary.text.contains("Brakuje ławek"), "nothing retyped")
    }

    @Test("a field named without a value is asked, then the summary comes back")
    func fieldWithoutValue() throws {
        var t = try noteAtSummary()
        #expect(try t.ask("zmień dzielnicę").expecting == "district")
        let summary = try t.ask("Górki")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("Górki"))
        #expect(summary.text.contains("Brakuje ławek"))
    }

    @Test("\"nie\" at the summary asks what to correct instead of dropping the note")
    func noAtSummary() throws {
        var t = try noteAtSummary()
        let what = try t.ask("nie")
        #expect(what.expecting == "confirm")
        #expect(what.choices.contains("popraw datę"))
        #expect(try t.ask("zmień temat").expecting == "topic")
        #expect(try t.ask("ławki").expecting == "confirm")
    }

    @Test("free text that merely contains correction words is taken as the answer")
    func freeTextIsNotACorrection() throws {
        var t = Transcript.fixture
        try t.logIn(ewa)
        _ = try t.ask("nowa notatka")
        _ = try t.ask("Dolinki")
        _ = try t.ask("dziś")
        _ = try t.ask("zieleń")
        let next = try t.ask("Mieszkańcy jednak wolą park niż parking, a data otwarcia dzielnicy kultury się zmienia co roku.")
        #expect(next.expecting == "recontact")
    }
}

@Suite("Questions and corrections in the erasure request")
struct ErasureAnswersTests {
    @Test("a question at the code is answered and the code asked again")
    func questionAside() throws {
        var t = Transcript.fixture
        _ = try t.ask("chcę usunąć moje dane")
        let aside = try t.ask("ile kosztuje udział?")
        #expect(aside.expecting == "reference")
    }

    @Test("at the contact, a wrong code is corrected, with the new one or by asking for it")
    func correctCode() throws {
        var t = Transcript.fixture
        _ = try t.ask("chcę usunąć moje dane")
        #expect(try t.ask("KR-7F3K").expecting == "contact")
        #expect(try t.ask("zły kod").expecting == "reference")
        #expect(try t.ask("KR-8G4M").expecting == "contact")
        guard case .recordErasureRequest(let draft) = try t.request("anna@example.org") else {
            Issue.record("no erasure request")
            return
        }
        #expect(draft.reference == "KR-8G4M")
        var u = Transcript.fixture
        _ = try u.ask("chcę usunąć moje dane")
        _ = try u.ask("KR-7F3K")
        #expect(try u.ask("pomyliłam kod, to KR-8G4M").expecting == "contact")
    }
}
