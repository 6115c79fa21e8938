/// A correction of the sign-up this conversation stored: "pomyliłem numer, poprawny to 601 234
/// 576", "zmień kontakt", "change my e-mail to x@example.org". With a new value in the line the
/// corrected summary is shown at once; without one, the field is asked first. On "tak" storage
/// updates the row (``StoreRequest/correctSignup(_:)``); the confirmation repeats the code.
public struct SignupCorrectionForm: Sendable, Equatable {
    public enum Slot: String, Sendable, Equatable {
        case name, contact, district, confirm
    }

    public private(set) var slot: Slot
    let reference: String
    /// The sign-up as stored.
    let stored: SignupDraft
    /// The sign-up as it will be once the correction is stored.
    private(set) var corrected: SignupDraft
    private let districts: [String]
    private var attempts = AttemptCounter()

    /// The correction `text` asks for, of the sign-up stored as `stored` under `reference`; nil
    /// when the line corrects no field this form changes (name, contact, district).
    public init?(_ text: String, reference: String, stored: SignupDraft, catalogue: Catalogue) {
        self.reference = reference
        self.stored = stored
        self.corrected = stored
        self.districts = catalogue.topic(stored.programme)?.districts ?? []
        guard let field = Self.field(corrected: text, districts: districts, contact: stored.contact) else { return nil }
        slot = field
        if take(field, from: text, whole: false) { slot = .confirm }
    }

    /// The field a line corrects, when it is a correction ("zmień", "pomyliłem", "wrong") naming
    /// one of ours, or giving a new contact.
    static func field(corrected text: String, districts: [String], contact: Contact) -> Slot? {
        guard let correction = Answers.correction(text, fields: SignupForm.fieldWords) else { return nil }
        switch correction.field.flatMap(SignupForm.Slot.init(rawValue:)) {
        case .name?: return .name
        case .contact?: return .contact
        case .district?: return districts.isEmpty ? nil : .district
        case nil:
            if let found = Contact.find(in: text), found != contact { return .contact }
            return nil
        default: return nil
        }
    }

    /// Takes the new value of `field` from `text`; `whole` when the line answers the field's own
    /// question (then a bare value is enough). False when it holds none, or the same as now.
    private mutating func take(_ field: Slot, from text: String, whole: Bool) -> Bool {
        switch field {
        case .contact:
            guard let found = Contact.find(in: text) ?? (whole ? Contact(parsing: text) : nil), found != corrected.contact else { return false }
            corrected.contact = found
        case .name:
            let value = Answers.introducedName(in: text) ?? Answers.correctedValue(text).flatMap(Answers.plainName) ?? (whole ? Answers.plainName(text) : nil)
            guard let value, value != corrected.name else { return false }
            corrected.name = value
        case .district:
            guard let index = Answers.choices(text, among: districts).last(where: { districts[$0] != corrected.district }) else { return false }
            corrected.district = districts[index]
        case .confirm:
            return false
        }
        return true
    }

    // MARK: - Questions

    public func question(_ context: FormContext) -> FormStep {
        let language = context.language
        switch slot {
        case .name:
            return .ask(text: FormMessages.askCorrectedName.format(language, ["reference": reference]), expecting: slot.rawValue, choices: [], error: nil)
        case .contact:
            return .ask(text: FormMessages.askCorrectedContact.format(language, ["reference": reference]), expecting: slot.rawValue, choices: [], error: nil)
        case .district:
            return .ask(text: FormMessages.askCorrectedDistrict.format(language, ["reference": reference, "choices": districts.joined(separator: ", ")]),
                        expecting: slot.rawValue, choices: districts, error: nil)
        case .confirm:
            return .ask(text: summary(context), expecting: slot.rawValue, choices: [FormMessages.yes[language], FormMessages.no[language]], error: nil)
        }
    }

    private func summary(_ context: FormContext) -> String {
        let language = context.language
        return FormMessages.correctionSummary.format(language, [
            "reference": reference,
            "programme": context.catalogue.topicName(corrected.programme, language: language, today: context.today) ?? corrected.programme,
            "name": corrected.name,
            "contact": corrected.contact.description,
            "district": districts.isEmpty ? "" : FormMessages.summaryDistrict.format(language, ["district": corrected.district ?? FormMessages.noDistrict[language]]),
        ])
    }

    // MARK: - Answers

