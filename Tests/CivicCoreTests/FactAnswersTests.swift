import Testing
@testable import CivicCore

/// Questions asking one fact of a programme, answered with it.
@Suite("Fact questions answered with their fact")
struct FactAnswersTests {
    @Test("how many finished is no question whether the programme has ended", arguments: [
        ("ile osob skonczylo to szkolenie w krosnie z organizowania spolecznego", "7 osób"),
        ("how many people finished the O.S. training?", "7 people"),
        ("скільки людей закінчило навчання в Кросно?", "7 осіб"),
    ])
    func howManyFinished(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.text.contains(fact), "\(reply.text)")
        #expect(!reply.text.hasPrefix("Nie –") && !reply.text.hasPrefix("No –") && !reply.text.hasPrefix("Ні –"), "\(reply.text)")
    }

    @Test("a question about a programme is no goodbye, though its words read as one", arguments: [
        "czy akcja O.S. się już skończyła?",
        "has the Socially Organised project finished?",
        "чи вже закінчилася акція O.S.?",
    ])
    func questionIsNoGoodbye(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(![IntentID.goodbye, .thanks, .greeting].contains(reply.intent), "\(reply.text)")
        #expect(reply.text.contains("2023") || reply.text.contains("2020"), "\(reply.text)")
    }

    @Test("the JST coordinator's extension is asked by its own word", arguments: [
        "a ten nr wewnetrzny do koordynatora JST to jaki?",
        "what is the extension number for the JST project coordinator?",
        "телефон координатора jst, внутрішній номер?",
    ])
    func extensionNumber(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .contact)
        #expect(reply.text.contains("206") && reply.text.contains("piotr.huzar@kcwis.org.pl"), "\(reply.text)")
    }

    @Test("what the O.S. action is names the programme its project belongs to", arguments: [
        ("czym jest akcja O.S. w Krośnie?", "Program Rozwój Lokalny"),
        ("what is Join Community Organizing in Krosno?", "Local Development Programme"),
    ])
    func programmeOfProject(_ line: String, _ fact: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).text.contains(fact))
    }

    @Test("what awaits after the listening campaign, or its third stage, is the job", arguments: [
        ("Co czeka uczestników po dobrze zrobionej kampanii słuchania w Krośnie?", "¼ etatu"),
        ("what awaits those who complete the Krosno listening campaign?", "¼ full-time"),
        ("що чекає учасників після кампанії слухання в Кросно?", "¼ ставки"),
        ("a trzeci etap akcji O.S. – co to takiego?", "¼ etatu"),
    ])
    func afterTheCampaign(_ line: String, _ fact: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).text.contains(fact))
    }

    @Test("who is quoted about the Civic Centre is its director", arguments: [
        "Kto wypowiada się w tekście o Centrum Obywatelskim?",
        "Who is quoted in the piece on the Civic Centre in Kraków?",
        "кого цитують у статті про Centrum Obywatelskie?",
    ])
    func quoted(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).text.contains("Mateusz Płoskonka"))
    }
}

/// What the persona retry of the evening (persona5) found in ordinary speech.
@Suite("Ordinary speech around questions")
struct OrdinarySpeechTests {
    @Test("a refusal told on the way to another question is no refusal of that question", arguments: [
        ("Mój wnuk jest organizatorem w Krośnie, a ja nie chcę mu mówić głupot. Sama nie chcę się nigdzie zapisywać. Kto prowadził szkolenie w Krośnie?", "Center for Strategic Counseling"),
        ("I'm asking for my daughter. I don't want to sign up myself. Who led the O.S. training in Krosno?", "Center for Strategic Counseling"),
        ("Pytam za sąsiadkę, sama nie chcę się zapisywać. Kto prowadził szkolenie w akcji O.S.?", "Center for Strategic Counseling"),
        ("Питаю для сина. Я не хочу записуватися. Скільки коштує Centrum Obywatelskie?", "безкоштов"),
    ])
    func refusalOnTheWay(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.text.contains(fact), "\(reply.text)")
        #expect(t.session.expecting == nil)
    }

    @Test("'no' and 'nara' keep a Polish conversation Polish", arguments: ["no to nara", "no dobra", "narka"])
    func colloquialPolishStaysPolish(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("ile kosztuje szkolenie?")
        _ = try t.reply(line)
        #expect(t.session.language == .pl)
    }

    @Test("thanks and 'cześć' at a form question take leave; nothing is stored", arguments: ["dzięki, cześć", "dziękuję, cześć", "thanks, bye"])
    func thanksAndByeInAForm(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("zapisz mnie do koalicji na rzecz sąsiedztw")
        _ = try t.reply("Anna Nowak")
        let reply = try t.reply(line)
        #expect(reply.intent == .goodbye, "\(reply.text)")
        #expect(t.session.expecting == nil)
    }
}
