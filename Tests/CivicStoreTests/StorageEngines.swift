import CivicCore
import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
@testable import CivicStore

/// The engines the storage contract suite runs against. SQLite always; PostgreSQL when
/// `CIVICD_TEST_POSTGRES_URL` names a server (`.ci/run` starts one and sets it; locally:
/// `source .ci/postgres`). Without it the PostgreSQL cases are not run, and
/// ``StorageEngineAvailabilityTests`` says so as a skipped test (and fails under CI).
enum Engine: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }

    /// The admin URL of the test server (any database on it; each test gets its own).
    static let postgresURL: String? = ProcessInfo.processInfo.environment["CIVICD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The engines this run can test.
    static let available: [Engine] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgresql]
}

@Suite("Storage engines available")
struct StorageEngineAvailabilityTests {
    @Test("PostgreSQL is there for the contract suite",
          .enabled(if: Engine.postgresURL != nil, "CIVICD_TEST_POSTGRES_URL is not set: the PostgreSQL cases of the storage contract suite and the two-daemon test did NOT run (source .ci/postgres to run them)"))
    func postgresAvailable() async throws {
        let fresh = try await FreshStorage.make(.postgresql)
        try await fresh.storage.answerTrivialRead()
        await fresh.remove()
    }

    @Test("CI always runs the PostgreSQL cases")
    func postgresInCI() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(Engine.postgresURL != nil, "CI must set CIVICD_TEST_POSTGRES_URL (.ci/run starts PostgreSQL)")
        }
    }
}

/// A fresh, empty database of one engine: an SQLite file in a new temporary directory, or a
/// new database on the test PostgreSQL server, dropped afterwards.
struct FreshStorage: Sendable {
    let engine: Engine
    let storage: any CivicStorage
    /// The SQLite file, or the PostgreSQL database's location.
    let path: String?
    let location: PostgresLocation?
    let directory: URL?

    static let logger = Logger(label: "civicd.tests")

    static func make(_ engine: Engine, randomBits: (@Sendable () -> UInt32)? = nil) async throws -> FreshStorage {
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-contract-\(UUID().uuidString)")
            let path = directory.appendingPathComponent("civicd.sqlite").path
            var database = try AppDatabase.openForDaemon(path: path)
            if let randomBits { database.randomBits = randomBits }
            return FreshStorage(engine: engine, storage: database, path: path, location: nil, directory: directory)
        case .postgresql:
            let admin = try PostgresLocation(url: try #require(Engine.postgresURL))
            let name = "civicd_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
            try await Self.onServer(admin, "CREATE DATABASE \(name)")
            var location = admin
            location.database = name
            let store = try await PostgresStore.open(location, migrate: true, logger: logger,
                                                     randomBits: randomBits ?? { UInt32.random(in: 0...UInt32.max) })
            return FreshStorage(engine: engine, storage: store, path: nil, location: location, directory: nil)
        }
    }

    /// A second handle on the same database, as a second daemon (or the admin command) opens it.
    func reopen(asDaemon: Bool = true) async throws -> any CivicStorage {
        switch engine {
        case .sqlite:
            let path = try #require(path)
            return asDaemon ? try AppDatabase.openForDaemon(path: path) : try AppDatabase.openExisting(path: path)
        case .postgresql:
            return try await PostgresStore.open(try #require(location), migrate: asDaemon, logger: Self.logger)
        }
    }

    /// Marks the database as migrated by a newer civicd (a schema version this build does not know).
    func markNewerSchema() async throws {
        switch engine {
        case .sqlite:
            let database = try #require(storage as? AppDatabase)
            try await database.writer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
        case .postgresql:
            try await Self.onServer(try #require(location), "INSERT INTO civicd_migrations (identifier) VALUES ('pg99-from-the-future')")
        }
    }

    func remove() async {
        await storage.close()
        if let directory { try? FileManager.default.removeItem(at: directory) }
        if let location, let admin = try? PostgresLocation(url: Engine.postgresURL ?? "") {
            try? await Self.onServer(admin, "DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)")
        }
    }

    /// One statement on its own connection (CREATE DATABASE cannot run in a transaction).
    static func onServer(_ location: PostgresLocation, _ sql: String) async throws {
        let configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

/// Runs `body` on a fresh database of `engine`, removed afterwards whatever happens.
func withFreshStorage(_ engine: Engine, randomBits: (@Sendable () -> UInt32)? = nil,
                      _ body: (FreshStorage) async throws -> Void) async throws {
    let fresh = try await FreshStorage.make(engine, randomBits: randomBits)
    do {
        try await body(fresh)
    } catch {
        await fresh.remove()
        throw error
    }
    await fresh.remove()
}
