import CivicCore
import Foundation
import NIOCore
import PostgresNIO

// MARK: - Sign-ups

extension PostgresStore {
    public func saveSignups(_ batch: [(draft: SignupDraft, actor: AuditActor, city: String?)]) async throws -> [Result<SignupOutcome, Error>] {
        try await write { [self] connection in
            var results: [Result<SignupOutcome, Error>] = []
            let now = Date()
            for item in batch {
                // Each sign-up in its own savepoint: one failure does not undo the others.
                try await connection.query("SAVEPOINT signup", logger: logger)
                do {
                    let outcome = try await insertSignup(item.draft, actor: item.actor, city: item.city, now: now, connection)
                    try await connection.query("RELEASE SAVEPOINT signup", logger: logger)
                    results.append(.success(outcome))
                } catch {
                    try await connection.query("ROLLBACK TO SAVEPOINT signup", logger: logger)
                    results.append(.failure(StoreError.unavailable("sign-up not saved: \(Self.describe(error))")))
                }
            }
            return results
        }
    }

    /// The insert, which the unique index on live (programme, contact) turns into nothing for a
    /// resident already signed up — through this daemon or another: a concurrent insert of the
    /// same contact waits for the other transaction and then finds its row — and the audit
    /// event. A reference code already taken (by any daemon) violates the unique index on
    /// `reference` and is drawn again.
    func insertSignup(_ draft: SignupDraft, actor: AuditActor, city: String?, now: Date, _ connection: PostgresConnection) async throws -> SignupOutcome {
        let contact = draft.contact.description
        let prefix = ReferenceCode.prefix(forTopic: draft.programme, city: city)
        for _ in 0..<8 {
            let reference = ReferenceCode.make(prefix: prefix, randomBits: randomBits())
            try await connection.query("SAVEPOINT reference", logger: logger)
            let inserted: [PostgresRow]
            do {
                inserted = try await run(connection, """
                    INSERT INTO signup (reference, programme, name, contact, district, organisation, consentVersion, language, createdAt, nextEdition)
                    VALUES (\(reference), \(draft.programme), \(draft.name), \(contact), \(draft.district), \(draft.organisation), \(draft.consentVersion),
                            \(draft.language.rawValue), \(now), \(draft.nextEdition))
                    ON CONFLICT (programme, contact) WHERE erasedAt IS NULL DO NOTHING
                    RETURNING id
                    """)
            } catch where Self.isUniqueViolation(error) {
                try await connection.query("ROLLBACK TO SAVEPOINT reference", logger: logger)
                continue  // the contact's conflict is absorbed above, so this is the reference: draw again
            }
            try await connection.query("RELEASE SAVEPOINT reference", logger: logger)
            if inserted.isEmpty {
                guard let existing = try await run(connection, """
                    SELECT reference FROM signup WHERE programme = \(draft.programme) AND contact = \(contact) AND erasedAt IS NULL
                    """).first?.decode(String.self)
                else { throw StoreError.unavailable("sign-up neither inserted nor found") }
                try await Self.audit(connection, action: "signup.duplicate", subject: existing, actor: actor, at: now, logger: logger)
                return .alreadySignedUp
            }
            try await Self.audit(connection, action: "signup.create", subject: reference, actor: actor, at: now, logger: logger)
            return .saved(reference: reference)
        }
        throw StoreError.unavailable("no free reference code after 8 draws")
    }

