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
        try await writer.write { db in
            var results: [Result<SignupOutcome, Error>] = []
            let now = Date()
            for item in batch {
                var outcome: SignupOutcome?
                do {
                    try db.inSavepoint {
                        outcome = try Self.insertSignup(item.draft, actor: item.actor, city: item.city, now: now, db)
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

    /// One sign-up, committed before it returns.
    public func saveSignup(_ draft: SignupDraft, actor: AuditActor, city: String?) async throws -> SignupOutcome {
        try await saveSignups([(draft, actor, city)])[0].get()
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
            INSERT INTO signup (reference, programme, name, contact, district, consentVersion, language, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (programme, contact) WHERE erasedAt IS NULL DO NOTHING
            """)
        for _ in 0..<8 {
            let reference = ReferenceCode.make(prefix: prefix, randomBits: randomBits())
            do {
                try insert.execute(arguments: [reference, draft.programme, draft.name, contact, draft.district,
                                               draft.consentVersion, draft.language.rawValue, now])
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
                return .alreadySignedUp(reference: existing)
            }
            try audit(db, action: "signup.create", subject: reference, actor: actor, at: now)
            return .saved(reference: reference)
        }
        throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "no free reference code after 8 draws")
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
    public func addOrganiser(name: String, actor: AuditActor = .admin) async throws -> (organiser: Organiser, code: String) {
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
    @discardableResult
    public func revokeOrganiser(id: Int64, actor: AuditActor = .admin) async throws -> Bool {
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

    /// Records a resident's request to erase a sign-up, for staff to handle.
    public func recordErasureRequest(_ request: ErasureRequestDraft, actor: AuditActor) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT INTO erasureRequest (reference, contact, createdAt) VALUES (?, ?, ?)",
                           arguments: [request.reference, request.contact.description, Date()])
            try Self.audit(db, action: "erasure.request", subject: request.reference, actor: actor)
        }
    }
}

/// Organiser access codes: 12 characters of Crockford base 32 (60 bits) shown as
/// `XXXX-XXXX-XXXX`, stored as SHA-256 of a 16-byte random salt and the code. With 60 random bits
/// a fast salted hash is enough offline, and log-in attempts are throttled online.
public enum OrganiserCode {
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<12).map { _ in ReferenceCode.alphabet[Int(generator.next(upperBound: UInt32(32)))] }
        return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    static func salt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Upper case without separators, with the look-alikes Crockford allows (O→0, I/L→1).
    public static func normalize(_ code: String) -> String {
        String(code.uppercased().compactMap { character -> Character? in
            switch character {
            case "O": return "0"
            case "I", "L": return "1"
            case "-", " ": return nil
            default: return character
            }
        })
    }

    static func hash(_ code: String, salt: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Data(normalize(code).utf8))
        return Data(hasher.finalize())
    }

    static func matches(_ normalizedCode: String, salt: Data, hash stored: Data) -> Bool {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Data(normalizedCode.utf8))
        let computed = Data(hasher.finalize())
        // Constant time over the hash length.
        guard computed.count == stored.count else { return false }
        return zip(computed, stored).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
