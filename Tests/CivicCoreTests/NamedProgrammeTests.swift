import Testing
@testable import CivicCore

/// What a line that names one of our programmes asks, and what is asked of civicd itself.
@Suite("Named programmes and questions about civicd")
struct NamedProgrammeTests {
    let matcher = ShippedCatalogue.catalogue.matcher

    @Test("the programme named first is the line's, though a later phrase names another too", arguments: [
        "Kiedy zaczął się projekt Socially Organised, wzorowany na Community Organising?",
        "Socially Organised, based on community organizing - which cities?",
        "Q93873 i community organising – jaki był budżet?",
    ])
    func firstNamedWins(_ line: String) {
        #expect(matcher.mentions(in: line).topic == "socially_organised")
    }

    /// Ties within the shipped margin (0.01) are rare, so the rule is shown with a wider one:
    /// the same closeness that sends an unnamed line to the fallback is answered on a named one.
    @Test("two close readings of a line naming a programme: the better one is answered, not the fallback", arguments: [
        "gdzie są prowadzone zajęcia Centrum Obywatelskiego?",
        "Gdzie prowadzone są działania Koalicji na rzecz sąsiedztw?",
        "where is the Socially Organised project carried out?",
    ])
    func closeCallOnNamedProgramme(_ line: String) {
        var wide = matcher
        wide.margin = 0.1
        let match = wide.match(line)
        #expect(match.candidates.count >= 2 && match.candidates[0].score - match.candidates[1].score < wide.margin, "a close call")
        #expect(match.intent != .fallback)
        #expect(match.intent == match.candidates[0].intent)
    }

    @Test("the same closeness on a line that names nothing is the fallback", arguments: ["gdzie to się odbywa?", "kiedy i gdzie?"])
    func closeCallUnnamed(_ line: String) {
        var wide = matcher
        wide.margin = 0.1
        let match = wide.match(line)
        #expect(match.candidates.count >= 2 && match.candidates[0].score - match.candidates[1].score < wide.margin, "a close call")
        #expect(match.intent == .fallback)
    }

    @Test("how a named programme works is no question about civicd", arguments: [
        "jak działa Koalicja na rzecz sąsiedztw we współpracy z miastem?",
        "how does the Civic Centre work for NGOs?",
        "як працює Centrum Obywatelskie?",
    ])
    func programmeIsNoHelpQuestion(_ line: String) {
        #expect(matcher.match(line).intent != .help)
    }

    @Test("the assistant, the chat and what it keeps are words of help and privacy", arguments: [
        ("what's this assistant good for?", IntentID.help),
        ("jak działa ten asystent?", .help),
        ("як працює цей асистент?", .help),
        ("czy wiadomości z tego czatu są gdzieś przechowywane?", .privacy),
        ("чи зберігаються мої повідомлення в цьому чаті?", .privacy),
        ("do you pass my data to other organisations?", .privacy),
    ])
    func assistantVocabulary(_ line: String, _ intent: IntentID) {
        #expect(matcher.match(line).intent == intent)
    }

    @Test("a line's language is told by its words outside the programmes' names; the names count only when nothing else does", arguments: [
        ("Socially Organised – w jakich latach trwał?", Language.pl),
        ("Join Community Organizing – czy szkolenie było płatne?", .pl),
        ("Centrum Obywatelskie: do you offer mentoring?", .en),
        ("Koalicja na rzecz sąsiedztw – who is it for?", .en),
        ("Socially Organised – start date?", .en),
    ])
    func languageOutsideNames(_ line: String, _ language: Language) throws {
        #expect(matcher.language(of: line, words: TextNormalizer.tokens(line)) == language)
        var t = Transcript()
        _ = try t.reply(line)
        #expect(t.session.language == language)
    }

    @Test("a line naming a programme with a word only one or two of its replies say asks for those replies", arguments: [
        ("Socially Organised – was there a supranational partner?", "supranational partner"),
        ("Centrum Obywatelskie – czy jest tam coaching?", "coaching"),
        ("Centrum Obywatelskie – a grupy robocze też są?", "grupy robocze"),
    ])
    func replyWords(_ line: String, _ fact: String) throws {
        var without = matcher
        without.replyWordBonus = 0
        #expect(without.match(line).intent != .services, "without the reply's words it reads otherwise")
        #expect(matcher.match(line).intent == .services)
        var t = Transcript()
        #expect(try t.reply(line).text.contains(fact))
    }
}