    /// As on SQLite: found by reference and stored contact; a new contact held by another live
    /// sign-up of the programme — also one another daemon commits meanwhile, which the unique
    /// index refuses — leaves the row as it was. Committed (`synchronous_commit = on`) on return.
    public func correctSignup(_ correction: SignupCorrection, actor: AuditActor) async throws -> SignupCorrectionOutcome {
        try await write { [self] connection in
            let new = correction.corrected
            let newContact = new.contact.description
            let storedContact = correction.stored.contact.description
            try await connection.query("SAVEPOINT correction", logger: logger)
            let updated: [PostgresRow]
            do {
                updated = try await run(connection, """
                    UPDATE signup SET name = \(new.name), contact = \(newContact), district = \(new.district)
                    WHERE reference = \(correction.reference) AND programme = \(correction.stored.programme)
                      AND contact = \(storedContact) AND erasedAt IS NULL
                    RETURNING id
                    """)
            } catch where Self.isUniqueViolation(error) {
                try await connection.query("ROLLBACK TO SAVEPOINT correction", logger: logger)
                return .contactTaken
            }
            try await connection.query("RELEASE SAVEPOINT correction", logger: logger)
            guard updated.count == 1 else { return .notFound }
            try await Self.audit(connection, action: "signup.correct", subject: correction.reference, actor: actor, logger: logger)
            return .corrected(reference: correction.reference)
        }
    }

    public func signups(matching filter: SignupFilter) async throws -> [SignupRecord] {
        try await read { [self] connection in
            var sql = PostgresFilter()
            sql.add("erasedAt IS NULL", when: !filter.includeErased)
            sql.add("createdAt >= ?", filter.since)
            sql.add("createdAt < ?", filter.until)
            let rows = try await run(connection, sql.query("SELECT \(Self.signupColumns) FROM signup \(sql.sql) ORDER BY createdAt, id"))
            return filter.matchingText(try rows.map(Self.signup))
        }
    }

    public func signup(reference: String) async throws -> SignupRecord? {
        guard let code = ReferenceCode.parse(reference) else { return nil }
        return try await read { [self] connection in
            try await run(connection, "SELECT \(unescaped: Self.signupColumns) FROM signup WHERE reference = \(code)").first.map(Self.signup)
        }
    }

    public func auditCount(action: String) async throws -> Int {
        try await read { [self] connection in
            try await count(connection, "SELECT COUNT(*) FROM auditEvent WHERE action = \(action)")
        }
    }
}

// MARK: - Organisers

extension PostgresStore {
    public func addOrganiser(name: String, actor: AuditActor) async throws -> (organiser: Organiser, code: String) {
        let code = OrganiserCode.generate()
        let salt = OrganiserCode.salt()
        let hash = OrganiserCode.hash(code, salt: salt)
        let id = try await write { [self] connection -> Int64 in
            let id = try await run(connection, """
                INSERT INTO organiser (name, codeSalt, codeHash, createdAt)
                VALUES (\(name), \(ByteBuffer(bytes: salt)), \(ByteBuffer(bytes: hash)), \(Date())) RETURNING id
                """).first?.decode(Int64.self) ?? 0
            try await Self.audit(connection, action: "organiser.add", subject: "organiser:\(id)", actor: actor, logger: logger)
            return id
        }
        return (Organiser(id: id, name: name), code)
    }

    public func verifyOrganiser(code: String) async throws -> Organiser? {
        let normalized = OrganiserCode.normalize(code)
        return try await read { [self] connection in
            for row in try await run(connection, "SELECT id, name, codeSalt, codeHash FROM organiser WHERE revokedAt IS NULL") {
                let (id, name, salt, hash) = try row.decode((Int64, String, ByteBuffer, ByteBuffer).self)
                if OrganiserCode.matches(normalized, salt: Data(salt.readableBytesView), hash: Data(hash.readableBytesView)) {
                    return Organiser(id: id, name: name)
                }
            }
            return nil
        }
    }

    public func revokeOrganiser(id: Int64, actor: AuditActor) async throws -> Bool {
        try await write { [self] connection in
            let revoked = try await run(connection, "UPDATE organiser SET revokedAt = \(Date()) WHERE id = \(id) AND revokedAt IS NULL RETURNING id")
            if !revoked.isEmpty { try await Self.audit(connection, action: "organiser.revoke", subject: "organiser:\(id)", actor: actor, logger: logger) }
            return !revoked.isEmpty
        }
    }

