@testable import CivicCore
import Testing

/// Issue 15, items 5–7: language requests, languages we do not speak, repeated fallbacks,
/// "powtórz", replies a terminal can hold.
@Suite("Conversation: language, repetition, fallbacks, terminals")
struct ConversationFlowTests {
    @Test("a request for a language switches to it and says so", arguments: [
        ("in English please", Language.en), ("can we continue in English?", .en), ("do you speak English?", .en),
        ("po angielsku proszę", .en), ("po polsku proszę", .pl), ("czy możemy rozmawiać po polsku", .pl), ("Polish please", .pl),
    ])
    func languageRequest(_ line: String, _ language: Language) throws {
        var t = Transcript(session: Session(language: language == .pl ? .en : .pl))
        let reply = try t.reply(line)
        #expect(reply.language == language)
        #expect(reply.text == Messages.languageSet[language])
        #expect(reply.intent == nil, "not the fallback")
        let next = try t.reply("dzień dobry")
        #expect(next.language == language, "chosen for good, as with /lang")
    }

    @Test("a question about a language is no request", arguments: ["is the training in English?", "czy szkolenie jest po angielsku?", "pl"])
    func notALanguageRequest(_ line: String) {
        #expect(Answers.languageRequest(words: TextNormalizer.tokens(line)) == nil)
    }

    @Test("in a form, a language request asks the form's question again in that language")
    func languageRequestInForm() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        let again = try t.ask("in English please")
        #expect(again.expecting == "name")
        #expect(again.language == .en)
        #expect(again.text.hasPrefix(Messages.languageSet[.en]))
    }

    @Test("a language we do not speak gets one short reply in it, and in Polish, English and Ukrainian", arguments: [
        ("Guten Tag, wie kann ich mich anmelden?", ForeignLanguage.german),
        ("Bonjour, comment je peux m'inscrire?", .french),
        ("Hola, ¿cómo puedo inscribirme?", .spanish),
        ("Ciao, come posso iscrivermi?", .italian),
    ])
    func foreignLanguage(_ line: String, _ language: ForeignLanguage) throws {
        #expect(ForeignLanguage.detect(line) == language)
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.text.hasPrefix(language.languagesSpoken))
        #expect(reply.text.contains("Mówię po polsku, angielsku i ukraińsku"))
        #expect(reply.text.contains("I speak Polish, English and Ukrainian"))
    }

    @Test("Polish and English, even without diacritics or with a foreign word, are not foreign", arguments: [
        "czy moge sie zapisac na szkolenie", "a we wroclawiu tez?", "how much does the training cost", "ile kosztuje kurs, merci",
    ])
    func notForeign(_ line: String) {
        #expect(ForeignLanguage.detect(line) == nil)
    }

    @Test("the second fallback in a row is short and offers a person; an answer in between starts again")
    func repeatedFallbacks() throws {
        var t = Transcript.fixture
        let first = try t.ask("jaka będzie pogoda")
        #expect(first.text == "NIE WIEM")
        #expect(first.choices.isEmpty, "the fallback offers no programmes as choices")
        let second = try t.ask("kto wygrał mecz")
        #expect(second.intent == "fallback")
        #expect(second.text.hasPrefix("Tego też nie wiem"))
        #expect(second.text.contains("ZADZWOŃ"), "whom to ask, from the human intent")
        #expect(second.text.count < 120)
        _ = try t.ask("jak mogę dołączyć do Klubu Południowego?")
        _ = try t.ask("nie")
        #expect(try t.ask("przepis na pierogi").text == "NIE WIEM")
    }

    @Test("\"powtórz\" says the last reply again; in a form, its question; never the previous resident's after /reset")
    func repeatLast() throws {
        var t = Transcript.fixture
        #expect(try t.ask("powtórz").text == Messages.nothingToRepeat[.pl])
        let answer = try t.ask("jak mogę dołączyć do Klubu Południowego?")
        #expect(try t.ask("nie").intent == nil)
        let start = try t.ask("zapisz mnie do Klubu Południowego")
        #expect(try t.ask("powtórz").expecting == start.expecting)
        _ = try t.ask("/anuluj")
        let again = try t.ask("repeat please")
        #expect(again.text == FormMessages.cancelled[.pl])
        _ = try t.ask("/reset")
        #expect(try t.ask("powtórz").text == Messages.nothingToRepeat[.pl], "a kiosk's next resident sees nothing of this one")
        #expect(!answer.text.isEmpty)
    }

    @Test("text mode wraps at word boundaries to the width; JSON is never wrapped")
    func wrapping() {
        let text = "Szkolenie jest bezpłatne dla mieszkańców Krosna i okolic, a zapisy trwają do końca miesiąca.\nDrugi wiersz."
        let wrapped = TextWrap.wrap(text, width: 30)
        #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 30 })
        #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == text.replacingOccurrences(of: "\n", with: " "), "only spaces become line breaks")
        #expect(TextWrap.wrap("krótko", width: 30) == "krótko")
        let long = String(repeating: "x", count: 50)
        #expect(TextWrap.wrap("a \(long) b", width: 30) == "a\n\(long)\nb", "a longer word stands alone, uncut")
        let reply = Reply(text: text, language: .pl)
        #expect(ReplyRenderer.render(reply, format: .json, prompt: false, width: 30).filter { $0 == "\n" }.count == 1)
        let lines: [Substring] = ReplyRenderer.render(reply, format: .text, prompt: true, width: 30).split(separator: "\n")
        #expect(lines.dropLast().allSatisfy { $0.count <= 30 })
    }

    @Test("the idle warning starts on a line of its own, after the prompt already shown")
    func idleWarningOnItsOwnLine() throws {
        var t = Transcript()
        _ = t.start()
        t.wait(seconds: 540)
        guard case .reply(let warning, let format, let prompt)? = t.session.idleTick(at: t.time).first else {
            Issue.record("no warning")
            return
        }
        let rendered = ReplyRenderer.render(warning, format: format, prompt: prompt, width: 78)
        #expect(rendered.hasPrefix("\n"))
        #expect(rendered.hasSuffix("\n> "))
        guard case .reply(let answer, _, _)? = t.say("/help").first else {
            Issue.record("no reply")
            return
        }
        #expect(!ReplyRenderer.render(answer, format: .text, prompt: true).hasPrefix("\n"), "an answer follows the resident's own line")
    }

    @Test("the shipped sign-up shows the privacy notice once, at the consent question", arguments: [
        ("zapisz mnie do Centrum Obywatelskiego", "Anna Kowalska, anna@example.org"),
        ("sign me up for the Civic Centre please", "Anna Kowalska, anna@example.org"),
    ])
    func noticeOnce(_ start: String, _ details: String) throws {
        var t = Transcript()
        let notice = try #require(t.catalogue.fact(.privacyNotice))
        var texts: [String] = []
        var reply = try t.reply(start)
        texts.append(reply.text)
        while reply.expecting != "consent" {
            reply = try t.reply(reply.expecting == "district" ? "pomiń" : details)
            texts.append(reply.text)
            if texts.count > 5 { break }
        }
        let shown = notice.value.rendered(in: reply.language, today: t.today, relative: false)
        #expect(texts.filter { $0.contains(shown) }.count == 1, "shown once")
        #expect(texts.last?.contains(shown) == true, "at the consent question")
    }

    @Test("the commands asked for in words", arguments: ["jakie są komendy?", "a jakie polecenia mogę wpisać?", "what commands are there?"])
    func commandsInWords(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.text.contains("/lang"))
        #expect(reply.text.contains("/quit") || reply.text.contains("/koniec"))
    }
}
