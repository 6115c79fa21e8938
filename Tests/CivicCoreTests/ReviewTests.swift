@testable import CivicCore
import Testing

/// What the session reports for the review of unanswered questions and the usage counts: which
/// lines may be kept (never a digit, an @ or over 200 bytes), which are (fallback, low
/// confidence, a rephrase right after an answer), and the events counted.
@Suite("Review of unanswered questions and usage counts")
struct ReviewTests {
    /// A conversation on the shipped catalogue with review on (or off).
    func transcript(keeping: Bool = true) -> Transcript {
        var session = Session()
        session.keepsUnanswered = keeping
        return Transcript(session: session)
    }

    func kept(_ actions: [SessionAction]) -> [UnansweredLine] {
        actions.compactMap { if case .keepUnanswered(let line) = $0 { line } else { nil } }
    }

    func events(_ actions: [SessionAction]) -> [UsageEvent] {
        actions.compactMap { if case .observe(let event, _) = $0 { event } else { nil } }
    }

    func reply(_ actions: [SessionAction]) throws -> Reply {
        try #require(actions.lazy.compactMap { if case .reply(let reply, _, _) = $0 { reply } else { nil } }.first)
    }

    // MARK: - What may be kept

    @Test("never a line with a digit of any script, an @, a control character, or over 200 bytes", arguments: [
        ("czy jest parking przy urzędzie?", true),
        ("mój numer to 600 100 200, czy jest parking?", false),
        ("napiszcie na anna@example.org", false),
        ("napiszcie na anna＠example.org", false),
        ("dzwońcie pod ６００", false),
        ("numer ٦٠٠", false),
        ("za ½ ceny?", false),
        ("ukryty\u{1B}[2J tekst", false),
        (String(repeating: "ą", count: 100), true),
        (String(repeating: "ą", count: 101), false),
        ("", false),
    ])
    func mayKeep(_ line: String, _ allowed: Bool) {
        #expect(ReviewPolicy.mayKeep(line) == allowed, "\(line.debugDescription)")
    }

    @Test("a fallback is kept with its words, language and day; not the same line with a phone number or an e-mail")
    func fallbackKept() throws {
        var t = transcript()
        let first = t.sayAll("gdzie mogę wyprowadzić psa?")
        #expect(try reply(first).intent == .fallback)
        let line = try #require(kept(first).first)
        #expect(line.text == "gdzie mogę wyprowadzić psa?")
        #expect(line.reason == .fallback)
        #expect(line.language == .pl)
        #expect(line.day == t.today)
        #expect(!line.words.isEmpty)
        #expect(events(first) == [.fallback(.pl)])

        for withContact in ["gdzie mogę wyprowadzić psa? mój tel. 600 100 200", "gdzie mogę wyprowadzić psa? anna@example.org"] {
            let actions = t.sayAll(withContact)
            #expect(try reply(actions).intent == .fallback)
            #expect(kept(actions).isEmpty, "\(withContact)")
            #expect(events(actions) == [.fallback(.pl)], "counted all the same")
        }
    }

    @Test("a line over 200 bytes is never kept, though it is answered (elsewhere) and counted")
    func longLineNotKept() throws {
        var t = transcript()
        let long = "Dzień dobry, chciałabym zapytać, gdzie w okolicy urzędu mogę wyprowadzić psa na dłuższy spacer, bo przychodzę na spotkania razem z nim i nie wiem, czy mogę go zostawić przed wejściem na dłużej niż godzinę?"
        #expect(long.utf8.count > 200)
        let actions = t.sayAll(long)
        #expect(!events(actions).isEmpty, "answered and counted")
        #expect(kept(actions).isEmpty)
    }

    @Test("with review off nothing is kept, but usage is counted")
    func offByDefault() throws {
        var t = transcript(keeping: false)
        let actions = t.sayAll("gdzie mogę wyprowadzić psa?")
        #expect(kept(actions).isEmpty)
        #expect(events(actions) == [.fallback(.pl)])
        #expect(Session().keepsUnanswered == false)
    }

