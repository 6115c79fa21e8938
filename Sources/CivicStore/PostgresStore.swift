import CivicCore
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// civicd's storage on PostgreSQL, for several daemons sharing one database: the same
/// intent-named methods as ``AppDatabase`` (``CivicStorage``), the same tables, the same
/// promises. A sign-up is confirmed only after `COMMIT` returned (`synchronous_commit = on` for
/// civicd's sessions; a server running with `fsync = off` is refused); sign-ups arriving together
/// share one transaction (``SignupCommitter``); uniqueness of live sign-ups and of reference codes
/// is the database's (unique indexes), a reference drawn twice by two daemons is drawn again; the
/// log-in failures per address are counted with one atomic upsert.
///
/// Queries go through a PostgresNIO pool (``PostgresClient``), run by a task this store owns
/// until ``close()``. Values are always bound, never pasted into SQL.
public final class PostgresStore: CivicStorage {
    /// The schema versions this build knows, in order (PostgreSQL's own list: its first version
    /// is SQLite's v5). A database with any other one applied was written by a newer civicd.
    public static let knownMigrations = ["pg1", "pg2"]
    /// The advisory lock under which migrations run, so that two daemons starting together do
    /// not both migrate.
    static let migrationLock: Int64 = 0x6369_7669_6364_0001
    /// The advisory lock under which kept review lines are grouped, so that two daemons do not
    /// each open a group for the same words.
    static let reviewLock: Int64 = 0x6369_7669_6364_0002

    public var engine: StorageEngine { .postgresql }
    public let location: PostgresLocation
    let client: PostgresClient
    private let running: Task<Void, Never>
    let logger: Logger
    /// Where reference codes' random bits come from (tests draw clashes on purpose).
    let randomBits: @Sendable () -> UInt32

    private init(location: PostgresLocation, client: PostgresClient, running: Task<Void, Never>, logger: Logger,
                 randomBits: @escaping @Sendable () -> UInt32) {
        self.location = location
        self.client = client
        self.running = running
        self.logger = logger
        self.randomBits = randomBits
    }

    /// Connects to the database at `location`, checks it keeps commits durable, and either
    /// migrates it to this build's schema (`migrate`: the daemon) or insists it already has
    /// exactly that schema (the admin command). An unreachable server, a refused log-in, a
    /// schema from a newer civicd: each a ``StoreError`` in one line, without the password.
    public static func open(_ location: PostgresLocation, migrate: Bool, logger: Logger = Logger(label: "civicd.postgres"),
                            randomBits: @escaping @Sendable () -> UInt32 = { UInt32.random(in: 0...UInt32.max) }) async throws -> PostgresStore {
        let tls = try tlsContext(location)
        // One connection first, outside the pool: it fails at once, with its reason, when the
        // server is not there (a pool would keep retrying).
        var single = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                      password: location.password, database: location.database, tls: tls.connection)
        single.options.connectTimeout = .seconds(10)
        single.options.additionalStartupParameters = startupParameters
        do {
            let connection = try await PostgresConnection.connect(configuration: single, id: 0, logger: logger)
            do {
                try await checkDurable(connection, logger: logger)
                if migrate {
                    try await Self.migrate(connection, location: location.description, logger: logger)
                } else {
                    try await checkSchema(connection, location: location.description, logger: logger)
                }
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch let error as StoreError {
            throw error
        } catch let error as PostgresTransactionError {
            if let refused = error.closureError as? StoreError { throw refused }
            throw StoreError.unavailable("cannot use PostgreSQL at \(location): \(describe(error.closureError ?? error.commitError ?? error.beginError ?? error))")
        } catch {
            throw StoreError.unavailable("cannot use PostgreSQL at \(location): \(describe(error))")
        }
        var configuration = PostgresClient.Configuration(host: location.host, port: location.port, username: location.user,
                                                         password: location.password, database: location.database, tls: tls.client)
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.maximumConnections = 16
        configuration.options.connectTimeout = .seconds(10)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let (started, running) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            running.finish()
            await client.run()
        }
        for await _ in started {}
        return PostgresStore(location: location, client: client, running: task, logger: logger, randomBits: randomBits)
    }