    public func organisers() async throws -> [OrganiserRecord] {
        try await read { [self] connection in
            try await run(connection, """
                SELECT o.id, o.name, o.createdAt, o.revokedAt, (SELECT COUNT(*) FROM interviewNote n WHERE n.organiserId = o.id)
                FROM organiser o ORDER BY o.id
                """).map { row in
                let (id, name, created, revoked, notes) = try row.decode((Int64, String, Date, Date?, Int).self)
                return OrganiserRecord(id: id, name: name, createdAt: created, revokedAt: revoked, notes: notes)
            }
        }
    }
}

// MARK: - Interview notes and erasure requests

extension PostgresStore {
    public func saveInterviewNote(_ note: InterviewNoteDraft, actor: AuditActor) async throws -> Int {
        try await write { [self] connection in
            let id = try await run(connection, """
                INSERT INTO interviewNote (organiserId, district, interviewDate, topic, concerns, recontact, recontactHow, createdAt)
                VALUES (\(note.organiserID), \(note.district), \(note.date.description), \(note.topic), \(note.concerns),
                        \(note.recontact), \(note.recontactHow), \(Date()))
                RETURNING id
                """).first?.decode(Int64.self) ?? 0
            try await Self.audit(connection, action: "note.create", subject: "note:\(id)", actor: actor, logger: logger)
            return try await count(connection, "SELECT COUNT(*) FROM interviewNote WHERE organiserId = \(note.organiserID)")
        }
    }

    public func interviewCount(organiserID: Int64) async throws -> Int {
        try await read { [self] connection in
            try await count(connection, "SELECT COUNT(*) FROM interviewNote WHERE organiserId = \(organiserID)")
        }
    }

    public func recordErasureRequest(_ request: ErasureRequestDraft, actor: AuditActor) async throws {
        try await write { [self] connection in
            let contact = request.contact.description
            try await connection.query("""
                INSERT INTO erasureRequest (reference, contact, matched, sessionKind, createdAt)
                VALUES (\(request.reference), \(contact),
                        EXISTS (SELECT 1 FROM signup WHERE reference = \(request.reference) AND contact = \(contact) AND erasedAt IS NULL),
                        \(request.sessionKind.rawValue), \(Date()))
                """, logger: logger)
            try await Self.audit(connection, action: "erasure.request", subject: request.reference, actor: actor, logger: logger)
        }
    }

    public func notes(matching filter: NoteFilter) async throws -> [InterviewNoteRecord] {
        try await read { [self] connection in try await notes(connection, matching: filter) }
    }

    func notes(_ connection: PostgresConnection, matching filter: NoteFilter) async throws -> [InterviewNoteRecord] {
        var sql = PostgresFilter()
        sql.add("n.organiserId = ?", filter.organiser.flatMap { Int64($0) })
        sql.add("n.interviewDate >= ?", filter.since?.description)
        sql.add("n.interviewDate <= ?", filter.until?.description)
        let rows = try await run(connection, sql.query("""
            SELECT \(Self.noteColumns) FROM interviewNote n JOIN organiser o ON o.id = n.organiserId
            \(sql.sql) ORDER BY n.interviewDate COLLATE "C", n.id
            """))
        return filter.matchingText(try rows.map(Self.note))
    }

    public func erasureRequests(includeHandled: Bool) async throws -> [ErasureRequestRecord] {
        try await read { [self] connection in
            try await run(connection, """
                SELECT \(unescaped: Self.requestColumns) FROM erasureRequest \(unescaped: includeHandled ? "" : "WHERE handledAt IS NULL") ORDER BY createdAt, id
                """).map(Self.request)
        }
    }
}

// MARK: - Organiser log-in per address

extension PostgresStore {
    public func loginWait(address: String, now: Date) async throws -> AddressLoginWait? {
        try await read { [self] connection in
            guard let row = try await run(connection, "SELECT failures, lastFailureAt FROM loginFailure WHERE address = \(address)").first else {
                return nil
            }
            let (failures, last) = try row.decode((Int, Date).self)
            return AddressLoginPolicy.wait(failures: failures, lastFailureAt: last, now: now)
        }
    }

