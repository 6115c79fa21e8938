import Foundation
import Testing
@testable import CivicCore

@Suite("Text normalisation")
struct NormalizationTests {
    @Test(arguments: [
        ("Zażółć gęślą jaźń", "zazolc gesla jazn"),
        ("ŁÓDŹ, Łódź!", "lodz lodz"),
        ("Kraków – ul. Reymonta 20", "krakow ul reymonta 20"),
        ("  Jak   się ZAPISAĆ?? ", "jak sie zapisac"),
        ("ﬁnansowanie", "finansowanie"),   // compatibility ligature
        ("e\u{301}cole", "ecole"),          // combining accent
        ("Straße", "strasse"),
        ("", ""),
        ("?!…", ""),
    ])
    func fold(_ input: String, _ expected: String) {
        #expect(TextNormalizer.fold(input) == expected)
    }

    @Test("inflected forms share a stem", arguments: [
        ["zapisać", "zapisy", "zapisu", "zapisanie", "zapisz"],
        ["dołączyć", "dołączenie", "dołączę"],
        ["organizator", "organizatora", "organizatorem", "organizatorzy"],
    ])
    func inflection(_ forms: [String]) {
        let stems = Set(forms.map { TextNormalizer.stem(TextNormalizer.fold($0)) })
        #expect(stems.count == 1, "\(stems)")
    }

    @Test("the Latin fast path folds exactly as the general rule")
    func fastPathAgreesWithGeneralRule() {
        // Every scalar below U+0250 alone and between letters, then random strings mixing them
        // with spaces, punctuation, combining marks and scalars beyond the table.
        let table = (0..<0x250).compactMap { Unicode.Scalar(UInt32($0)) }
        for scalar in table {
            for text in [String(Character(scalar)), "a\(Character(scalar))b", "\(Character(scalar)) \(Character(scalar))x"] {
                #expect(TextNormalizer.fold(text) == TextNormalizer.referenceFold(text), "U+\(String(scalar.value, radix: 16))")
            }
        }
        let extra: [Unicode.Scalar] = ["\u{301}", "\u{307}", "ſ", "ẞ", "ﬁ", "Ω", "й", "\u{200D}", "🙂", "İ"]
        let pool = table + extra
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<(1 + next(12)) { text.append(pool[next(pool.count)]) }
            let string = String(text)
            #expect(TextNormalizer.fold(string) == TextNormalizer.referenceFold(string), "\(string.unicodeScalars.map(\.value))")
        }
    }
}

@Suite("Spelling correction")
struct SpellingTests {
    let corrector = SpellingCorrector(vocabulary: ["zapisac": 5, "telefon": 3, "kampania": 2, "kontakt": 4, "koszt": 2, "deadline": 1])

    @Test(arguments: [
        ("zapsac", "zapisac"),      // deletion
        ("zappisac", "zapisac"),    // insertion
        ("telefin", "telefon"),     // substitution
        ("kampnaia", "kampania"),   // transposition
        ("kampnaiaa", "kampania"),  // two edits in a long word
        ("kontkat", "kontakt"),
        ("dedline", "deadline"),
        ("kot", "kot"),             // short words are left alone
        ("pogotowie", "pogotowie"), // nothing close
        ("telefon", "telefon"),
    ])
    func corrects(_ typed: String, _ expected: String) {
        #expect(corrector.correct(typed) == expected)
    }

    @Test("ties go to the more common word, then to the first alphabetically")
    func ties() {
        let common = SpellingCorrector(vocabulary: ["kasza": 1, "kasia": 3, "kasta": 3])
        #expect(common.correct("kasza") == "kasza")
        #expect(common.correct("kasa") == "kasia")   // kasia, kasta and kasza at 1: kasia and kasta common, kasia first
    }

