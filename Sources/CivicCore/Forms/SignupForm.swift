/// The sign-up form: programme, name, organisation (for programmes NGOs sign up to), contact,
/// district (for programmes that have districts), consent, then confirmation after a summary. Answers may come out of order or together
/// ("Jestem Anna Kowalska, anna@example.org"); a field can be corrected, the form can go back,
/// the district can be skipped, and `/anuluj` leaves it.
public struct SignupForm: Sendable, Equatable {
    public enum Slot: String, Sendable, Equatable, CaseIterable {
        case programme, name, organisation, contact, district, consent, confirm
    }

    public private(set) var slot: Slot = .programme
    private(set) var programme: String?
    private(set) var name: String?
    /// On whose behalf: asked for programmes with `organisations: true` (nil with
    /// `organisationSkipped` when the person signs up for themselves); for any programme, kept
    /// when the name question was answered with an organisation's name.
    private(set) var organisation: String?
    private var organisationSkipped = false
    private(set) var contact: Contact?
    private(set) var district: String?
    private var districtSkipped = false
    private var consented = false
    private var visited: [Slot] = []
    /// The programme whose ended notice has been said: it is said once, not with every question.
    private var noticeSaidFor: String?
    private var attempts = AttemptCounter()

    /// Starts the form; the programme is skipped when the conversation already named one open for sign-up.
    public init(topic: String?, catalogue: Catalogue) {
        if let topic, catalogue.topic(topic)?.signup == true {
            programme = topic
        }
        slot = nextSlot(catalogue: catalogue)
    }

    /// The question for the current slot. For a programme that has ended, the notice comes
    /// first, before anything is collected — until it has been said (``asked(_:)``).
    public func question(_ context: FormContext) -> FormStep {
        ask(slot, context, error: nil, prefix: noticeSaidFor != programme ? endedNotice(context) : nil)
    }

    /// The question, as asked now: the ended notice it holds is not said again.
    public mutating func asked(_ context: FormContext) -> FormStep {
        let step = question(context)
        noteNoticeSaid(context)
        return step
    }

    /// The question alone, for a caller that says the ended notice itself.
    mutating func questionWithoutNotice(_ context: FormContext) -> FormStep {
        noteNoticeSaid(context)
        return ask(slot, context, error: nil, prefix: nil)
    }

    private mutating func noteNoticeSaid(_ context: FormContext) {
        if endedNotice(context) != nil { noticeSaidFor = programme }
    }

    /// Handles one answer. When it names an ended programme whose notice has not been said, the
    /// notice comes with the next question — once.
    public mutating func handle(_ text: String, _ context: FormContext) -> FormStep {
        let step = answer(text, context)
        guard let programme, noticeSaidFor != programme, let notice = endedNotice(context),
              case .ask(let question, let expecting, let choices, let error) = step else { return step }
        noticeSaidFor = programme
        return question.contains(notice) ? step : .ask(text: notice + "\n" + question, expecting: expecting, choices: choices, error: error)
    }

    /// What the resident is told about a programme whose stages have all passed (from intents/).
    func endedNotice(_ context: FormContext) -> String? {
        guard let programme, context.catalogue.hasEnded(programme, today: context.today),
              let notice = context.catalogue.topic(programme)?.endedNotice else { return nil }
        return context.catalogue.render(notice[context.language], language: context.language, today: context.today, topic: programme)
    }

