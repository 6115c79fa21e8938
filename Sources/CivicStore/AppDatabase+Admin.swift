import CivicCore
import Foundation
import GRDB

/// An interview note as staff see it (erased notes keep their row without the resident's words).
public struct InterviewNoteRecord: Sendable, Equatable, Codable, FetchableRecord {
    public var id: Int64
    public var organiserId: Int64
    public var organiserName: String
    public var district: String?
    public var interviewDate: String
    public var topic: String?
    public var concerns: String?
    public var recontact: Bool
    public var recontactHow: String?
    public var createdAt: Date
    public var erasedAt: Date?
}

public struct NoteFilter: Sendable, Equatable {
    /// An organiser's id, or (part of) their name.
    public var organiser: String?
    public var district: String?
    /// Interview dates, inclusive.
    public var since: CalendarDay?
    public var until: CalendarDay?

    public init(organiser: String? = nil, district: String? = nil, since: CalendarDay? = nil, until: CalendarDay? = nil) {
        self.organiser = organiser
        self.district = district
        self.since = since
        self.until = until
    }
}

extension NoteFilter {
    /// The notes whose organiser's name and district match as staff type them (any case, with or
    /// without Polish letters); an organiser given as an id was matched by the query.
    func matchingText(_ notes: [InterviewNoteRecord]) -> [InterviewNoteRecord] {
        let organiser = self.organiser.flatMap { Int64($0) == nil ? StaffSearch($0) : nil }
        let district = self.district.map(StaffSearch.init)
        return notes.filter { note in
            if let organiser, !organiser.matches(note.organiserName) { return false }
            if let district, !district.matches(note.district) { return false }
            return true
        }
    }
}

public struct OrganiserRecord: Sendable, Equatable, Codable, FetchableRecord {
    public var id: Int64
    public var name: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var notes: Int
}

public struct ErasureRequestRecord: Sendable, Equatable, Codable, FetchableRecord {
    public var id: Int64
    public var reference: String
    /// Nil once the contact was erased.
    public var contact: String?
    /// Whether the code and the contact belonged to one live sign-up when the request was made.
    public var matched: Bool
    /// `kiosk`, `remote`, or `unknown` for requests recorded before civicd kept it.
    public var sessionKind: String
    public var createdAt: Date
    public var handledAt: Date?
}

/// What an erasure will touch, shown to staff before they confirm it.
public struct ErasurePlan: Sendable, Equatable {
    public var signups: [SignupRecord]
    /// Notes whose re-contact details name one of the erased contacts.
    public var notes: [InterviewNoteRecord]
    /// Erasure requests that this erasure answers (marked handled; their contact removed).
    public var requests: [ErasureRequestRecord]

    public var isEmpty: Bool { signups.isEmpty && notes.isEmpty && requests.isEmpty }
}

/// One audit event (never personal data: the subject is a reference code or a row id).
public struct AuditEventRecord: Sendable, Equatable, Codable, FetchableRecord {
    public var id: Int64
    public var at: Date
    public var action: String
    public var subject: String?
    public var actor: String
}

/// Everything civicd holds about one contact: the right of access (GDPR art. 15).
public struct SubjectData: Sendable, Equatable {
    public var contact: String
    public var signups: [SignupRecord]
    public var notes: [InterviewNoteRecord]
    public var erasureRequests: [ErasureRequestRecord]
    public var auditEvents: [AuditEventRecord]
}

/// Counts for `civicd admin stats`.
public struct Statistics: Sendable, Equatable {
    public var byProgramme: [(key: String, count: Int)]
    public var byDistrict: [(key: String, count: Int)]
    /// Per day (YYYY-MM-DD in the configured time zone), oldest first.
    public var byDay: [(key: String, count: Int)]
    public var interviews: [(organiser: String, count: Int)]

