import CivicAdmin
import CivicCore
import Foundation
import Testing

/// `civicd admin erase` speaks one language, the staff's: the plan, the question and the result.
@Suite("Erasure output")
struct ErasureTextsTests {
    @Test("the result line in the staff language", arguments: [
        (Language.pl, ["KR-7F3K"], 0, "usunięto zapisy: 1 (KR-7F3K); notatki: 0"),
        (.pl, [], 2, "usunięto zapisy: 0; notatki: 2"),
        (.en, ["KR-7F3K", "KR-9XYZ"], 1, "erased 2 sign-up(s) (KR-7F3K, KR-9XYZ) and 1 note(s)"),
    ])
    func result(_ language: Language, _ signups: [String], _ notes: Int, _ expected: String) {
        #expect(ErasureTexts.erasedLine(signups: signups, notes: notes, language: language) == expected)
    }

    @Test("no English word in the Polish plan", arguments: [
        ErasureTexts.willErase, ErasureTexts.signup, ErasureTexts.note, ErasureTexts.request, ErasureTexts.erased,
    ])
    func polishPlan(_ text: Localized) {
        // The placeholders ({contact}) are names, not words shown.
        let shown = text.pl.replacingOccurrences(of: "\\{[a-z]+\\}", with: "", options: .regularExpression)
        let words = Set(shown.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        #expect(words.isDisjoint(with: ["will", "erase", "erased", "sign", "up", "name", "contact", "note", "and", "marked", "request"]), "\(text.pl)")
        #expect(text.pl != text.en)
    }
}