    private mutating func answer(_ text: String, _ context: FormContext) -> FormStep {
        if Answers.isBack(text) {
            guard let previous = visited.popLast() else {
                return ask(slot, context, error: nil, prefix: FormMessages.nothingBack[context.language])
            }
            clear(previous)
            slot = previous
            attempts.reset()
            return question(context)
        }
        if let correction = Answers.correction(text, fields: Self.fieldWords), let step = correct(correction, text, context) {
            return step
        }
        if Answers.isSkip(text) {
            switch slot {
            case .district: districtSkipped = true
            case .organisation: organisationSkipped = true
            default: return ask(slot, context, error: .invalidValue, prefix: FormMessages.cannotSkip[context.language])
            }
            return advance(context)
        }

        // Out of order: take whatever the message gives, whatever is being asked.
        let before = (programme, name, contact, district, organisation)
        extract(from: text, context)
        let gaveCurrent: Bool
        switch slot {
        case .programme: gaveCurrent = programme != nil && before.0 == nil
        case .name: gaveCurrent = name != nil && before.1 == nil
        case .organisation: gaveCurrent = organisation != nil && before.4 == nil
        case .contact: gaveCurrent = contact != nil && before.2 == nil
        case .district: gaveCurrent = district != nil && before.3 == nil
        case .consent, .confirm: gaveCurrent = false
        }
        if gaveCurrent { return advance(context) }

        let language = context.language
        switch slot {
        case .programme:
            let choices = signupTopics(context.catalogue)
            let names = choices.map { topicName($0, context) }
            if let index = Answers.choice(text, among: names) {
                programme = choices[index]
                return advance(context)
            }
            if let named = context.catalogue.matcher.mentions(in: text).topic, context.catalogue.topic(named)?.signup != true {
                return attempts.reject(FormMessages.programmeNotForSignup.format(language, ["choices": names.joined(separator: ", ")]),
                                       expecting: slot.rawValue, choices: names, context: context)
            }
            return attempts.reject(FormMessages.invalidChoice.format(language, ["choices": names.joined(separator: ", ")]),
                                   expecting: slot.rawValue, choices: names, context: context)
        case .name:
            if let organisation, organisation != before.4 {
                // An organisation's name, and no person's: keep it, ask for the contact person.
                return .ask(text: FormMessages.askContactPerson.format(language, ["organisation": organisation]),
                            expecting: slot.rawValue, choices: [], error: nil)
            }
            if Answers.isBareAssent(text, language: language) {
                // "tak", "ok": the resident agrees to go on; no name yet, and no failed attempt.
                return ask(slot, context, error: nil, prefix: FormMessages.nameAfterAssent[language])
            }
            guard !text.contains("@"), let plain = nameAnswer(text, context) else {
                return attempts.reject(FormMessages.invalidName[language], expecting: slot.rawValue, choices: [], context: context)
            }
            name = plain
            return advance(context)
        case .organisation:
            // The contact, if the line gave one too, was taken above: read what is left.
            let rest = Contact.locate(in: text)?.rest ?? text
            switch OrganisationAnswer.read(rest) {
            case .none?:
                organisationSkipped = true
                return advance(context)
            case .named(let named)?:
                organisation = named
                return advance(context)
            case nil:
                return attempts.reject(FormMessages.invalidOrganisation[language], expecting: slot.rawValue,
                                       choices: [skipWord(language)], context: context)
            }
        case .contact:
            guard let parsed = Contact(parsing: text) else {
                return attempts.reject(FormMessages.invalidContact[language], expecting: slot.rawValue, choices: [], context: context)
            }
            contact = parsed
            return advance(context)
        case .district:
            let districts = districtChoices(context.catalogue)
            guard let index = Answers.choice(text, among: districts) else {
                return attempts.reject(FormMessages.invalidChoice.format(language, ["choices": districts.joined(separator: ", ")]),
                                       expecting: slot.rawValue, choices: districts + [skipWord(language)], context: context)
            }
            district = districts[index]
            return advance(context)
        case .consent:
            switch Answers.consent(text, language: language) {
            case true?:
                consented = true
                return advance(context)
            case false?:
                return .finished(text: FormMessages.consentRefused[language])
            case nil:
                // The notice was shown once; a one-line reminder names its version.
                return attempts.reject(FormMessages.consentReminder.format(language, ["version": fact(.privacyVersion, context)]),
                                       expecting: slot.rawValue, choices: yesNoChoices(language), context: context)
            }
        case .confirm:
            let answer = Answers.yesNo(text, language: language)
            // "nie, mój mail to anna.nowak@example.org" reads as a no, but it carries the new value.
            if answer != true, TextNormalizer.tokens(text).count > 1, let step = correct(Answers.Correction(field: nil), text, context) { return step }
            switch answer {
            case true?:
                guard let draft = draft(context) else { return question(context) }
                return .store(.saveSignup(draft), expecting: slot.rawValue)
            case false?:
                return .ask(text: FormMessages.signupNotConfirmed[language], expecting: slot.rawValue,
                            choices: correctionChoices(language), error: nil)
            case nil:
                // A new contact, district or programme typed at the summary replaces the old one.
                if let step = correct(Answers.Correction(field: nil), text, context) { return step }
                return attempts.reject(FormMessages.invalidYesNo[language], expecting: slot.rawValue,
                                       choices: yesNoChoices(language), context: context)
            }
        }
    }