    @Test("the symmetric-delete index finds what comparing with every word finds")
    func agreesWithExhaustiveSearch() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let letters = Array("aeiklmnorstuzł")
        func word(_ length: Int) -> String { String((0..<length).map { _ in letters[next(letters.count)] }) }
        var vocabulary: [String: Int] = [:]
        for _ in 0..<300 { vocabulary[word(3 + next(8)), default: 0] += 1 + next(3) }
        let corrector = SpellingCorrector(vocabulary: vocabulary)
        let sorted = vocabulary.keys.sorted()
        for _ in 0..<500 {
            // A known word with up to two random edits, or a random word.
            var typed = Array(sorted[next(sorted.count)])
            for _ in 0..<next(3) where typed.count > 1 {
                switch next(3) {
                case 0: typed.remove(at: next(typed.count))
                case 1: typed.insert(letters[next(letters.count)], at: next(typed.count))
                default: typed[next(typed.count)] = letters[next(letters.count)]
                }
            }
            let text = next(5) == 0 ? word(4 + next(6)) : String(typed)
            #expect(corrector.correct(text) == exhaustive(text, sorted, vocabulary), "\(text)")
        }
    }

    /// The correction rule applied to every word of the vocabulary in turn.
    private func exhaustive(_ typed: String, _ sorted: [String], _ vocabulary: [String: Int]) -> String {
        if vocabulary[typed] != nil { return typed }
        let scalars = Array(typed.unicodeScalars)
        let limit = SpellingCorrector.maxDistance(for: scalars.count)
        var best: (distance: Int, frequency: Int, word: String)?
        for candidate in sorted {
            let other = Array(candidate.unicodeScalars)
            let allowed = min(limit, SpellingCorrector.maxDistance(for: other.count))
            guard allowed > 0 else { continue }
            let distance = SpellingCorrector.distance(scalars, other, limit: allowed)
            guard distance <= allowed else { continue }
            let frequency = vocabulary[candidate] ?? 0
            if best == nil || distance < best!.distance || (distance == best!.distance && frequency > best!.frequency) {
                best = (distance, frequency, candidate)
            }
        }
        return best?.word ?? typed
    }

    @Test(arguments: [("kitten", "sitting", 3), ("ab", "ba", 1), ("abc", "abc", 0), ("", "abc", 3), ("kampania", "kampnaia", 1)])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(SpellingCorrector.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: 5) == expected)
    }
}

@Suite("Language detection")
struct LanguageDetectionTests {
    @Test(arguments: [
        ("Jak się zapisać?", Language.pl),
        ("jak sie zapisac do programu", .pl),
        ("gdzie jest centrum", .pl),
        ("ile to kosztuje", .pl),
        ("dzien dobry", .pl),
        ("How do I sign up?", .en),
        ("where is the civic centre", .en),
        ("what does it cost", .en),
        ("thanks a lot", .en),
        ("What is the address in Kraków?", .en),
        ("Zażółć", .pl),
    ])
    func detects(_ text: String, _ language: Language) {
        #expect(LanguageDetector.detect(text) == language)
    }

    @Test("Polish without diacritics is Polish, and English stays English", arguments: [
        ("a we wroclawiu tez?", Language.pl), ("czy w krakowie tez mozna", .pl), ("a gdzie sa spotkania", .pl),
        ("szkolenie w przemyslu?", .pl), ("a w krosnie?", .pl),
        ("and in wroclaw too?", .en), ("is there training in krakow", .en), ("what about the meetings", .en),
        ("we would like to join", .en),
    ])
    func withoutDiacritics(_ text: String, _ language: Language) {
        #expect(LanguageDetector.detect(text) == language)
    }

    @Test("no evidence, no guess", arguments: ["Anna Kowalska", "anna@example.org", "13 47 430 01", "ok", "to"])
    func noEvidence(_ text: String) {
        #expect(LanguageDetector.detect(text) == nil)
    }

    @Test("the session keeps the detected language, and /lang overrides detection")
    func sessionLanguage() throws {
        var transcript = Transcript()
        #expect(try transcript.reply("How much does it cost?").language == .en)
        #expect(try transcript.reply("Anna").language == .en)
        #expect(try transcript.reply("ile to kosztuje?").language == .pl)
        _ = try transcript.reply("/lang en")
        #expect(try transcript.reply("ile to kosztuje?").language == .en)
    }
}

