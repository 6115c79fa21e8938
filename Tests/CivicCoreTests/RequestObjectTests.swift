@testable import CivicCore
import Testing

/// The object check of request intents (`objects:` in `intents/`, issue 14 item 3): a short
/// sign-up, join, contact or funding request whose object is someone else's is out of scope,
/// while our own requests keep their intent. Paraphrases of our own, never from an evaluation set.
@Suite("Request objects")
struct RequestObjectTests {
    let catalogue = ShippedCatalogue.catalogue

    @Test("a request for someone else's thing is out of scope", arguments: [
        // Polish
        "kontakt do apteki",
        "kontakt do poczty",
        "chcę się zapisać na basen",
        "kto finansuje basen",
        // English
        "how can I join the football team",
        "contact details of the museum",
        "who funds the museum",
        "can my firm get Norway Grants",
        // Ukrainian
        "контакт школи",
        "як приєднатися до басейну",
        "хто фінансує лікарню",
        "запишіть мене до лікаря",
    ])
    func otherObject(_ line: String) {
        var unchecked = catalogue.matcher
        unchecked.checksRequestObjects = false
        #expect(unchecked.match(line).intent != .fallback, "the check is what sends it to the fallback")
        #expect(catalogue.matcher.match(line).intent == .fallback)
    }

    @Test("our own requests keep their intent", arguments: [
        ("zapisz mnie na szkolenie", IntentID.signup),
        ("jak dołączyć do koalicji sąsiedzkiej we Wrocławiu", .join),
        ("chcę się zapisać", .signup),
        ("how do I sign up", .signup),
        ("kontakt do urzędu miasta Krosna", .contact),
        ("can my NGO join the coalition", .join),
        ("хто фінансує проєкт", .funding),
        ("як записатися на навчання", .signup),
        ("телефон міської ради Кросна", .contact),
    ])
    func ours(_ line: String, _ intent: IntentID) {
        #expect(catalogue.matcher.match(line).intent == intent)
    }

    @Test("a word of ours for what we offer outweighs a word of someone else's")
    func ourObjectWins() {
        // "psa" is a word of the out-of-scope examples; "rozmowy" names the listening campaign's conversations.
        #expect(catalogue.matcher.match("zapisz mnie na rozmowy, mam psa i czas").intent == .signup)
    }

    @Test("chat names no object", arguments: [
        ("sign me up yeah", IntentID.signup),
        ("gimme ur email pls", .contact),
    ])
    func chatter(_ line: String, _ intent: IntentID) {
        #expect(catalogue.matcher.match(line).intent == intent)
    }

    @Test("an object word's inflected forms share its beginning, a look-alike does not")
    func prefixes() {
        #expect(IntentMatcher.objectPrefix("szkolenie") == "szkolen")
        #expect("szkoleniu".hasPrefix(IntentMatcher.objectPrefix("szkolenie")))
        #expect(!"szkoly".hasPrefix(IntentMatcher.objectPrefix("szkolenie")))
        #expect(IntentMatcher.objectPrefix("kurs") == "kurs")
    }

    @Test("the loader reads objects:")
    func loader() throws {
        let signup = try #require(catalogue.intent(.signup))
        #expect(signup.objects.contains("szkolenie"))
        #expect(catalogue.intent(.about)?.objects.isEmpty == true)
    }
}