    /// The name a line at the name question gives: the whole line; the name after a lead-in
    /// ("dobra, Marek Nowak"); or the first part before a comma ("Magdalena Kowalczyk,
    /// Stowarzyszenie Sąsiedzki Nadodrze"). "Centrum Obywatelskie" names a programme, not a person.
    private func nameAnswer(_ text: String, _ context: FormContext) -> String? {
        let matcher = context.catalogue.matcher
        func isName(_ plain: String) -> Bool {
            !Answers.readsAsSentence(plain, matcher: matcher) && matcher.mentions(in: plain).topic == nil
        }
        if let whole = Answers.plainName(text), isName(whole) { return whole }
        if let afterLeadIn = Answers.nameAfterLeadIn(text, matcher: matcher) { return afterLeadIn }
        let firstPart = text.split(separator: ",").first.map(String.init) ?? text
        if let first = Answers.plainName(firstPart), isName(first) { return first }
        return nil
    }

    // MARK: - Corrections

    /// The folded words that name each field in a correction ("zmień telefon", "wrong e-mail").
    static let fieldWords: [(field: String, words: Set<String>)] = [
        (Slot.name.rawValue, CommonWords.words(["imie", "imienia", "nazwisko", "nazwiska", "nazwisku", "name", "surname"], ukrainian: ["ім’я", "імя", "ім'я", "прізвище", "прізвища", "прізвищі"])),
        (Slot.organisation.rawValue, CommonWords.words(["organizacja", "organizacje", "organizacji", "stowarzyszenie", "stowarzyszenia", "fundacja",
                                      "fundacje", "fundacji", "organisation", "organization", "association", "foundation", "ngo"],
                                     ukrainian: ["організація", "організацію", "організації", "фонд", "фонду", "асоціація", "асоціацію", "об’єднання"])),
        (Slot.contact.rawValue, CommonWords.words(["kontakt", "kontaktu", "email", "mail", "maila", "telefon", "telefonu", "numer", "numeru",
                                 "komorka", "komorki", "mailu", "emailu", "numerze", "telefonie", "kontakcie", "adresie", "contact", "phone", "number", "adres"], ukrainian: ["контакт", "контакту", "контакті", "телефон", "телефону", "телефоні", "номер", "номеру", "номері", "пошта", "пошту", "адреса", "адресу", "мейл", "імейл"])),
        (Slot.district.rawValue, CommonWords.words(["dzielnica", "dzielnice", "dzielnicy", "osiedle", "osiedla", "district", "area"], ukrainian: ["район", "району", "мікрорайон", "селище"])),
        (Slot.programme.rawValue, CommonWords.words(["program", "programu", "programme", "projekt", "projektu"], ukrainian: ["програма", "програму", "програми", "проєкт", "проект"])),
    ]

    /// A correction anywhere in the form: with a new value in the line, the field takes it and the
    /// form goes on (at the end, the summary again); with a field but no value, that field is
    /// asked; nil when the line names neither (it is then read as an ordinary answer).
    private mutating func correct(_ correction: Answers.Correction, _ text: String, _ context: FormContext) -> FormStep? {
        if let field = correction.field.flatMap(Slot.init(rawValue:)) {
            if field == .district, districtChoices(context.catalogue).isEmpty {
                // This programme asks no district: nothing to change, say so and go on.
                return ask(slot, context, error: nil, prefix: FormMessages.noDistricts[context.language])
            }
            if field == .organisation, !acceptsOrganisations(context.catalogue), organisation == nil {
                return ask(slot, context, error: nil, prefix: FormMessages.noOrganisations[context.language])
            }
            if take(field, from: text, context) { return corrected(field, context) }
            clear(field)
            if field == .programme { clear(.district) }
            move(to: field)
            return question(context)
        }
        for field in [Slot.contact, .district, .programme] where take(field, from: text, context) {
            return corrected(field, context)
        }
        return nil
    }