@Suite("Dates")
struct DateTests {
    let may17 = CalendarDay(year: 2023, month: 5, day: 17)

    @Test func rendering() {
        #expect(may17.rendered(in: .pl) == "17 maja 2023")
        #expect(may17.rendered(in: .en) == "17 May 2023")
        #expect(CalendarDay(year: 2014, month: 2, day: 6).rendered(in: .pl) == "6 lutego 2014")
        #expect(CalendarDay(year: 2020, month: 12, day: 31).rendered(in: .en) == "31 December 2020")
    }

    @Test func relative() {
        #expect(may17.relative(to: CalendarDay(year: 2026, month: 11, day: 21), in: .pl) == "termin minął")
        #expect(may17.relative(to: CalendarDay(year: 2023, month: 5, day: 18), in: .en) == "this date has passed")
        #expect(may17.relative(to: may17, in: .pl) == "to dziś")
        #expect(may17.relative(to: CalendarDay(year: 2023, month: 5, day: 16), in: .en) == "tomorrow")
        #expect(may17.relative(to: CalendarDay(year: 2023, month: 5, day: 12), in: .pl) == "za 5 dni")
        #expect(may17.relative(to: CalendarDay(year: 2023, month: 4, day: 17), in: .en) == "in 30 days")
    }

    @Test func arithmetic() {
        #expect(CalendarDay(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CalendarDay(year: 2024, month: 3, day: 1).adding(days: -1) == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(CalendarDay(iso: "2023-02-29") == nil)
        #expect(CalendarDay(iso: "2024-02-29") == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(CalendarDay(iso: "17.05.2023") == nil)
        for days in stride(from: -1000, to: 30000, by: 37) {
            #expect(CalendarDay(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }

    @Test("a passed deadline is said to have passed, in the reply's language")
    func deadlineInReply() throws {
        var transcript = Transcript()
        let polish = try transcript.reply("do kiedy trzeba oddać raport z kampanii w Krośnie?")
        #expect(polish.text.contains("17 maja 2023 (termin minął)"), "\(polish.text)")
        var english = Transcript()
        let reply = try english.reply("When is the report for the Krosno listening campaign due?")
        #expect(reply.text.contains("17 May 2023 (this date has passed)"), "\(reply.text)")
    }
}

/// A long message out of scope as a whole is read for its question: the sentence that asks,
/// when it names what it asks about by our words.
struct QuestionSentenceTests {
    let matcher = ShippedCatalogue.catalogue.matcher

    @Test("the question of a story is answered", arguments: [
        ("Od trzech lat mieszkam na Suchodole i pomagam starszym sąsiadom przy zakupach. Znajoma z pracy opowiadała mi, że coś takiego się organizuje w mieście. Ile kosztowało szkolenie w akcji O.S.?", "cost"),
        ("I have been volunteering at a food bank for years and my friends keep telling me I should do something bigger. I am not sure I have the time with two kids at home. How do I contact the city hall about the O.S. programme?", "contact"),
        ("Pracuję w bibliotece miejskiej i często rozmawiam z czytelnikami o tym, co ich denerwuje w okolicy. Szefowa mówi, że mam dobre ucho do ludzi i powinnam się rozwijać. Jak mogę się skontaktować z urzędem w sprawie akcji O.S.?", "contact"),
    ])
    func answered(_ line: String, _ intent: String) {
        #expect(matcher.match(line).intent == IntentID(rawValue: intent))
    }

    @Test("a story's vague question about something else stays out of scope", arguments: [
        "Kupiliśmy stare auto od sąsiada i teraz trzeba je przerejestrować, a ja nigdy tego nie robiłam. Mąż jest w delegacji do końca miesiąca. Gdzie i jak się to załatwia?",
        "We just adopted a cat from the shelter in Krakow and the vet says she needs a microchip and a passport before we travel in the summer. Nobody at home knows how it works. Where do we go for that and how long does it take?",
    ])
    func notOurs(_ line: String) {
        #expect(matcher.match(line).intent == .fallback)
    }
}
