/// A resident's request to erase a sign-up: the reference code and the contact used.
public struct ErasureForm: Sendable, Equatable {
    public enum Slot: String, Sendable, Equatable {
        case reference, contact
    }

    public private(set) var slot: Slot = .reference
    private var reference: String?
    private var attempts = AttemptCounter()

    public init() {}

    public func question(_ context: FormContext) -> FormStep {
        switch slot {
        case .reference:
            return .ask(text: FormMessages.askErasureReference[context.language], expecting: slot.rawValue, choices: [], error: nil)
        case .contact:
            return .ask(text: FormMessages.askErasureContact[context.language], expecting: slot.rawValue, choices: [], error: nil)
        }
    }

    public mutating func handle(_ text: String, _ context: FormContext) -> FormStep {
        let language = context.language
        // "zły kod", "pomyliłam kod, to KR-7F3K": back to the code, or the new one taken at once.
        if slot == .contact, let correction = Answers.correction(text, fields: [("reference", ["kod", "kodu", "code", "reference", "referencyjny"])]),
           correction.field != nil || ReferenceCode.parse(text) != nil {
            slot = .reference
            attempts.reset()
            if text.split(separator: " ").contains(where: { ReferenceCode.parse(String($0)) != nil }) { return handle(text, context) }
            return question(context)
        }
        switch slot {
        case .reference:
            let candidate = text.split(separator: " ").compactMap { ReferenceCode.parse(String($0)) }.first ?? ReferenceCode.parse(text)
            guard let code = candidate else {
                return attempts.reject(FormMessages.invalidReference[language], expecting: slot.rawValue, choices: [], context: context)
            }
            reference = code
            slot = .contact
            attempts.reset()
            if let contact = Contact.find(in: text) {
                return .store(.recordErasureRequest(ErasureRequestDraft(reference: code, contact: contact, sessionKind: context.sessionKind)), expecting: slot.rawValue)
            }
            return question(context)
        case .contact:
            guard let reference, let contact = Contact.find(in: text) ?? Contact(parsing: text) else {
                return attempts.reject(FormMessages.invalidContact[language], expecting: slot.rawValue, choices: [], context: context)
            }
            return .store(.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: contact, sessionKind: context.sessionKind)), expecting: slot.rawValue)
        }
    }

    public func stored(_ response: StoreResponse, _ context: FormContext) -> FormStep {
        guard case .erasureRequestRecorded = response else {
            return .ask(text: FormMessages.storageFailed[context.language], expecting: slot.rawValue, choices: [], error: .storageUnavailable)
        }
        return .finished(text: FormMessages.erasureRecorded[context.language])
    }
}

extension ErasureForm: ConversationForm {
    public static var intent: IntentID { .privacy }
    public var expecting: String { slot.rawValue }

    /// The request is recorded as soon as the code and the contact are both given.
    public func nothingSavedYet(_ context: FormContext) -> String { FormMessages.nothingSavedYetErasure[context.language] }

    /// A question is answered aside unless it carries the code or the contact asked for.
    public func answersAside(_ text: String) -> Bool {
        Contact.find(in: text) == nil && !text.split(separator: " ").contains { ReferenceCode.parse(String($0)) != nil }
    }
}
