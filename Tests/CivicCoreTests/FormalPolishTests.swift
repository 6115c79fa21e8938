@testable import CivicCore
import Testing

/// The formal register ("Szanowni Państwo…"): every Polish text a resident can read, rewritten,
/// holds no "Ty" form; and a formal conversation stays formal.
@Suite("Formal Polish")
struct FormalPolishTests {
    /// Every message of the code a resident can read, in Polish.
    static let messages: [String] = [
        Messages.greeting.pl,
        Messages.help.pl,
        Messages.languageSet.pl,
        Messages.fallbackAgain.pl,
        Messages.fallbackStill[0].pl,
        Messages.fallbackStill[1].pl,
        Messages.fallbackSame[0].pl,
        Messages.fallbackSame[1].pl,
        Messages.languageYes.pl,
        Messages.russianYes.pl,
        Messages.languageNo.pl,
        Messages.introductionWelcome.pl,
        Messages.briefAlready.pl,
        Messages.alreadySignedUpHere.pl,
        Messages.afterSignup.pl,
        Messages.afterInterest.pl,
        Messages.organisersOnly.pl,
        Messages.nextEdition.pl,
        Messages.referenceCode.pl,
        Messages.referenceCodeElsewhere.pl,
        Messages.residentsInstead.pl,
        Messages.hasEndedAnswer.pl,
        Messages.referenceSuffix.pl,
        Messages.nothingToRepeat.pl,
        Messages.languageUsage.pl,
        Messages.formatSet.pl,
        Messages.formatUsage.pl,
        Messages.reset.pl,
        Messages.nothingToCancel.pl,
        Messages.kioskUsage.pl,
        Messages.signupOffer.pl,
        Messages.anythingElse.pl,
        Messages.goodbye.pl,
        Messages.unknownCommand.pl,
        Messages.lineTooLong.pl,
        Messages.badEncoding.pl,
        Messages.slowDown.pl,
        Messages.tookTooLong.pl,
        Messages.flood.pl,
        Messages.serverBusy.pl,
        Messages.idleWarning.pl,
        Messages.idleTimeout.pl,
        Messages.shuttingDown.pl,
        Messages.briefOn.pl,
        Messages.briefOff.pl,
        Messages.moreHint.pl,
        Messages.nothingMore.pl,
        FormMessages.askProgramme.pl,
        FormMessages.askName.pl,
        FormMessages.askContact.pl,
        FormMessages.askDistrict.pl,
        FormMessages.askConsent.pl,
        FormMessages.summary.pl,
        FormMessages.savedInterest.pl,
        FormMessages.saved.pl,
        FormMessages.alreadySignedUp.pl,
        FormMessages.signedUpInThisConversation.pl,
        FormMessages.noSecondSignup.pl,
        FormMessages.consentRefused.pl,
        FormMessages.signupNotConfirmed.pl,
        FormMessages.programmeNotForSignup.pl,
        FormMessages.invalidName.pl,
        FormMessages.nameAfterAssent.pl,
        FormMessages.invalidContact.pl,
        FormMessages.invalidChoice.pl,
        FormMessages.invalidYesNo.pl,
        FormMessages.tooManyAttempts.pl,
        FormMessages.cancelled.pl,
        FormMessages.cannotSkip.pl,
        FormMessages.consentReminder.pl,
        FormMessages.noteNotConfirmed.pl,
        FormMessages.noDistricts.pl,
        FormMessages.corrected.pl,
        FormMessages.correctedField.pl,
        FormMessages.nothingBack.pl,
        FormMessages.storageFailed.pl,
        FormMessages.loginUsage.pl,
        FormMessages.loggedIn.pl,
        FormMessages.loginFailed.pl,
        FormMessages.loginWait.pl,
        FormMessages.loginLocked.pl,
        FormMessages.askNoteDistrict.pl,
        FormMessages.askNoteDate.pl,
        FormMessages.invalidDate.pl,
        FormMessages.askNoteTopic.pl,
        FormMessages.askNoteConcerns.pl,
        FormMessages.concernsTooLong.pl,
        FormMessages.askRecontact.pl,
        FormMessages.askRecontactHow.pl,
        FormMessages.noteSummary.pl,
        FormMessages.noteSaved.pl,
        FormMessages.notLoggedIn.pl,
        FormMessages.askErasureReference.pl,
        FormMessages.askErasureContact.pl,
        FormMessages.invalidReference.pl,
        FormMessages.erasureRecorded.pl,
        FormMessages.askContactPerson.pl,
    ]

