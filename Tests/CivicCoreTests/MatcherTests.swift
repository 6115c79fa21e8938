import Foundation
import Testing
@testable import CivicCore

@Suite("Intent matching")
struct MatcherTests {
    let matcher = ShippedCatalogue.catalogue.matcher

    @Test("robust to missing diacritics, typos and inflection", arguments: [
        ("Jak się zapisać?", "signup"),
        ("jak sie zapisac", "signup"),
        ("jak sie zapsiac", "signup"),
        ("chcę się zapisać na szkolenie", "signup"),
        ("ile kosztuje udział?", "cost"),
        ("ile kosztuje udzial", "cost"),
        ("ile kosztuej udzial", "cost"),
        ("how much does it cost", "cost"),
        ("how much dose it cost", "cost"),
        ("jaki jest numer telefonu?", "contact"),
        ("jaki jest numer telefnu", "contact"),
        ("what is the phone number", "contact"),
        ("whats the phne number", "contact"),
        ("kto finansuje projekt?", "funding"),
        ("who funds the project", "funding"),
        ("dziękuję bardzo", "thanks"),
        ("dzieki", "thanks"),
        ("do widzenia", "goodbye"),
        ("dzień dobry", "greeting"),
        ("chcę rozmawiać z człowiekiem", "human"),
    ])
    func matches(_ text: String, _ intent: IntentID) {
        let match = matcher.match(text)
        #expect(match.intent == intent, "\(text) → \(match.intent) \(match.candidates)")
    }

    @Test("out of scope is fallback", arguments: [
        "jaka będzie jutro pogoda?",
        "who won the football match yesterday",
        "przepis na pierogi",
        "how do I renew my passport",
        "asdfghjkl qwerty",
    ])
    func outOfScope(_ text: String) {
        let match = matcher.match(text)
        #expect(match.intent == "fallback", "\(text) → \(match.intent) \(match.candidates)")
    }

    @Test("an example matches itself exactly, with full confidence")
    func exact() throws {
        let intent = try #require(ShippedCatalogue.catalogue.intent("contact"))
        let example = try #require(intent.examples[.pl]?.first)
        let match = matcher.match(example.text)
        #expect(match.intent == "contact")
        #expect(match.layer == .exactPhrase)
        #expect(match.confidence == 1)
    }

    @Test("deterministic: the same text gives the same answer, candidates ranked")
    func deterministic() {
        for text in ["jak się zapisać do programu", "co oferujecie?", "kiedy jest termin"] {
            let first = matcher.match(text)
            for _ in 0..<5 { #expect(matcher.match(text) == first) }
            let scores = first.candidates.map(\.score)
            #expect(scores == scores.sorted(by: >))
        }
    }

    @Test("empty or symbol-only messages are fallback")
    func empty() {
        #expect(matcher.match("").intent == "fallback")
        #expect(matcher.match("?!").intent == "fallback")
    }

    @Test("topics are found in inflected names")
    func mentions() {
        #expect(matcher.mentions(in: "gdzie jest Centrum Obywatelskie?").topic == "centrum_obywatelskie")
        #expect(matcher.mentions(in: "w Centrum Obywatelskim").topic == "centrum_obywatelskie")
        #expect(matcher.mentions(in: "coś w Krakowie?").city == "krakow")
        #expect(matcher.mentions(in: "coś w Krośnie?").city == "krosno")
        #expect(matcher.mentions(in: "dzień dobry").topic == nil)
    }
}

@Suite("Held-out evaluation")
struct HeldOutTests {
    static func samples() throws -> [IntentEvaluation.Sample] {
        try IntentEvaluation.parseSamples(try Fixtures.text("heldout.jsonl")) { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            guard let text = object?["text"], let intent = object?["intent"] else { throw TestFailure(line) }
            return IntentEvaluation.Sample(text: text, intent: intent)
        }
    }

    @Test("the held-out set is large enough, bilingual and at least 15% out of scope")
    func shape() throws {
        let samples = try Self.samples()
        #expect(samples.count >= 150)
        let outOfScope = samples.filter { $0.intent == "fallback" }.count
        #expect(Double(outOfScope) / Double(samples.count) >= 0.15)
        let ids = Set(ShippedCatalogue.catalogue.intents.map(\.id.rawValue))
        #expect(samples.allSatisfy { ids.contains($0.intent) })
    }

    @Test("the matcher meets the targets on the held-out set")
    func targets() throws {
        let evaluation = IntentEvaluation(matcher: ShippedCatalogue.catalogue.matcher, samples: try Self.samples())
        #expect(evaluation.accuracy >= 0.95, "accuracy \(evaluation.accuracy)")
        #expect(evaluation.outOfScopeRecall >= 0.90, "out-of-scope recall \(evaluation.outOfScopeRecall)")
        #expect(evaluation.inScopeFallbackRate <= 0.03, "in-scope lost to fallback \(evaluation.inScopeFallbackRate)")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("Evaluation report")
struct EvaluationReportTests {
    @Test("per-tag figures, small talk, calibration buckets and facts in the reply")
    func tagsCalibrationFacts() {
        let catalogue = FixtureCatalogue.catalogue
        let today = ShippedCatalogue.today
        let samples = [
            IntentEvaluation.Sample(text: "ile to kosztuje", intent: "cost", tag: "short", expect: ["BEZPŁATNIE"]),
            IntentEvaluation.Sample(text: "jaki jest telefon", intent: "contact", tag: "short", expect: ["999 999 999"]),
            IntentEvaluation.Sample(text: "dziękuję", intent: "thanks", tag: "smalltalk"),
            IntentEvaluation.Sample(text: "jaka będzie pogoda", intent: "cost", tag: "nearmiss"),
        ]
        let evaluation = IntentEvaluation(matcher: catalogue.matcher, samples: samples) {
            IntentEvaluation.sessionReply(to: $0, catalogue: catalogue, today: today)
        }
        #expect(evaluation.sessionIntent == IntentEvaluation.Tally(correct: 3, total: 4), "the session's reply, one per question")
        #expect(evaluation.byTag["short"] == IntentEvaluation.Tally(correct: 2, total: 2))
        #expect(evaluation.byTag["nearmiss"] == IntentEvaluation.Tally(correct: 0, total: 1), "a wrong label counts as a miss")
        #expect(evaluation.smallTalk == IntentEvaluation.Tally(correct: 1, total: 1))
        #expect(evaluation.facts == IntentEvaluation.Tally(correct: 1, total: 2))
        #expect(evaluation.factMisses.map(\.missing) == [["999 999 999"]])
        #expect(evaluation.calibration.reduce(0) { $0 + $1.tally.total } == samples.count, "every answer falls in one bucket")
    }
}
