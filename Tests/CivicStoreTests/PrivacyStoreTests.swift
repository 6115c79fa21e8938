import CivicCore
import Foundation
import GRDB
import Testing
@testable import CivicStore

/// Issue 11 on a real SQLite file: erasure requests, erasure, right of access, staff filters,
/// log-in delays per address.
@Suite("Privacy in storage")
struct PrivacyStoreTests {
    func saved(_ database: AppDatabase, _ signup: SignupDraft) async throws -> String {
        guard case .saved(let reference) = try await database.saveSignup(signup, actor: .session(1), city: "krosno") else {
            Issue.record("not saved")
            throw CancellationError()
        }
        return reference
    }

    @Test("sign-ups per day are counted in the configured time zone")
    func statisticsByLocalDay() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        // 23:30 UTC on 30 November is already 1 December in Warsaw.
        let lateEvening = try #require(ISO8601DateFormatter().date(from: "2026-11-30T23:30:00Z"))
        try await database.writer.write { db in
            _ = try AppDatabase.insertSignup(draft(), actor: .admin, city: "krosno", now: lateEvening, db)
        }
        let warsaw = try await database.statistics(timeZone: try #require(TimeZone(identifier: "Europe/Warsaw")))
        #expect(warsaw.byDay.map(\.key) == ["2026-12-01"])
        let utc = try await database.statistics(timeZone: try #require(TimeZone(identifier: "UTC")))
        #expect(utc.byDay.map(\.key) == ["2026-11-30"])
    }

    @Test("a database of the first schema migrates: old erasure requests are checked against the sign-ups")
    func migratesFromV1() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-v1-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("civicd.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try AppDatabase.migrator.migrate(queue, upTo: "v1")
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO signup (reference, programme, name, contact, consentVersion, language, createdAt)
                    VALUES ('KR-AAAA', 'os_krosno', 'Anna', 'anna@example.org', '2026-11', 'pl', '2026-11-01 10:00:00');
                    INSERT INTO erasureRequest (reference, contact, createdAt) VALUES ('KR-AAAA', 'anna@example.org', '2026-11-02 10:00:00');
                    INSERT INTO erasureRequest (reference, contact, createdAt) VALUES ('KR-AAAA', 'eve@example.org', '2026-11-02 11:00:00');
                    """)
            }
        }
        let database = try AppDatabase.openForDaemon(path: path)
        let requests = try await database.erasureRequests(includeHandled: true)
        #expect(requests.map(\.matched) == [true, false])
        #expect(requests.map(\.sessionKind) == ["unknown", "unknown"])
    }

    @Test("v3 writes stored Polish landlines as their owners do; a resident signing up again still matches")
    func migratesLandlines() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-v2-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("civicd.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try AppDatabase.migrator.migrate(queue, upTo: "v2")
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO signup (reference, programme, name, contact, consentVersion, language, createdAt)
                    VALUES ('KR-AAAA', 'os_krosno', 'Anna', '+48 126 345 678', '2026-11', 'pl', '2026-11-01 10:00:00'),
                           ('KR-BBBB', 'os_krosno', 'Ewa', '+48 600 100 200', '2026-11', 'pl', '2026-11-01 10:00:00');
                    INSERT INTO erasureRequest (reference, contact, matched, sessionKind, createdAt)
                    VALUES ('KR-AAAA', '+48 126 345 678', 1, 'remote', '2026-11-02 10:00:00');
                    """)
            }
        }
        let database = try AppDatabase.openForDaemon(path: path)
        let contacts = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT contact FROM signup ORDER BY reference") }
        #expect(contacts == ["+48 12 634 56 78", "+48 600 100 200"], "the landline rewritten, the mobile unchanged")
        let requested = try await database.erasureRequests(includeHandled: true).map(\.contact)
        #expect(requested == ["+48 12 634 56 78"])
        let again = SignupDraft(programme: "os_krosno", name: "Anna", contact: try #require(Contact(parsing: "12 634 56 78")),
                                district: nil, consentVersion: "2026-11", language: .pl)
        #expect(try await database.saveSignup(again, actor: .session(1), city: nil) == .alreadySignedUp)
    }
}