    /// Every session of civicd's waits for its commits to be flushed, whatever the server's default.
    static let startupParameters: [(String, String)] = [("synchronous_commit", "on"), ("application_name", "civicd")]

    public func close() async {
        running.cancel()
        await running.value
    }

    // MARK: - Connecting

    static func tlsContext(_ location: PostgresLocation) throws -> (connection: PostgresConnection.Configuration.TLS, client: PostgresClient.Configuration.TLS) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        switch location.tls {
        case .disable:
            return (.disable, .disable)
        case .prefer, .require:
            // libpq's meaning of these modes: encrypted, the certificate not checked.
            configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            if let file = location.rootCertificateFile {
                configuration.trustRoots = .file(file)
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw StoreError.unavailable("cannot set up TLS to PostgreSQL at \(location): \(error)")
        }
        return location.tls == .prefer ? (.prefer(context), .prefer(configuration)) : (.require(context), .require(configuration))
    }

    /// What went wrong, without anything of the query or its values: the server's message and
    /// SQLSTATE, or the connection's error.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))"
        }
        if let underlying = error.underlying {
            return String("\(underlying)".prefix(300))
        }
        return "\(error.code)"
    }

    /// Refuses a server whose commits might not survive a crash.
    static func checkDurable(_ connection: PostgresConnection, logger: Logger) async throws {
        let fsync = try await connection.query("SHOW fsync", logger: logger).collect().first?.decode(String.self)
        guard fsync == "on" else {
            throw StoreError.unavailable("PostgreSQL runs with fsync=\(fsync ?? "?"): a confirmed sign-up could be lost in a crash, so civicd refuses it")
        }
    }

    // MARK: - Migrations

    /// The applied schema versions; empty for a database civicd never used.
    static func appliedMigrations(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let exists = try await connection.query("SELECT to_regclass('civicd_migrations') IS NOT NULL", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        guard exists else { return [] }
        var applied: [String] = []
        for try await identifier in try await connection.query("SELECT identifier FROM civicd_migrations ORDER BY identifier", logger: logger).decode(String.self) {
            applied.append(identifier)
        }
        return applied
    }

    static func refuseUnknown(_ applied: [String], location: String) throws {
        let unknown = Set(applied).subtracting(knownMigrations)
        if !unknown.isEmpty {
            throw StoreError.schema("the database \(location) has schema versions this civicd does not know (\(unknown.sorted().joined(separator: ", "))); it was written by a newer civicd")
        }
    }

    /// Applies the migrations this build knows and the database lacks, each in its own
    /// transaction, under an advisory lock (two daemons starting at once migrate once).
    /// Append-only: a released migration is never edited; changes come as new migrations.
    static func migrate(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS civicd_migrations (identifier TEXT PRIMARY KEY, appliedAt TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            let applied = try await appliedMigrations(connection, logger: logger)
            try refuseUnknown(applied, location: location)
            for (identifier, statements) in migrations where !applied.contains(identifier) {
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO civicd_migrations (identifier) VALUES (\(identifier))", logger: logger)
                logger.notice("migrated the PostgreSQL schema", metadata: ["version": "\(identifier)"])
            }
        }
    }

    /// For the admin command: the database must have exactly this build's schema.
    static func checkSchema(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
        let applied = try await appliedMigrations(connection, logger: logger)
        try refuseUnknown(applied, location: location)
        guard Set(applied) == Set(knownMigrations) else {
            throw StoreError.schema("the database \(location) has schema \(applied.joined(separator: ",").nilIfEmpty ?? "none"); this civicd knows \(knownMigrations.joined(separator: ",")) (start civicd serve on it once to create or migrate it)")
        }
    }

    /// The schema, version by version. pg1 is SQLite's schema at v5, in PostgreSQL's types.
    static let migrations: [(String, [String])] = [
        ("pg1", [
            """
            CREATE TABLE signup (
                id BIGSERIAL PRIMARY KEY,
                reference TEXT NOT NULL UNIQUE,
                programme TEXT NOT NULL,
                name TEXT,
                contact TEXT,
                district TEXT,
                consentVersion TEXT NOT NULL,
                language TEXT NOT NULL,
                createdAt TIMESTAMPTZ NOT NULL,
                erasedAt TIMESTAMPTZ,
                nextEdition BOOLEAN NOT NULL DEFAULT false)
            """,
            // One live sign-up per programme and contact; erased rows keep counting but not blocking.
            "CREATE UNIQUE INDEX signup_live_contact ON signup (programme, contact) WHERE erasedAt IS NULL",
            "CREATE INDEX signup_createdAt ON signup (createdAt)",
            """
            CREATE TABLE organiser (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL,
                codeSalt BYTEA NOT NULL,
                codeHash BYTEA NOT NULL,
                createdAt TIMESTAMPTZ NOT NULL,
                revokedAt TIMESTAMPTZ)
            """,
            """
            CREATE TABLE interviewNote (
                id BIGSERIAL PRIMARY KEY,
                organiserId BIGINT NOT NULL REFERENCES organiser (id),
                district TEXT,
                interviewDate TEXT NOT NULL,
                topic TEXT,
                concerns TEXT,
                recontact BOOLEAN NOT NULL,
                recontactHow TEXT,
                createdAt TIMESTAMPTZ NOT NULL,
                erasedAt TIMESTAMPTZ)
            """,
            "CREATE INDEX interviewNote_organiserId ON interviewNote (organiserId)",
            """
            CREATE TABLE erasureRequest (
                id BIGSERIAL PRIMARY KEY,
                reference TEXT NOT NULL,
                contact TEXT,
                matched BOOLEAN NOT NULL,
                sessionKind TEXT NOT NULL,
                createdAt TIMESTAMPTZ NOT NULL,
                handledAt TIMESTAMPTZ)
            """,
            // What happened, when and by whom — never the personal data itself.
            """
            CREATE TABLE auditEvent (
                id BIGSERIAL PRIMARY KEY,
                at TIMESTAMPTZ NOT NULL,
                action TEXT NOT NULL,
                subject TEXT,
                actor TEXT NOT NULL)
            """,
            "CREATE INDEX auditEvent_subject ON auditEvent (subject)",
            // Wrong organiser codes per client address, shared by every daemon on the database.
            "CREATE TABLE loginFailure (address TEXT PRIMARY KEY, failures INTEGER NOT NULL, lastFailureAt TIMESTAMPTZ NOT NULL)",
            """
            CREATE TABLE usageCount (
                day TEXT NOT NULL, event TEXT NOT NULL, intent TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '',
                count BIGINT NOT NULL,
                PRIMARY KEY (day, event, intent, language))
            """,
            """
            CREATE TABLE unansweredGroup (
                id BIGSERIAL PRIMARY KEY, words TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', intent TEXT, decidedDay TEXT)
            """,
            """
            CREATE TABLE unansweredText (
                groupId BIGINT NOT NULL REFERENCES unansweredGroup (id) ON DELETE CASCADE,
                text TEXT NOT NULL, language TEXT NOT NULL, reason TEXT NOT NULL, day TEXT NOT NULL, count BIGINT NOT NULL,
                PRIMARY KEY (groupId, text, language, reason, day))
            """,
            "CREATE INDEX unansweredText_day ON unansweredText (day)",
        ]),
        // SQLite's v6: the organisation an NGO signs up for; erased with the name and contact.
        ("pg2", ["ALTER TABLE signup ADD COLUMN organisation TEXT"]),
    ]

    // MARK: - Running queries

    /// How long one storage operation may take, waiting for a connection included, before it
    /// fails: with the server gone, residents get `storage_unavailable` and `/readyz` answers
    /// instead of everything waiting for a connection that does not come. A sign-up whose
    /// `COMMIT` did not return in time is not confirmed (it may or may not be stored, as after a crash).
    static let operationDeadline: Duration = .seconds(10)

    /// Runs `body` on a pooled connection; PostgreSQL's errors become ``StoreError/unavailable(_:)``
    /// with the server's message, never the query's values.
    func read<T: Sendable>(within deadline: Duration = operationDeadline, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = self.client
        return try await withinDeadline(deadline) {
            do {
                return try await client.withConnection { connection in try await body(connection) }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.unavailable("PostgreSQL at \(self.location): \(Self.describe(error))")
            }
        }
    }

    /// Runs `body` in one transaction; returns after `COMMIT` returned.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = self.client
        let logger = self.logger
        return try await withinDeadline(Self.operationDeadline) {
            do {
                return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            } catch let error as StoreError {
                throw error
            } catch let error as PostgresTransactionError {
                if let closure = error.closureError as? StoreError { throw closure }
                throw StoreError.unavailable("PostgreSQL at \(self.location): \(Self.describe(error.closureError ?? error.commitError ?? error.beginError ?? error))")
            } catch {
                throw StoreError.unavailable("PostgreSQL at \(self.location): \(Self.describe(error))")
            }
        }
    }

    /// `operation`, or ``StoreError/unavailable(_:)`` once `deadline` has passed
    /// (the operation is cancelled: a wait for a connection ends at once).
    func withinDeadline<T: Sendable>(_ deadline: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw StoreError.unavailable("PostgreSQL at \(location) did not answer within \(deadline)")
            }
            return value
        }
    }

    func run(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    func count(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> Int {
        try await run(connection, query).first?.decode(Int.self) ?? 0
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    static func audit(_ connection: PostgresConnection, action: String, subject: String?, actor: AuditActor, at: Date = Date(), logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO auditEvent (at, action, subject, actor) VALUES (\(at), \(action), \(subject), \(actor.description))
            """, logger: logger)
    }
}

/// A WHERE clause built from the filters staff gave, with `$n` placeholders and bound values.
struct PostgresFilter {
    private var clauses: [String] = []
    private(set) var binds = PostgresBindings()
    private var count = 0

    /// Adds `clause`, whose `?` is the value's placeholder, when `value` is given.
    mutating func add<Value: PostgresDynamicTypeEncodable>(_ clause: String, _ value: Value?) {
        guard let value else { return }
        count += 1
        binds.append(value)
        clauses.append(clause.replacingOccurrences(of: "?", with: "$\(count)"))
    }

    mutating func add(_ clause: String, when condition: Bool) {
        if condition { clauses.append(clause) }
    }

    var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

// MARK: - Decoding rows

extension PostgresStore {
    static let signupColumns = "id, reference, programme, name, contact, district, consentVersion, language, createdAt, erasedAt, nextEdition, organisation"

    static func signup(_ row: PostgresRow) throws -> SignupRecord {
        let (id, reference, programme, name, contact, district, consent, language, created, erased, next, organisation) =
            try row.decode((Int64, String, String, String?, String?, String?, String, String, Date, Date?, Bool, String?).self)
        return SignupRecord(id: id, reference: reference, programme: programme, name: name, contact: contact, district: district,
                            organisation: organisation, consentVersion: consent, language: language, createdAt: created, erasedAt: erased, nextEdition: next)
    }

    static let noteColumns = """
        n.id, n.organiserId, o.name, n.district, n.interviewDate, n.topic, n.concerns, n.recontact, n.recontactHow, n.createdAt, n.erasedAt
        """

    static func note(_ row: PostgresRow) throws -> InterviewNoteRecord {
        let (id, organiser, name, district, date, topic, concerns, recontact, how, created, erased) =
            try row.decode((Int64, Int64, String, String?, String, String?, String?, Bool, String?, Date, Date?).self)
        return InterviewNoteRecord(id: id, organiserId: organiser, organiserName: name, district: district, interviewDate: date,
                                   topic: topic, concerns: concerns, recontact: recontact, recontactHow: how, createdAt: created, erasedAt: erased)
    }

    static let requestColumns = "id, reference, contact, matched, sessionKind, createdAt, handledAt"

    static func request(_ row: PostgresRow) throws -> ErasureRequestRecord {
        let (id, reference, contact, matched, kind, created, handled) =
            try row.decode((Int64, String, String?, Bool, String, Date, Date?).self)
        return ErasureRequestRecord(id: id, reference: reference, contact: contact, matched: matched, sessionKind: kind,
                                    createdAt: created, handledAt: handled)
    }
}
