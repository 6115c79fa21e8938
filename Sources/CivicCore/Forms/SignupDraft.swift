/// A sign-up as the form hands it to storage.
public struct SignupDraft: Sendable, Equatable {
    /// Topic id of the programme.
    public var programme: String
    public var name: String
    public var contact: Contact
    /// Display name of the district, when the programme has districts and one was given.
    public var district: String?
    /// The organisation the sign-up is made for (an NGO joining a coalition), when the
    /// programme asks and one was given, or the name question was answered with one.
    public var organisation: String?
    /// The version of the privacy notice the resident agreed to.
    public var consentVersion: String
    public var language: Language
    /// The programme has ended: this is an expression of interest in a next edition.
    public var nextEdition: Bool

    public init(programme: String, name: String, contact: Contact, district: String?, organisation: String? = nil,
                consentVersion: String, language: Language, nextEdition: Bool = false) {
        self.organisation = organisation
        self.nextEdition = nextEdition
        self.programme = programme
        self.name = name
        self.contact = contact
        self.district = district
        self.consentVersion = consentVersion
        self.language = language
    }
}

public enum SignupOutcome: Sendable, Equatable {
    /// Committed to disk; the resident's reference code.
    case saved(reference: String)
    /// The same programme and contact were already signed up; nothing new was stored. The
    /// existing sign-up's code is deliberately not carried: whoever typed the contact may not be
    /// the person it belongs to, so the session must not be able to reveal anything of it.
    case alreadySignedUp
}
