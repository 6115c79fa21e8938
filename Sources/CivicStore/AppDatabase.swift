import CivicCore
import Crypto
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// civicd's database: sign-ups, organisers, interview notes, erasure requests and the audit
/// trail, in one SQLite file in WAL mode with `synchronous=FULL`. Every method is named for what
/// it does; no SQL leaves this module. Writes run on GRDB's writer queue, never on an event loop.
public struct AppDatabase: Sendable {
    /// The schema versions this build knows, in order. A database with any other migration applied
    /// was written by a newer civicd and is refused.
    public static let knownMigrations = ["v1", "v2", "v3", "v4", "v5", "v6"]

    let writer: any DatabaseWriter
    /// Where reference codes' random bits come from (tests draw clashes on purpose).
    var randomBits: @Sendable () -> UInt32 = { UInt32.random(in: 0...UInt32.max) }
    /// The daemon's watch on its file (``openForDaemon``), also asked by ``answerTrivialRead()``.
    var identityGuard: IdentityGuard?

    /// Opens (creating when needed) the database at `path` for the daemon: mode 0600, WAL,
    /// `synchronous=FULL` on the writing connection, checked with `PRAGMA quick_check`, migrated
    /// to the current schema, and watched: a commit after the file at `path` stopped being the
    /// one opened (deleted, replaced, moved) fails with ``StoreError/identityLost(_:)``.
    ///
    /// A directory that has held a database keeps a marker beside it (``markerPath(forDatabase:)``,
    /// `.civicd-database-id` for the daemon's `civicd.sqlite`); with the marker
    /// there and the database gone, opening is refused unless `initialise` is true.
    public static func openForDaemon(path: String, busyTimeout: TimeInterval = 5, initialise: Bool = false) throws -> AppDatabase {
        let marker = markerPath(forDatabase: path)
        let present = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0 > 0
        if !present, FileManager.default.fileExists(atPath: marker), !initialise {
            throw StoreError.expectedDatabaseMissing(path)
        }
        try createPrivateFile(path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
            let problems = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            if problems != ["ok"] { throw StoreError.damaged(path, problems.prefix(3).joined(separator: "; ")) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            throw StoreError.damaged(path, error.message ?? "\(error.resultCode)")
        }
        try makeDurable(pool)
        var database = AppDatabase(writer: pool)
        try database.checkSchemaIsKnown()
        try migrator.migrate(pool)
        // Readers opened before the migration (the quick_check above) could keep the old
        // schema cached and fail on a rebuilt table: close them; new ones see the new schema.
        pool.releaseMemory()
        database.identityGuard = try IdentityGuard.install(on: pool, path: path)
        if !FileManager.default.fileExists(atPath: marker) {
            try writeMarker(marker)
        }
        return database
    }

    /// Opens an existing database beside the running daemon (the admin command). Refuses a
    /// missing file, a database the daemon has not initialised, and an unknown schema.
    public static func openExisting(path: String, busyTimeout: TimeInterval = 5) throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.missing(path)
        }
        let pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
        try makeDurable(pool)
        let database = AppDatabase(writer: pool)
        try database.checkSchemaIsKnown()
        let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
        guard applied == Set(knownMigrations) else {
            throw StoreError.schema("database \(path) has schema \(applied.sorted().joined(separator: ",").nilIfEmpty ?? "none"); this civicd knows \(knownMigrations.joined(separator: ","))")
        }
        return database
    }

    /// A database in memory-backed temporary file, for tests: same configuration as the daemon's.
    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.label = "civicd"
        return configuration
    }

    /// `synchronous = FULL` on the writing connection, where it matters: a commit returns only
    /// after the WAL is fsynced. `prepareDatabase` alone is not enough — `DatabasePool` sets
    /// `NORMAL` on its writer after it (when it turns WAL on), so it is set again here, once
    /// the pool is open, through the writer itself. The pool keeps that one writer connection for
    /// its lifetime, so the setting stays.
    static func makeDurable(_ pool: DatabasePool) throws {
        let level = try pool.barrierWriteWithoutTransaction { db -> Int? in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }
        guard level == 2 else { throw StoreError.unavailable("SQLite refused synchronous=FULL (got \(level.map(String.init) ?? "nothing"))") }
    }

    /// The marker file beside a database, written once the daemon has opened it: for the daemon's
    /// `civicd.sqlite` it is `.civicd-database-id`; another database file `NAME` (benchmarks,
    /// tests) has its own, `.NAME.civicd-database-id`.
    public static func markerPath(forDatabase path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent == "civicd.sqlite" ? ".civicd-database-id" : ".\(url.lastPathComponent).civicd-database-id"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func writeMarker(_ marker: String) throws {
        let text = "civicd database \(UUID().uuidString) first opened \(ISO8601DateFormatter().string(from: Date()))\n" +
            "This directory has held a civicd database: civicd refuses to start without it unless given --init-database.\n"
        guard FileManager.default.createFile(atPath: marker, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.unavailable("cannot write \(marker): \(String(cString: strerror(errno)))")
        }
    }

    /// The database file is private from its first byte: created 0600 before SQLite opens it.
    static func createPrivateFile(_ path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.unavailable("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }

    func checkSchemaIsKnown() throws {
        // On the writer's connection: a reader opened before a migration could keep the old
        // schema's column list cached and fail to decode rows of a rebuilt table afterwards.
        let applied = try writer.writeWithoutTransaction { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        let unknown = Set(applied).subtracting(Self.knownMigrations)
        if !unknown.isEmpty {
            throw StoreError.schema("the database has schema versions this civicd does not know (\(unknown.sorted().joined(separator: ", "))); it was written by a newer civicd")
        }
    }

    /// Append-only: a released migration is never edited; changes come as new migrations.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "signup") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("reference", .text).notNull().unique()
                t.column("programme", .text).notNull()
                t.column("name", .text)
                t.column("contact", .text)
                t.column("district", .text)
                t.column("consentVersion", .text).notNull()
                t.column("language", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("erasedAt", .datetime)
            }
            // One live sign-up per programme and contact; erased rows keep counting but not blocking.
            try db.execute(sql: "CREATE UNIQUE INDEX signup_live_contact ON signup(programme, contact) WHERE erasedAt IS NULL")
            try db.create(index: "signup_createdAt", on: "signup", columns: ["createdAt"])

            try db.create(table: "organiser") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("codeSalt", .blob).notNull()
                t.column("codeHash", .blob).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
            try db.create(table: "interviewNote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("organiser").notNull()
                t.column("district", .text)
                t.column("interviewDate", .text).notNull()
                t.column("topic", .text)
                t.column("concerns", .text)
                t.column("recontact", .boolean).notNull()
                t.column("recontactHow", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("erasedAt", .datetime)
            }
            try db.create(table: "erasureRequest") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("reference", .text).notNull()
                t.column("contact", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("handledAt", .datetime)
            }
            // What happened, when and by whom — never the personal data itself.
            try db.create(table: "auditEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text)
                t.column("actor", .text).notNull()
            }
        }
        migrator.registerMigration("v2") { db in
            // Erasure requests say whether their code and contact matched a live sign-up when they
            // were made, and from which kind of session; the contact may be erased (NULL).
            try db.create(table: "erasureRequest_v2") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("reference", .text).notNull()
                t.column("contact", .text)
                t.column("matched", .boolean).notNull()
                t.column("sessionKind", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("handledAt", .datetime)
            }
            try db.execute(sql: """
                INSERT INTO erasureRequest_v2 (id, reference, contact, matched, sessionKind, createdAt, handledAt)
                SELECT e.id, e.reference, e.contact,
                       EXISTS (SELECT 1 FROM signup s WHERE s.reference = e.reference AND s.contact = e.contact AND s.erasedAt IS NULL),
                       'unknown', e.createdAt, e.handledAt
                FROM erasureRequest e
                """)
            try db.drop(table: "erasureRequest")
            try db.rename(table: "erasureRequest_v2", to: "erasureRequest")
            // Wrong organiser codes per client address, shared by every connection (and every
            // daemon on the same database): growing delays, never a long lock.
            try db.create(table: "loginFailure") { t in
                t.primaryKey("address", .text)
                t.column("failures", .integer).notNull()
                t.column("lastFailureAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3") { db in
            // Polish landlines are written as their owners write them, "+48 12 634 56 78", no longer
            // 3-3-3 ("+48 126 345 678"): stored contacts take the new form, so that a resident who
            // signs up again or asks for erasure still matches. The rule is spelt out here, frozen,
            // rather than borrowed from `Contact`, which may change after this migration shipped.
            let mobile: Set<String> = ["45", "50", "51", "53", "57", "60", "66", "69", "70", "72", "73", "78", "79", "80", "88"]
            for table in ["signup", "erasureRequest"] {
                let rows = try Row.fetchAll(db, sql: "SELECT id, contact FROM \(table) WHERE contact LIKE '+48 ___ ___ ___'")
                for row in rows {
                    let stored: String = row["contact"]
                    let digits = Array(stored.dropFirst(4).filter(\.isNumber))
                    guard digits.count == 9, !mobile.contains(String(digits[0..<2])) else { continue }
                    let landline = "+48 \(String(digits[0..<2])) \(String(digits[2..<5])) \(String(digits[5..<7])) \(String(digits[7..<9]))"
                    try db.execute(sql: "UPDATE \(table) SET contact = ? WHERE id = ?", arguments: [landline, row["id"] as Int64])
                }
            }
        }
        migrator.registerMigration("v4") { db in
            // A sign-up for a programme whose stages have all ended is an expression of interest in
            // a next edition; staff see which.
            try db.alter(table: "signup") { t in
                t.add(column: "nextEdition", .boolean).notNull().defaults(to: false)
            }
        }
        // Usage counts per day and the kept lines of the review of unanswered questions
        // (AppDatabase+Review.swift).
        migrator.registerMigration("v5", migrate: migrateV5)
        migrator.registerMigration("v6") { db in
            // An NGO signs up to the coalition on its organisation's behalf; erasure clears it
            // with the name and contact.
            try db.alter(table: "signup") { t in
                t.add(column: "organisation", .text)
            }
        }
        return migrator
    }
}

/// Storage problems, each said in one line.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case schema(String)
    case unavailable(String)
    case notFound(String)
    /// The file at the database's path is no longer the one the daemon opened.
    case identityLost(String)
    /// The directory has held a database (its marker is there) but the database is gone.
    case expectedDatabaseMissing(String)
    /// `PRAGMA quick_check` (or opening) found damage.
    case damaged(String, String)
    /// Another process held the database longer than the busy timeout.
    case busy

    public var description: String {
        switch self {
        case .missing(let path): return "database \(path) does not exist (start the daemon once, or check --data-dir)"
        case .schema(let message): return message
        case .unavailable(let message): return message
        case .notFound(let message): return message
        case .identityLost(let message): return message
        case .busy: return "the database is locked (still busy after 5 s); try again"
        case .expectedDatabaseMissing(let path):
            return "database \(path) is missing, but this data directory has held one (\(AppDatabase.markerPath(forDatabase: path))): restore it from a backup, or start empty with --init-database"
        case .damaged(let path, let detail):
            return "database \(path) is damaged (\(detail)); civicd will not start on it. To restore: stop civicd, move \(path) and its -wal/-shm files aside, copy the latest backup made with `civicd admin backup FILE` to \(path), start civicd (or start empty with --init-database)"
        }
    }
}

extension StoreError {
    /// SQLite's "busy" and "locked" as the store's own error; any other error unchanged. Callers
    /// of the store need not know GRDB.
    public static func mapped(_ error: any Error) -> any Error {
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_BUSY || database.resultCode == .SQLITE_LOCKED {
            return StoreError.busy
        }
        return error
    }

    /// Runs a database operation with ``mapped(_:)`` applied to what it throws.
    public static func mapping<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch {
            throw mapped(error)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

// MARK: - The SQLite engine

extension AppDatabase: CivicStorage {
    public var engine: StorageEngine { .sqlite }

    /// GRDB closes the pool when the last copy of the database goes; nothing to do before.
    public func close() async {}
}