    public static func == (lhs: Statistics, rhs: Statistics) -> Bool {
        lhs.byProgramme.map { "\($0.key)=\($0.count)" } == rhs.byProgramme.map { "\($0.key)=\($0.count)" }
            && lhs.byDistrict.map { "\($0.key)=\($0.count)" } == rhs.byDistrict.map { "\($0.key)=\($0.count)" }
            && lhs.byDay.map { "\($0.key)=\($0.count)" } == rhs.byDay.map { "\($0.key)=\($0.count)" }
            && lhs.interviews.map { "\($0.organiser)=\($0.count)" } == rhs.interviews.map { "\($0.organiser)=\($0.count)" }
    }
}

/// What an erasure did.
public struct ErasureResult: Sendable, Equatable {
    public var signups: [String]
    public var notes: Int
}

extension AppDatabase {
    // MARK: - Notes

    public func notes(matching filter: NoteFilter) async throws -> [InterviewNoteRecord] {
        try await writer.read { db in try Self.notes(db, matching: filter) }
    }

    static func notes(_ db: Database, matching filter: NoteFilter) throws -> [InterviewNoteRecord] {
        var sql = SQLFilter()
        sql.add("n.organiserId = ?", filter.organiser.flatMap { Int64($0) })
        sql.add("n.interviewDate >= ?", filter.since?.description)
        sql.add("n.interviewDate <= ?", filter.until?.description)
        let notes = try InterviewNoteRecord.fetchAll(db, sql: """
            SELECT n.id, n.organiserId, o.name AS organiserName, n.district, n.interviewDate, n.topic, n.concerns,
                   n.recontact, n.recontactHow, n.createdAt, n.erasedAt
            FROM interviewNote n JOIN organiser o ON o.id = n.organiserId
            \(sql.sql) ORDER BY n.interviewDate, n.id
            """, arguments: sql.statementArguments)
        return filter.matchingText(notes)
    }

    // MARK: - Organisers

    public func organisers() async throws -> [OrganiserRecord] {
        try await writer.read { db in
            try OrganiserRecord.fetchAll(db, sql: """
                SELECT o.id, o.name, o.createdAt, o.revokedAt,
                       (SELECT COUNT(*) FROM interviewNote n WHERE n.organiserId = o.id) AS notes
                FROM organiser o ORDER BY o.id
                """)
        }
    }

    // MARK: - Statistics

    /// Counts of sign-ups and interviews; days are those of `timeZone` (the configured one).
    public func statistics(since: Date?, until: Date?, timeZone: TimeZone) async throws -> Statistics {
        try await writer.read { db in
            var filter = SQLFilter()
            filter.add("createdAt >= ?", since)
            filter.add("createdAt < ?", until)
            let whereClause = filter.sql
            let args = filter.statementArguments
            func counts(_ sql: String) throws -> [(key: String, count: Int)] {
                try Row.fetchAll(db, sql: sql, arguments: args).map { (key: $0[0] as String? ?? "—", count: $0[1] as Int) }
            }
            // Erased sign-ups still count: only their personal data is gone.
            let byProgramme = try counts("SELECT programme, COUNT(*) FROM signup \(whereClause) GROUP BY programme ORDER BY COUNT(*) DESC, programme")
            let byDistrict = try counts("SELECT district, COUNT(*) FROM signup \(whereClause) GROUP BY district ORDER BY COUNT(*) DESC, district")
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            var perDay: [String: Int] = [:]
            for created in try Date.fetchAll(db, sql: "SELECT createdAt FROM signup \(whereClause)", arguments: args) {
                let day = calendar.dateComponents([.year, .month, .day], from: created)
                perDay[CalendarDay(year: day.year ?? 0, month: day.month ?? 0, day: day.day ?? 0).description, default: 0] += 1
            }
            let byDay = perDay.sorted { $0.key < $1.key }.map { (key: $0.key, count: $0.value) }
            let interviews = try Row.fetchAll(db, sql: """
                SELECT o.name, (SELECT COUNT(*) FROM interviewNote n WHERE n.organiserId = o.id)
                FROM organiser o WHERE o.revokedAt IS NULL ORDER BY o.name
                """).map { (organiser: $0[0] as String, count: $0[1] as Int) }
            return Statistics(byProgramme: byProgramme, byDistrict: byDistrict, byDay: byDay, interviews: interviews)
        }
    }

