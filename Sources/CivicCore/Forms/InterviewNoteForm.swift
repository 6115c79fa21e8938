/// A logged-in organiser's note of one listening-campaign interview: district, date (default
/// today), topic, the resident's concerns (free text, limited), whether they agreed to be
/// contacted again and how, then confirmation.
public struct InterviewNoteForm: Sendable, Equatable {
    public enum Slot: String, Sendable, Equatable {
        case district, date, topic, concerns, recontact, recontactHow = "recontact_how", confirm
    }

    /// Longest concerns text accepted, in characters.
    public static let maxConcernsLength = 2000
    /// Longest topic accepted, in characters.
    public static let maxTopicLength = 200

    public private(set) var slot: Slot = .district
    private let organiser: Organiser
    private var district: String?
    private var date: CalendarDay?
    private var topic: String?
    private var concerns: String?
    private var recontact: Bool?
    private var recontactHow: String?
    private var visited: [Slot] = []
    private var attempts = AttemptCounter()
    /// A field is being corrected from the summary: answering it leads back there.
    private var returnToSummary = false

    public init(organiser: Organiser) {
        self.organiser = organiser
    }

    public func question(_ context: FormContext) -> FormStep {
        let language = context.language
        switch slot {
        case .district:
            let districts = Self.districts(context.catalogue)
            return .ask(text: FormMessages.askNoteDistrict.format(language, ["choices": districts.joined(separator: ", ")]),
                        expecting: slot.rawValue, choices: districts, error: nil)
        case .date:
            return .ask(text: FormMessages.askNoteDate[language], expecting: slot.rawValue,
                        choices: FormMessages.noteDateChoices[language].components(separatedBy: "|"), error: nil)
        case .topic:
            return .ask(text: FormMessages.askNoteTopic[language], expecting: slot.rawValue, choices: [], error: nil)
        case .concerns:
            return .ask(text: FormMessages.askNoteConcerns.format(language, ["limit": String(Self.maxConcernsLength)]),
                        expecting: slot.rawValue, choices: [], error: nil)
        case .recontact:
            return .ask(text: FormMessages.askRecontact[language], expecting: slot.rawValue,
                        choices: [FormMessages.yes[language], FormMessages.no[language]], error: nil)
        case .recontactHow:
            return .ask(text: FormMessages.askRecontactHow[language], expecting: slot.rawValue, choices: [], error: nil)
        case .confirm:
            let recontactText = recontact == true ? FormMessages.yes[language] + (recontactHow.map { " (\($0))" } ?? "") : FormMessages.no[language]
            return .ask(text: FormMessages.noteSummary.format(language, [
                "district": district ?? "",
                "date": date?.rendered(in: language) ?? "",
                "topic": topic ?? "",
                "concerns": concerns ?? "",
                "recontact": recontactText,
            ]), expecting: slot.rawValue, choices: [FormMessages.yes[language], FormMessages.no[language]], error: nil)
        }
    }

