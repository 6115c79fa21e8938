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

    @Test("an erasure request records whether code and contact matched, and the session kind")
    func erasureRequestMatch() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        let reference = try await saved(database, draft())
        try await database.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: .email("anna@example.org"), sessionKind: .kiosk), actor: .session(2))
        // A stranger with the code but another contact, and one with the contact but a made-up code.
        try await database.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: .email("eve@example.org")), actor: .session(3))
        try await database.recordErasureRequest(ErasureRequestDraft(reference: "KR-0000", contact: .email("anna@example.org")), actor: .session(4))
        let requests = try await database.erasureRequests(includeHandled: true)
        #expect(requests.map(\.matched) == [true, false, false])
        #expect(requests.map(\.sessionKind) == ["kiosk", "remote", "remote"])
    }

    @Test("after erasure no listing shows the contact, erasure requests included")
    func erasureRemovesContactEverywhere() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        let reference = try await saved(database, draft())
        try await database.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: .email("anna@example.org")), actor: .session(2))
        let plan = try await database.erasurePlan(reference: reference)
        #expect(plan.signups.map(\.reference) == [reference])
        #expect(plan.requests.count == 1)
        let result = try await database.erase(reference: reference)
        #expect(result.signups == [reference])
        let requests = try await database.erasureRequests(includeHandled: true)
        #expect(requests.count == 1)
        #expect(requests.first?.contact == nil)
        #expect(requests.first?.handledAt != nil)
        let everything = try await database.signups(matching: SignupFilter(includeErased: true))
        #expect(everything.allSatisfy { $0.contact == nil && $0.name == nil })
        let access = try await database.subjectData(contact: .email("anna@example.org"))
        #expect(access.signups.isEmpty && access.erasureRequests.isEmpty && access.notes.isEmpty)
    }

    @Test("right of access: sign-ups, notes naming the contact, erasure requests and their audit events")
    func subjectData() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        let reference = try await saved(database, draft(contact: "600 100 200"))
        _ = try await saved(database, draft("Jan Nowak", contact: "jan@example.org"))
        let (organiser, _) = try await database.addOrganiser(name: "Ewa")
        _ = try await database.saveInterviewNote(InterviewNoteDraft(organiserID: organiser.id, district: "Polanka", date: CalendarDay(year: 2026, month: 11, day: 20),
                                                                    topic: "zieleń", concerns: "ławki", recontact: true, recontactHow: "tel. 600-100-200"),
                                                 actor: .organiser(organiser.id))
        try await database.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: .phone("600100200")), actor: .session(2))
        let data = try await database.subjectData(contact: try #require(Contact(parsing: "+48 600 100 200")))
        #expect(data.signups.map(\.reference) == [reference])
        #expect(data.notes.count == 1)
        #expect(data.erasureRequests.count == 1)
        #expect(Set(data.auditEvents.map(\.action)) == ["signup.create", "note.create", "erasure.request"])
        #expect(!data.signups.contains { $0.name == "Jan Nowak" })
    }

    @Test("staff filters ignore case and Polish letters, match any part, and find ids and phones")
    func foldedFilters() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        var lukasz = draft("Łukasz Żółć", contact: "+48 600 100 200")
        lukasz.district = "osiedle Traugutta"
        _ = try await saved(database, lukasz)
        var anna = draft(programme: "centrum_obywatelskie")
        anna.district = nil
        _ = try await saved(database, anna)
        func names(_ filter: SignupFilter) async throws -> [String] {
            try await database.signups(matching: filter).compactMap(\.name)
        }
        #expect(try await names(SignupFilter(search: "lukasz")) == ["Łukasz Żółć"])
        #expect(try await names(SignupFilter(search: "ZOLC")) == ["Łukasz Żółć"])
        #expect(try await names(SignupFilter(search: "600100200")) == ["Łukasz Żółć"])
        // By id (exact): the references are random and may hold any digit, so only inclusion is certain.
        #expect(try await names(SignupFilter(search: "2")).contains("Anna Kowalska"), "by id")
        #expect(try await names(SignupFilter(district: "Traugutta")) == ["Łukasz Żółć"])
        #expect(try await names(SignupFilter(programme: "Centrum Obywatelskie",
                                             programmeNames: ["centrum_obywatelskie": "Centrum Obywatelskie w Krakowie"])) == ["Anna Kowalska"])
        #expect(try await names(SignupFilter(programme: "centrum_obywatelskie")) == ["Anna Kowalska"])
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

    @Test("log-in delays per address grow to a minute at most, are forgotten, and are lifted by staff")
    func addressDelays() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var delays: [Int] = []
        for attempt in 0..<9 {
            delays.append(try await database.recordLoginFailure(address: "192.0.2.1", now: start.addingTimeInterval(Double(attempt))))
        }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60])
        #expect(try await database.loginWait(address: "192.0.2.1", now: start.addingTimeInterval(10)) == 58, "the last failure at +8 s, 60 s before the next try")
        #expect(try await database.loginWait(address: "192.0.2.2", now: start.addingTimeInterval(10)) == nil, "another address is not slowed")
        #expect(try await database.loginWait(address: "192.0.2.1", now: start.addingTimeInterval(8 + 61)) == nil, "never longer than a minute")
        #expect(try await database.recordLoginFailure(address: "192.0.2.1", now: start.addingTimeInterval(8 + 16 * 60)) == 1, "forgotten after 15 minutes")
        #expect(try await database.unlockLogins(address: "192.0.2.1") == 1)
        #expect(try await database.loginWait(address: "192.0.2.1", now: start.addingTimeInterval(8 + 16 * 60)) == nil)
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