    // MARK: - Erasure

    /// What ``erase(reference:contact:actor:)`` would do now, for staff to see before confirming.
    public func erasurePlan(reference: String?, contact: Contact?) async throws -> ErasurePlan {
        try await writer.read { db in try Self.erasurePlan(db, reference: reference, contact: contact) }
    }

    static func erasurePlan(_ db: Database, reference: String?, contact: Contact?) throws -> ErasurePlan {
        var signups: [SignupRecord] = []
        if let reference, let code = ReferenceCode.parse(reference) {
            signups += try SignupRecord.fetchAll(db, sql: "SELECT * FROM signup WHERE reference = ? AND erasedAt IS NULL", arguments: [code])
        }
        if let contact {
            signups += try SignupRecord.fetchAll(db, sql: "SELECT * FROM signup WHERE contact = ? AND erasedAt IS NULL", arguments: [contact.description])
        }
        let notes = try notes(db, matching: NoteFilter())
        let requests = try ErasureRequestRecord.fetchAll(db, sql: "SELECT * FROM erasureRequest ORDER BY createdAt, id")
        return plan(reference: reference, contact: contact, found: signups, notes: notes, requests: requests)
    }

    /// The plan from what was read, the same for every engine: the live sign-ups found by the
    /// code or the contact, the live notes whose re-contact details name one of the contacts that
    /// go, the requests this erasure answers.
    static func plan(reference: String?, contact: Contact?, found: [SignupRecord], notes allNotes: [InterviewNoteRecord],
                     requests allRequests: [ErasureRequestRecord]) -> ErasurePlan {
        var seen = Set<Int64>()
        let signups = found.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
        // The contacts that go: the one given and those of the sign-ups found by their code.
        let contacts = Set(signups.compactMap(\.contact) + (contact.map { [$0.description] } ?? []))
        let needles = contacts.compactMap(Contact.init(parsing:)).flatMap(contactNeedles)
        let notes = allNotes.filter { note in
            guard note.erasedAt == nil, let how = note.recontactHow else { return false }
            return mentions(how, anyOf: needles)
        }
        let references = Set(signups.map(\.reference) + (reference.flatMap(ReferenceCode.parse).map { [$0] } ?? []))
        let requests = allRequests.filter { request in
            (request.handledAt == nil && references.contains(request.reference)) || request.contact.map(contacts.contains) == true
        }
        return ErasurePlan(signups: signups, notes: notes, requests: requests)
    }

    /// True when free text (re-contact details) names one of the contacts.
    static func mentions(_ text: String, anyOf needles: [String]) -> Bool {
        let digits = text.filter(\.isNumber)
        return needles.contains { text.lowercased().contains($0) || (!$0.contains("@") && digits.contains($0)) }
    }