    /// One statement, atomic however many daemons count at once: the address's failure is
    /// added (a count older than ``AddressLoginPolicy/forgetAfterSeconds`` starts again at one)
    /// and the new count returned; other addresses' forgotten entries go on the way.
    public func recordLoginFailure(address: String, now: Date) async throws -> AddressLoginWait {
        let forgotten = now.addingTimeInterval(-AddressLoginPolicy.forgetAfterSeconds)
        let failures = try await write { [self] connection in
            try await count(connection, """
                WITH forgotten AS (DELETE FROM loginFailure WHERE lastFailureAt < \(forgotten) AND address <> \(address))
                INSERT INTO loginFailure AS f (address, failures, lastFailureAt) VALUES (\(address), 1, \(now))
                ON CONFLICT (address) DO UPDATE
                SET failures = CASE WHEN f.lastFailureAt < \(forgotten) THEN 1 ELSE f.failures + 1 END,
                    lastFailureAt = excluded.lastFailureAt
                RETURNING failures
                """)
        }
        return AddressLoginPolicy.afterFailure(max(failures, 1))
    }

    public func unlockLogins(address: String?, actor: AuditActor) async throws -> Int {
        try await write { [self] connection in
            let lifted: Int
            if let address {
                lifted = try await run(connection, "DELETE FROM loginFailure WHERE address = \(address) RETURNING address").count
            } else {
                lifted = try await run(connection, "DELETE FROM loginFailure RETURNING address").count
            }
            try await Self.audit(connection, action: "organiser.unlock", subject: address == nil ? "all" : "address", actor: actor, logger: logger)
            return lifted
        }
    }

    public func lockedLoginAddresses(now: Date) async throws -> [(address: String, failures: Int, waitSeconds: Int)] {
        try await read { [self] connection in
            try await run(connection, "SELECT address, failures, lastFailureAt FROM loginFailure ORDER BY lastFailureAt DESC").compactMap { row in
                let (address, failures, last) = try row.decode((String, Int, Date).self)
                guard now.timeIntervalSince(last) < AddressLoginPolicy.forgetAfterSeconds else { return nil }
                let wait = AddressLoginPolicy.wait(failures: failures, lastFailureAt: last, now: now)?.seconds ?? 0
                return (address: address, failures: failures, waitSeconds: wait)
            }
        }
    }
}

// MARK: - Staff

extension PostgresStore {
    public func statistics(since: Date?, until: Date?, timeZone: TimeZone) async throws -> Statistics {
        try await read { [self] connection in
            var filter = PostgresFilter()
            filter.add("createdAt >= ?", since)
            filter.add("createdAt < ?", until)
            func counts(_ column: String) async throws -> [(key: String, count: Int)] {
                // NULLS FIRST and the C collation: the order SQLite gives.
                try await run(connection, filter.query("""
                    SELECT \(column), COUNT(*) FROM signup \(filter.sql) GROUP BY \(column)
                    ORDER BY COUNT(*) DESC, \(column) COLLATE "C" NULLS FIRST
                    """)).map { row in
                    let (key, count) = try row.decode((String?, Int).self)
                    return (key: key ?? "—", count: count)
                }
            }
            // Erased sign-ups still count: only their personal data is gone.
            let byProgramme = try await counts("programme")
            let byDistrict = try await counts("district")
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            var perDay: [String: Int] = [:]
            for row in try await run(connection, filter.query("SELECT createdAt FROM signup \(filter.sql)")) {
                let day = calendar.dateComponents([.year, .month, .day], from: try row.decode(Date.self))
                perDay[CalendarDay(year: day.year ?? 0, month: day.month ?? 0, day: day.day ?? 0).description, default: 0] += 1
            }
            let byDay = perDay.sorted { $0.key < $1.key }.map { (key: $0.key, count: $0.value) }
            let interviews = try await run(connection, """
                SELECT o.name, (SELECT COUNT(*) FROM interviewNote n WHERE n.organiserId = o.id)
                FROM organiser o WHERE o.revokedAt IS NULL ORDER BY o.name COLLATE "C"
                """).map { row in
                let (name, count) = try row.decode((String, Int).self)
                return (organiser: name, count: count)
            }
            return Statistics(byProgramme: byProgramme, byDistrict: byDistrict, byDay: byDay, interviews: interviews)
        }
    }