    @Test("an answer below the review's confidence is kept as low_confidence; a confident one is not")
    func lowConfidence() throws {
        var t = transcript()
        let weak = t.sayAll("czy mozna przyjsc z dzieckiem")
        let answered = try reply(weak)
        try #require(answered.intent != .fallback && (answered.confidence ?? 1) < ReviewPolicy.lowConfidence,
                     "the catalogue changed: pick another barely answered line (\(answered.intent ?? "-") \(answered.confidence ?? 0))")
        #expect(kept(weak).map(\.reason) == [.lowConfidence])
        #expect(kept(t.sayAll("ile kosztuje udział")).isEmpty)
    }

    // MARK: - Rephrasing

    @Test("a line that corrects the last answer keeps the line that was missed, as rephrased")
    func correction() throws {
        var t = transcript()
        let first = t.sayAll("ile trwa szkolenie")
        #expect(try reply(first).intent == .cost)
        #expect(kept(first).isEmpty)
        let again = kept(t.sayAll("nie o to pytam, jak długo trwa szkolenie"))
        let missed = try #require(again.first { $0.text == "ile trwa szkolenie" })
        #expect(missed.reason == .rephrased)
        #expect(missed.language == .pl && missed.day == t.today)
    }

    @Test("the same words understood differently right after an answer are a rephrase")
    func rephrasedByWords() throws {
        var t = transcript()
        _ = t.sayAll("ile trwa szkolenie")
        let actions = t.sayAll("jak długo trwa szkolenie?")
        #expect(try reply(actions).intent != .cost)
        #expect(kept(actions).map(\.text).contains("ile trwa szkolenie"))
    }

    @Test("a follow-up on the same intent, or a line after another in between, is no rephrase")
    func noRephrase() throws {
        var t = transcript()
        _ = t.sayAll("ile kosztuje udział")
        #expect(kept(t.sayAll("ile kosztuje udział w Krakowie?")).isEmpty)
        _ = t.sayAll("ile trwa szkolenie")
        _ = t.sayAll("/help")
        #expect(!kept(t.sayAll("jak długo trwa szkolenie?")).map(\.text).contains("ile trwa szkolenie"), "not right after the answer")
        _ = t.sayAll("ile trwa szkolenie")
        _ = t.sayAll("/reset")
        #expect(!kept(t.sayAll("nie o to pytam, jak długo trwa szkolenie")).map(\.text).contains("ile trwa szkolenie"), "forgotten on /reset")
    }

    @Test("the rephrase rule on its own", arguments: [
        (["koszt", "szkol", "trwa"], "cost", ["nie", "o", "to", "pytam"], ["pytam"], "cost", true),
        (["szkol", "trwa"], "cost", ["jak", "dlugo", "trwa", "szkolenie"], ["dlugo", "szkol", "trwa"], "job", true),
        (["szkol", "trwa"], "cost", ["jak", "dlugo", "trwa", "szkolenie"], ["dlugo", "szkol", "trwa"], "cost", false),
        (["koszt", "udzia"], "cost", ["gdzie", "jest", "urzad"], ["urzad"], "contact", false),
        (["park"], "contact", ["i", "mean", "the", "car", "park"], ["car", "park"], "contact", true),
    ])
    func rephraseRule(_ previous: [String], _ previousIntent: String, _ words: [String], _ key: [String], _ intent: String, _ expected: Bool) {
        #expect(ReviewPolicy.isRephrase(previousKey: previous, previousIntent: IntentID(previousIntent), nextWords: words, nextKey: key, nextIntent: IntentID(intent)) == expected)
    }

    // MARK: - Grouping

    @Test("case, Polish letters, inflection and word order fold to one key")
    func groupKey() {
        let catalogue = ShippedCatalogue.catalogue
        let key = { (text: String) in ReviewPolicy.groupKey(catalogue.understand(text)) }
        #expect(key("Gdzie mogę wyprowadzić PSA?") == key("gdzie moge wyprowadzic psa"))
        #expect(key("psa gdzie mogę wyprowadzić") == key("gdzie mogę wyprowadzić psa"))
        #expect(key("czy jest parking?") != key("czy jest basen?"))
    }

    @Test("nearly the same words: the same set, or Jaccard >= 0.8", arguments: [
        (["a", "b", "c"], ["c", "b", "a"], true),
        (["a", "b", "c", "d"], ["a", "b", "c", "d", "e"], true),
        (["a", "b", "c"], ["a", "b", "c", "d"], false),
        (["a", "b"], ["a", "c"], false),
        ([String](), [String](), true),
    ])
    func sameQuestion(_ a: [String], _ b: [String], _ expected: Bool) {
        #expect(ReviewPolicy.sameQuestion(a, b) == expected)
    }

    // MARK: - Usage counts

    @Test("replies per intent and language; a clarifying question; the fallback")
    func replies() throws {
        var t = transcript(keeping: false)
        #expect(events(t.sayAll("ile kosztuje udział")).contains(.reply(.cost, .pl)))
        #expect(events(t.sayAll("how much does it cost?")).contains(.reply(.cost, .en)))
        let clarifying = t.sayAll("what is the deadline?")
        if try !reply(clarifying).choices.isEmpty {
            #expect(events(clarifying).contains(.clarifyingQuestion(.deadlines, .en)))
        } else {
            #expect(!events(clarifying).contains { if case .clarifyingQuestion = $0 { true } else { false } })
        }
        #expect(events(t.sayAll("powtórz")).isEmpty, "a repeat is no new answer")
        #expect(events(t.sayAll("/help")).isEmpty, "commands are not counted")
    }

    @Test("the sign-up funnel: started, cancelled; started, confirmed; started, abandoned by a goodbye or a dropped connection")
    func funnel() throws {
        var t = Transcript.fixture
        #expect(events(t.sayAll("zapisz mnie do Klubu Południowego")).contains(.signupStarted))
        #expect(events(t.sayAll("/cancel")) == [.signupCancelled])

        #expect(events(t.sayAll("zapisz mnie do Klubu Południowego")).contains(.signupStarted))
        #expect(events(t.sayAll("Anna Kowalska")).isEmpty, "form answers are not counted")
        _ = t.sayAll("anna@example.org")
        _ = t.sayAll("tak")
        #expect(events(t.sayAll("tak")).isEmpty, "being stored: not ended yet")
        let stored = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        #expect(events(stored) == [.signupConfirmed])
        #expect(t.session.connectionClosed(at: t.time).isEmpty, "nothing open")

        var goodbye = Transcript.fixture
        _ = goodbye.sayAll("zapisz mnie do Klubu Południowego")
        let left = goodbye.sayAll("do widzenia")
        #expect(events(left) == [.signupAbandoned])
        #expect(left.last == .close, "counted before the close, so the connection performs it")

        var dropped = Transcript.fixture
        _ = dropped.sayAll("zapisz mnie do Klubu Południowego")
        #expect(dropped.session.connectionClosed(at: dropped.time) == [.observe(.signupAbandoned, day: dropped.today)])
        #expect(dropped.session.connectionClosed(at: dropped.time).isEmpty, "once")

        var reset = Transcript.fixture
        _ = reset.sayAll("zapisz mnie do Klubu Południowego")
        #expect(events(reset.sayAll("/reset")) == [.signupAbandoned])
    }

    // MARK: - The privacy notice

    @Test("with review on, the privacy notice says so, with the days; with it off, it does not")
    func privacyNotice() throws {
        let on = try CatalogueLoader.load(ShippedCatalogue.sources, settings: CatalogueSettings(keepsUnanswered: true, reviewKeepDays: 21))
        for language in Language.allCases {
            var t = Transcript(catalogue: on)
            let notice = try t.reply(language == .pl ? "co robicie z moimi danymi?" : "what do you do with my data?")
            #expect(notice.intent == .privacy)
            #expect(notice.text.contains(language == .pl ? "na 21 dni" : "for 21 days"), "\(notice.text)")
            var off = Transcript()
            let plain = try off.reply(language == .pl ? "co robicie z moimi danymi?" : "what do you do with my data?")
            #expect(!plain.text.contains(language == .pl ? "dni" : "days"), "\(plain.text)")
            #expect(!plain.text.contains("{privacy"), "no placeholder left")
        }
    }

    @Test("review on without the notice's text in intents/ is refused: the notice must say so")
    func noticeRequired() throws {
        let sources = ShippedCatalogue.sources.filter { !$0.name.hasSuffix("privacy-review.yml") }
        #expect(throws: CatalogueError.self) { try CatalogueLoader.load(sources, settings: CatalogueSettings(keepsUnanswered: true)) }
        _ = try CatalogueLoader.load(sources)
    }

    // MARK: - Learned examples

    @Test("examples: in a further file join their intent; an unknown intent or a duplicate is refused with the reason")
    func learned() throws {
        func loading(_ text: String) throws -> Catalogue {
            try CatalogueLoader.load(ShippedCatalogue.sources + [CatalogueSource(name: "intents/learned.yml", text: text)])
        }
        let catalogue = try loading("examples:\n  contact:\n    pl:\n      - \"gdzie mogę wyprowadzić psa\"\n    en: []\n")
        #expect(catalogue.matcher.match("gdzie mogę wyprowadzić psa").intent == .contact)
        do {
            _ = try loading("examples:\n  parking:\n    pl: [\"czy jest parking\"]\n")
            Issue.record("an unknown intent was accepted")
        } catch let error as CatalogueError {
            #expect(error.description.contains("unknown intent parking"), "\(error)")
        }
        do {
            _ = try loading("examples:\n  cost:\n    pl: [\"Ile kosztuje udział?\"]\n")
            Issue.record("a duplicate example was accepted")
        } catch let error as CatalogueError {
            #expect(error.description.contains("already an example of intent cost"), "\(error)")
        }
        do {
            _ = try loading("examples:\n  contact:\n    pl: [\"ile kosztuje udział\"]\n")
            Issue.record("an example of another intent was accepted")
        } catch let error as CatalogueError {
            #expect(error.description.contains("also an example of"), "\(error)")
        }
    }
}
