import CivicCore
import Foundation
import GRDB
import Testing
@testable import CivicStore

/// A real database file in a fresh temporary directory.
struct TemporaryDatabase {
    let directory: URL
    let path: String
    let database: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-store-\(UUID().uuidString)")
        path = directory.appendingPathComponent("civicd.sqlite").path
        database = try AppDatabase.openForDaemon(path: path)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

func draft(_ name: String = "Anna Kowalska", contact: String = "anna@example.org", programme: String = "os_krosno") -> SignupDraft {
    SignupDraft(programme: programme, name: name, contact: Contact(parsing: contact)!, district: "Polanka", consentVersion: "2026-11", language: .pl)
}

@Suite("AppDatabase on a real SQLite file")
struct AppDatabaseTests {
    @Test("an expression of interest in a next edition is stored as such and listed apart")
    func nextEdition() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        var interest = draft()
        interest.nextEdition = true
        _ = try await temporary.database.saveSignup(interest, actor: .session(1), city: nil)
        _ = try await temporary.database.saveSignup(draft("Ewa Nowak", contact: "ewa@example.org"), actor: .session(1), city: nil)
        let listed = try await temporary.database.signups(matching: SignupFilter())
        #expect(listed.map(\.nextEdition).sorted { !$0 && $1 } == [false, true])
        #expect(listed.first { $0.nextEdition }?.name == "Anna Kowalska")
    }

    @Test("a sign-up on an organisation's behalf keeps the organisation; staff search finds it; erasure clears it")
    func organisation() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        var ngo = draft("Marta Wilk", contact: "biuro@podworko.org", programme: "koalicja_sasiedztw")
        ngo.organisation = "Stowarzyszenie Podwórko Dębniki"
        guard case .saved(let reference) = try await temporary.database.saveSignup(ngo, actor: .session(1), city: "krakow") else {
            Issue.record("not saved")
            return
        }
        let found = try await temporary.database.signups(matching: SignupFilter(search: "debniki"))
        #expect(found.map(\.organisation) == ["Stowarzyszenie Podwórko Dębniki"])
        _ = try await temporary.database.erase(reference: reference, contact: Contact(parsing: "biuro@podworko.org"))
        let erased = try await temporary.database.signups(matching: SignupFilter(includeErased: true))
        #expect(erased.count == 1)
        #expect(erased[0].organisation == nil)
        #expect(erased[0].name == nil)
    }

    @Test("the file is private, in WAL mode, with synchronous=FULL")
    func configuration() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let mode = try FileManager.default.attributesOfItem(atPath: temporary.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let journal = try await temporary.database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        // Read through the connection that writes: a reader's setting says nothing about commits.
        let synchronous = try await temporary.database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2)  // FULL, not the NORMAL DatabasePool sets on its writer
    }

    @Test("a reference that clashes with a stored one is drawn again; endless clashes fail cleanly")
    func referenceClash() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let now = Date()
        let outcomes = try await temporary.database.writer.write { db -> [SignupOutcome] in
            var draws: [UInt32] = [7, 7, 7, 9]
            let first = try AppDatabase.insertSignup(draft(), actor: .session(1), city: "krosno", now: now, randomBits: { draws.removeFirst() }, db)
            let second = try AppDatabase.insertSignup(draft(contact: "ewa@example.org"), actor: .session(1), city: "krosno", now: now,
                                                      randomBits: { draws.removeFirst() }, db)
            #expect(draws.isEmpty, "the clashing draws were used up before the free one")
            #expect(throws: DatabaseError.self) {
                _ = try AppDatabase.insertSignup(draft(contact: "jan@example.org"), actor: .session(1), city: "krosno", now: now,
                                                 randomBits: { 7 }, db)
            }
            return [first, second]
        }
        #expect(outcomes == [.saved(reference: ReferenceCode.make(prefix: "KR", randomBits: 7)),
                             .saved(reference: ReferenceCode.make(prefix: "KR", randomBits: 9))])
        let rows = try await temporary.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signup") }
        #expect(rows == 2)
    }

    @Test("the admin side refuses a missing database and an unknown schema")
    func openExisting() async throws {
        #expect(throws: StoreError.missing("/nonexistent/civicd.sqlite")) {
            _ = try AppDatabase.openExisting(path: "/nonexistent/civicd.sqlite")
        }
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        _ = try AppDatabase.openExisting(path: temporary.path)
        try await temporary.database.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(throws: StoreError.self) { _ = try AppDatabase.openExisting(path: temporary.path) }
        #expect(throws: StoreError.self) { _ = try AppDatabase.openForDaemon(path: temporary.path) }
    }
}

@Suite("Organiser codes and references")
struct CodeTests {
    @Test func organiserCodeShape() {
        for _ in 0..<50 {
            let code = OrganiserCode.generate()
            #expect(code.count == 14)
            #expect(code.split(separator: "-").count == 3)
            #expect(OrganiserCode.normalize(code).count == 12)
        }
    }

    @Test func referenceCodes() {
        #expect(ReferenceCode.make(prefix: "KR", randomBits: 0) == "KR-0000")
        #expect(ReferenceCode.parse("kr-7f3k") == "KR-7F3K")
        #expect(ReferenceCode.parse("KR 7F3K") == "KR-7F3K")
        #expect(ReferenceCode.parse("KR-7F3") == nil)
        #expect(ReferenceCode.parse("KR-7FUK") == nil)  // U is not in the alphabet
        #expect(ReferenceCode.prefix(forTopic: "centrum_obywatelskie", city: "krakow") == "KR")
    }
}
