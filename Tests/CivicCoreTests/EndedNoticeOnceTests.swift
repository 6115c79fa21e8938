@testable import CivicCore
import Testing

/// Found by the persona run: in a sign-up for a programme that has ended, the notice that it has
/// was said again with the form's questions. It is said once. Lines are our own.
@Suite("An ended programme's notice, once per form")
struct EndedNoticeOnceTests {
    static func notice(_ language: Language) throws -> String {
        let catalogue = ShippedCatalogue.catalogue
        let ended = try #require(catalogue.topic("os_krosno")?.endedNotice)
        return catalogue.render(ended[language], language: language, today: ShippedCatalogue.today, topic: "os_krosno")
    }

    /// How many of `replies` hold the notice.
    static func told(_ replies: [Reply], _ language: Language) throws -> Int {
        let notice = try Self.notice(language)
        return replies.filter { $0.text.contains(notice) }.count
    }

    @Test("asked aside, repeated, a bare yes, then the answers: the notice only with the first question", arguments: [
        (Language.pl, "chcę się zapisać do akcji O.S. w Krośnie", ["a ile to kosztuje?", "powtórz", "tak", "Ewa Nowak", "a gdzie to jest?", "ewa.nowak@example.org"]),
        (.en, "sign me up for the O.S. action in Krosno", ["how much does it cost?", "repeat please", "yes", "Eve Newman", "where is it?", "eve@example.org"]),
        (.uk, "запишіть мене на акцію O.S. у Кросно", ["а скільки це коштує?", "повтори", "так", "Олена Коваль", "а де це?", "olena@example.org"]),
    ])
    func onceFromTheStart(_ language: Language, _ request: String, _ lines: [String]) throws {
        var t = Transcript()
        let first = try t.reply(request)
        #expect(first.expecting == "name", "\(first.text)")
        #expect(first.text.contains(try Self.notice(language)), "the notice first: \(first.text)")
        var later: [Reply] = []
        for line in lines { later.append(try t.reply(line)) }
        #expect(try Self.told(later, language) == 0, "\(later.map(\.text).joined(separator: "\n---\n"))")
        #expect(later.last?.expecting == "district", "\(later.last?.text ?? "")")
    }

    @Test("chosen at the programme question: the notice with the next question, then never again", arguments: [
        (Language.pl, "chcę się zapisać", "Dołącz do Organizowania Społecznego", ["a co to jest?", "Ewa Nowak"]),
        (.en, "I want to sign up", "Join Community Organizing", ["what is it about?", "Eve Newman"]),
        (.uk, "хочу записатися", "Dołącz do Organizowania Społecznego", ["а що це?", "Олена Коваль"]),
    ])
    func onceWhenChosen(_ language: Language, _ request: String, _ programme: String, _ lines: [String]) throws {
        var t = Transcript()
        let first = try t.reply(request)
        #expect(first.expecting == "programme", "\(first.text)")
        let chosen = try t.reply(programme)
        #expect(chosen.expecting == "name", "\(chosen.text)")
        #expect(chosen.text.contains(try Self.notice(language)), "\(chosen.text)")
        var later: [Reply] = []
        for line in lines { later.append(try t.reply(line)) }
        #expect(try Self.told(later, language) == 0, "\(later.map(\.text).joined(separator: "\n---\n"))")
    }
}
