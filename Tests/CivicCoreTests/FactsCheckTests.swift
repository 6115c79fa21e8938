import Testing
@testable import CivicCore

/// How the evaluation's facts check compares an expected fact with a reply.
@Suite("The facts check of the evaluation")
struct FactsCheckTests {
    @Test("a number is found in the other language's format too; dates and plain numbers are not reformatted")
    func numberForms() {
        #expect(IntentEvaluation.numberForms(ofFact: "94.29").contains("94,29"))
        #expect(IntentEvaluation.numberForms(ofFact: "15,328,498.86").contains("15328498,86"))
        #expect(IntentEvaluation.numberForms(ofFact: "728 752,08").contains("728,752.08"))
        #expect(IntentEvaluation.numberForms(ofFact: "17.05.2023").isEmpty)
        #expect(IntentEvaluation.numberForms(ofFact: "2014").isEmpty)
        #expect(IntentEvaluation.numberForms(ofFact: "Lwowska 28a").isEmpty)
    }

    @Test("words are found with another Polish ending, in order; other words of a root are not", arguments: [
        ("Gminy Miejskiej Kraków", "zleceniodawca: Gmina Miejska Kraków.", true),
        ("mentoringu", "coaching, mentoring, baza lokalowa", true),
        ("Europejskiego Funduszu Społecznego", "finansowany: Europejski Fundusz Społeczny i budżet państwa", true),
        ("brytyjskie", "oparty na brytyjskich doświadczeniach", true),
        ("Miejskiej Gminy", "Gmina Miejska Kraków", false),
        ("organizacji", "organizator społeczny", false),
        ("community organizer", "Join Community Organizing", false),
    ])
    func inflected(_ fact: String, _ reply: String, _ found: Bool) {
        #expect(IntentEvaluation.saysInflected(fact, words: TextNormalizer.tokens(reply)) == found)
    }
}
