import CivicCore
import Foundation
import GRDB
import Testing
@testable import CivicStore

@Suite("The database file's identity, damage and backups")
struct DatabaseIdentityTests {
    @Test("the admin connection writes with synchronous=FULL too")
    func adminConnectionIsDurable() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let admin = try AppDatabase.openExisting(path: temporary.path)
        #expect(try await admin.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
    }

    @Test("a database deleted under the daemon: the next sign-up fails and is not confirmed")
    func deleted() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        _ = try await temporary.database.saveSignup(draft(contact: "a@example.org"), actor: .session(1), city: nil)
        try FileManager.default.removeItem(atPath: temporary.path)
        await #expect(throws: StoreError.self) {
            _ = try await temporary.database.saveSignup(draft(contact: "b@example.org"), actor: .session(1), city: nil)
        }
        do {
            _ = try await temporary.database.saveSignup(draft(contact: "c@example.org"), actor: .session(1), city: nil)
            Issue.record("a sign-up was confirmed into a deleted file")
        } catch let error as StoreError {
            guard case .identityLost(let message) = error else { Issue.record("wrong error: \(error)"); return }
            #expect(message.contains("deleted or moved"))
        }
    }

    @Test("a database replaced or moved under the daemon: writes fail")
    func replacedOrMoved() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let other = try TemporaryDatabase()
        defer { other.remove() }
        try await other.database.writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        #expect(rename(other.path, temporary.path) == 0)  // replaced: a file at the path, but not ours
        do {
            _ = try await temporary.database.saveSignup(draft(), actor: .session(1), city: nil)
            Issue.record("a sign-up was confirmed into a replaced file")
        } catch let error as StoreError {
            guard case .identityLost(let message) = error else { Issue.record("wrong error: \(error)"); return }
            #expect(message.contains("replaced"))
        }

        let second = try TemporaryDatabase()
        defer { second.remove() }
        #expect(rename(second.path, second.path + ".moved") == 0)
        await #expect(throws: StoreError.self) {
            try await second.database.recordErasureRequest(ErasureRequestDraft(reference: "KR-7F3K", contact: .email("a@example.org")), actor: .admin)
        }
    }

    @Test("a data directory that has held a database refuses to start without it unless told to")
    func missingDatabase() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let marker = AppDatabase.markerPath(forDatabase: temporary.path)
        #expect(marker == temporary.directory.appendingPathComponent(".civicd-database-id").path)
        #expect(FileManager.default.fileExists(atPath: marker))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary.path + suffix) }
        #expect(throws: StoreError.expectedDatabaseMissing(temporary.path)) {
            _ = try AppDatabase.openForDaemon(path: temporary.path)
        }
        #expect(StoreError.expectedDatabaseMissing(temporary.path).description.contains("--init-database"))
        #expect(!StoreError.expectedDatabaseMissing(temporary.path).description.contains("\n"))
        let fresh = try AppDatabase.openForDaemon(path: temporary.path, initialise: true)
        #expect(try await fresh.signups(matching: SignupFilter()).isEmpty)
        // Once there again, it opens as usual.
        _ = try AppDatabase.openForDaemon(path: temporary.path)
        // Another database file in the same directory has a marker of its own.
        _ = try AppDatabase.openForDaemon(path: temporary.directory.appendingPathComponent("bench.sqlite").path)
    }

    @Test("a damaged database (valid header, garbage pages) is refused at open with the restore steps")
    func damaged() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-damaged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("civicd.sqlite").path
        do {
            let database = try AppDatabase.openForDaemon(path: path)
            for index in 0..<400 {
                _ = try await database.saveSignup(draft(contact: "r\(index)@example.org"), actor: .session(1), city: nil)
            }
            let pool = try #require(database.writer as? DatabasePool)
            try await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        }
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        #expect(size > 4096 * 8)
        try handle.seek(toOffset: 4096 * 3)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096 * 4))
        try handle.close()
        do {
            _ = try AppDatabase.openForDaemon(path: path)
            Issue.record("a damaged database was opened")
        } catch let error as StoreError {
            guard case .damaged = error else { Issue.record("wrong error: \(error)"); return }
            #expect(error.description.contains("civicd admin backup"))
            #expect(error.description.contains("--init-database"))
        }
    }

    @Test("an online backup holds every sign-up, is private, opens as a civicd database, and never overwrites")
    func backup() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        for index in 0..<3 {
            _ = try await temporary.database.saveSignup(draft(contact: "b\(index)@example.org"), actor: .session(1), city: nil)
        }
        let target = temporary.directory.appendingPathComponent("backup/copy.sqlite").path
        #expect(try temporary.database.backup(to: target) == 3)
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let copy = try AppDatabase.openExisting(path: target)
        #expect(try await copy.signups(matching: SignupFilter()).count == 3)
        #expect(try await copy.integrityCheck() == ["ok"])
        #expect(throws: StoreError.self) { _ = try temporary.database.backup(to: target) }
    }
}
