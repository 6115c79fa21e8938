import CivicCore
import Foundation
import GRDB
import Testing
@testable import CivicStore

/// The review's kept lines and the usage counts on a real SQLite file.
@Suite("Review store on a real SQLite file")
struct ReviewStoreTests {
    let day = CalendarDay(year: 2026, month: 11, day: 21)

    func line(_ text: String, _ words: [String], on day: CalendarDay? = nil, reason: UnansweredLine.Reason = .fallback) -> UnansweredLine {
        UnansweredLine(text: text, words: words, language: .pl, reason: reason, day: day ?? self.day)
    }

    @Test("lines with nearly the same words are one group: count, first and last day, the most frequent wording; most frequent first")
    func grouping() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        let next = day.adding(days: 2)
        let kept = try await database.recordUsage([:], unanswered: [
            line("gdzie mogę wyprowadzić psa?", ["mog", "psa", "wypro"]),
            line("gdzie moge wyprowadzic psa", ["mog", "psa", "wypro"]),
            line("gdzie moge wyprowadzic psa", ["mog", "psa", "wypro"], on: next),
            line("czy jest parking", ["park"]),
            line("czy jest basen dla dzieci w okolicy", ["basen", "dziec", "okoli", "dla", "jest"]),
            line("czy jest basen dla dzieci w najbliższej okolicy", ["basen", "dziec", "okoli", "dla", "jest", "najbl"], reason: .rephrased),
        ])
        #expect(kept == 6)
        let groups = try await database.unansweredGroups()
        #expect(groups.map(\.count) == [3, 2, 1], "most frequent first")
        let dog = groups[0]
        #expect(dog.wording == "gdzie moge wyprowadzic psa", "the most frequent wording")
        #expect(dog.firstDay == day.description && dog.lastDay == next.description)
        #expect(groups[1].reasons == ["fallback": 1, "rephrased": 1], "five of six words: Jaccard 0.83, one group")
        #expect(groups[2].wording == "czy jest parking")
        // A period narrows the counts.
        #expect(try await database.unansweredGroups(since: next).map(\.count) == [1])
        #expect(try await database.unansweredGroups(until: day).map(\.count) == [2, 2, 1])
    }

    @Test("ignore hides a group for good: its lines go, lines like them are no longer kept")
    func ignore() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        try await database.recordUsage([:], unanswered: [line("czy jest parking", ["park"]), line("kto wygrał mecz", ["mecz", "wygra"])])
        let match = try #require(try await database.unansweredGroups().first { $0.wording == "kto wygrał mecz" })
        #expect(try await database.ignoreUnansweredGroup(id: match.id, day: day))
        #expect(try await database.unansweredGroups().map(\.wording) == ["czy jest parking"])
        #expect(try await database.recordUsage([:], unanswered: [line("Kto wygrał MECZ?", ["mecz", "wygra"], on: day.adding(days: 1))]) == 0)
        #expect(try await database.unansweredGroups().map(\.wording) == ["czy jest parking"])
        let all = try await database.unansweredGroups(includeDecided: true)
        #expect(all.map(\.wording) == ["czy jest parking"], "an ignored group keeps no line")
        let texts = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT text FROM unansweredText") }
        #expect(texts == ["czy jest parking"])
        #expect(try await !database.ignoreUnansweredGroup(id: 999, day: day))
    }

    @Test("assign marks the group; it leaves the default list and shows with its intent in the full one")
    func assign() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        try await database.recordUsage([:], unanswered: [line("czy jest parking", ["park"])])
        let group = try #require(try await database.unansweredGroups().first)
        #expect(try await database.assignUnansweredGroup(id: group.id, intent: .contact, day: day))
        #expect(try await database.unansweredGroups().isEmpty)
        let assigned = try #require(try await database.unansweredGroup(id: group.id))
        #expect(assigned.status == .assigned && assigned.intent == "contact")
    }

    @Test("retention: lines from before the cutoff are deleted, with the groups left empty; an ignored group stays hidden")
    func purge() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let database = temporary.database
        let old = day.adding(days: -31)
        try await database.recordUsage([:], unanswered: [
            line("czy jest parking", ["park"], on: old), line("czy jest parking", ["park"]),
            line("gdzie jest basen", ["basen"], on: old), line("kto wygrał mecz", ["mecz", "wygra"], on: old),
        ])
        let match = try #require(try await database.unansweredGroups().first { $0.wording == "kto wygrał mecz" })
        _ = try await database.ignoreUnansweredGroup(id: match.id, day: day)
        #expect(try await database.purgeUnanswered(before: day.adding(days: -30)) == 2)
        let groups = try await database.unansweredGroups(includeDecided: true)
        #expect(groups.map(\.wording) == ["czy jest parking"])
        #expect(groups.first?.count == 1 && groups.first?.firstDay == day.description)
        let left = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT words FROM unansweredGroup ORDER BY id") }
        #expect(left == ["park", "mecz wygra"], "the basin's group went with its line; the ignored one keeps only its words")
        #expect(try await database.recordUsage([:], unanswered: [line("kto wygrał mecz", ["mecz", "wygra"])]) == 0, "still hidden")
    }

    @Test("usage counts add up per day, event, intent and language, and survive reopening the file")
    func countsSurvive() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        var counts: [UsageKey: Int] = [:]
        counts[UsageKey(.reply(.cost, .pl), day: day)] = 2
        counts[UsageKey(.reply(.cost, .en), day: day)] = 1
        counts[UsageKey(.signupStarted, day: day)] = 3
        try await temporary.database.recordUsage(counts)
        try await temporary.database.recordUsage([UsageKey(.reply(.cost, .pl), day: day): 1, UsageKey(.fallback(.pl), day: day.adding(days: 1)): 4])

        let reopened = try AppDatabase.openExisting(path: temporary.path)
        let records = try await reopened.usageCounts()
        #expect(records == [
            UsageCountRecord(day: "2026-11-21", event: "reply", intent: "cost", language: "en", count: 1),
            UsageCountRecord(day: "2026-11-21", event: "reply", intent: "cost", language: "pl", count: 3),
            UsageCountRecord(day: "2026-11-21", event: "signup_started", intent: "", language: "", count: 3),
            UsageCountRecord(day: "2026-11-22", event: "fallback", intent: "fallback", language: "pl", count: 4),
        ])
        #expect(try await reopened.usageCounts(since: day.adding(days: 1)).map(\.count) == [4])
        #expect(try await reopened.usageCounts(until: day).count == 3)
    }

    @Test("the tables hold no time finer than the day and no link to a session: their columns say so")
    func columns() async throws {
        let temporary = try TemporaryDatabase()
        defer { temporary.remove() }
        let columns = try await temporary.database.writer.read { db in
            try ["unansweredText", "unansweredGroup", "usageCount"].map { table in try db.columns(in: table).map(\.name).sorted() }
        }
        #expect(columns[0] == ["count", "day", "groupId", "language", "reason", "text"])
        #expect(columns[1] == ["decidedDay", "id", "intent", "status", "words"])
        #expect(columns[2] == ["count", "day", "event", "intent", "language"])
    }
}