    public func erasurePlan(reference: String?, contact: Contact?) async throws -> ErasurePlan {
        try await read { [self] connection in try await erasurePlan(connection, reference: reference, contact: contact) }
    }

    func erasurePlan(_ connection: PostgresConnection, reference: String?, contact: Contact?) async throws -> ErasurePlan {
        var signups: [SignupRecord] = []
        if let reference, let code = ReferenceCode.parse(reference) {
            signups += try await run(connection, "SELECT \(unescaped: Self.signupColumns) FROM signup WHERE reference = \(code) AND erasedAt IS NULL").map(Self.signup)
        }
        if let contact {
            signups += try await run(connection, "SELECT \(unescaped: Self.signupColumns) FROM signup WHERE contact = \(contact.description) AND erasedAt IS NULL").map(Self.signup)
        }
        let notes = try await notes(connection, matching: NoteFilter())
        let requests = try await run(connection, "SELECT \(unescaped: Self.requestColumns) FROM erasureRequest ORDER BY createdAt, id").map(Self.request)
        return AppDatabase.plan(reference: reference, contact: contact, found: signups, notes: notes, requests: requests)
    }

    public func erase(reference: String?, contact: Contact?, actor: AuditActor) async throws -> ErasureResult {
        try await write { [self] connection in
            let now = Date()
            let plan = try await erasurePlan(connection, reference: reference, contact: contact)
            for signup in plan.signups {
                try await connection.query("UPDATE signup SET name = NULL, contact = NULL, organisation = NULL, erasedAt = \(now) WHERE id = \(signup.id)", logger: logger)
                try await Self.audit(connection, action: "signup.erase", subject: signup.reference, actor: actor, at: now, logger: logger)
            }
            for note in plan.notes {
                try await connection.query("""
                    UPDATE interviewNote SET topic = NULL, concerns = NULL, recontactHow = NULL, erasedAt = \(now) WHERE id = \(note.id)
                    """, logger: logger)
                try await Self.audit(connection, action: "note.erase", subject: "note:\(note.id)", actor: actor, at: now, logger: logger)
            }
            let contacts = Set(plan.signups.compactMap(\.contact) + (contact.map { [$0.description] } ?? []))
            for request in plan.requests {
                let keptContact = request.contact.flatMap { contacts.contains($0) ? nil : $0 }
                try await connection.query("""
                    UPDATE erasureRequest SET handledAt = COALESCE(handledAt, \(now)), contact = \(keptContact) WHERE id = \(request.id)
                    """, logger: logger)
            }
            return ErasureResult(signups: plan.signups.map(\.reference), notes: plan.notes.count)
        }
    }

    public func subjectData(contact: Contact) async throws -> SubjectData {
        try await read { [self] connection in
            let text = contact.description
            let signups = try await run(connection, "SELECT \(unescaped: Self.signupColumns) FROM signup WHERE contact = \(text) ORDER BY createdAt, id").map(Self.signup)
            let needles = AppDatabase.contactNeedles(contact)
            let notes = try await notes(connection, matching: NoteFilter()).filter { note in
                note.recontactHow.map { AppDatabase.mentions($0, anyOf: needles) } ?? false
            }
            let requests = try await run(connection, "SELECT \(unescaped: Self.requestColumns) FROM erasureRequest WHERE contact = \(text) ORDER BY createdAt, id").map(Self.request)
            let subjects = Array(Set(signups.map(\.reference) + requests.map(\.reference) + notes.map { "note:\($0.id)" })).sorted()
            let events: [AuditEventRecord] = subjects.isEmpty ? [] : try await run(connection, """
                SELECT id, at, action, subject, actor FROM auditEvent WHERE subject = ANY(\(subjects)) ORDER BY at, id
                """).map { row in
                let (id, at, action, subject, actor) = try row.decode((Int64, Date, String, String?, String).self)
                return AuditEventRecord(id: id, at: at, action: action, subject: subject, actor: actor)
            }
            return SubjectData(contact: text, signups: signups, notes: notes, erasureRequests: requests, auditEvents: events)
        }
    }

