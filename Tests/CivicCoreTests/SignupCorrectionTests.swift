import Testing
@testable import CivicCore

/// After a sign-up stored in this conversation, a wrong name, contact or district can be put
/// right: the corrected summary, a yes, storage's commit, then the confirmation with the code.
@Suite("Correcting a stored sign-up")
struct SignupCorrectionTests {
    /// ``Transcript/signedUpToCivicCentre()`` in English.
    static func signedUpInEnglish() throws -> Transcript {
        var t = Transcript()
        _ = try t.reply("sign me up for the Civic Centre")
        _ = try t.reply("John Smith, john@example.org")
        _ = try t.reply("yes")
        guard case .store = t.say("yes").first else { throw Transcript.TranscriptError.noReply }
        _ = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        #expect(t.session.language == .en)
        return t
    }

    /// The draft the shipped Civic Centre sign-up of ``Transcript/signedUpToCivicCentre()`` stored.
    static func storedDraft(_ t: Transcript) throws -> SignupDraft {
        try #require(t.session.conversation.signedUp?.draft)
    }

    @Test("a correction with the new contact shows the corrected summary; yes stores it; the code is confirmed", arguments: [
        "o kurcze, pomyliłem numer, poprawny to 601 234 576",
        "popraw numer na 601 234 576",
        "zły kontakt, mój numer to 601 234 576",
        "pomylilam sie w numerze, powinno byc 601234576",
    ])
    func contactWithValue(_ line: String) throws {
        var t = try Transcript.signedUpToCivicCentre()
        let stored = try Self.storedDraft(t)
        let summary = try t.ask(line)
        #expect(summary.intent == "signup")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("KR-7F3K"))
        #expect(summary.text.contains("+48 601 234 576"))
        #expect(!summary.text.contains("anna@example.org"))
        var corrected = stored
        corrected.contact = try #require(Contact(parsing: "601 234 576"))
        #expect(try t.request("tak") == .correctSignup(SignupCorrection(reference: "KR-7F3K", stored: stored, corrected: corrected)))
        let done = try t.complete(.signupCorrection(.corrected(reference: "KR-7F3K")))
        #expect(done.text == FormMessages.signupCorrected.format(.pl, ["reference": "KR-7F3K"]))
        #expect(t.session.expecting == nil)
        #expect(t.session.conversation.signedUp?.draft == corrected, "a next correction starts from the corrected sign-up")
    }

    @Test("the corrected summary says it is not stored yet; leaving before the yes says the sign-up stays as it was", arguments: [
        "dzięki, cześć", "ok, do widzenia", "muszę już lecieć, pozdrawiam",
    ])
    func leavingBeforeTheYes(_ line: String) throws {
        var t = try Transcript.signedUpToCivicCentre()
        let summary = try t.ask("popraw numer na 601 234 576")
        #expect(summary.text.contains("jeszcze niezapisana"), "\(summary.text)")
        let actions = t.say(line)
        let text = actions.compactMap { action -> String? in if case .reply(let reply, _, _) = action { return reply.text } else { return nil } }.joined(separator: "\n")
        #expect(!actions.contains { if case .store = $0 { return true } else { return false } }, "nothing is stored")
        #expect(text.contains(FormMessages.correctionDropped.format(.pl, ["reference": "KR-7F3K"])), "\(text)")
        #expect(!text.contains("nic nie zostało zapisane"), "the sign-up itself was stored: \(text)")
    }

