/// What the forms hand to storage and what storage answers. Plain values: the core never
/// touches the database; the connection performs ``StoreRequest``s and feeds back ``StoreResponse``s.
public struct SignupDraft: Sendable, Equatable {
    /// Topic id of the programme.
    public var programme: String
    public var name: String
    public var contact: Contact
    /// Display name of the district, when the programme has districts and one was given.
    public var district: String?
    /// The version of the privacy notice the resident agreed to.
    public var consentVersion: String
    public var language: Language

    public init(programme: String, name: String, contact: Contact, district: String?, consentVersion: String, language: Language) {
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

/// A community organiser, as a logged-in session knows them.
public struct Organiser: Sendable, Equatable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

public struct InterviewNoteDraft: Sendable, Equatable {
    public var organiserID: Int64
    public var district: String
    public var date: CalendarDay
    public var topic: String
    public var concerns: String
    public var recontact: Bool
    public var recontactHow: String?

    public init(organiserID: Int64, district: String, date: CalendarDay, topic: String, concerns: String, recontact: Bool, recontactHow: String?) {
        self.organiserID = organiserID
        self.district = district
        self.date = date
        self.topic = topic
        self.concerns = concerns
        self.recontact = recontact
        self.recontactHow = recontactHow
    }
}

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

/// Work for storage. Each leads to exactly one ``StoreResponse`` fed back to the session.
public enum StoreRequest: Sendable, Equatable {
    case saveSignup(SignupDraft)
    case verifyOrganiser(code: String)
    case saveInterviewNote(InterviewNoteDraft)
    case countInterviews(organiserID: Int64)
    case recordErasureRequest(ErasureRequestDraft)
}

public enum StoreResponse: Sendable, Equatable {
    case signup(SignupOutcome)
    case loggedIn(Organiser)
    /// Wrong code; the next attempt is allowed after this many seconds.
    case loginFailed(retryAfterSeconds: Int)
    /// Too early after a wrong code.
    case loginThrottled(retryAfterSeconds: Int)
    case loginLocked
    /// The note is stored; the organiser now has `total` notes.
    case interviewNoteSaved(total: Int)
    case interviewCount(Int)
    case erasureRequestRecorded
    /// Storage failed; nothing was confirmed.
    case failed
}

/// Reference codes: two letters, a dash and four characters of Crockford's base 32 (no I, L, O, U).
public enum ReferenceCode {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make(prefix: String, randomBits: UInt32) -> String {
        var value = randomBits
        var suffix = ""
        for _ in 0..<4 {
            suffix.append(alphabet[Int(value % 32)])
            value /= 32
        }
        return "\(prefix)-\(suffix)"
    }

    /// Reads a code as typed ("kr-7f3k", "KR 7F3K", "KR7F3K"); nil when it cannot be one.
    public static func parse(_ text: String) -> String? {
        let cleaned = text.uppercased().filter { $0.isLetter || $0.isNumber }
        guard cleaned.count == 6 else { return nil }
        let letters = cleaned.prefix(2)
        let rest = cleaned.dropFirst(2)
        guard letters.allSatisfy({ $0.isASCII && $0.isLetter }),
              rest.allSatisfy({ alphabet.contains($0) })
        else { return nil }
        return "\(letters)-\(rest)"
    }

    /// The prefix for a programme: the first letters of its city, e.g. "KR" for Kraków and Krosno.
    public static func prefix(forTopic topic: String, city: String?) -> String {
        let source = TextNormalizer.fold(city ?? topic).uppercased().filter { $0.isLetter }
        return String((source + "XX").prefix(2))
    }
}
