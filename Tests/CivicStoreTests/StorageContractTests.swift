import CivicCore
import Foundation
import Synchronization
import Testing
@testable import CivicStore

/// The storage contract: every method of ``CivicStorage``, run against each engine
/// (``Engine/available``) on a fresh database. What differs between the engines (files, WAL,
/// SQLite's migrations from older schemas) is tested in AppDatabaseTests and beside it.
@Suite("Storage contract, on every engine", .timeLimit(.minutes(2)))
struct StorageContractTests {
    let day = CalendarDay(year: 2026, month: 11, day: 21)

    func saved(_ storage: any CivicStorage, _ signup: SignupDraft, city: String? = "krosno") async throws -> String {
        guard case .saved(let reference) = try await storage.saveSignup(signup, actor: .session(1), city: city) else {
            Issue.record("not saved")
            throw CancellationError()
        }
        return reference
    }

    func line(_ text: String, _ words: [String], on day: CalendarDay? = nil, reason: UnansweredLine.Reason = .fallback) -> UnansweredLine {
        UnansweredLine(text: text, words: words, language: .pl, reason: reason, day: day ?? self.day)
    }

    // MARK: - Opening

    @Test("a schema from a newer civicd is refused, by the daemon and by the admin command", arguments: Engine.available)
    func newerSchemaRefused(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            _ = try await fresh.reopen(asDaemon: false)  // this build's schema: accepted
            try await fresh.markNewerSchema()
            for daemon in [true, false] {
                await #expect {
                    _ = try await fresh.reopen(asDaemon: daemon)
                } throws: { error in
                    guard case .schema(let message) = error as? StoreError else { return false }
                    return message.contains("newer civicd")
                }
            }
        }
    }

    // MARK: - Sign-ups

    @Test("a sign-up gets a reference; the same programme and contact again is not stored twice", arguments: Engine.available)
    func signupAndDuplicate(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let reference = try await saved(storage, draft())
            #expect(reference.hasPrefix("KR-"))
            #expect(ReferenceCode.parse(reference) == reference)
            let again = try await storage.saveSignup(draft(contact: "ANNA@example.org"), actor: .session(2), city: "krosno")
            #expect(again == .alreadySignedUp)
            let other = try await storage.saveSignup(draft(programme: "centrum_obywatelskie"), actor: .session(2), city: "krakow")
            if case .saved = other {} else { Issue.record("another programme is another sign-up: \(other)") }
            #expect(try await storage.signups(matching: SignupFilter(includeErased: true)).count == 2)
            let shown = try #require(try await storage.signup(reference: reference.lowercased().replacingOccurrences(of: "-", with: "")))
            #expect(shown.reference == reference && shown.name == "Anna Kowalska" && shown.contact == "anna@example.org")
            #expect(shown.district == "Polanka" && shown.consentVersion == "2026-11" && shown.language == "pl" && shown.erasedAt == nil)
            #expect(try await storage.signup(reference: "KR-0000") == nil)
            #expect(try await storage.signup(reference: "not a code") == nil)
            #expect(try await storage.auditCount(action: "signup.create") == 2)
            #expect(try await storage.auditCount(action: "signup.duplicate") == 1)
        }
    }

    @Test("an expression of interest in a next edition is stored as such", arguments: Engine.available)
    func nextEdition(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            var interest = draft()
            interest.nextEdition = true
            _ = try await saved(fresh.storage, interest)
            _ = try await saved(fresh.storage, draft("Ewa Nowak", contact: "ewa@example.org"))
            let listed = try await fresh.storage.signups(matching: SignupFilter())
            #expect(listed.map(\.nextEdition) == [true, false])
            #expect(listed.first { $0.nextEdition }?.name == "Anna Kowalska")
        }
    }

    @Test("the organisation (SQLite v6, PostgreSQL pg2) round-trips, staff find it, erasure and retention clear it", arguments: Engine.available)
    func organisation(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            var ngo = draft("Anna Kowalska", contact: "anna@example.org", programme: "centrum_obywatelskie")
            ngo.organisation = "Stowarzyszenie „Zielony Żurawiec”"
            let erased = try await saved(storage, ngo)
            var other = draft("Jan Nowak", contact: "jan@example.org", programme: "centrum_obywatelskie")
            other.organisation = "Fundacja Łąka"
            let kept = try await saved(storage, other)
            _ = try await saved(storage, draft("Ewa Bez", contact: "ewa@example.org"))

            // Round trip: by reference, in the listing, for any other handle (a second daemon, the admin command).
            #expect(try await storage.signup(reference: erased)?.organisation == "Stowarzyszenie „Zielony Żurawiec”")
            let admin = try await fresh.reopen(asDaemon: false)
            let listed = try await admin.signups(matching: SignupFilter())
            #expect(listed.map(\.organisation) == ["Stowarzyszenie „Zielony Żurawiec”", "Fundacja Łąka", nil])
            await admin.close()

            // Staff search finds it in any case, with or without Polish letters, by any part.
            func names(_ search: String) async throws -> [String] {
                try await storage.signups(matching: SignupFilter(search: search)).compactMap(\.name)
            }
            #expect(try await names("zurawiec") == ["Anna Kowalska"])
            #expect(try await names("ZIELONY ŻURAWIEC") == ["Anna Kowalska"])
            #expect(try await names("laka") == ["Jan Nowak"])
            #expect(try await names("fundacja") == ["Jan Nowak"])
            #expect(try await names("stowarzyszenie fundacja").isEmpty)
            #expect(try await storage.subjectData(contact: .email("anna@example.org")).signups.map(\.organisation) == ["Stowarzyszenie „Zielony Żurawiec”"])

            // Erasure clears it with the name and contact; search no longer finds the row.
            let result = try await storage.erase(reference: erased)
            #expect(result.signups == [erased])
            let row = try #require(try await storage.signup(reference: erased))
            #expect(row.organisation == nil && row.name == nil && row.contact == nil && row.erasedAt != nil)
            #expect(try await storage.signups(matching: SignupFilter(search: "zurawiec", includeErased: true)).isEmpty)
            #expect(try await storage.signup(reference: kept)?.organisation == "Fundacja Łąka", "only the erased sign-up loses it")

            // Retention clears it too.
            #expect(try await storage.purge(before: Date().addingTimeInterval(3600)).signups == 2)
            let everything = try await storage.signups(matching: SignupFilter(includeErased: true))
            #expect(everything.count == 3 && everything.allSatisfy { $0.organisation == nil && $0.erasedAt != nil })
            #expect(try await names("laka").isEmpty)
        }
    }

    @Test("a reference that clashes with a stored one is drawn again; endless clashes fail that sign-up only", arguments: Engine.available)
    func referenceClash(_ engine: Engine) async throws {
        let draws = Mutex<[UInt32]>([7, 7, 7, 9] + Array(repeating: 7, count: 8) + [11])
        try await withFreshStorage(engine, randomBits: { draws.withLock { $0.isEmpty ? 7 : $0.removeFirst() } }) { fresh in
            let first = try await fresh.storage.saveSignup(draft(), actor: .session(1), city: "krosno")
            let second = try await fresh.storage.saveSignup(draft(contact: "ewa@example.org"), actor: .session(1), city: "krosno")
            #expect(first == .saved(reference: ReferenceCode.make(prefix: "KR", randomBits: 7)))
            #expect(second == .saved(reference: ReferenceCode.make(prefix: "KR", randomBits: 9)), "the clashing draws were used up before the free one")
            // Eight clashing draws: that sign-up fails; the next one in the same batch is saved.
            let results = try await fresh.storage.saveSignups([
                (draft(contact: "jan@example.org"), .session(1), "krosno"),
                (draft(contact: "ola@example.org"), .session(1), "krosno"),
            ])
            if case .failure = results[0] {} else { Issue.record("eight clashes should fail: \(results[0])") }
            if case .success(.saved(let reference)) = results[1] {
                #expect(reference == ReferenceCode.make(prefix: "KR", randomBits: 11))
            } else {
                Issue.record("the other sign-up of the batch is saved: \(results[1])")
            }
            let stored = try await fresh.storage.signups(matching: SignupFilter(includeErased: true))
            #expect(stored.compactMap(\.contact).sorted() == ["anna@example.org", "ewa@example.org", "ola@example.org"])
            #expect(try await fresh.storage.auditCount(action: "signup.create") == 3, "no audit event for the failed one")
        }
    }

    @Test("a batch commits together; one duplicate in it does not undo the others", arguments: Engine.available)
    func batch(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let batch = (0..<20).map { index in
                (draft: draft("Osoba \(index)", contact: "osoba\(index)@example.org"), actor: AuditActor.session(UInt64(index)), city: Optional("krosno"))
            }
            let results = try await fresh.storage.saveSignups(batch + [batch[3]])
            #expect(results.count == 21)
            #expect(results.prefix(20).allSatisfy { if case .success(.saved) = $0 { true } else { false } })
            if case .success(.alreadySignedUp) = results[20] {} else { Issue.record("\(results[20])") }
            // What the batch confirmed is there for any other handle on the database.
            let other = try await fresh.reopen(asDaemon: false)
            #expect(try await other.signups(matching: SignupFilter()).count == 20)
            await other.close()
        }
    }

    @Test("the group committer confirms each sign-up after its transaction, many at once", arguments: Engine.available)
    func groupCommit(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let committer = SignupCommitter(database: fresh.storage)
            let outcomes = try await withThrowingTaskGroup(of: SignupOutcome.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await committer.save(draft("Osoba \(index)", contact: "osoba\(index % 30)@example.org"), actor: .session(UInt64(index)), city: "krosno")
                    }
                }
                return try await group.reduce(into: [SignupOutcome]()) { $0.append($1) }
            }
            let references = outcomes.compactMap { if case .saved(let reference) = $0 { reference } else { nil } }
            #expect(references.count == 30 && Set(references).count == 30)
            #expect(outcomes.filter { $0 == .alreadySignedUp }.count == 10)
            let stored = try await fresh.storage.signups(matching: SignupFilter())
            #expect(Set(stored.map(\.reference)) == Set(references))
        }
    }

    @Test("two handles on one database (two daemons): the same contact at once is stored once, references never repeat", arguments: Engine.available)
    func twoDaemonsSignUp(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let second = try await fresh.reopen()
            let first = fresh.storage
            let outcomes = try await withThrowingTaskGroup(of: SignupOutcome.self) { group in
                for index in 0..<24 {
                    let storage = index.isMultiple(of: 2) ? first : second
                    group.addTask {
                        // Each contact twice, once through each handle, at the same time.
                        try await storage.saveSignup(draft("Osoba \(index / 2)", contact: "osoba\(index / 2)@example.org"), actor: .session(UInt64(index)), city: "krosno")
                    }
                }
                return try await group.reduce(into: [SignupOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { if case .saved = $0 { true } else { false } }.count == 12)
            #expect(outcomes.filter { $0 == .alreadySignedUp }.count == 12)
            let stored = try await second.signups(matching: SignupFilter())
            #expect(stored.count == 12 && Set(stored.map(\.reference)).count == 12)
            await second.close()
        }
    }

    // MARK: - Organisers

    @Test("organiser codes: only a salted hash is stored; the code verifies; revoked codes do not", arguments: Engine.available)
    func organisers(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let (organiser, code) = try await storage.addOrganiser(name: "Ewa")
            #expect(code.count == 14)
            #expect(try await storage.verifyOrganiser(code: code) == organiser)
            #expect(try await storage.verifyOrganiser(code: code.lowercased().replacingOccurrences(of: "-", with: " ")) == organiser)
            #expect(try await storage.verifyOrganiser(code: "AAAA-BBBB-CCCC") == nil)
            let (jan, second) = try await storage.addOrganiser(name: "Jan")
            #expect(second != code)
            #expect(try await storage.revokeOrganiser(id: organiser.id))
            #expect(try await !storage.revokeOrganiser(id: organiser.id), "already revoked")
            #expect(try await storage.verifyOrganiser(code: code) == nil)
            let listed = try await storage.organisers()
            #expect(listed.map(\.name) == ["Ewa", "Jan"])
            #expect(listed.map(\.id) == [organiser.id, jan.id])
            #expect(listed[0].revokedAt != nil && listed[1].revokedAt == nil && listed.allSatisfy { $0.notes == 0 })
            #expect(try await storage.auditCount(action: "organiser.add") == 2)
            #expect(try await storage.auditCount(action: "organiser.revoke") == 1)
        }
    }

    @Test("notes count per organiser and list with filters", arguments: Engine.available)
    func notes(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let (ewa, _) = try await storage.addOrganiser(name: "Ewa Żak")
            let (jan, _) = try await storage.addOrganiser(name: "Jan")
            let note = InterviewNoteDraft(organiserID: ewa.id, district: "osiedle Polanka", date: CalendarDay(year: 2026, month: 11, day: 20),
                                          topic: "zieleń", concerns: "mało ławek", recontact: false, recontactHow: nil)
            #expect(try await storage.saveInterviewNote(note, actor: .organiser(ewa.id)) == 1)
            var later = note
            later.date = CalendarDay(year: 2026, month: 11, day: 22)
            #expect(try await storage.saveInterviewNote(later, actor: .organiser(ewa.id)) == 2)
            var jans = note
            jans.organiserID = jan.id
            jans.district = "Centrum"
            #expect(try await storage.saveInterviewNote(jans, actor: .organiser(jan.id)) == 1)
            #expect(try await storage.interviewCount(organiserID: ewa.id) == 2)
            #expect(try await storage.interviewCount(organiserID: jan.id) == 1)
            #expect(try await storage.notes(matching: NoteFilter()).count == 3)
            #expect(try await storage.notes(matching: NoteFilter(organiser: "zak")).map(\.organiserName) == ["Ewa Żak", "Ewa Żak"])
            #expect(try await storage.notes(matching: NoteFilter(organiser: String(jan.id))).map(\.district) == ["Centrum"])
            #expect(try await storage.notes(matching: NoteFilter(district: "polanka")).count == 2)
            let since = try await storage.notes(matching: NoteFilter(since: CalendarDay(year: 2026, month: 11, day: 21)))
            #expect(since.map(\.interviewDate) == ["2026-11-22"])
            #expect(try await storage.notes(matching: NoteFilter(until: CalendarDay(year: 2026, month: 11, day: 20))).count == 2)
            let first = try #require(since.first)
            #expect(first.topic == "zieleń" && first.concerns == "mało ławek" && !first.recontact && first.recontactHow == nil && first.erasedAt == nil)
            #expect(try await storage.organisers().map(\.notes) == [2, 1])
        }
    }

    // MARK: - Erasure and the right of access

    @Test("an erasure request records whether code and contact matched, and the session kind", arguments: Engine.available)
    func erasureRequestMatch(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let reference = try await saved(storage, draft())
            try await storage.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: .email("anna@example.org"), sessionKind: .kiosk), actor: .session(2))
            try await storage.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: .email("eve@example.org")), actor: .session(3))
            try await storage.recordErasureRequest(ErasureRequestDraft(reference: "KR-0000", contact: .email("anna@example.org")), actor: .session(4))
            let requests = try await storage.erasureRequests(includeHandled: true)
            #expect(requests.map(\.matched) == [true, false, false])
            #expect(requests.map(\.sessionKind) == ["kiosk", "remote", "remote"])
            #expect(try await storage.erasureRequests(includeHandled: false).count == 3)
        }
    }

    @Test("after erasure no listing shows the contact, erasure requests and notes included", arguments: Engine.available)
    func erasureRemovesContactEverywhere(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let reference = try await saved(storage, draft(contact: "600 100 200"))
            _ = try await saved(storage, draft("Jan Nowak", contact: "jan@example.org"))
            let (organiser, _) = try await storage.addOrganiser(name: "Ewa")
            _ = try await storage.saveInterviewNote(InterviewNoteDraft(organiserID: organiser.id, district: "Polanka", date: CalendarDay(year: 2026, month: 11, day: 20),
                                                                       topic: "zieleń", concerns: "ławki", recontact: true, recontactHow: "tel. 600-100-200"),
                                                    actor: .organiser(organiser.id))
            try await storage.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: .phone("600100200")), actor: .session(2))
            let plan = try await storage.erasurePlan(reference: reference)
            #expect(plan.signups.map(\.reference) == [reference])
            #expect(plan.notes.count == 1 && plan.requests.count == 1 && !plan.isEmpty)
            #expect(try await storage.erasurePlan(contact: .email("nobody@example.org")).isEmpty)
            let result = try await storage.erase(reference: reference)
            #expect(result.signups == [reference] && result.notes == 1)
            let requests = try await storage.erasureRequests(includeHandled: true)
            #expect(requests.count == 1 && requests.first?.contact == nil && requests.first?.handledAt != nil)
            #expect(try await storage.erasureRequests(includeHandled: false).isEmpty)
            let everything = try await storage.signups(matching: SignupFilter(includeErased: true))
            #expect(everything.count == 2)
            #expect(everything.filter { $0.reference == reference }.allSatisfy { $0.contact == nil && $0.name == nil && $0.erasedAt != nil })
            #expect(try await storage.signups(matching: SignupFilter()).map(\.name) == ["Jan Nowak"], "an erased sign-up is not listed live")
            let note = try #require(try await storage.notes(matching: NoteFilter()).first)
            #expect(note.recontactHow == nil && note.concerns == nil && note.erasedAt != nil)
            let access = try await storage.subjectData(contact: try #require(Contact(parsing: "600 100 200")))
            #expect(access.signups.isEmpty && access.erasureRequests.isEmpty && access.notes.isEmpty)
            #expect(try await storage.auditCount(action: "signup.erase") == 1)
            #expect(try await storage.auditCount(action: "note.erase") == 1)
            // Erased, the same contact may sign up again.
            _ = try await saved(storage, draft(contact: "600 100 200"))
        }
    }

    @Test("right of access: sign-ups, notes naming the contact, erasure requests and their audit events", arguments: Engine.available)
    func subjectData(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let reference = try await saved(storage, draft(contact: "600 100 200"))
            _ = try await saved(storage, draft("Jan Nowak", contact: "jan@example.org"))
            let (organiser, _) = try await storage.addOrganiser(name: "Ewa")
            _ = try await storage.saveInterviewNote(InterviewNoteDraft(organiserID: organiser.id, district: "Polanka", date: CalendarDay(year: 2026, month: 11, day: 20),
                                                                       topic: "zieleń", concerns: "ławki", recontact: true, recontactHow: "tel. 600-100-200"),
                                                    actor: .organiser(organiser.id))
            try await storage.recordErasureRequest(ErasureRequestDraft(reference: reference, contact: .phone("600100200")), actor: .session(2))
            let data = try await storage.subjectData(contact: try #require(Contact(parsing: "+48 600 100 200")))
            #expect(data.contact == "+48 600 100 200")
            #expect(data.signups.map(\.reference) == [reference])
            #expect(data.notes.count == 1)
            #expect(data.erasureRequests.count == 1)
            #expect(Set(data.auditEvents.map(\.action)) == ["signup.create", "note.create", "erasure.request"])
            #expect(data.auditEvents.first { $0.action == "signup.create" }?.actor == "session:1")
            // The audit trail holds no personal data.
            #expect(!data.auditEvents.map { "\($0.subject ?? "") \($0.actor) \($0.action)" }.joined().contains("600"))
            #expect(!data.signups.contains { $0.name == "Jan Nowak" })
        }
    }

    @Test("staff filters ignore case and Polish letters, match any part, and find ids, phones and days", arguments: Engine.available)
    func foldedFilters(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            var lukasz = draft("Łukasz Żółć", contact: "+48 600 100 200")
            lukasz.district = "osiedle Traugutta"
            _ = try await saved(storage, lukasz)
            var anna = draft(programme: "centrum_obywatelskie")
            anna.district = nil
            _ = try await saved(storage, anna)
            func names(_ filter: SignupFilter) async throws -> [String] {
                try await storage.signups(matching: filter).compactMap(\.name)
            }
            #expect(try await names(SignupFilter(search: "lukasz")) == ["Łukasz Żółć"])
            #expect(try await names(SignupFilter(search: "ZOLC")) == ["Łukasz Żółć"])
            #expect(try await names(SignupFilter(search: "600100200")) == ["Łukasz Żółć"])
            #expect(try await names(SignupFilter(district: "Traugutta")) == ["Łukasz Żółć"])
            #expect(try await names(SignupFilter(programme: "Centrum Obywatelskie",
                                                 programmeNames: ["centrum_obywatelskie": "Centrum Obywatelskie w Krakowie"])) == ["Anna Kowalska"])
            #expect(try await names(SignupFilter(programme: "centrum_obywatelskie")) == ["Anna Kowalska"])
            let ids = try await storage.signups(matching: SignupFilter()).map(\.id)
            #expect(try await names(SignupFilter(search: String(ids[1]))).contains("Anna Kowalska"), "by id")
            #expect(try await names(SignupFilter(since: Date().addingTimeInterval(-3600), until: Date().addingTimeInterval(3600))).count == 2)
            #expect(try await names(SignupFilter(since: Date().addingTimeInterval(3600))).isEmpty)
            #expect(try await names(SignupFilter(until: Date().addingTimeInterval(-3600))).isEmpty)
        }
    }

    @Test("statistics: per programme, district, day in the given time zone, and interviews per organiser", arguments: Engine.available)
    func statistics(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            _ = try await saved(storage, draft())
            _ = try await saved(storage, draft("Ewa", contact: "ewa@example.org"))
            var noDistrict = draft("Jan", contact: "jan@example.org", programme: "centrum_obywatelskie")
            noDistrict.district = nil
            _ = try await saved(storage, noDistrict)
            let (ewa, _) = try await storage.addOrganiser(name: "Ewa")
            _ = try await storage.addOrganiser(name: "Adam")
            _ = try await storage.saveInterviewNote(InterviewNoteDraft(organiserID: ewa.id, district: "Polanka", date: day, topic: "t", concerns: "c",
                                                                       recontact: false, recontactHow: nil), actor: .organiser(ewa.id))
            let all = try await storage.statistics()
            #expect(all.byProgramme.map { "\($0.key)=\($0.count)" } == ["os_krosno=2", "centrum_obywatelskie=1"])
            #expect(all.byDistrict.map { "\($0.key)=\($0.count)" } == ["Polanka=2", "—=1"])
            #expect(all.byDay.map(\.count) == [3])
            #expect(all.interviews.map { "\($0.organiser)=\($0.count)" } == ["Adam=0", "Ewa=1"])
            // 25 hours apart: the same moment is on two different days.
            let east = try await storage.statistics(timeZone: try #require(TimeZone(identifier: "Pacific/Kiritimati")))
            let west = try await storage.statistics(timeZone: try #require(TimeZone(identifier: "Pacific/Pago_Pago")))
            #expect(east.byDay.map(\.key) != west.byDay.map(\.key))
            #expect(try await storage.statistics(since: Date().addingTimeInterval(3600)).byProgramme.isEmpty)
        }
    }

    @Test("retention purge anonymises what is older than the cutoff and keeps the rows", arguments: Engine.available)
    func purge(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            _ = try await saved(storage, draft())
            let (ewa, _) = try await storage.addOrganiser(name: "Ewa")
            _ = try await storage.saveInterviewNote(InterviewNoteDraft(organiserID: ewa.id, district: "Polanka", date: day, topic: "t", concerns: "c",
                                                                       recontact: true, recontactHow: "anna@example.org"), actor: .organiser(ewa.id))
            #expect(try await storage.purge(before: Date().addingTimeInterval(-3600)) == (0, 0))
            #expect(try await storage.purge(before: Date().addingTimeInterval(3600)) == (1, 1))
            let rows = try await storage.signups(matching: SignupFilter(includeErased: true))
            #expect(rows.count == 1 && rows[0].name == nil && rows[0].contact == nil && rows[0].erasedAt != nil)
            #expect(try await storage.notes(matching: NoteFilter()).first?.concerns == nil)
            #expect(try await storage.statistics().byProgramme.map(\.count) == [1], "erased rows still count")
            #expect(try await storage.auditCount(action: "retention.purge") == 2)
        }
    }

    // MARK: - Organiser log-in per address

    @Test("log-in per address: delays 1, 2, 4, 8 s, the fifth wrong code locks, forgotten after 15 minutes, lifted by staff", arguments: Engine.available)
    func addressDelays(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            var waits: [AddressLoginWait] = []
            for attempt in 0..<6 {
                waits.append(try await storage.recordLoginFailure(address: "192.0.2.1", now: start.addingTimeInterval(Double(attempt))))
            }
            #expect(waits == [.delayed(seconds: 1), .delayed(seconds: 2), .delayed(seconds: 4), .delayed(seconds: 8), .locked(seconds: 900), .locked(seconds: 900)])
            #expect(try await storage.loginWait(address: "192.0.2.1", now: start.addingTimeInterval(65)) == .locked(seconds: 840), "the last failure at +5 s")
            #expect(try await storage.loginWait(address: "192.0.2.2", now: start.addingTimeInterval(10)) == nil, "another address is not slowed")
            #expect(try await storage.loginWait(address: "192.0.2.1", now: start.addingTimeInterval(5 + 15 * 60 + 1)) == nil, "the lock ends with the failures' memory")
            let slowed = try await storage.lockedLoginAddresses(now: start.addingTimeInterval(65))
            #expect(slowed.map(\.address) == ["192.0.2.1"] && slowed.map(\.failures) == [6] && slowed.map(\.waitSeconds) == [840])
            #expect(try await storage.recordLoginFailure(address: "192.0.2.1", now: start.addingTimeInterval(5 + 16 * 60)) == .delayed(seconds: 1), "forgotten after 15 minutes")
            #expect(try await storage.loginWait(address: "192.0.2.1", now: start.addingTimeInterval(5 + 16 * 60)) == .delayed(seconds: 1))
            #expect(try await storage.unlockLogins(address: "192.0.2.1") == 1)
            #expect(try await storage.loginWait(address: "192.0.2.1", now: start.addingTimeInterval(5 + 16 * 60)) == nil)
            _ = try await storage.recordLoginFailure(address: "192.0.2.3", now: start)
            _ = try await storage.recordLoginFailure(address: "192.0.2.4", now: start)
            #expect(try await storage.unlockLogins() == 2)
            #expect(try await storage.auditCount(action: "organiser.unlock") == 2)
        }
    }

    @Test("wrong codes through two handles at once (two daemons) are all counted: no tries gained", arguments: Engine.available)
    func twoDaemonsCountFailures(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let second = try await fresh.reopen()
            let first = fresh.storage
            let now = Date()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<10 {
                    let storage = index.isMultiple(of: 2) ? first : second
                    group.addTask { _ = try await storage.recordLoginFailure(address: "198.51.100.7", now: now) }
                }
                try await group.waitForAll()
            }
            #expect(try await first.lockedLoginAddresses(now: now).map(\.failures) == [10])
            #expect(try await second.loginWait(address: "198.51.100.7", now: now) == .locked(seconds: 900))
            await second.close()
        }
    }

    // MARK: - Usage and the review

    @Test("lines with nearly the same words are one group: count, first and last day, the most frequent wording", arguments: Engine.available)
    func grouping(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let next = day.adding(days: 2)
            let kept = try await storage.recordUsage([:], unanswered: [
                line("gdzie mogę wyprowadzić psa?", ["mog", "psa", "wypro"]),
                line("gdzie moge wyprowadzic psa", ["mog", "psa", "wypro"]),
                line("gdzie moge wyprowadzic psa", ["mog", "psa", "wypro"], on: next),
                line("czy jest parking", ["park"]),
                line("czy jest basen dla dzieci w okolicy", ["basen", "dziec", "okoli", "dla", "jest"]),
                line("czy jest basen dla dzieci w najbliższej okolicy", ["basen", "dziec", "okoli", "dla", "jest", "najbl"], reason: .rephrased),
            ])
            #expect(kept == 6)
            let groups = try await storage.unansweredGroups()
            #expect(groups.map(\.count) == [3, 2, 1], "most frequent first")
            #expect(groups[0].wording == "gdzie moge wyprowadzic psa", "the most frequent wording")
            #expect(groups[0].firstDay == day.description && groups[0].lastDay == next.description)
            #expect(groups[0].words == ["mog", "psa", "wypro"] && groups[0].language == "pl")
            #expect(groups[1].reasons == ["fallback": 1, "rephrased": 1])
            #expect(groups[2].wording == "czy jest parking")
            #expect(try await storage.unansweredGroups(since: next).map(\.count) == [1])
            #expect(try await storage.unansweredGroups(until: day).map(\.count) == [2, 2, 1])
        }
    }

    @Test("ignore hides a group for good; assign marks it; unknown groups are refused", arguments: Engine.available)
    func ignoreAndAssign(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            _ = try await storage.recordUsage([:], unanswered: [line("czy jest parking", ["park"]), line("kto wygrał mecz", ["mecz", "wygra"])])
            let match = try #require(try await storage.unansweredGroups().first { $0.wording == "kto wygrał mecz" })
            #expect(try await storage.ignoreUnansweredGroup(id: match.id, day: day))
            #expect(try await storage.unansweredGroups().map(\.wording) == ["czy jest parking"])
            #expect(try await storage.recordUsage([:], unanswered: [line("Kto wygrał MECZ?", ["mecz", "wygra"], on: day.adding(days: 1))]) == 0)
            #expect(try await storage.unansweredGroups(includeDecided: true).map(\.wording) == ["czy jest parking"], "an ignored group keeps no line")
            #expect(try await !storage.ignoreUnansweredGroup(id: 999, day: day))
            let parking = try #require(try await storage.unansweredGroups().first)
            #expect(try await storage.assignUnansweredGroup(id: parking.id, intent: .contact, day: day))
            #expect(try await storage.unansweredGroups().isEmpty)
            let assigned = try #require(try await storage.unansweredGroup(id: parking.id))
            #expect(assigned.status == .assigned && assigned.intent == "contact")
            #expect(try await !storage.assignUnansweredGroup(id: 999, intent: .contact, day: day))
        }
    }

    @Test("retention of kept lines: older ones go with the groups left empty; an ignored group stays hidden", arguments: Engine.available)
    func purgeUnanswered(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let storage = fresh.storage
            let old = day.adding(days: -31)
            _ = try await storage.recordUsage([:], unanswered: [
                line("czy jest parking", ["park"], on: old), line("czy jest parking", ["park"]),
                line("gdzie jest basen", ["basen"], on: old), line("kto wygrał mecz", ["mecz", "wygra"], on: old),
            ])
            let match = try #require(try await storage.unansweredGroups().first { $0.wording == "kto wygrał mecz" })
            _ = try await storage.ignoreUnansweredGroup(id: match.id, day: day)
            #expect(try await storage.purgeUnanswered(before: day.adding(days: -30)) == 2)
            let groups = try await storage.unansweredGroups(includeDecided: true)
            #expect(groups.map(\.wording) == ["czy jest parking"])
            #expect(groups.first?.count == 1 && groups.first?.firstDay == day.description)
            #expect(try await storage.recordUsage([:], unanswered: [line("kto wygrał mecz", ["mecz", "wygra"])]) == 0, "still hidden")
        }
    }

    @Test("usage counts add up per day, event, intent and language, for any other handle too", arguments: Engine.available)
    func usageCounts(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            var counts: [UsageKey: Int] = [:]
            counts[UsageKey(.reply(.cost, .pl), day: day)] = 2
            counts[UsageKey(.reply(.cost, .en), day: day)] = 1
            counts[UsageKey(.signupStarted, day: day)] = 3
            try await fresh.storage.recordUsage(counts)
            let second = try await fresh.reopen()
            try await second.recordUsage([UsageKey(.reply(.cost, .pl), day: day): 1, UsageKey(.fallback(.pl), day: day.adding(days: 1)): 4])
            let records = try await fresh.storage.usageCounts()
            #expect(records == [
                UsageCountRecord(day: "2026-11-21", event: "reply", intent: "cost", language: "en", count: 1),
                UsageCountRecord(day: "2026-11-21", event: "reply", intent: "cost", language: "pl", count: 3),
                UsageCountRecord(day: "2026-11-21", event: "signup_started", intent: "", language: "", count: 3),
                UsageCountRecord(day: "2026-11-22", event: "fallback", intent: "fallback", language: "pl", count: 4),
            ])
            #expect(try await fresh.storage.usageCounts(since: day.adding(days: 1)).map(\.count) == [4])
            #expect(try await fresh.storage.usageCounts(until: day).count == 3)
            await second.close()
        }
    }

    @Test("the daily cap on kept lines holds", arguments: Engine.available)
    func dailyCap(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let lines = (0..<(AppDatabase.maxUnansweredLinesPerDay + 3)).map { line("pytanie", ["pyta"], reason: $0.isMultiple(of: 2) ? .fallback : .lowConfidence) }
            let kept = try await fresh.storage.recordUsage([:], unanswered: lines)
            #expect(kept == AppDatabase.maxUnansweredLinesPerDay)
        }
    }

    // MARK: - Health

    @Test("a trivial read answers on a sound database", arguments: Engine.available)
    func trivialRead(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            try await fresh.storage.answerTrivialRead()
            #expect(fresh.storage.engine.rawValue == engine.rawValue)
        }
    }
}
