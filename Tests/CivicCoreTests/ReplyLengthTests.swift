@testable import CivicCore
import Testing

/// Replies a terminal and a screen reader can hold (issue 15, item 7): the answer first, the
/// details on request, and corrections that say what they changed.
@Suite("Reply length and corrections that say what changed")
struct ReplyLengthTests {
    @Test("length requests are read only when the line asks for nothing else", arguments: [
        ("krócej proszę", Answers.LengthRequest?.some(.shorter)), ("odpowiadaj krócej", .shorter), ("za długo", .shorter),
        ("shorter answers please", .shorter), ("please be brief", .shorter),
        ("więcej", .more), ("a więcej?", .more), ("tell me more", .more), ("szczegóły proszę", .more),
        ("dłużej", .longer), ("full answers please", .longer),
        ("korzystam z czytnika ekranu, proszę o krótkie odpowiedzi", .shorter), ("proszę prościej", .shorter),
        ("I use a screen reader, short answers please", .shorter),
        ("chcę wiedzieć więcej o kampanii słuchania", nil), ("co dalej?", nil), ("ile trwa szkolenie", nil),
    ])
    func requests(_ line: String, _ expected: Answers.LengthRequest?) {
        #expect(Answers.lengthRequest(words: TextNormalizer.tokens(line)) == expected)
    }

    @Test("in brief, an answer is its first line; „więcej” gives the rest; „dłużej” ends it", arguments: [
        ("krócej proszę", "co to jest kampania słuchania?", "więcej", "dłużej"),
        ("shorter please", "what is the listening campaign?", "more", "longer"),
    ])
    func brief(_ shorter: String, _ question: String, _ more: String, _ longer: String) throws {
        var t = Transcript()
        let full = try t.reply(question)
        #expect(full.text.contains("\n"), "the full answer has details after its first line")
        _ = try t.reply(shorter)
        let short = try t.reply(question)
        let firstLine = String(full.text.prefix { $0 != "\n" })
        #expect(short.text.hasPrefix(firstLine))
        #expect(short.text.split(separator: "\n").count == 2, "the answer and the hint: \(short.text)")
        #expect(short.intent == .listeningCampaign)
        let rest = try t.reply(more)
        #expect(full.text.hasSuffix(rest.text))
        #expect(!rest.text.contains(firstLine))
        #expect(try t.reply(more).text != rest.text, "nothing more the second time")
        _ = try t.reply(longer)
        #expect(try t.reply(question).text == full.text)
    }

    @Test("a correction says which field it changed, and to what", arguments: [
        ("zmień kontakt na 600 123 456", "Poprawione – kontakt: +48 600 123 456."),
        ("to nie mój numer, mój jest 600 123 456", "Poprawione – kontakt: +48 600 123 456."),
        ("jednak dzielnica Górki", "Poprawione – dzielnica: Górki."),
    ])
    func correctionSaysWhat(_ line: String, _ expected: String) throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Północnego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("anna@example.org")
        _ = try t.ask("Dolinki")
        _ = try t.ask("tak")
        let summary = try t.ask(line)
        #expect(summary.text.hasPrefix(expected), "\(summary.text)")
        #expect(summary.expecting == "confirm")
    }

    @Test("the banner names every place civicd serves", arguments: [
        (Language.pl, ["Krośnie", "Krakowie", "Wrocławiu", "zachodniopomorskim"]), (.en, ["Krosno", "Kraków", "Wrocław", "West Pomerania"]),
    ])
    func banner(_ language: Language, _ places: [String]) {
        let banner = Messages.greeting[language]
        for place in places { #expect(banner.contains(place), "\(place) in \(banner)") }
    }

    @Test("„krócej” shortens the last answer at once, and a short answer keeps what the line asked", arguments: [
        ("krócej", "do kiedy był raport z kampanii słuchania w Krośnie?", "17 maja 2023"),
        ("shorter please", "when was the listening campaign report due in Krosno?", "17 May 2023"),
    ])
    func shortKeepsAsked(_ shorter: String, _ question: String, _ fact: String) throws {
        var t = Transcript()
        let full = try t.reply("co to jest kampania słuchania?")
        let short = try t.reply(shorter)
        #expect(short.text.contains(String(full.text.prefix { $0 != "\n" })), "\(short.text)")
        let asked = try t.reply(question)
        #expect(asked.text.contains(fact), "\(asked.text)")
    }
}