    @Test("in English, with the new value", arguments: [
        "I gave the wrong number, it's 601 234 576",
        "change my e-mail to x@example.org",
        "sorry, wrong email, it should be x@example.org",
    ])
    func englishWithValue(_ line: String) throws {
        var t = try Self.signedUpInEnglish()
        let summary = try t.ask(line)
        #expect(summary.language == .en)
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("KR-7F3K"))
        #expect(summary.text.contains("Store this correction?"))
        #expect(!summary.text.contains("john@example.org"))
        guard case .correctSignup(let correction) = try t.request("yes") else {
            Issue.record("yes did not store the correction")
            return
        }
        #expect(correction.stored.contact == .email("john@example.org"))
        #expect(correction.corrected.name == "John Smith")
        #expect(try t.complete(.signupCorrection(.corrected(reference: "KR-7F3K"))).text.contains("KR-7F3K"))
    }

    @Test("in Ukrainian, with and without the new value", arguments: [
        ("я помилилася в номері, правильний 601 234 576", [String]()),
        ("виправте номер на 601 234 576", []),
        ("хочу змінити контакт", ["601 234 576"]),
    ])
    func ukrainian(_ line: String, _ answers: [String]) throws {
        var t = Transcript()
        _ = try t.reply("запишіть мене до Centrum Obywatelskie")
        _ = try t.reply("Олена Коваленко, olena@example.org")
        _ = try t.reply("так")
        guard case .store = t.say("так").first else { throw Transcript.TranscriptError.noReply }
        _ = t.session.complete(.signup(.saved(reference: "KR-7F3K")), catalogue: t.catalogue, at: t.time)
        var reply = try t.ask(line)
        for answer in answers { reply = try t.ask(answer) }
        #expect(reply.language == .uk)
        #expect(reply.expecting == "confirm")
        #expect(reply.text.contains("Зберегти це виправлення?"))
        #expect(reply.text.contains("+48 601 234 576"))
        guard case .correctSignup = try t.request("так") else {
            Issue.record("no correction stored")
            return
        }
        #expect(try t.complete(.signupCorrection(.corrected(reference: "KR-7F3K"))).text == FormMessages.signupCorrected.format(.uk, ["reference": "KR-7F3K"]))
    }

    @Test("a correction without a value asks for the field, then shows the summary", arguments: [
        (Language.pl, "zmień kontakt", "601 111 223"),
        (.pl, "chcę poprawić numer telefonu w moim zgłoszeniu", "601 111 223"),
        (.pl, "pomyliłam się w mailu", "anna.k@example.org"),
        (.en, "I need to change my phone number", "601 111 223"),
        (.en, "my email was wrong", "x@example.org"),
        (.en, "can I fix my contact?", "x@example.org"),
    ])
    func contactWithoutValue(_ language: Language, _ line: String, _ value: String) throws {
        var t = language == .pl ? try Transcript.signedUpToCivicCentre() : try Self.signedUpInEnglish()
        let asked = try t.ask(line)
        #expect(asked.expecting == "contact")
        #expect(asked.text == FormMessages.askCorrectedContact.format(language, ["reference": "KR-7F3K"]))
        let summary = try t.ask(value)
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains(Contact(parsing: value)!.description))
    }

    @Test("the name is corrected too, with or without the new one", arguments: [
        ("popraw nazwisko na Anna Nowak", [String]()),
        ("pomyliłam się w nazwisku, jestem Anna Nowak", []),
        ("zmień imię i nazwisko", ["Anna Nowak"]),
    ])
    func name(_ line: String, _ answers: [String]) throws {
        var t = try Transcript.signedUpToCivicCentre()
        var reply = try t.ask(line)
        for answer in answers { reply = try t.ask(answer) }
        #expect(reply.expecting == "confirm")
        #expect(reply.text.contains("Anna Nowak"))
        guard case .correctSignup(let correction) = try t.request("tak") else {
            Issue.record("no correction stored")
            return
        }
        #expect(correction.corrected.name == "Anna Nowak")
        #expect(correction.corrected.contact == .email("anna@example.org"), "the contact is unchanged")
    }

    @Test("the district of a programme with districts")
    func district() throws {
        var t = Transcript.fixture
        _ = try t.ask("zapisz mnie do Klubu Północnego")
        _ = try t.ask("Jan Nowak")
        _ = try t.ask("jan@example.org")
        _ = try t.ask("Górki")
        _ = try t.ask("tak")
        guard case .saveSignup = try t.request("tak") else {
            Issue.record("not stored")
            return
        }
        _ = try t.complete(.signup(.saved(reference: "KR-AB12")))
        let summary = try t.ask("pomyliłem dzielnicę, powinny być Dolinki")
        #expect(summary.expecting == "confirm")
        #expect(summary.text.contains("Dolinki"))
        guard case .correctSignup(let correction) = try t.request("tak") else {
            Issue.record("no correction stored")
            return
        }
        #expect(correction.stored.district == "Górki")
        #expect(correction.corrected.district == "Dolinki")
    }

    @Test("no at the corrected summary keeps the sign-up as it is; a change of mind stores nothing")
    func declined() throws {
        var t = try Transcript.signedUpToCivicCentre()
        _ = try t.ask("popraw numer na 601 234 576")
        #expect(try t.ask("nie").text == FormMessages.correctionDropped.format(.pl, ["reference": "KR-7F3K"]))
        #expect(t.session.expecting == nil)
        #expect(t.session.conversation.signedUp?.draft?.contact == .email("anna@example.org"))

        var u = try Transcript.signedUpToCivicCentre()
        _ = try u.ask("zmień kontakt")
        #expect(try u.ask("jednak nie, rozmyśliłam się").text == FormMessages.cancelled.pl)
    }

    @Test("storage's refusals are said: the contact is taken, the sign-up is gone, storage failed")
    func refusals() throws {
        var taken = try Transcript.signedUpToCivicCentre()
        _ = try taken.ask("popraw numer na 601 234 576")
        _ = try taken.request("tak")
        let reply = try taken.complete(.signupCorrection(.contactTaken))
        #expect(reply.text.hasPrefix("Tego kontaktu nie wpiszę"))
        #expect(taken.session.conversation.signedUp?.draft?.contact == .email("anna@example.org"), "nothing changed")

        var gone = try Transcript.signedUpToCivicCentre()
        _ = try gone.ask("popraw numer na 601 234 576")
        _ = try gone.request("tak")
        #expect(try gone.complete(.signupCorrection(.notFound)).text.contains("nie mogę już zmienić"))

        var failed = try Transcript.signedUpToCivicCentre()
        _ = try failed.ask("popraw numer na 601 234 576")
        _ = try failed.request("tak")
        let error = try failed.complete(.failed)
        #expect(error.error == .storageUnavailable)
        #expect(error.expecting == "confirm", "yes may be tried again")
    }

    @Test("a conversation that stored no sign-up cannot correct one: its code goes to staff", arguments: [
        (Language.pl, "pomyliłem numer w zgłoszeniu, poprawny to 601 234 576"),
        (.pl, "chcę poprawić numer telefonu w moim zgłoszeniu"),
        (.pl, "popraw numer na 601 111 223"),
        (.en, "I gave the wrong number in my sign-up, it's 601 234 576"),
        (.en, "please change the e-mail in my registration to x@example.org"),
        (.en, "I need to fix the phone number in my application"),
    ])
    func laterSession(_ language: Language, _ line: String) throws {
        var t = Transcript()
        let reply = try t.ask(line)
        #expect(reply.language == language)
        #expect(reply.text.hasPrefix(String(FormMessages.correctionElsewhere[language].prefix(30))))
        #expect(reply.text.contains("KR-7F3K"), "the shape of the code to quote")
        #expect(t.session.expecting == nil, "no form opened")
    }

    @Test("after the sign-up, other lines are no correction")
    func notCorrections() throws {
        var t = try Transcript.signedUpToCivicCentre()
        #expect(try t.ask("jaki jest mój kod referencyjny?").text.contains("KR-7F3K"))
        #expect(t.session.expecting == nil)
        #expect(try t.ask("a ile to kosztuje?").expecting == nil)
        #expect(try t.ask("dziękuję").intent == "thanks")
    }
}

@Suite("No correction of a stored sign-up at a kiosk")
struct KioskSignupCorrectionTests {
    @Test("the next person at the kiosk cannot bring the stored sign-up back", arguments: [
        "popraw numer na 601 234 576", "zmień kontakt", "I gave the wrong number, it's 601 234 576",
    ])
    func kioskRefersToStaff(_ line: String) throws {
        let token = "kiosk-token-0123456789"
        var t = Transcript(session: Session(kioskTokens: [token]))
        _ = t.say("/kiosk \(token)")
        _ = try t.reply("zapisz mnie do Centrum Obywatelskiego")
        _ = try t.reply("Anna Kowalska, anna@example.org")
        _ = try t.reply("tak")
        guard case .store = t.say("tak").first else { throw Transcript.TranscriptError.noReply }
        _ = t.session.complete(.signup(.saved(reference: "KR-Q9Z2")), catalogue: t.catalogue, at: t.time)
        let reply = try t.reply(line)
        #expect(!reply.text.contains("Anna Kowalska") && !reply.text.contains("anna@example.org") && !reply.text.contains("KR-Q9Z2"), "\(reply.text)")
        #expect(t.session.expecting == nil, "no correction form: \(reply.text)")
    }
}