    /// Sets `field` from a correction's line when it holds a new value for it.
    private mutating func take(_ field: Slot, from text: String, _ context: FormContext) -> Bool {
        switch field {
        case .contact:
            guard let found = Contact.find(in: text), found != contact else { return false }
            contact = found
        case .name:
            guard let new = Answers.introducedName(in: text) ?? Answers.correctedValue(text).flatMap(Answers.plainName), new != name else { return false }
            name = new
        case .organisation:
            // "zmień organizację na Fundacja X", "popraw stowarzyszenie: Klub Y".
            guard let value = Answers.correctedValue(text), case .named(let new)? = OrganisationAnswer.read(value), new != organisation else { return false }
            organisation = new
            organisationSkipped = false
        case .district:
            // "jednak nie Polanka, wolę Traugutta": the district named that is not the current one.
            let districts = districtChoices(context.catalogue)
            guard let index = Answers.choices(text, among: districts).last(where: { districts[$0] != district }) else { return false }
            district = districts[index]
        case .programme:
            guard let topic = context.catalogue.matcher.mentions(in: text).topic, topic != programme,
                  context.catalogue.topic(topic)?.signup == true else { return false }
            programme = topic
            district = nil
            districtSkipped = false
        case .consent, .confirm:
            return false
        }
        return true
    }

    private mutating func corrected(_ field: Slot, _ context: FormContext) -> FormStep {
        let value: String? = switch field {
        case .name: name
        case .organisation: organisation
        case .contact: contact?.description
        case .district: district
        case .programme: programme.map { topicName($0, context) }
        case .consent, .confirm: nil
        }
        let done = FormMessages.corrected(field: field.rawValue, value: value ?? "", language: context.language)
        let before = slot
        slot = nextSlot(catalogue: context.catalogue)
        attempts.reset()
        if slot == .consent, before == .consent {
            // The notice was shown already: the one-line reminder, not the whole notice again.
            return .ask(text: done + "\n" + FormMessages.consentReminder.format(context.language, ["version": fact(.privacyVersion, context)]),
                        expecting: slot.rawValue, choices: yesNoChoices(context.language), error: nil)
        }
        return ask(slot, context, error: nil, prefix: done)
    }

    /// Turns storage's answer into the form's last step, or back to confirmation when storage failed.
    public func stored(_ response: StoreResponse, _ context: FormContext) -> FormStep {
        let programmeName = programme.map { topicName($0, context) } ?? ""
        switch response {
        case .signup(.saved(let reference)):
            let ended = programme.map { context.catalogue.hasEnded($0, today: context.today) } ?? false
            return .finished(text: (ended ? FormMessages.savedInterest : FormMessages.saved).format(context.language, ["programme": programmeName, "reference": reference]))
        case .signup(.alreadySignedUp):
            // Whom to ask is the programme's office, not whatever the conversation was about.
            var office = context
            office.topic = programme ?? context.topic
            return .finished(text: FormMessages.alreadySignedUp.format(context.language, ["programme": programmeName, "human": office.humanContact]))
        default:
            return .ask(text: FormMessages.storageFailed[context.language], expecting: Slot.confirm.rawValue,
                        choices: yesNoChoices(context.language), error: .storageUnavailable)
        }
    }

    // MARK: - Slots

