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
