import CivicCore
import Foundation
import Logging
import Testing
@testable import CivicStore

/// `civicd admin database copy`: an SQLite database with something in every table, copied into a
/// fresh database on the test PostgreSQL, read back through ``CivicStorage`` on PostgreSQL.
@Suite("SQLite → PostgreSQL copy", .timeLimit(.minutes(2)),
       .enabled(if: Engine.postgresURL != nil, "CIVICD_TEST_POSTGRES_URL is not set: the copy to PostgreSQL was NOT tested"))
struct DatabaseCopyTests {
    let day = CalendarDay(year: 2026, month: 11, day: 21)

    /// Fills every table of `storage`; returns an organiser's code and the sign-ups' references.
    func fill(_ storage: any CivicStorage) async throws -> (code: String, references: [String]) {
        var ngo = draft("Anna Kowalska", contact: "anna@example.org", programme: "centrum_obywatelskie")
        ngo.organisation = "Fundacja Łąka"
        var references: [String] = []
        for signup in [ngo, draft("Jan Nowak", contact: "+48 600 100 200"), draft("Ewa Żak", contact: "ewa@example.org")] {
            guard case .saved(let reference) = try await storage.saveSignup(signup, actor: .session(1), city: "krosno") else { throw CancellationError() }
            references.append(reference)
        }
        let (ewa, code) = try await storage.addOrganiser(name: "Ewa")
        let (adam, _) = try await storage.addOrganiser(name: "Adam")
        _ = try await storage.revokeOrganiser(id: adam.id)
        _ = try await storage.saveInterviewNote(InterviewNoteDraft(organiserID: ewa.id, district: "Polanka", date: day, topic: "zieleń",
                                                                   concerns: "mało ławek", recontact: true, recontactHow: "jan@example.org"),
                                                actor: .organiser(ewa.id))
        try await storage.recordErasureRequest(ErasureRequestDraft(reference: references[2], contact: .email("ewa@example.org")), actor: .session(3))
        _ = try await storage.erase(reference: references[2])
        _ = try await storage.recordLoginFailure(address: "192.0.2.9")
        _ = try await storage.recordUsage([UsageKey(.reply(.cost, .pl), day: day): 3, UsageKey(.signupStarted, day: day): 2], unanswered: [
            UnansweredLine(text: "czy jest parking", words: ["park"], language: .pl, reason: .fallback, day: day),
            UnansweredLine(text: "kto wygrał mecz", words: ["mecz", "wygra"], language: .pl, reason: .lowConfidence, day: day),
        ])
        let match = try #require(try await storage.unansweredGroups().first { $0.wording == "kto wygrał mecz" })
        _ = try await storage.assignUnansweredGroup(id: match.id, intent: .contact, day: day)
        return (code, references)
    }