    private mutating func extract(from text: String, _ context: FormContext) {
        let located = Contact.locate(in: text)
        if let found = located?.contact, contact == nil || ![Slot.consent, .confirm].contains(slot) {
            // The latest contact given wins: "Katarzyna Dudek, kasia@example.org" after a phone
            // means the e-mail now (the summary shows it). At the consent and the summary a new
            // contact is a correction, said as one (`correct`).
            contact = found
        }
        if slot == .name, let lead = OrganisationAnswer.leading(in: located?.rest ?? text),
           case let named = context.catalogue.matcher.mentions(in: lead.organisation), named.topic == nil || named.topicByCity {
            // (A city in the name is no programme: "Sąsiedzi Krakowa".)
            // "Fundacja Podwórko Nadodrze, osoba kontaktowa Agnieszka Wróbel": the organisation is
            // kept — for any programme, the sign-up has its place — and the person is the name,
            // when the line gives one (else it is asked for).
            organisation = lead.organisation
            organisationSkipped = false
            let person = lead.rest
            if let introduced = Answers.introducedName(in: person) {
                name = introduced
            } else if let plain = Answers.nameBesideContact(person, matcher: context.catalogue.matcher)
                        ?? Answers.plainName(person).flatMap({ Answers.readsAsSentence($0, matcher: context.catalogue.matcher) ? nil : $0 }) {
                name = plain
            }
            return
        }
        // "Ewa Sowa, Fundacja Dobre Miejsce, ewa@…": the organisation is taken out before the name is read.
        var rest = located?.rest
        if organisation == nil || slot == .organisation, acceptsOrganisations(context.catalogue) || programmeNamedAcceptsOrganisations(text, context),
           let named = OrganisationAnswer.mentioned(in: located?.rest ?? text) {
            organisation = named
            organisationSkipped = false
            rest = rest.map { $0.replacingOccurrences(of: named, with: "") }
        }
        if name == nil || slot == .name {
            // "Jestem Anna Kowalska, …", or a bare name beside the contact: "Anna Kowalska, anna@example.org".
            if let introduced = Answers.introducedName(in: text) {
                name = introduced
            } else if let rest, let beside = Answers.nameBesideContact(rest, matcher: context.catalogue.matcher) {
                name = beside
            }
        }
        if programme == nil || slot == .programme,
           let topic = context.catalogue.matcher.mentions(in: text).topic,
           context.catalogue.topic(topic)?.signup == true {
            if topic != programme { district = nil }
            programme = topic
        }
        if programme == nil {
            // "mieszkam na Polance": the district names the one programme it belongs to.
            let owners = context.catalogue.topics.filter { $0.signup && Answers.choice(text, among: $0.districts) != nil }
            if owners.count == 1, let index = Answers.choice(text, among: owners[0].districts) {
                programme = owners[0].id
                district = owners[0].districts[index]
            }
        }
        if slot != .district, district == nil, programme != nil {
            let districts = districtChoices(context.catalogue)
            if !districts.isEmpty, let index = Answers.choice(text, among: districts), !TextNormalizer.tokens(text).allSatisfy({ Int($0) != nil }) {
                district = districts[index]
            }
        }
    }

    /// "Zapisuję Stowarzyszenie X do koalicji": the line names a programme that takes organisations.
    private func programmeNamedAcceptsOrganisations(_ text: String, _ context: FormContext) -> Bool {
        guard programme == nil, let topic = context.catalogue.matcher.mentions(in: text).topic else { return false }
        return context.catalogue.topic(topic)?.organisations == true
    }

    private mutating func advance(_ context: FormContext) -> FormStep {
        let next = nextSlot(catalogue: context.catalogue)
        if next != slot { visited.append(slot) }
        slot = next
        attempts.reset()
        return question(context)
    }

    private mutating func move(to field: Slot) {
        if field != slot { visited.append(slot) }
        slot = field
        attempts.reset()
    }

    private mutating func clear(_ field: Slot) {
        switch field {
        case .programme: programme = nil
        case .name: name = nil
        case .organisation:
            organisation = nil
            organisationSkipped = false
        case .contact: contact = nil
        case .district:
            district = nil
            districtSkipped = false
        case .consent: consented = false
        case .confirm: break
        }
    }

    private func nextSlot(catalogue: Catalogue) -> Slot {
        if programme == nil { return .programme }
        if name == nil { return .name }
        if organisation == nil, !organisationSkipped, acceptsOrganisations(catalogue) { return .organisation }
        if contact == nil { return .contact }
        if district == nil, !districtSkipped, !districtChoices(catalogue).isEmpty { return .district }
        if !consented { return .consent }
        return .confirm
    }

    private func draft(_ context: FormContext) -> SignupDraft? {
        guard let programme, let name, let contact, consented else { return nil }
        return SignupDraft(
            programme: programme, name: name, contact: contact, district: district,
            // Also for a programme that does not ask, when the name's line gave one.
            organisation: organisation,
            consentVersion: context.catalogue.fact(.privacyVersion).map { $0.value.rendered(in: .pl, today: context.today, relative: false) } ?? "unversioned",
            language: context.language,
            nextEdition: context.catalogue.hasEnded(programme, today: context.today)
        )
    }

    // MARK: - Questions