    public func purge(before cutoff: Date, actor: AuditActor) async throws -> (signups: Int, notes: Int) {
        try await write { [self] connection in
            let now = Date()
            let signups = try await run(connection, """
                UPDATE signup SET name = NULL, contact = NULL, organisation = NULL, erasedAt = \(now) WHERE createdAt < \(cutoff) AND erasedAt IS NULL RETURNING id
                """).count
            let notes = try await run(connection, """
                UPDATE interviewNote SET topic = NULL, concerns = NULL, recontactHow = NULL, erasedAt = \(now)
                WHERE createdAt < \(cutoff) AND erasedAt IS NULL RETURNING id
                """).count
            try await Self.audit(connection, action: "retention.purge", subject: "signups:\(signups) notes:\(notes)", actor: actor, at: now, logger: logger)
            return (signups, notes)
        }
    }
}

// MARK: - Usage and the review of unanswered questions

extension PostgresStore {
    public func recordUsage(_ counts: [UsageKey: Int], unanswered lines: [UnansweredLine]) async throws -> Int {
        try await write { [self] connection in
            for (key, count) in counts where count > 0 {
                try await connection.query("""
                    INSERT INTO usageCount AS u (day, event, intent, language, count)
                    VALUES (\(key.day.description), \(key.event), \(key.intent), \(key.language), \(count))
                    ON CONFLICT (day, event, intent, language) DO UPDATE SET count = u.count + excluded.count
                    """, logger: logger)
            }
            guard !lines.isEmpty else { return 0 }
            // One daemon at a time groups lines, so two never open a group for the same words.
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.reviewLock))", logger: logger)
            var groups = try await run(connection, "SELECT id, words, status FROM unansweredGroup ORDER BY id").map { row in
                let (id, words, status) = try row.decode((Int64, String, String).self)
                return (id: id, words: AppDatabase.words(words), status: status)
            }
            // Lines are assigned to groups here, and the same kept line counted once with its
            // number: one upsert per distinct line, not one per line (a batch may hold thousands).
            struct Kept: Hashable { var group: Int64; var text: String; var language: String; var reason: String; var day: String }
            var pending: [Kept: Int] = [:]
            var order: [Kept] = []
            var perDay: [CalendarDay: Int] = [:]
            var kept = 0
            for line in lines {
                let day = line.day.description
                if perDay[line.day] == nil {
                    perDay[line.day] = try await self.count(connection, "SELECT COALESCE(SUM(count), 0)::BIGINT FROM unansweredText WHERE day = \(day)")
                }
                guard perDay[line.day, default: 0] < AppDatabase.maxUnansweredLinesPerDay else { continue }
                let group: Int64
                if let best = AppDatabase.nearestGroup(line.words, among: groups) {
                    guard groups[best].status != UnansweredGroupRecord.Status.ignored.rawValue else { continue }
                    group = groups[best].id
                } else {
                    group = try await run(connection, "INSERT INTO unansweredGroup (words) VALUES (\(line.words.joined(separator: " "))) RETURNING id")
                        .first?.decode(Int64.self) ?? 0
                    groups.append((group, line.words, UnansweredGroupRecord.Status.open.rawValue))
                }
                let key = Kept(group: group, text: line.text, language: line.language.rawValue, reason: line.reason.rawValue, day: day)
                if pending[key] == nil { order.append(key) }
                pending[key, default: 0] += 1
                perDay[line.day, default: 0] += 1
                kept += 1
            }
            for key in order {
                let count = pending[key] ?? 0
                try await connection.query("""
                    INSERT INTO unansweredText AS t (groupId, text, language, reason, day, count)
                    VALUES (\(key.group), \(key.text), \(key.language), \(key.reason), \(key.day), \(count))
                    ON CONFLICT (groupId, text, language, reason, day) DO UPDATE SET count = t.count + excluded.count
                    """, logger: logger)
            }
            return kept
        }
    }

    public func purgeUnanswered(before cutoff: CalendarDay) async throws -> Int {
        try await write { [self] connection in
            let lines = try await count(connection, "SELECT COALESCE(SUM(count), 0)::BIGINT FROM unansweredText WHERE day < \(cutoff.description)")
            try await connection.query("DELETE FROM unansweredText WHERE day < \(cutoff.description)", logger: logger)
            try await connection.query("""
                DELETE FROM unansweredGroup g WHERE status <> 'ignored'
                  AND NOT EXISTS (SELECT 1 FROM unansweredText t WHERE t.groupId = g.id)
                """, logger: logger)
            return lines
        }
    }

    public func unansweredGroups(since: CalendarDay?, until: CalendarDay?, includeDecided: Bool) async throws -> [UnansweredGroupRecord] {
        try await read { [self] connection in
            var filter = PostgresFilter()
            filter.add("t.day >= ?", since?.description)
            filter.add("t.day <= ?", until?.description)
            filter.add("g.status = 'open'", when: !includeDecided)
            let rows = try await run(connection, filter.query("""
                SELECT g.id, g.words, g.status, g.intent, t.text, t.language, t.reason, t.day, t.count
                FROM unansweredText t JOIN unansweredGroup g ON g.id = t.groupId
                \(filter.sql) ORDER BY g.id, t.text COLLATE "C"
                """))
            return AppDatabase.groups(try rows.map { row in
                let (id, words, status, intent, text, language, reason, day, count) =
                    try row.decode((Int64, String, String, String?, String, String, String, String, Int).self)
                return AppDatabase.KeptLine(group: id, words: words, status: status, intent: intent, text: text,
                                            language: language, reason: reason, day: day, count: count)
            })
        }
    }

    public func assignUnansweredGroup(id: Int64, intent: IntentID, day: CalendarDay) async throws -> Bool {
        try await write { [self] connection in
            let changed = try await run(connection, """
                UPDATE unansweredGroup SET status = 'assigned', intent = \(intent.rawValue), decidedDay = \(day.description) WHERE id = \(id) RETURNING id
                """)
            return !changed.isEmpty
        }
    }

    public func ignoreUnansweredGroup(id: Int64, day: CalendarDay) async throws -> Bool {
        try await write { [self] connection in
            let changed = try await run(connection, """
                UPDATE unansweredGroup SET status = 'ignored', intent = NULL, decidedDay = \(day.description) WHERE id = \(id) RETURNING id
                """)
            guard !changed.isEmpty else { return false }
            try await connection.query("DELETE FROM unansweredText WHERE groupId = \(id)", logger: logger)
            return true
        }
    }

    public func usageCounts(since: CalendarDay?, until: CalendarDay?) async throws -> [UsageCountRecord] {
        try await read { [self] connection in
            var filter = PostgresFilter()
            filter.add("day >= ?", since?.description)
            filter.add("day <= ?", until?.description)
            return try await run(connection, filter.query("""
                SELECT day, event, intent, language, count FROM usageCount \(filter.sql)
                ORDER BY day COLLATE "C", event COLLATE "C", intent COLLATE "C", language COLLATE "C"
                """)).map { row in
                let (day, event, intent, language, count) = try row.decode((String, String, String, String, Int).self)
                return UsageCountRecord(day: day, event: event, intent: intent, language: language, count: count)
            }
        }
    }

    // MARK: - Health

    public func answerTrivialRead() async throws {
        // Quicker than other operations: `/readyz` answers within its own 10 s.
        _ = try await read(within: .seconds(3)) { [self] connection in try await count(connection, "SELECT 1") }
    }
}