    public mutating func handle(_ text: String, _ context: FormContext) -> FormStep {
        let language = context.language
        switch slot {
        case .name, .contact, .district:
            guard take(slot, from: text, whole: true) else {
                let hint: String = switch slot {
                case .name: FormMessages.invalidName[language]
                case .contact: FormMessages.invalidContact[language]
                default: FormMessages.invalidChoice.format(language, ["choices": districts.joined(separator: ", ")])
                }
                return attempts.reject(hint, expecting: slot.rawValue, choices: slot == .district ? districts : [], context: context)
            }
            slot = .confirm
            attempts.reset()
            return question(context)
        case .confirm:
            let answer = Answers.yesNo(text, language: language)
            if answer != true, let field = Self.field(corrected: text, districts: districts, contact: corrected.contact) {
                // "nie, popraw też imię na Anna Nowak": another field, with or without its value.
                slot = field
                attempts.reset()
                if take(field, from: text, whole: false) { slot = .confirm }
                return question(context)
            }
            switch answer {
            case true?:
                return .store(.correctSignup(SignupCorrection(reference: reference, stored: stored, corrected: corrected)), expecting: slot.rawValue)
            case false?:
                return .finished(text: FormMessages.correctionDropped.format(language, ["reference": reference]))
            case nil:
                return attempts.reject(FormMessages.invalidYesNo[language], expecting: slot.rawValue,
                                       choices: [FormMessages.yes[language], FormMessages.no[language]], context: context)
            }
        }
    }

    public func stored(_ response: StoreResponse, _ context: FormContext) -> FormStep {
        var office = context
        office.topic = stored.programme
        switch response {
        case .signupCorrection(.corrected(let reference)):
            return .finished(text: FormMessages.signupCorrected.format(context.language, ["reference": reference]))
        case .signupCorrection(.contactTaken):
            return .finished(text: FormMessages.correctionContactTaken.format(context.language, ["reference": reference, "human": office.humanContact]))
        case .signupCorrection(.notFound):
            return .finished(text: FormMessages.correctionNotFound.format(context.language, ["reference": reference, "human": office.humanContact]))
        default:
            return .ask(text: FormMessages.storageFailed[context.language], expecting: Slot.confirm.rawValue,
                        choices: [FormMessages.yes[context.language], FormMessages.no[context.language]], error: .storageUnavailable)
        }
    }
}

extension SignupCorrectionForm: ConversationForm {
    public static var intent: IntentID { .signup }
    public var expecting: String { slot.rawValue }
    public var asksYesOrNo: Bool { slot == .confirm }

    /// A question is answered aside when it carries no new value and, at the summary, no yes or no.
    public func answersAside(_ text: String) -> Bool {
        guard Contact.find(in: text) == nil, Answers.correction(text, fields: SignupForm.fieldWords) == nil else { return false }
        return slot != .confirm || (Answers.yesNo(text, language: .pl) == nil && Answers.yesNo(text, language: .en) == nil)
    }

    public func nothingSavedYet(_ context: FormContext) -> String {
        FormMessages.correctionNotSavedYet.format(context.language, ["reference": reference])
    }
}

extension SignupCorrectionForm {
    /// Words naming a sign-up made earlier, or one's own mistake in it: "w moim zgłoszeniu",
    /// "pomyliłam się w zapisie", "I gave the wrong number".
    static let earlierSignupWords: Set<String> = CommonWords.words([
        "zgloszenie", "zgloszeniu", "zgloszenia", "zapis", "zapisie", "zapisu", "zapisach", "pomylilem", "pomylilam", "podalem", "podalam",
        "wpisalem", "wpisalam", "signup", "registration", "application", "gave", "typed", "entered",
    ], ukrainian: ["запис", "записі", "запису", "заявка", "заявці", "заявку", "помилився", "помилилася", "вказав", "вказала", "дав", "дала"])

    /// A line that corrects a sign-up made before this conversation: a correction of a name,
    /// contact or district that gives a new value, or speaks of the sign-up or one's mistake in it.
    public static func correctsEarlierSignup(_ text: String) -> Bool {
        guard let correction = Answers.correction(text, fields: SignupForm.fieldWords) else { return false }
        let fields: Set<String> = [SignupForm.Slot.name.rawValue, SignupForm.Slot.contact.rawValue, SignupForm.Slot.district.rawValue]
        let found = Contact.find(in: text) != nil
        guard correction.field.map(fields.contains) ?? found else { return false }
        return found || TextNormalizer.tokens(text).contains(where: earlierSignupWords.contains)
    }
}
