import Testing
@testable import CivicCore

/// The resident changes their mind, refuses the data, says goodbye or asks about the form itself
/// in the middle of it: the form lets them go, nothing stored, and real answers still count.
@Suite("Leaving a form, and asking about it, in words")
struct FormExitTests {
    /// The fixture's South Club sign-up, at the contact question, started in `language`.
    static func atContact(_ language: Language) throws -> Transcript {
        var t = Transcript.fixture
        switch language {
        case .pl:
            _ = try t.ask("zapisz mnie do Klubu Południowego")
            #expect(try t.ask("Anna Kowalska").expecting == "contact")
        case .en:
            _ = try t.ask("I want to sign up")
            #expect(try t.ask("South Club, my name is John Smith").expecting == "contact")
        case .uk:
            _ = try t.ask("хочу записатися")
            _ = try t.ask("Klub Południowy")
            #expect(try t.ask("Олена Коваленко").expecting == "contact")
        }
        #expect(t.session.language == language)
        return t
    }

    // MARK: - A change of mind, a refusal of the data

    @Test("a change of mind or a refusal at the contact question ends the form, nothing stored", arguments: [
        (Language.pl, "nie chce sie zapisywac"),
        (.pl, "wiesz co, jednak nie, rozmyslilam sie"),
        (.pl, "nie chcę podawać danych"),
        (.pl, "koniec"),
        (.pl, "Rozmyśliłem się, przepraszam."),
        (.pl, "zmieniłam zdanie, nie chcę"),
        (.en, "never mind"),
        (.en, "I changed my mind"),
        (.en, "forget it"),
        (.en, "I don't want to give my details"),
        (.en, "no thanks"),
        (.uk, "ні, передумала"),
        (.uk, "не хочу давати дані"),
        (.uk, "я передумав, вибачте"),
    ])
    func withdrawalAtContact(_ language: Language, _ line: String) throws {
        var t = try Self.atContact(language)
        let reply = try t.ask(line)
        #expect(reply.text == FormMessages.cancelled[language])
        #expect(reply.error == nil, "no rejected contact")
        #expect(t.session.expecting == nil)
        #expect(try t.ask("tak").intent != "signup", "the form is gone")
    }

    @Test("a change of mind ends the form at every step: name, district, consent, summary", arguments: [
        ("zapisz mnie do Klubu Północnego", [String](), "nie, jednak nie chcę"),
        ("zapisz mnie do Klubu Północnego", ["Jan Nowak", "jan@example.org"], "rozmyśliłem się"),
        ("zapisz mnie do Klubu Północnego", ["Jan Nowak", "jan@example.org", "Górki"], "wiesz co, jednak nie"),
        ("zapisz mnie do Klubu Północnego", ["Jan Nowak", "jan@example.org", "Górki", "tak"], "nie, rozmyśliłem się"),
        ("sign me up for the North Club", ["John Smith", "john@example.org"], "never mind, forget it"),
        ("sign me up for the North Club", ["John Smith", "john@example.org", "Dolinki", "yes"], "no, I changed my mind"),
    ])
    func withdrawalAnywhere(_ start: String, _ answers: [String], _ line: String) throws {
        var t = Transcript.fixture
        _ = try t.ask(start)
        for answer in answers { _ = try t.ask(answer) }
        let before = try #require(t.session.expecting)
        let reply = try t.ask(line)
        #expect(reply.text == FormMessages.cancelled[t.session.language], "at \(before)")
        #expect(t.session.expecting == nil)
    }

    @Test("the interview note and the erasure request end on a change of mind too")
    func otherForms() throws {
        var note = Transcript.fixture
        try note.logIn(Organiser(id: 7, name: "Ola"))
        _ = try note.ask("nowa notatka")
        _ = try note.ask("Dolinki")
        #expect(try note.ask("jednak nie, rezygnuję").text == FormMessages.cancelled.pl)
        #expect(note.session.expecting == nil)

        var erasure = Transcript()
        #expect(try erasure.ask("chcę usunąć moje dane").expecting == "reference")
        #expect(try erasure.ask("never mind").text == FormMessages.cancelled[erasure.session.language])
        #expect(erasure.session.expecting == nil)
    }

