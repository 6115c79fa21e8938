import CivicCore
import Foundation

/// The engine a ``CivicStorage`` runs on.
public enum StorageEngine: String, Sendable, CaseIterable {
    /// One SQLite file in the data directory (``AppDatabase``): the zero-configuration default.
    case sqlite
    /// A PostgreSQL database that several daemons share (``PostgresStore``).
    case postgresql
}

/// Everything the daemon and `civicd admin` ask of storage, named for what it does: one
/// interface, two engines (``AppDatabase`` on SQLite, ``PostgresStore`` on PostgreSQL), held
/// to the same contract by one test suite run against both. No SQL leaves an engine.
///
/// What every engine promises:
/// - a sign-up is confirmed (its method returns) only after the transaction holding it
///   committed durably; ``saveSignups(_:)`` writes a whole batch in one transaction (group commit);
/// - one live sign-up per programme and contact, and reference codes that never repeat, held by
///   the database's unique constraints, so they hold across daemons sharing it;
/// - the organiser log-in delays and lock-out per address are kept in the database and counted
///   atomically, so a second connection, or a second daemon, gains no tries;
/// - a schema newer than this build knows is refused when opening.
public protocol CivicStorage: Sendable {
    var engine: StorageEngine { get }

    // MARK: Sign-ups
    /// Saves sign-ups in one transaction: each gets a new row and a reference, or is found
    /// already signed up. When this returns, the rows are committed. One failure does not undo
    /// the others.
    func saveSignups(_ batch: [(draft: SignupDraft, actor: AuditActor, city: String?)]) async throws -> [Result<SignupOutcome, Error>]
    /// Corrects the name, contact and district of the live sign-up with the correction's
    /// reference and stored contact, in one transaction with its audit event (`signup.correct`).
    /// When this returns `.corrected`, the change is committed as durably as a sign-up.
    func correctSignup(_ correction: SignupCorrection, actor: AuditActor) async throws -> SignupCorrectionOutcome
    /// Sign-ups matching `filter`, oldest first.
    func signups(matching filter: SignupFilter) async throws -> [SignupRecord]
    /// One sign-up by its reference code (as typed: any case, with or without the dash).
    func signup(reference: String) async throws -> SignupRecord?
    /// How many audit events of one kind there are.
    func auditCount(action: String) async throws -> Int

    // MARK: Organisers
    /// Creates an organiser and returns their access code (only a salted hash is stored).
    func addOrganiser(name: String, actor: AuditActor) async throws -> (organiser: Organiser, code: String)
    /// The organiser whose (not revoked) code this is, or nil.
    func verifyOrganiser(code: String) async throws -> Organiser?
    /// Revokes an organiser's code; their notes stay. False when there was none to revoke.
    @discardableResult
    func revokeOrganiser(id: Int64, actor: AuditActor) async throws -> Bool
    func organisers() async throws -> [OrganiserRecord]

    // MARK: Notes and erasure requests
    /// Saves a note and returns how many notes its organiser now has.
    func saveInterviewNote(_ note: InterviewNoteDraft, actor: AuditActor) async throws -> Int
    /// The number of interviews an organiser has recorded (erased notes still count).
    func interviewCount(organiserID: Int64) async throws -> Int
    /// Records a resident's request to erase a sign-up, with whether its code and contact matched.
    func recordErasureRequest(_ request: ErasureRequestDraft, actor: AuditActor) async throws
    func notes(matching filter: NoteFilter) async throws -> [InterviewNoteRecord]
    func erasureRequests(includeHandled: Bool) async throws -> [ErasureRequestRecord]

    // MARK: Organiser log-in per address
    /// What the address must wait before its next log-in attempt; nil when it may try.
    func loginWait(address: String, now: Date) async throws -> AddressLoginWait?
    /// Counts a wrong code from `address` atomically and returns what it must wait now.
    @discardableResult
    func recordLoginFailure(address: String, now: Date) async throws -> AddressLoginWait
    /// Lifts the delay and lock of one address, or of every address; returns how many.
    @discardableResult
    func unlockLogins(address: String?, actor: AuditActor) async throws -> Int
    /// The addresses whose log-ins are slowed or locked now (for staff).
    func lockedLoginAddresses(now: Date) async throws -> [(address: String, failures: Int, waitSeconds: Int)]

    // MARK: Staff
    func statistics(since: Date?, until: Date?, timeZone: TimeZone) async throws -> Statistics
    /// What ``erase(reference:contact:actor:)`` would do now.
    func erasurePlan(reference: String?, contact: Contact?) async throws -> ErasurePlan
    func erase(reference: String?, contact: Contact?, actor: AuditActor) async throws -> ErasureResult
    /// Everything held about `contact` (GDPR art. 15).
    func subjectData(contact: Contact) async throws -> SubjectData
    /// Anonymises sign-ups created, and notes written, before `cutoff`.
    func purge(before cutoff: Date, actor: AuditActor) async throws -> (signups: Int, notes: Int)