    public mutating func handle(_ text: String, _ context: FormContext) -> FormStep {
        let language = context.language
        if Answers.isBack(text) {
            guard let previous = visited.popLast() else {
                return .ask(text: FormMessages.nothingBack[language], expecting: slot.rawValue, choices: [], error: nil)
            }
            slot = previous
            attempts.reset()
            return question(context)
        }
        if let correction = Answers.correction(text, fields: Self.fieldWords), acceptsCorrection(text),
           let step = correct(correction, text, context) {
            return step
        }
        switch slot {
        case .district:
            let districts = Self.districts(context.catalogue)
            guard let index = Answers.choice(text, among: districts) else {
                return attempts.reject(FormMessages.invalidChoice.format(language, ["choices": districts.joined(separator: ", ")]),
                                       expecting: slot.rawValue, choices: districts, context: context)
            }
            district = districts[index]
            return advance(to: .date, context)
        case .date:
            guard let day = Answers.date(Answers.isSkip(text) ? "" : text, today: context.today), day <= context.today else {
                return attempts.reject(FormMessages.invalidDate[language], expecting: slot.rawValue, choices: [], context: context)
            }
            date = day
            return advance(to: .topic, context)
        case .topic:
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty, trimmed.count <= Self.maxTopicLength else {
                return attempts.reject(FormMessages.concernsTooLong.format(language, ["count": String(trimmed.count), "limit": String(Self.maxTopicLength)]),
                                       expecting: slot.rawValue, choices: [], context: context)
            }
            topic = trimmed
            return advance(to: .concerns, context)
        case .concerns:
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty, trimmed.count <= Self.maxConcernsLength else {
                return attempts.reject(FormMessages.concernsTooLong.format(language, ["count": String(trimmed.count), "limit": String(Self.maxConcernsLength)]),
                                       expecting: slot.rawValue, choices: [], context: context)
            }
            concerns = trimmed
            return advance(to: .recontact, context)
        case .recontact:
            guard let answer = Answers.yesNo(text, language: language) else {
                return attempts.reject(FormMessages.invalidYesNo[language], expecting: slot.rawValue,
                                       choices: [FormMessages.yes[language], FormMessages.no[language]], context: context)
            }
            recontact = answer
            if !answer { recontactHow = nil }
            return advance(to: answer ? .recontactHow : .confirm, context)
        case .recontactHow:
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty, trimmed.count <= Self.maxTopicLength else {
                return attempts.reject(FormMessages.askRecontactHow[language], expecting: slot.rawValue, choices: [], context: context)
            }
            recontactHow = trimmed
            return advance(to: .confirm, context)
        case .confirm:
            let answer = Answers.yesNo(text, language: language)
            // "to nie Dolinki, tylko Górki" reads as a no, but it carries the new value.
            if answer != true, TextNormalizer.tokens(text).count > 1, let step = correct(Answers.Correction(field: nil), text, context) { return step }
            switch answer {
            case true?:
                guard let district, let date, let topic, let concerns, let recontact else { return question(context) }
                return .store(.saveInterviewNote(InterviewNoteDraft(
                    organiserID: organiser.id, district: district, date: date, topic: topic,
                    concerns: concerns, recontact: recontact, recontactHow: recontactHow
                )), expecting: slot.rawValue)
            case false?:
                return .ask(text: FormMessages.noteNotConfirmed[language], expecting: slot.rawValue,
                            choices: Self.correctionChoices(language), error: nil)
            case nil:
                if let step = correct(Answers.Correction(field: nil), text, context) { return step }
                return attempts.reject(FormMessages.invalidYesNo[language], expecting: slot.rawValue,
                                       choices: [FormMessages.yes[language], FormMessages.no[language]], context: context)
            }
        }
    }

    public func stored(_ response: StoreResponse, _ context: FormContext) -> FormStep {
        guard case .interviewNoteSaved(let total) = response else {
            return .ask(text: FormMessages.storageFailed[context.language], expecting: Slot.confirm.rawValue,
                        choices: [FormMessages.yes[context.language], FormMessages.no[context.language]], error: .storageUnavailable)
        }
        return .finished(text: FormMessages.noteSaved.format(context.language, [
            "number": String(total),
            "progress": Self.progressText(done: total, context),
        ]))
    }

    /// "7 z 20 rozmów; raport do 17 maja 2023 (termin minął)", from the listening-campaign facts.
    public static func progressText(done: Int, _ context: FormContext) -> String {
        let target = context.catalogue.fact(.interviewTarget)?.value.rendered(in: context.language, today: context.today, relative: false) ?? "?"
        let deadline = context.catalogue.fact(.reportDeadline)?.value.rendered(in: context.language, today: context.today, relative: true) ?? "?"
        return FormMessages.progress.format(context.language, ["done": String(done), "target": target, "deadline": deadline])
    }

    /// The districts of the listening campaign: those of the topics that have districts.
    static func districts(_ catalogue: Catalogue) -> [String] {
        catalogue.topics.flatMap(\.districts)
    }

    private mutating func advance(to next: Slot, _ context: FormContext) -> FormStep {
        visited.append(slot)
        // A field corrected from the summary: back to the summary once the note is whole again.
        slot = returnToSummary && isComplete ? .confirm : next
        if slot == .confirm { returnToSummary = false }
        attempts.reset()
        return question(context)
    }

    // MARK: - Corrections

    /// The folded words that name each field in a correction ("popraw datę", "zmień dzielnicę").
    static let fieldWords: [(field: String, words: Set<String>)] = [
        (Slot.date.rawValue, CommonWords.words(["data", "date", "daty", "dzien", "dnia", "kiedy"], ukrainian: ["дата", "дату", "день", "коли"])),
        (Slot.district.rawValue, CommonWords.words(["dzielnica", "dzielnice", "dzielnicy", "osiedle", "osiedla", "district"], ukrainian: ["район", "району"])),
        (Slot.topic.rawValue, CommonWords.words(["temat", "tematu", "topic", "subject"], ukrainian: ["тема", "тему", "теми"])),
        (Slot.concerns.rawValue, CommonWords.words(["notatka", "notatke", "notatki", "tresc", "sprawy", "opis", "concerns", "note", "text"], ukrainian: ["нотатка", "нотатку", "нотатки", "справи", "опис", "текст"])),
        (Slot.recontactHow.rawValue, CommonWords.words(["kontakt", "kontaktu", "telefon", "telefonu", "numer", "numeru", "mail", "email", "contact", "phone", "number"], ukrainian: ["контакт", "телефон", "номер", "пошта", "пошту"])),
        (Slot.recontact.rawValue, CommonWords.words(["ponowny", "ponownego", "zgoda", "zgody", "recontact"], ukrainian: ["повторний", "згода", "згоду"])),
    ]