    @Test("every table is copied with its ids; the copy reads back the same on PostgreSQL and takes new rows")
    func copyEverything() async throws {
        try await withPair { sqlite, postgres in
        let (code, references) = try await fill(sqlite)

        let counts = try await DatabaseCopy.copy(from: sqlite, to: postgres)
        #expect(counts.rows.map(\.table) == DatabaseCopy.tables)
        let audits = try await sqlite.auditEvents()
        let copied = counts.rows.map(\.count)
        #expect(copied == [3, 2, 1, 1, audits, 1, 2, 2, 2], "an assigned group keeps its kept lines")
        #expect(try await DatabaseCopy.counts(postgres) == counts)

        // What staff and the daemon read is the same on both engines.
        let filter = SignupFilter(includeErased: true)
        let before = try await sqlite.signups(matching: filter)
        let after = try await postgres.signups(matching: filter)
        #expect(after.map(\.id) == before.map(\.id) && after.map(\.reference) == before.map(\.reference))
        #expect(after.map(\.organisation) == ["Fundacja Łąka", nil, nil])
        #expect(after.map(\.name) == ["Anna Kowalska", "Jan Nowak", nil], "the erased sign-up stays erased")
        #expect(zip(after, before).allSatisfy { abs($0.createdAt.timeIntervalSince($1.createdAt)) < 0.001 })
        #expect(try await postgres.signup(reference: references[0])?.organisation == "Fundacja Łąka")
        #expect(try await postgres.verifyOrganiser(code: code)?.name == "Ewa", "the code's salted hash is copied as bytes")
        #expect(try await postgres.organisers().map(\.name) == ["Ewa", "Adam"])
        #expect(try await postgres.organisers().map { $0.revokedAt != nil } == [false, true])
        #expect(try await postgres.notes(matching: NoteFilter()).map(\.concerns) == ["mało ławek"])
        #expect(try await postgres.erasureRequests(includeHandled: true).map(\.handledAt).allSatisfy { $0 != nil })
        #expect(try await postgres.lockedLoginAddresses().map(\.address) == ["192.0.2.9"])
        #expect(try await postgres.usageCounts() == (try await sqlite.usageCounts()))
        #expect(try await postgres.unansweredGroups(includeDecided: true).map(\.wording) == (try await sqlite.unansweredGroups(includeDecided: true)).map(\.wording))
        #expect(try await postgres.auditCount(action: "signup.erase") == 1)
        #expect(try await postgres.subjectData(contact: .email("anna@example.org")).signups.map(\.reference) == [references[0]])

        // The id sequences were moved past the copied ids: new rows do not clash.
        guard case .saved = try await postgres.saveSignup(draft("Ola", contact: "ola@example.org"), actor: .session(9), city: "krosno") else {
            Issue.record("a new sign-up after the copy")
            return
        }
        #expect(try await postgres.signups(matching: filter).map(\.id).last == (before.map(\.id).max() ?? 0) + 1)
        let (next, _) = try await postgres.addOrganiser(name: "Nowa")
        #expect(next.id == 3)
        #expect(try await postgres.saveInterviewNote(InterviewNoteDraft(organiserID: next.id, district: "Centrum", date: day, topic: "t", concerns: "c",
                                                                        recontact: false, recontactHow: nil), actor: .organiser(next.id)) == 1)
        }
    }

    @Test("a target that holds anything is refused and left as it was")
    func nonEmptyTargetRefused() async throws {
        try await withPair { sqlite, postgres in
        _ = try await fill(sqlite)
        _ = try await postgres.addOrganiser(name: "Już tu")
        await #expect(throws: DatabaseCopy.CopyError.targetNotEmpty(location: postgres.location.description, tables: ["organiser", "auditEvent"])) {
            _ = try await DatabaseCopy.copy(from: sqlite, to: postgres)
        }
        #expect(try await DatabaseCopy.counts(postgres).total == 2, "nothing was written")
        }
    }

    @Test("a PostgreSQL schema from a newer civicd is refused before anything is copied")
    func newerSchemaRefused() async throws {
        try await withFreshStorage(.postgresql) { target in
            try await target.markNewerSchema()
            let location = try #require(target.location)
            await #expect {
                _ = try await PostgresStore.open(location, migrate: true, logger: Logger(label: "civicd.tests"))
            } throws: { error in
                guard case .schema(let message) = error as? StoreError else { return false }
                return message.contains("newer civicd")
            }
        }
    }

    /// A fresh SQLite database and a fresh PostgreSQL one, both removed afterwards whatever happens.
    func withPair(_ body: (AppDatabase, PostgresStore) async throws -> Void) async throws {
        try await withFreshStorage(.sqlite) { source in
            try await withFreshStorage(.postgresql) { target in
                try await body(try #require(source.storage as? AppDatabase), try #require(target.storage as? PostgresStore))
            }
        }
    }
}

extension AppDatabase {
    /// The audit events stored, for the expected counts.
    func auditEvents() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent") ?? 0 }
    }
}