    private func ask(_ slot: Slot, _ context: FormContext, error: ReplyError?, prefix: String?) -> FormStep {
        let language = context.language
        var text: String
        var choices: [String] = []
        switch slot {
        case .programme:
            let names = signupTopics(context.catalogue).map { topicName($0, context) }
            text = FormMessages.askProgramme[language]
            choices = names
        case .name:
            text = FormMessages.askName[language]
        case .organisation:
            text = FormMessages.askOrganisation[language]
            choices = [skipWord(language)]
        case .contact:
            text = FormMessages.askContact[language]
        case .district:
            let districts = districtChoices(context.catalogue)
            text = FormMessages.askDistrict.format(language, ["choices": districts.joined(separator: ", ")])
            choices = districts + [skipWord(language)]
        case .consent:
            text = consentText(context)
            choices = yesNoChoices(language)
        case .confirm:
            let ended = programme.map { context.catalogue.hasEnded($0, today: context.today) } ?? false
            text = FormMessages.summary.format(language, [
                "programme": (programme.map { topicName($0, context) } ?? "") + (ended ? FormMessages.nextEditionSuffix[language] : ""),
                "name": name ?? "",
                // The line is there only for programmes that ask; "—" when signing up for oneself.
                "organisation": acceptsOrganisations(context.catalogue) || organisation != nil
                    ? FormMessages.summaryOrganisation.format(language, ["organisation": organisation ?? FormMessages.noDistrict[language]]) : "",
                "contact": contact?.description ?? "",
                // Only for programmes with districts: Centrum Obywatelskie asks none, so no "dzielnica: —".
                "district": districtChoices(context.catalogue).isEmpty && district == nil
                    ? "" : FormMessages.summaryDistrict.format(language, ["district": district ?? FormMessages.noDistrict[language]]),
            ])
            choices = yesNoChoices(language)
        }
        if let prefix { text = prefix + "\n" + text }
        return .ask(text: text, expecting: slot.rawValue, choices: choices, error: error)
    }

    private func consentText(_ context: FormContext) -> String {
        FormMessages.askConsent.format(context.language, ["notice": fact(.privacyNotice, context), "version": fact(.privacyVersion, context)])
    }

    private func fact(_ path: FactPath, _ context: FormContext) -> String {
        context.catalogue.fact(path)?.value.rendered(in: context.language, today: context.today, relative: false) ?? ""
    }

    private func signupTopics(_ catalogue: Catalogue) -> [String] {
        catalogue.topics.filter(\.signup).map(\.id)
    }

    private func acceptsOrganisations(_ catalogue: Catalogue) -> Bool {
        programme.flatMap { catalogue.topic($0)?.organisations } ?? false
    }

    private func districtChoices(_ catalogue: Catalogue) -> [String] {
        programme.flatMap { catalogue.topic($0)?.districts } ?? []
    }

    private func topicName(_ topic: String, _ context: FormContext) -> String {
        context.catalogue.topicName(topic, language: context.language, today: context.today) ?? topic
    }

    private func yesNoChoices(_ language: Language) -> [String] {
        [FormMessages.yes[language], FormMessages.no[language]]
    }

    private func skipWord(_ language: Language) -> String { FormMessages.skipWord[language] }

    private func correctionChoices(_ language: Language) -> [String] {
        FormMessages.signupCorrectionChoices[language].components(separatedBy: "|")
    }
}

extension FactPath {
    /// The privacy notice a sign-up shows before consent, and its version, stored with the consent.
    public static let privacyNotice: FactPath = "privacy.notice"
    public static let privacyVersion: FactPath = "privacy.version"
}

extension SignupForm: ConversationForm {
    public static var intent: IntentID { .signup }
    public var expecting: String { slot.rawValue }

    /// Consent, the summary and "on whose behalf?" take a bare "nie" as their answer.
    public var asksYesOrNo: Bool { [.consent, .confirm, .organisation].contains(slot) }

    /// A question is answered aside at the name unless it reads as a name, and at the summary
    /// when it gives no yes or no and no new value ("i co teraz?", but not "nie, mój mail to …").
    public func answersAside(_ text: String) -> Bool {
        switch slot {
        case .name: return Answers.plainName(text) == nil || Answers.asksSomething(text)
        case .confirm:
            return Answers.yesNo(text, language: .pl) == nil && Answers.yesNo(text, language: .en) == nil && Contact.find(in: text) == nil
                && Answers.correction(text, fields: Self.fieldWords) == nil
        default: return true
        }
    }
}