    @Test("a plain no to a yes-or-no question is still that question's answer")
    func plainNoAnswersYesNo() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        #expect(try t.ask("anna@example.org").expecting == "consent")
        #expect(try t.ask("nie, dziękuję").text == FormMessages.consentRefused.pl, "consent refused, as before")

        var summary = Transcript.fixture
        _ = try summary.ask("zapisz mnie do Klubu Południowego")
        _ = try summary.ask("Anna Kowalska")
        _ = try summary.ask("anna@example.org")
        _ = try summary.ask("tak")
        let no = try summary.ask("nie")
        #expect(no.text == FormMessages.signupNotConfirmed.pl, "the summary's no asks what to correct")
        #expect(no.expecting == "confirm")
    }

    // MARK: - Real answers that hold "nie"

    @Test("a real name, contact or district with 'nie' in it is taken, not a cancel", arguments: [
        ("Nie Anna", "name", "contact"),
        ("Anna Nie-Kowalska", "name", "contact"),
        ("nie mam maila, telefon 600 100 200", "contact", "district"),
        ("nie mail, tylko telefon: 600 100 200", "contact", "district"),
        ("jednak nie Górki, wolę Dolinki", "district", "consent"),
        ("nie wiem", "district", "consent"),
        ("nie podam", "district", "consent"),
    ])
    func realValuesStillTaken(_ line: String, _ slot: String, _ next: String) throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Północnego")
        if slot != "name" { _ = try t.ask("Jan Nowak") }
        if slot == "district" { _ = try t.ask("jan@example.org") }
        #expect(t.session.expecting == slot)
        let reply = try t.ask(line)
        #expect(reply.expecting == next, "\(line) is an answer to \(slot)")
        #expect(reply.text != FormMessages.cancelled.pl)
    }

    @Test("a no that is not a change of mind leaves the form open", arguments: [
        "nie, chcę się zapisać", "nie, nie rezygnuję", "no, I don't want to stop", "ні, не передумала",
    ])
    func negatedWithdrawal(_ line: String) throws {
        var t = try Self.atContact(.pl)
        let reply = try t.ask(line)
        #expect(reply.text != FormMessages.cancelled[t.session.language])
        #expect(t.session.expecting == "contact")
    }

    // MARK: - A bare no where a value is wanted

    @Test("a bare no at a question that wants a value asks, once, whether to stop; yes stops", arguments: [
        (Language.pl, "nie", "tak"), (.pl, "Nie.", "tak"), (.en, "no", "yes"), (.en, "nope", "yes please"), (.uk, "ні", "так"),
    ])
    func bareNoAsksToStop(_ language: Language, _ no: String, _ yes: String) throws {
        var t = try Self.atContact(language)
        let asked = try t.ask(no)
        #expect(asked.text == FormMessages.stopQuestion[language])
        #expect(asked.expecting == "contact", "no value was stored")
        #expect(asked.error == nil)
        let stopped = try t.ask(yes)
        #expect(stopped.text == FormMessages.cancelled[language])
        #expect(t.session.expecting == nil)
    }

    @Test("after 'Przerwać?' a no goes on with the question, and a value is the answer", arguments: [Language.pl, .en])
    func bareNoThenGoOn(_ language: Language) throws {
        var t = try Self.atContact(language)
        _ = try t.ask(language == .pl ? "nie" : "no")
        let goOn = try t.ask(language == .pl ? "nie" : "no")
        #expect(goOn.text.hasPrefix(FormMessages.goingOn[language]))
        #expect(goOn.text.contains(FormMessages.askContact[language]))
        #expect(goOn.expecting == "contact")

        var u = try Self.atContact(language)
        _ = try u.ask(language == .pl ? "nie" : "no")
        #expect(try u.ask("600 100 200").expecting == "consent", "the contact, given instead, is taken")
    }

    // MARK: - The first rejected answer says how to stop

    @Test("the first rejected value already says how to stop", arguments: [
        (Language.pl, "anna(at)example", "„anuluj”"), (.en, "john at example", "\"cancel\""), (.uk, "мій номер 12", "«скасувати»"),
    ])
    func firstRejectionSaysHowToStop(_ language: Language, _ bad: String, _ word: String) throws {
        var t = try Self.atContact(language)
        let rejected = try t.ask(bad)
        #expect(rejected.error == .invalidValue)
        #expect(rejected.text.hasPrefix(FormMessages.invalidContact[language]))
        #expect(rejected.text.contains(word))
        let second = try t.ask(bad)
        #expect(!second.text.contains(FormMessages.howToStop[language]), "said once, not with every rejection")
    }

    // MARK: - A goodbye inside a form

    @Test("a goodbye or thanks-and-goodbye in a form ends it: nothing stored, goodbye, closed", arguments: [
        (Language.pl, "ok dzięki, pozdrawiam"),
        (.pl, "dziękuję, pozdrawiam serdecznie"),
        (.pl, "dzieki, do widzenia"),
        (.en, "ok thanks, bye"),
        (.en, "thanks, regards"),
        (.en, "thank you, that's all"),
        (.uk, "дякую, до побачення"),
        (.uk, "дякую, з повагою"),
    ])
    func goodbyeInForm(_ language: Language, _ line: String) throws {
        var t = try Self.atContact(language)
        let actions = t.say(line)
        guard case .reply(let reply, _, let prompt)? = actions.first else {
            Issue.record("no reply to \(line): \(actions)")
            return
        }
        #expect(reply.intent == "goodbye")
        #expect(reply.text.hasPrefix(FormMessages.cancelled[language]), "says that nothing was stored")
        #expect(!prompt)
        #expect(actions.last == .close)
        #expect(t.session.isClosed)
    }

    // MARK: - "Is what I typed saved?"

    @Test("asked inside the form whether anything is stored: not yet, and the question again", arguments: [
        (Language.pl, "czy to co wpisałam zostało gdzieś zapisane?"),
        (.pl, "czy już to zapisałeś?"),
        (.pl, "a moje dane są już zapisane?"),
        (.en, "is what I typed saved?"),
        (.en, "have you stored my details already?"),
        (.en, "is this recorded anywhere?"),
        (.uk, "чи збережено те, що я написала?"),
        (.uk, "ви вже зберегли мої дані?"),
    ])
    func askedWhetherSaved(_ language: Language, _ line: String) throws {
        var t = try Self.atContact(language)
        let reply = try t.ask(line)
        #expect(reply.text.hasPrefix(FormMessages.nothingSavedYet[language]))
        #expect(reply.text.contains(FormMessages.askContact[language]), "the question is asked again")
        #expect(reply.expecting == "contact")
        #expect(!reply.text.contains(FormMessages.noSecondSignup[language]), "not the line about duplicates")
    }

    @Test("asked at the summary whether it is stored: not yet, and the summary again")
    func askedWhetherSavedAtSummary() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Południowego")
        _ = try t.ask("Anna Kowalska")
        _ = try t.ask("anna@example.org")
        _ = try t.ask("tak")
        let reply = try t.ask("a mogę zobaczyć co zapisaliście?")
        #expect(reply.text.hasPrefix(FormMessages.nothingSavedYet.pl))
        #expect(reply.text.contains("anna@example.org"), "the summary is what would be stored")
        #expect(reply.expecting == "confirm")
        guard case .saveSignup(let draft) = try t.request("tak") else {
            Issue.record("yes did not store the sign-up")
            return
        }
        #expect(draft.contact == .email("anna@example.org"))
    }

    @Test("in a second sign-up form, 'am I signed up already?' is about the sign-up stored here")
    func askedAfterStoredSignup() throws {
        var t = try Transcript.signedUpToCivicCentre()
        #expect(try t.ask("chcę się zapisać").expecting != nil)
        let reply = try t.ask("czy już jestem zapisana?")
        #expect(reply.text.contains("KR-7F3K"), "the sign-up this conversation stored, not 'nothing stored yet'")
        #expect(!reply.text.hasPrefix(FormMessages.nothingSavedYet.pl))
    }

    @Test("the erasure request says when it is recorded")
    func askedWhetherSavedInErasure() throws {
        var t = Transcript()
        _ = try t.ask("chcę usunąć moje dane")
        let reply = try t.ask("czy coś już zapisałeś?")
        #expect(reply.text.hasPrefix(FormMessages.nothingSavedYetErasure.pl))
        #expect(reply.expecting == "reference")
    }
}