    /// Removes the personal data of the sign-ups with this reference or contact, and of the notes
    /// whose re-contact details name an erased contact; keeps the rows (anonymised) so counts stay
    /// right, marks the erasure requests it answers handled and removes the erased contact from
    /// every request, and records an audit event per row. Afterwards no listing shows the contact.
    public func erase(reference: String?, contact: Contact?, actor: AuditActor) async throws -> ErasureResult {
        try await writer.write { db in
            let now = Date()
            let plan = try Self.erasurePlan(db, reference: reference, contact: contact)
            for signup in plan.signups {
                try db.execute(sql: "UPDATE signup SET name = NULL, contact = NULL, organisation = NULL, erasedAt = ? WHERE id = ?", arguments: [now, signup.id])
                try Self.audit(db, action: "signup.erase", subject: signup.reference, actor: actor, at: now)
            }
            for note in plan.notes {
                try db.execute(sql: "UPDATE interviewNote SET topic = NULL, concerns = NULL, recontactHow = NULL, erasedAt = ? WHERE id = ?",
                               arguments: [now, note.id])
                try Self.audit(db, action: "note.erase", subject: "note:\(note.id)", actor: actor, at: now)
            }
            let contacts = Set(plan.signups.compactMap(\.contact) + (contact.map { [$0.description] } ?? []))
            for request in plan.requests {
                let keptContact = request.contact.flatMap { contacts.contains($0) ? nil : $0 }
                try db.execute(sql: "UPDATE erasureRequest SET handledAt = COALESCE(handledAt, ?), contact = ? WHERE id = ?",
                               arguments: [now, keptContact, request.id])
            }
            return ErasureResult(signups: plan.signups.map(\.reference), notes: plan.notes.count)
        }
    }

    static func contactNeedles(_ contact: Contact) -> [String] {
        switch contact {
        case .email(let address): return [address]
        case .phone(let digits), .internationalPhone(let digits): return [digits]
        }
    }

    public func erasureRequests(includeHandled: Bool) async throws -> [ErasureRequestRecord] {
        try await writer.read { db in
            try ErasureRequestRecord.fetchAll(db, sql: """
                SELECT * FROM erasureRequest \(includeHandled ? "" : "WHERE handledAt IS NULL") ORDER BY createdAt, id
                """)
        }
    }

    // MARK: - Right of access

    /// Everything held about `contact`: its sign-ups, the notes that name it, its erasure
    /// requests, and the audit events about those rows.
    public func subjectData(contact: Contact) async throws -> SubjectData {
        try await writer.read { db in
            let text = contact.description
            let signups = try SignupRecord.fetchAll(db, sql: "SELECT * FROM signup WHERE contact = ? ORDER BY createdAt, id", arguments: [text])
            let needles = Self.contactNeedles(contact)
            let notes = try Self.notes(db, matching: NoteFilter()).filter { note in
                note.recontactHow.map { Self.mentions($0, anyOf: needles) } ?? false
            }
            let requests = try ErasureRequestRecord.fetchAll(db, sql: "SELECT * FROM erasureRequest WHERE contact = ? ORDER BY createdAt, id", arguments: [text])
            // The audit trail grows with every write: ask for the few subjects, never read it all.
            let subjects = Array(Set(signups.map(\.reference) + requests.map(\.reference) + notes.map { "note:\($0.id)" })).sorted()
            let events = subjects.isEmpty ? [] : try AuditEventRecord.fetchAll(db, sql: """
                SELECT * FROM auditEvent WHERE subject IN (\(databaseQuestionMarks(count: subjects.count))) ORDER BY at, id
                """, arguments: StatementArguments(subjects))
            return SubjectData(contact: text, signups: signups, notes: notes, erasureRequests: requests, auditEvents: events)
        }
    }

    /// Anonymises sign-ups created, and notes written, before `cutoff`. Returns how many of each.
    public func purge(before cutoff: Date, actor: AuditActor) async throws -> (signups: Int, notes: Int) {
        try await writer.write { db in
            let now = Date()
            try db.execute(sql: "UPDATE signup SET name = NULL, contact = NULL, organisation = NULL, erasedAt = ? WHERE createdAt < ? AND erasedAt IS NULL", arguments: [now, cutoff])
            let signups = db.changesCount
            try db.execute(sql: "UPDATE interviewNote SET topic = NULL, concerns = NULL, recontactHow = NULL, erasedAt = ? WHERE createdAt < ? AND erasedAt IS NULL", arguments: [now, cutoff])
            let notes = db.changesCount
            try Self.audit(db, action: "retention.purge", subject: "signups:\(signups) notes:\(notes)", actor: actor, at: now)
            return (signups, notes)
        }
    }
}