    static func correctionChoices(_ language: Language) -> [String] {
        FormMessages.noteCorrectionChoices[language].components(separatedBy: "|")
    }

    /// The note's free text may hold the words of a correction ("mieszkańcy jednak wolą park"):
    /// there, only a short line is one.
    private func acceptsCorrection(_ text: String) -> Bool {
        switch slot {
        case .topic, .concerns, .recontactHow:
            // A short line, or one that says it is a mistake ("aj, pomyliłam się – to było wczoraj").
            let words = TextNormalizer.tokens(text)
            let admitsMistake = words.contains { ["pomylilam", "pomylilem", "pomylka", "mistake", "oops", "sorry"].contains($0) }
            return words.count <= 6 || (admitsMistake && words.count <= 12)
        default: return true
        }
    }

    private var isComplete: Bool {
        district != nil && date != nil && topic != nil && concerns != nil && recontact != nil && (recontact == false || recontactHow != nil)
    }

    /// A correction anywhere, as in the sign-up: with a value the field takes it, without one the
    /// field is asked and then the summary comes back; nil when the line names neither.
    private mutating func correct(_ correction: Answers.Correction, _ text: String, _ context: FormContext) -> FormStep? {
        if let field = correction.field.flatMap(Slot.init(rawValue:)) {
            if take(field, from: text, context) { return corrected(field, context) }
            if field != slot { visited.append(slot) }
            returnToSummary = isComplete || returnToSummary
            slot = field
            attempts.reset()
            return question(context)
        }
        for field in [Slot.district, .date] where take(field, from: text, context) {
            return corrected(field, context)
        }
        return nil
    }

    /// Sets `field` from a correction's line when it holds a new value for it.
    private mutating func take(_ field: Slot, from text: String, _ context: FormContext) -> Bool {
        let value = Answers.correctedValue(text)
        switch field {
        case .date:
            // The value after "na", or any word of the line that is a date ("wczoraj", "27.11.2026").
            let candidates = (value.map { [$0] } ?? []) + text.split(separator: " ").map { $0.trimmingCharacters(in: ",.;!?") }
            guard let day = candidates.lazy.filter({ !$0.isEmpty }).compactMap({ Answers.date($0, today: context.today) }).first(where: { $0 <= context.today }),
                  day != date else { return false }
            date = day
        case .district:
            let districts = Self.districts(context.catalogue)
            guard let index = Answers.choices(text, among: districts).last(where: { districts[$0] != district }) else { return false }
            district = districts[index]
        case .topic:
            guard let value, value.count <= Self.maxTopicLength else { return false }
            topic = value
        case .concerns:
            guard let value, value.count <= Self.maxConcernsLength else { return false }
            concerns = value
        case .recontactHow:
            // "zmień kontakt na 600 123 456", "kontakt: telefon po 17".
            guard let new = Contact.find(in: text)?.description ?? value, new.count <= Self.maxTopicLength, new != recontactHow else { return false }
            recontact = true
            recontactHow = new
        case .recontact, .confirm:
            return false
        }
        return true
    }

    private mutating func corrected(_ field: Slot, _ context: FormContext) -> FormStep {
        let value: String? = switch field {
        case .district: district
        case .date: date?.rendered(in: context.language)
        case .topic: topic
        case .concerns: concerns
        case .recontactHow: recontactHow
        case .recontact, .confirm: nil
        }
        slot = isComplete ? .confirm : slot
        attempts.reset()
        guard case .ask(let text, let expecting, let choices, let error) = question(context) else { return question(context) }
        let done = FormMessages.corrected(field: field.rawValue, value: value ?? "", language: context.language)
        return .ask(text: done + "\n" + text, expecting: expecting, choices: choices, error: error)
    }
}

extension FactPath {
    /// The listening campaign's interview target and report deadline, for organisers' progress.
    public static let interviewTarget: FactPath = "programmes.os_krosno.listening_campaign.interviews"
    public static let reportDeadline: FactPath = "programmes.os_krosno.listening_campaign.report_deadline"
}

extension InterviewNoteForm: ConversationForm {
    public static var intent: IntentID { .interviewNote }
    public var expecting: String { slot.rawValue }

    /// A question is answered aside where the answer is a choice, a date or a yes; in the free
    /// text (topic, concerns, how to re-contact) a "?" is part of the note.
    public func answersAside(_ text: String) -> Bool {
        [.district, .date, .recontact, .confirm].contains(slot)
    }

    /// Whether the resident agreed to be contacted again, and the summary, take a bare "nie".
    public var asksYesOrNo: Bool { [.recontact, .confirm].contains(slot) }
}