/// At the summary of the sign-up a question is answered, as at any other question of the form,
/// and the summary asked again; yes, no and corrections are still read there.
@Suite("Questions at the sign-up's summary")
struct SummaryQuestionTests {
    static func atSummary(_ language: Language) throws -> Transcript {
        var t = Transcript()
        if language == .pl {
            _ = try t.ask("zapisz mnie do Centrum Obywatelskiego")
            _ = try t.ask("Anna Kowalska, anna@example.org")
            #expect(try t.ask("tak").expecting == "confirm")
        } else if language == .uk {
            _ = try t.ask("запишіть мене до Centrum Obywatelskie")
            _ = try t.ask("Олена Коваленко, olena@example.org")
            #expect(try t.ask("так").expecting == "confirm")
        } else {
            _ = try t.ask("sign me up for the Civic Centre")
            _ = try t.ask("John Smith, john@example.org")
            #expect(try t.ask("yes").expecting == "confirm")
        }
        return t
    }

    @Test("what happens after confirming is said, and the summary asked again", arguments: [
        (Language.pl, "i co teraz? kiedy ktoś się odezwie?"),
        (.pl, "a co dalej?"),
        (.pl, "kiedy zadzwonicie?"),
        (.en, "what happens next?"),
        (.en, "when will someone contact me?"),
        (.en, "and what now, will you call me?"),
        (.uk, "що далі?"),
        (.uk, "а коли мені зателефонують?"),
    ])
    func whatNext(_ language: Language, _ line: String) throws {
        var t = try Self.atSummary(language)
        let reply = try t.ask(line)
        #expect(reply.text.hasPrefix(FormMessages.whatHappensAfterConfirming[language]))
        #expect(reply.expecting == "confirm")
        #expect(!reply.text.contains(FormMessages.invalidYesNo[language]))
        #expect(reply.error == nil)
    }

