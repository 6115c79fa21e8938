/// A correction of a sign-up stored in this conversation, as the correction form hands it to
/// storage: the row is found by its reference and the contact it was stored with, and takes the
/// corrected name, contact and district.
public struct SignupCorrection: Sendable, Equatable {
    public var reference: String
    /// The sign-up as it was stored (its contact finds the row, beside the reference).
    public var stored: SignupDraft
    /// The sign-up as it is to be: the same programme, with the corrected fields.
    public var corrected: SignupDraft

    public init(reference: String, stored: SignupDraft, corrected: SignupDraft) {
        self.reference = reference
        self.stored = stored
        self.corrected = corrected
    }
}

public enum SignupCorrectionOutcome: Sendable, Equatable {
    /// Committed to disk: the row holds the corrected fields.
    case corrected(reference: String)
    /// The new contact is already signed up for the programme (another live sign-up): nothing changed.
    case contactTaken
    /// No live sign-up has this reference and contact any more (erased meanwhile): nothing changed.
    case notFound
}
