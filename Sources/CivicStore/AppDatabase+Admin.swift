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
    public var contact: String
    public var createdAt: Date
    public var handledAt: Date?
}

/// Counts for `civicd admin stats`.
public struct Statistics: Sendable, Equatable {
    public var byProgramme: [(key: String, count: Int)]
    public var byDistrict: [(key: String, count: Int)]
    /// Per day (YYYY-MM-DD, UTC), oldest first.
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
        try await writer.read { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let organiser = filter.organiser {
                if let id = Int64(organiser) {
                    clauses.append("n.organiserId = ?")
                    arguments.append(id)
                } else {
                    clauses.append("o.name LIKE ? ESCAPE '\\'")
                    arguments.append("%" + Self.escapeLike(organiser) + "%")
                }
            }
            if let district = filter.district {
                clauses.append("n.district LIKE ? ESCAPE '\\'")
                arguments.append("%" + Self.escapeLike(district) + "%")
            }
            if let since = filter.since {
                clauses.append("n.interviewDate >= ?")
                arguments.append(since.description)
            }
            if let until = filter.until {
                clauses.append("n.interviewDate <= ?")
                arguments.append(until.description)
            }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            return try InterviewNoteRecord.fetchAll(db, sql: """
                SELECT n.id, n.organiserId, o.name AS organiserName, n.district, n.interviewDate, n.topic, n.concerns,
                       n.recontact, n.recontactHow, n.createdAt, n.erasedAt
                FROM interviewNote n JOIN organiser o ON o.id = n.organiserId
                \(whereClause) ORDER BY n.interviewDate, n.id
                """, arguments: StatementArguments(arguments))
        }
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

    public func statistics(since: Date? = nil, until: Date? = nil) async throws -> Statistics {
        try await writer.read { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let since { clauses.append("createdAt >= ?"); arguments.append(since) }
            if let until { clauses.append("createdAt < ?"); arguments.append(until) }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let args: StatementArguments = StatementArguments(arguments)
            func counts(_ sql: String) throws -> [(key: String, count: Int)] {
                try Row.fetchAll(db, sql: sql, arguments: args).map { (key: $0[0] as String? ?? "—", count: $0[1] as Int) }
            }
            // Erased sign-ups still count: only their personal data is gone.
            let byProgramme = try counts("SELECT programme, COUNT(*) FROM signup \(whereClause) GROUP BY programme ORDER BY COUNT(*) DESC, programme")
            let byDistrict = try counts("SELECT district, COUNT(*) FROM signup \(whereClause) GROUP BY district ORDER BY COUNT(*) DESC, district")
            let byDay = try counts("SELECT substr(createdAt, 1, 10), COUNT(*) FROM signup \(whereClause) GROUP BY 1 ORDER BY 1")
            let interviews = try Row.fetchAll(db, sql: """
                SELECT o.name, (SELECT COUNT(*) FROM interviewNote n WHERE n.organiserId = o.id)
                FROM organiser o WHERE o.revokedAt IS NULL ORDER BY o.name
                """).map { (organiser: $0[0] as String, count: $0[1] as Int) }
            return Statistics(byProgramme: byProgramme, byDistrict: byDistrict, byDay: byDay, interviews: interviews)
        }
    }

    // MARK: - Erasure

    /// Removes the personal data of the sign-ups with this reference or contact, and of the notes
    /// whose re-contact details name the contact; keeps the rows (anonymised) so counts stay right,
    /// marks matching erasure requests handled, and records an audit event per sign-up.
    public func erase(reference: String? = nil, contact: Contact? = nil, actor: AuditActor = .admin) async throws -> ErasureResult {
        try await writer.write { db in
            let now = Date()
            var references: [String] = []
            if let reference, let code = ReferenceCode.parse(reference) {
                references += try String.fetchAll(db, sql: "SELECT reference FROM signup WHERE reference = ? AND erasedAt IS NULL", arguments: [code])
            }
            if let contact {
                references += try String.fetchAll(db, sql: "SELECT reference FROM signup WHERE contact = ? AND erasedAt IS NULL", arguments: [contact.description])
            }
            references = Array(Set(references)).sorted()
            for code in references {
                try db.execute(sql: "UPDATE signup SET name = NULL, contact = NULL, erasedAt = ? WHERE reference = ?", arguments: [now, code])
                try db.execute(sql: "UPDATE erasureRequest SET handledAt = ? WHERE reference = ? AND handledAt IS NULL", arguments: [now, code])
                try Self.audit(db, action: "signup.erase", subject: code, actor: actor, at: now)
            }
            var notes = 0
            if let contact {
                let needles = Self.contactNeedles(contact)
                let candidates = try Row.fetchAll(db, sql: "SELECT id, recontactHow FROM interviewNote WHERE erasedAt IS NULL AND recontactHow IS NOT NULL")
                for row in candidates {
                    let how: String = row["recontactHow"]
                    let digits = how.filter(\.isNumber)
                    guard needles.contains(where: { how.lowercased().contains($0) || (!$0.contains("@") && digits.contains($0)) }) else { continue }
                    let id: Int64 = row["id"]
                    try db.execute(sql: "UPDATE interviewNote SET topic = NULL, concerns = NULL, recontactHow = NULL, erasedAt = ? WHERE id = ?", arguments: [now, id])
                    try Self.audit(db, action: "note.erase", subject: "note:\(id)", actor: actor, at: now)
                    notes += 1
                }
                try db.execute(sql: "UPDATE erasureRequest SET handledAt = ? WHERE contact = ? AND handledAt IS NULL", arguments: [now, contact.description])
            }
            return ErasureResult(signups: references, notes: notes)
        }
    }

    static func contactNeedles(_ contact: Contact) -> [String] {
        switch contact {
        case .email(let address): return [address]
        case .phone(let digits): return [digits]
        }
    }

    public func erasureRequests(includeHandled: Bool) async throws -> [ErasureRequestRecord] {
        try await writer.read { db in
            try ErasureRequestRecord.fetchAll(db, sql: """
                SELECT * FROM erasureRequest \(includeHandled ? "" : "WHERE handledAt IS NULL") ORDER BY createdAt, id
                """)
        }
    }

    /// Anonymises sign-ups created, and notes written, before `cutoff`. Returns how many of each.
    public func purge(before cutoff: Date, actor: AuditActor = .admin) async throws -> (signups: Int, notes: Int) {
        try await writer.write { db in
            let now = Date()
            try db.execute(sql: "UPDATE signup SET name = NULL, contact = NULL, erasedAt = ? WHERE createdAt < ? AND erasedAt IS NULL", arguments: [now, cutoff])
            let signups = db.changesCount
            try db.execute(sql: "UPDATE interviewNote SET topic = NULL, concerns = NULL, recontactHow = NULL, erasedAt = ? WHERE createdAt < ? AND erasedAt IS NULL", arguments: [now, cutoff])
            let notes = db.changesCount
            try Self.audit(db, action: "retention.purge", subject: "signups:\(signups) notes:\(notes)", actor: actor, at: now)
            return (signups, notes)
        }
    }
}