    @Test("a question about the programme is answered at the summary, then the summary again", arguments: [
        (Language.pl, "a ile to kosztuje?"),
        (.pl, "gdzie jest centrum obywatelskie?"),
        (.en, "how much does it cost?"),
        (.en, "where is the civic centre?"),
    ])
    func programmeQuestion(_ language: Language, _ line: String) throws {
        var t = try Self.atSummary(language)
        let reply = try t.ask(line)
        #expect(reply.expecting == "confirm")
        #expect(reply.error == nil, "not told to answer yes or no")
        #expect(!reply.text.contains(FormMessages.invalidYesNo[language]))
        #expect(reply.text.contains("Reymonta") || reply.text.lowercased().contains("bezpłat") || reply.text.lowercased().contains("free"),
                "the answer comes first: \(reply.text)")
        #expect(reply.text.contains(language == .pl ? "anna@example.org" : "john@example.org"), "then the summary")
    }

    @Test("yes, no and a new value are still read at the summary")
    func answersStillRead() throws {
        var yes = try Self.atSummary(.pl)
        guard case .saveSignup = try yes.request("tak") else {
            Issue.record("yes did not store")
            return
        }
        var no = try Self.atSummary(.pl)
        #expect(try no.ask("nie").text == FormMessages.signupNotConfirmed.pl)
        var changed = try Self.atSummary(.pl)
        let corrected = try changed.ask("nie, mój mail to anna.nowak@example.org")
        #expect(corrected.text.contains("anna.nowak@example.org"))
        #expect(corrected.expecting == "confirm")
    }
}
