@testable import CivicCore
import Testing

/// Two mechanisms of the understanding, each with paraphrases of our own (never from an
/// evaluation set): a Ukrainian line with a Polish clause in it is read for that clause too, and
/// an aspect's words (`asks:` in topics.yml) are evidence for the intent that asks for it.
@Suite("Code-switched lines and aspects as evidence")
struct MixedLanguageTests {
    let matcher = ShippedCatalogue.catalogue.matcher

    @Test("a Ukrainian line with a Polish question in it is understood by the Polish words", arguments: [
        ("Скажіть будь ласка, ile kosztuje szkolenie?", IntentID.cost),
        ("Підкажіть мені будь ласка, kto finansuje ten projekt?", IntentID.funding),
        ("Вибачте будь ласка, do kiedy trzeba oddać raport?", IntentID.deadlines),
        ("Я дуже хочу zapisać się na szkolenie", IntentID.signup),
    ])
    func codeSwitched(_ line: String, _ intent: IntentID) {
        #expect(matcher.match(line).intent == intent, "\(matcher.match(line))")
    }

    @Test("Latin words beside Cyrillic ones are not read as transliterated Ukrainian")
    func mixedNotTransliterated() {
        #expect(matcher.transliterated(["скажіть", "ile", "kosztuje"]) == ["скажіть", "ile", "kosztuje"])
        // A line typed wholly in Latin letters still is.
        #expect(matcher.transliterated(["pryvit", "yak", "zapysatysia"]).allSatisfy { $0.unicodeScalars.contains(where: Cyrillic.isCyrillic) })
    }

    @Test("a programme's name alone in Latin letters is no Polish question", arguments: [
        "Розкажіть про Socially Organised", "Що таке Centrum Obywatelskie?",
    ])
    func nameAloneIsNoClause(_ line: String) {
        // Understood as the Ukrainian matcher reads it (`about`), not by the name alone.
        #expect(matcher.match(line).intent == .about, "\(matcher.match(line))")
    }

    @Test("who the trainers were is a question about the programme", arguments: [
        "kto był trenerem na szkoleniu w Krośnie?", "kim byli trenerzy w Krośnie?",
        "who were the trainers in Krosno?", "хто був тренером у Кросно?",
    ])
    func trainersAreAbout(_ line: String) {
        #expect(matcher.match(line).intent == .about, "\(matcher.match(line))")
    }

    @Test("an aspect's word counts only as typed: 'trainer' is not found in 'training'")
    func wholeWords() throws {
        let about = try #require(ShippedCatalogue.catalogue.matcher.match("who were the trainers in Krosno?").candidates.first)
        let training = ShippedCatalogue.catalogue.matcher.match("how long did the O.S. training in Krosno last?")
        #expect(about.intent == .about)
        #expect(training.candidates.first?.intent != .about, "\(training)")
    }

    @Test("an aspect that asks an unknown intent is refused with the reason")
    func unknownAsks() throws {
        let sources = ShippedCatalogue.sources.map { source -> CatalogueSource in
            guard source.name.hasSuffix("topics.yml") else { return source }
            return CatalogueSource(name: source.name, text: source.text.replacingOccurrences(of: "asks: services", with: "asks: parking"))
        }
        #expect(sources.contains { $0.text.contains("asks: parking") })
        let error = #expect(throws: CatalogueError.self) { try CatalogueLoader.load(sources) }
        #expect(error?.description.contains("asks unknown intent parking") == true, "\(String(describing: error))")
    }
}

/// `intents/polish.forms`: an inflected form goes to the catalogue word of its own lemma, never to
/// another word that happens to be closer by spelling.
@Suite("Polish word forms before spelling correction")
struct WordFormsTests {
    @Test("a form goes to its own lemma's word, where distance alone picks another")
    func formBeforeDistance() {
        let vocabulary = ["pracowac": 3, "planuje": 1]
        #expect(SpellingCorrector(vocabulary: vocabulary).correct("planowac") == "pracowac", "distance alone")
        let corrector = SpellingCorrector(vocabulary: vocabulary, forms: ["planowac": "planuje"])
        #expect(corrector.correct("planowac") == "planuje")
        #expect(corrector.correct("pracowac") == "pracowac", "a known word is itself")
        // A form whose word the catalogue does not know is corrected as before.
        #expect(SpellingCorrector(vocabulary: vocabulary, forms: ["planowac": "planowanie"]).correct("planowac") == "pracowac")
    }

    @Test("the shipped list takes inflected forms to the catalogue's word of their lemma", arguments: [
        ("kiedy planowac urlop", "planowac", "planuje"),
        ("ile osob przeszkolono w krosnie", "przeszkolono", "przeszkoleni"),
        ("gdzie sa te formularzami", "formularzami", "formularza"),
    ])
    func shipped(_ line: String, _ form: String, _ word: String) {
        let corrected = ShippedCatalogue.catalogue.matcher.correctedTokens(line)
        #expect(!corrected.contains(form) && corrected.contains(word), "\(corrected)")
    }

    @Test("a .forms line that is not a form and a word is refused with its line")
    func malformed() {
        let sources = ShippedCatalogue.sources + [CatalogueSource(name: "intents/extra.forms", text: "# comment\ntrenerem trener\ntrzy slowa tutaj\n")]
        let error = #expect(throws: CatalogueError.self) { try CatalogueLoader.load(sources) }
        #expect(error?.description.contains("extra.forms:3") == true, "\(String(describing: error))")
    }
}
