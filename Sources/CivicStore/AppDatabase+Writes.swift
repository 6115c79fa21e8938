import CivicCore
import Crypto
import Foundation
import GRDB

/// Who did something, for the audit trail: a session, an organiser, or staff at the shell.
public enum AuditActor: Sendable, Equatable, CustomStringConvertible {
    case session(UInt64)
    case organiser(Int64)
    case admin

    public var description: String {
        switch self {
        case .session(let id): return "session:\(id)"
        case .organiser(let id): return "organiser:\(id)"
        case .admin: return "admin"
        }
    }
}

// MARK: - Sign-ups

extension AppDatabase {
    /// Saves sign-ups in one transaction (a group commit): each either gets a new row and a
    /// reference, or is found already signed up. When this returns, the rows are on disk.
    /// Each sign-up runs in its own savepoint, so one failure does not undo the others.
    public func saveSignups(_ batch: [(draft: SignupDraft, actor: AuditActor, city: String?)]) async throws -> [Result<SignupOutcome, Error>] {
        let randomBits = self.randomBits
        return try await writer.write { db in
            var results: [Result<SignupOutcome, Error>] = []
            let now = Date()
            for item in batch {
                var outcome: SignupOutcome?
                do {
                    try db.inSavepoint {
                        outcome = try Self.insertSignup(item.draft, actor: item.actor, city: item.city, now: now, randomBits: randomBits, db)
                        return .commit
                    }
                    results.append(.success(outcome!))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// Two statements in the usual case, both prepared once per connection: the insert, which the
    /// unique index on live (programme, contact) turns into nothing for a resident already signed
    /// up, and the audit event. The unique index on `reference` catches the rare random clash.
    static func insertSignup(
        _ draft: SignupDraft, actor: AuditActor, city: String?, now: Date,
        randomBits: () -> UInt32 = { UInt32.random(in: 0...UInt32.max) }, _ db: Database
    ) throws -> SignupOutcome {
        let contact = draft.contact.description
        let prefix = ReferenceCode.prefix(forTopic: draft.programme, city: city)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO signup (reference, programme, name, contact, district, organisation, consentVersion, language, createdAt, nextEdition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (programme, contact) WHERE erasedAt IS NULL DO NOTHING
            """)
        for _ in 0..<8 {
            let reference = ReferenceCode.make(prefix: prefix, randomBits: randomBits())
            do {
                try insert.execute(arguments: [reference, draft.programme, draft.name, contact, draft.district, draft.organisation,
                                               draft.consentVersion, draft.language.rawValue, now, draft.nextEdition])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                continue  // the contact's conflict is absorbed above, so this is the reference: draw again
            }
            if db.changesCount == 0 {
                // Nothing inserted: the live (programme, contact) row exists, in this transaction.
                guard let existing = try String.fetchOne(db.cachedStatement(sql: """
                    SELECT reference FROM signup WHERE programme = ? AND contact = ? AND erasedAt IS NULL
                    """), arguments: [draft.programme, contact])
                else { throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "sign-up neither inserted nor found") }
                try audit(db, action: "signup.duplicate", subject: existing, actor: actor, at: now)
                return .alreadySignedUp
            }
            try audit(db, action: "signup.create", subject: reference, actor: actor, at: now)
            return .saved(reference: reference)
        }
        throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "no free reference code after 8 draws")
    }

    /// The row is found by reference and the contact it was stored with, so a correction can
    /// only reach the sign-up its conversation made; a new contact another live sign-up of the
    /// programme holds is refused (the unique index would refuse it too). Through the daemon's
    /// writer: one transaction, `synchronous=FULL`, on disk when this returns.
    public func correctSignup(_ correction: SignupCorrection, actor: AuditActor) async throws -> SignupCorrectionOutcome {
        try await writer.write { db in
            let new = correction.corrected
            let taken = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM signup WHERE programme = ? AND contact = ? AND erasedAt IS NULL AND reference <> ?)
                """, arguments: [new.programme, new.contact.description, correction.reference]) ?? false
            if taken { return .contactTaken }
            try db.execute(sql: """
                UPDATE signup SET name = ?, contact = ?, district = ?
                WHERE reference = ? AND programme = ? AND contact = ? AND erasedAt IS NULL
                """, arguments: [new.name, new.contact.description, new.district, correction.reference, correction.stored.programme,
                                 correction.stored.contact.description])
            guard db.changesCount == 1 else { return .notFound }
            try Self.audit(db, action: "signup.correct", subject: correction.reference, actor: actor)
            return .corrected(reference: correction.reference)
        }
    }

    static func audit(_ db: Database, action: String, subject: String?, actor: AuditActor, at: Date = Date()) throws {
        try db.cachedStatement(sql: "INSERT INTO auditEvent (at, action, subject, actor) VALUES (?, ?, ?, ?)")
            .execute(arguments: [at, action, subject, actor.description])
    }
}

// MARK: - Organisers

extension AppDatabase {
    /// Creates an organiser and returns their access code. Only a salted hash of the code is
    /// stored; the code itself is shown once and cannot be recovered.
    public func addOrganiser(name: String, actor: AuditActor) async throws -> (organiser: Organiser, code: String) {
        let code = OrganiserCode.generate()
        let salt = OrganiserCode.salt()
        let hash = OrganiserCode.hash(code, salt: salt)
        let id = try await writer.write { db -> Int64 in
            try db.execute(sql: "INSERT INTO organiser (name, codeSalt, codeHash, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [name, salt, hash, Date()])
            let id = db.lastInsertedRowID
            try Self.audit(db, action: "organiser.add", subject: "organiser:\(id)", actor: actor)
            return id
        }
        return (Organiser(id: id, name: name), code)
    }

    /// The organiser whose (not revoked) code this is, or nil.
    public func verifyOrganiser(code: String) async throws -> Organiser? {
        let normalized = OrganiserCode.normalize(code)
        return try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, name, codeSalt, codeHash FROM organiser WHERE revokedAt IS NULL")
            for row in rows {
                let salt: Data = row["codeSalt"]
                let stored: Data = row["codeHash"]
                if OrganiserCode.matches(normalized, salt: salt, hash: stored) {
                    return Organiser(id: row["id"], name: row["name"])
                }
            }
            return nil
        }
    }

    /// Revokes an organiser's code; their notes stay.
    public func revokeOrganiser(id: Int64, actor: AuditActor) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE organiser SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL", arguments: [Date(), id])
            let changed = db.changesCount > 0
            if changed { try Self.audit(db, action: "organiser.revoke", subject: "organiser:\(id)", actor: actor) }
            return changed
        }
    }
}

// MARK: - Interview notes and erasure requests

extension AppDatabase {
    /// Saves a note and returns how many live notes its organiser now has.
    public func saveInterviewNote(_ note: InterviewNoteDraft, actor: AuditActor) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO interviewNote (organiserId, district, interviewDate, topic, concerns, recontact, recontactHow, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [note.organiserID, note.district, note.date.description, note.topic, note.concerns,
                                 note.recontact, note.recontactHow, Date()])
            try Self.audit(db, action: "note.create", subject: "note:\(db.lastInsertedRowID)", actor: actor)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interviewNote WHERE organiserId = ?", arguments: [note.organiserID]) ?? 0
        }
    }

    /// The number of interviews an organiser has recorded (erased notes still count).
    public func interviewCount(organiserID: Int64) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interviewNote WHERE organiserId = ?", arguments: [organiserID]) ?? 0
        }
    }

    /// Records a resident's request to erase a sign-up, for staff to handle, with whether its code
    /// and contact matched a live sign-up and the kind of session it came from. The resident is
    /// told the same either way.
    public func recordErasureRequest(_ request: ErasureRequestDraft, actor: AuditActor) async throws {
        try await writer.write { db in
            let contact = request.contact.description
            let matched = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM signup WHERE reference = ? AND contact = ? AND erasedAt IS NULL)
                """, arguments: [request.reference, contact]) ?? false
            try db.execute(sql: """
                INSERT INTO erasureRequest (reference, contact, matched, sessionKind, createdAt) VALUES (?, ?, ?, ?, ?)
                """, arguments: [request.reference, contact, matched, request.sessionKind.rawValue, Date()])
            try Self.audit(db, action: "erasure.request", subject: request.reference, actor: actor)
        }
    }
}

// MARK: - Organiser log-in throttle per address

extension AppDatabase {
    /// What the address must wait before its next log-in attempt; nil when it may try.
    public func loginWait(address: String, now: Date) async throws -> AddressLoginWait? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT failures, lastFailureAt FROM loginFailure WHERE address = ?", arguments: [address]) else {
                return nil
            }
            return AddressLoginPolicy.wait(failures: row["failures"], lastFailureAt: row["lastFailureAt"], now: now)
        }
    }

    /// Counts a wrong code from `address` (atomically: one upsert) and returns what it must wait
    /// now. Entries nobody needs any more are removed on the way.
    @discardableResult
    public func recordLoginFailure(address: String, now: Date) async throws -> AddressLoginWait {
        try await writer.write { db in
            let forgotten = now.addingTimeInterval(-AddressLoginPolicy.forgetAfterSeconds)
            try db.execute(sql: "DELETE FROM loginFailure WHERE lastFailureAt < ?", arguments: [forgotten])
            let failures = try Int.fetchOne(db, sql: """
                INSERT INTO loginFailure (address, failures, lastFailureAt) VALUES (?, 1, ?)
                ON CONFLICT (address) DO UPDATE SET failures = failures + 1, lastFailureAt = excluded.lastFailureAt
                RETURNING failures
                """, arguments: [address, now]) ?? 1
            return AddressLoginPolicy.afterFailure(failures)
        }
    }

    /// Lifts the log-in delay and lock of one address, or of every address; returns how many were lifted.
    @discardableResult
    public func unlockLogins(address: String?, actor: AuditActor) async throws -> Int {
        try await writer.write { db in
            if let address {
                try db.execute(sql: "DELETE FROM loginFailure WHERE address = ?", arguments: [address])
            } else {
                try db.execute(sql: "DELETE FROM loginFailure")
            }
            let count = db.changesCount
            try Self.audit(db, action: "organiser.unlock", subject: address == nil ? "all" : "address", actor: actor)
            return count
        }
    }

    /// The addresses whose log-ins are slowed or locked now, with their failure counts (for staff).
    public func lockedLoginAddresses(now: Date) async throws -> [(address: String, failures: Int, waitSeconds: Int)] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT address, failures, lastFailureAt FROM loginFailure ORDER BY lastFailureAt DESC").compactMap { row in
                let last: Date = row["lastFailureAt"]
                guard now.timeIntervalSince(last) < AddressLoginPolicy.forgetAfterSeconds else { return nil }
                let failures: Int = row["failures"]
                let wait = AddressLoginPolicy.wait(failures: failures, lastFailureAt: last, now: now)?.seconds ?? 0
                return (address: row["address"], failures: failures, waitSeconds: wait)
            }
        }
    }
}