    // MARK: Usage and the review of unanswered questions
    @discardableResult
    func recordUsage(_ counts: [UsageKey: Int], unanswered lines: [UnansweredLine]) async throws -> Int
    @discardableResult
    func purgeUnanswered(before cutoff: CalendarDay) async throws -> Int
    func unansweredGroups(since: CalendarDay?, until: CalendarDay?, includeDecided: Bool) async throws -> [UnansweredGroupRecord]
    func assignUnansweredGroup(id: Int64, intent: IntentID, day: CalendarDay) async throws -> Bool
    func ignoreUnansweredGroup(id: Int64, day: CalendarDay) async throws -> Bool
    func usageCounts(since: CalendarDay?, until: CalendarDay?) async throws -> [UsageCountRecord]

    // MARK: Health
    /// A trivial read (and, for the daemon's SQLite file, that it is still the one opened).
    func answerTrivialRead() async throws
    /// Lets go of connections; the storage is not used afterwards.
    func close() async
}

// MARK: - Conveniences with defaults, for every engine

extension CivicStorage {
    /// One sign-up, committed before it returns.
    public func saveSignup(_ draft: SignupDraft, actor: AuditActor, city: String?) async throws -> SignupOutcome {
        try await saveSignups([(draft, actor, city)])[0].get()
    }

    public func addOrganiser(name: String) async throws -> (organiser: Organiser, code: String) {
        try await addOrganiser(name: name, actor: .admin)
    }

    @discardableResult
    public func revokeOrganiser(id: Int64) async throws -> Bool {
        try await revokeOrganiser(id: id, actor: .admin)
    }

    public func loginWait(address: String) async throws -> AddressLoginWait? {
        try await loginWait(address: address, now: Date())
    }

    @discardableResult
    public func recordLoginFailure(address: String) async throws -> AddressLoginWait {
        try await recordLoginFailure(address: address, now: Date())
    }

    @discardableResult
    public func unlockLogins(address: String? = nil) async throws -> Int {
        try await unlockLogins(address: address, actor: .admin)
    }

    public func lockedLoginAddresses() async throws -> [(address: String, failures: Int, waitSeconds: Int)] {
        try await lockedLoginAddresses(now: Date())
    }

    public func statistics(since: Date? = nil, until: Date? = nil) async throws -> Statistics {
        try await statistics(since: since, until: until, timeZone: .current)
    }

    public func statistics(timeZone: TimeZone) async throws -> Statistics {
        try await statistics(since: nil, until: nil, timeZone: timeZone)
    }

    public func erasurePlan(reference: String) async throws -> ErasurePlan {
        try await erasurePlan(reference: reference, contact: nil)
    }

    public func erasurePlan(contact: Contact) async throws -> ErasurePlan {
        try await erasurePlan(reference: nil, contact: contact)
    }

    public func erase(reference: String? = nil, contact: Contact? = nil) async throws -> ErasureResult {
        try await erase(reference: reference, contact: contact, actor: .admin)
    }

    public func purge(before cutoff: Date) async throws -> (signups: Int, notes: Int) {
        try await purge(before: cutoff, actor: .admin)
    }

    @discardableResult
    public func recordUsage(_ counts: [UsageKey: Int]) async throws -> Int {
        try await recordUsage(counts, unanswered: [])
    }

    public func unansweredGroups(since: CalendarDay? = nil, until: CalendarDay? = nil) async throws -> [UnansweredGroupRecord] {
        try await unansweredGroups(since: since, until: until, includeDecided: false)
    }

    public func unansweredGroups(includeDecided: Bool) async throws -> [UnansweredGroupRecord] {
        try await unansweredGroups(since: nil, until: nil, includeDecided: includeDecided)
    }

    /// One group with all its kept lines, whatever its status; nil when there is none.
    public func unansweredGroup(id: Int64) async throws -> UnansweredGroupRecord? {
        try await unansweredGroups(since: nil, until: nil, includeDecided: true).first { $0.id == id }
    }

    public func usageCounts() async throws -> [UsageCountRecord] {
        try await usageCounts(since: nil, until: nil)
    }

    public func usageCounts(since: CalendarDay) async throws -> [UsageCountRecord] {
        try await usageCounts(since: since, until: nil)
    }

    public func usageCounts(until: CalendarDay) async throws -> [UsageCountRecord] {
        try await usageCounts(since: nil, until: until)
    }
}

/// What an address must wait before its next organiser log-in attempt.
public enum AddressLoginWait: Sendable, Equatable {
    /// Wrong codes slow it: it may try again after this many seconds.
    case delayed(seconds: Int)
    /// ``AddressLoginPolicy/lockAfter`` wrong codes locked log-in from it for this many seconds
    /// (or until staff run `civicd admin organisers unlock`).
    case locked(seconds: Int)

    public var seconds: Int {
        switch self {
        case .delayed(let seconds), .locked(let seconds): return seconds
        }
    }
}
