/// Where a session was typed: a kiosk terminal in the citizen centre (identified with its token)
/// or a remote client. Staff weigh an erasure request by it.
public enum SessionKind: String, Sendable, Equatable, CaseIterable {
    case kiosk
    case remote
}

public struct ErasureRequestDraft: Sendable, Equatable {
    public var reference: String
    public var contact: Contact
    public var sessionKind: SessionKind

    public init(reference: String, contact: Contact, sessionKind: SessionKind = .remote) {
        self.reference = reference
        self.contact = contact
        self.sessionKind = sessionKind
    }
}