    /// Every Polish reply, ended notice and aspect of the shipped catalogue, rendered.
    static var catalogueTexts: [String] {
        let catalogue = ShippedCatalogue.catalogue
        let today = ShippedCatalogue.today
        var texts: [String] = []
        for intent in catalogue.intents {
            for (topic, template) in intent.replies {
                texts.append(catalogue.render(template.pl, language: .pl, today: today, topic: topic == Intent.defaultReply ? nil : topic))
            }
        }
        for topic in catalogue.topics {
            if let ended = topic.endedNotice { texts.append(catalogue.render(ended.pl, language: .pl, today: today, topic: topic.id)) }
            for aspect in topic.aspects { texts.append(catalogue.render(aspect.say.pl, language: .pl, today: today, topic: topic.id)) }
        }
        if let services = catalogue.cityServices {
            texts.append(catalogue.render(services.say.pl, language: .pl, today: today, topic: nil))
            for office in services.offices.values { texts.append(catalogue.render(office.pl, language: .pl, today: today, topic: nil)) }
        }
        if let places = catalogue.placeQuestions { texts.append(catalogue.render(places.say.pl, language: .pl, today: today, topic: nil)) }
        return texts
    }

    /// Words ending like a second-person verb that are none.
    static let notSecondPerson: Set<String> = ["też", "już", "jeszcze", "wasz", "nasz", "kosz", "grosz", "przez", "lecz", "coś", "gdzieś", "kiedyś", "ktoś", "dziś", "jakiś", "jakaś", "fundusz", "mateusz", "tusz", "kapelusz"]

    static func informalWords(in text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }.filter(FormalPolish.informalWords.contains)
    }

    @Test("no Polish text keeps a \"Ty\" form once rewritten")
    func everyText() {
        let texts = Self.messages + Self.catalogueTexts
        #expect(texts.count > 150)
        var informal = 0
        for text in texts {
            let formal = FormalPolish.rewrite(text)
            #expect(Self.informalWords(in: formal).isEmpty, "\(formal)")
            #expect(!formal.lowercased().contains("proszę proszę"), "\(formal)")
            // A second-person verb the table does not know yet ("pamiętasz", "zrobisz", "byłeś").
            let secondPerson = formal.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
                .filter { ($0.hasSuffix("sz") || $0.hasSuffix("eś") || $0.hasSuffix("aś")) && !Self.notSecondPerson.contains($0) }
            #expect(secondPerson.isEmpty, "\(secondPerson) in \(formal)")
            if !Self.informalWords(in: text).isEmpty { informal += 1 }
        }
        #expect(informal > 20, "the check sees the informal texts it rewrites")
    }

    @Test("phrases are rewritten as an office writes them", arguments: [
        ("Jak się nazywasz? Podaj imię i nazwisko.", "Proszę podać imię i nazwisko."),
        ("Chętnie Cię zapiszę! Napisz, do którego programu.", "Chętnie Państwa zapiszę! Proszę napisać, do którego programu."),
        ("Sprawdź, proszę:\n  program: X", "Proszę sprawdzić:\n  program: X"),
        ("zapytaj: Urząd Miasta Krosna", "proszę zapytać: Urząd Miasta Krosna"),
        ("Dają znać, że zadajesz", "Dają znać, że zadajesz"),
    ])
    func phrases(_ informal: String, _ formal: String) {
        #expect(FormalPolish.rewrite(informal) == formal)
    }

    @Test("a formal letter gets formal replies, in the form too", arguments: [
        "Szanowni Państwo, uprzejmie proszę o informację, jak zapisać się do Centrum Obywatelskiego.",
        "Dzień dobry, czy mogliby Państwo zapisać mnie do Centrum Obywatelskiego?",
        "Szanowny Panie, chciałabym się zapisać do Centrum Obywatelskiego w Krakowie.",
    ])
    func formalConversation(_ line: String) throws {
        var t = Transcript()
        let first = try t.reply(line)
        #expect(first.expecting == "name", "\(first.text)")
        #expect(Self.informalWords(in: first.text).isEmpty, "\(first.text)")
        let contact = try t.reply("Anna Kowalska")
        #expect(contact.text.contains("z Państwem"), "\(contact.text)")
    }

    @Test("an informal conversation stays informal")
    func informal() throws {
        var t = Transcript()
        let first = try t.reply("hej, chcę się zapisać do Centrum Obywatelskiego")
        #expect(first.expecting == "name")
        let contact = try t.reply("Anna Kowalska")
        #expect(contact.text.contains("z Tobą"), "\(contact.text)")
    }
}
