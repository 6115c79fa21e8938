@testable import CivicCore
import Testing

/// Found by the persona run: "mozna po ukrainsku?" was read as a question (and the form took it
/// for an answer), not as a request to switch the language. Lines are our own.
@Suite("Asking for a language in words")
struct LanguageRequestTests {
    static let requests: [(String, Language)] = [
        ("można po ukraińsku?", .uk), ("mozna po ukrainsku prosze", .uk), ("czy można po angielsku?", .en),
        ("a można mówić po ukraińsku?", .uk), ("can we speak Ukrainian?", .uk), ("could we talk in Ukrainian please?", .uk),
        ("can I write in Polish?", .pl), ("можна українською?", .uk), ("можна говорити українською?", .uk),
        ("чи можна українською?", .uk), ("можна англійською?", .en),
    ]

    @Test("outside a form, the conversation switches", arguments: requests)
    func switches(_ line: String, _ language: Language) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.language == language, "\(line): \(reply.text)")
        #expect(reply.text == Messages.languageSet[language], "\(line): \(reply.text)")
        // It stays: the next line in another language is still answered in it.
        #expect(try t.reply(language == .pl ? "where is the Civic Centre?" : "gdzie jest Centrum Obywatelskie?").language == language)
    }

    @Test("inside a sign-up, the question is asked again in that language; no answer is taken", arguments: requests)
    func insideForm(_ line: String, _ language: Language) throws {
        var t = Transcript()
        let start = try t.reply(language == .pl ? "sign me up for the Civic Centre" : "zapisz mnie do Centrum Obywatelskiego")
        #expect(start.expecting == "name")
        let reply = try t.reply(line)
        #expect(reply.language == language, "\(line): \(reply.text)")
        #expect(reply.expecting == "name", "\(line): \(reply.text)")
        #expect(reply.error == nil, "no failed answer: \(reply.text)")
        #expect(reply.text.contains(FormMessages.askName[language]), "\(reply.text)")
    }

    @Test("a question that only mentions a language is no request", arguments: [
        "czy szkolenie jest po ukraińsku?", "is the training in English?", "можна записатися українською мовою на навчання?",
    ])
    func mentionIsNoRequest(_ line: String) {
        #expect(Answers.languageRequest(words: TextNormalizer.tokens(line)) == nil, "\(line)")
    }
}
