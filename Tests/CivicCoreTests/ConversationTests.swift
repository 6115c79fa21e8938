import Foundation
import Testing
@testable import CivicCore

@Suite("Conversation context and facts")
struct ConversationTests {
    @Test("a follow-up after talking about Centrum Obywatelskie answers for Kraków")
    func followUpPolish() throws {
        var transcript = Transcript()
        let first = try transcript.reply("co to jest Centrum Obywatelskie?")
        #expect(first.intent == "about")
        let followUp = try transcript.reply("a gdzie to jest?")
        #expect(followUp.intent == "contact")
        #expect(followUp.text.contains("Reymonta 20"), "\(followUp.text)")
    }

    @Test("what's the phone? after the Centrum Obywatelskie answers for it")
    func followUpEnglish() throws {
        var transcript = Transcript()
        _ = try transcript.reply("Tell me about the Centrum Obywatelskie in Krakow")
        let followUp = try transcript.reply("what's the phone?")
        #expect(followUp.intent == "contact")
        #expect(followUp.text.contains("co.krakow.pl"), "\(followUp.text)")
        #expect(followUp.language == .en)
    }

    @Test("a city-dependent question without a city gives all or asks which, with choices")
    func noCityYet() throws {
        var transcript = Transcript()
        let reply = try transcript.reply("jaki jest numer telefonu?")
        #expect(reply.intent == "contact")
        #expect(!reply.choices.isEmpty)
        #expect(reply.text.contains("13 47 430 01") || reply.text.contains("?"))
    }

    @Test("naming a city re-asks the last question for it")
    func cityFollowUp() throws {
        var transcript = Transcript()
        _ = try transcript.reply("ile to kosztuje?")
        let reply = try transcript.reply("a w Krakowie?")
        #expect(reply.intent == "cost")
        #expect(transcript.session.conversation.topic == "centrum_obywatelskie")
    }

    struct FactQuestion: Decodable, Sendable, CustomTestStringConvertible {
        var text: String
        var lang: String
        var expect: [String]
        var testDescription: String { text }
    }

    static let factQuestions: [FactQuestion] = {
        let text = (try? Fixtures.text("fact_questions.jsonl")) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(FactQuestion.self, from: Data($0.utf8)) }
    }()

    @Test("every seed fact is answerable in both languages", arguments: factQuestions)
    func factAnswered(_ question: FactQuestion) throws {
        var transcript = Transcript()
        let reply = try transcript.reply(question.text)
        #expect(reply.language.rawValue == question.lang)
        for expected in question.expect {
            #expect(reply.text.contains(expected), "\(question.text) → [\(reply.intent ?? "-")] \(reply.text)")
        }
    }

    @Test("the fact questions cover every fact, in Polish and in English")
    func factCoverage() throws {
        let catalogue = ShippedCatalogue.catalogue
        #expect(Self.factQuestions.count >= 2 * 20)
        for language in Language.allCases {
            let expected = Self.factQuestions.filter { $0.lang == language.rawValue }.flatMap(\.expect)
            // The review notice is shown only with review.keep_unanswered on: ReviewTests checks it.
            for fact in catalogue.facts.values where ![FactPath.privacyReview, .privacyReviewNotice].contains(FactPath(fact.path)) {
                let rendered = fact.value.rendered(in: language, today: ShippedCatalogue.today, relative: false)
                #expect(expected.contains { $0.contains(rendered) || rendered.contains($0) },
                        "no \(language.rawValue) question reaches \(fact.path) (\(rendered))")
            }
        }
    }
}
