import CivicCore
import Foundation
import GRDB

/// One count key of ``AppDatabase/recordUsage(_:unanswered:)``: an event on a day, with the
/// intent and language where they apply. Numbers only.
public struct UsageKey: Sendable, Hashable {
    public var day: CalendarDay
    public var event: String
    public var intent: String
    public var language: String

    public init(_ event: UsageEvent, day: CalendarDay) {
        self.day = day
        self.event = event.name
        self.intent = event.intent?.rawValue ?? ""
        self.language = event.language?.rawValue ?? ""
    }

    public init(day: CalendarDay, event: String, intent: String = "", language: String = "") {
        self.day = day
        self.event = event
        self.intent = intent
        self.language = language
    }
}

/// A day's count of one usage event, as `civicd admin stats` reads it.
public struct UsageCountRecord: Sendable, Equatable {
    public var day: String
    public var event: String
    /// Empty where it does not apply.
    public var intent: String
    public var language: String
    public var count: Int
}

/// A group of kept lines that fold to nearly the same words, as staff review it.
public struct UnansweredGroupRecord: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case open
        /// Hidden for good (`admin unanswered ignore`): its lines are no longer kept.
        case ignored
        /// Its wording became an example (`admin unanswered assign`).
        case assigned
    }

    public var id: Int64
    /// The group key (``ReviewPolicy/groupKey(_:)``).
    public var words: [String]
    public var status: Status
    /// The intent it was assigned to.
    public var intent: String?
    /// The lines in the period asked.
    public var count: Int
    public var firstDay: String
    public var lastDay: String
    /// The group's most frequent wording (ties: the first in alphabetical order), and the
    /// language of the reply it got.
    public var wording: String
    public var language: String
    /// How many were fallbacks, low-confidence answers, rephrased.
    public var reasons: [String: Int]
}

extension AppDatabase {
    /// Lines kept per day at most: a flood of nonsense cannot fill the disk.
    public static let maxUnansweredLinesPerDay = 5_000

    /// v5: usage counts per day, and the kept lines of the review with their groups. A kept
    /// line is stored as its text, the reply's language, the reason and the day, counted: the
    /// same text on the same day is one row with a count, in a table without row ids, so
    /// nothing records in which order, or at what time, lines came.
    static func migrateV5(_ db: Database) throws {
        try db.create(table: "usageCount", options: [.withoutRowID]) { t in
            t.column("day", .text).notNull()
            t.column("event", .text).notNull()
            t.column("intent", .text).notNull().defaults(to: "")
            t.column("language", .text).notNull().defaults(to: "")
            t.column("count", .integer).notNull()
            t.primaryKey(["day", "event", "intent", "language"])
        }
        try db.create(table: "unansweredGroup") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("words", .text).notNull()
            t.column("status", .text).notNull().defaults(to: "open")
            t.column("intent", .text)
            t.column("decidedDay", .text)
        }
        try db.create(table: "unansweredText", options: [.withoutRowID]) { t in
            t.column("groupId", .integer).notNull().references("unansweredGroup", onDelete: .cascade)
            t.column("text", .text).notNull()
            t.column("language", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("day", .text).notNull()
            t.column("count", .integer).notNull()
            t.primaryKey(["groupId", "text", "language", "reason", "day"])
        }
        try db.create(index: "unansweredText_day", on: "unansweredText", columns: ["day"])
    }

    // MARK: - Writing (the daemon)

    /// Adds `counts` to the day's usage counts and keeps `lines`, each in the group whose words
    /// are nearly its own (``ReviewPolicy/sameQuestion(_:_:)``) or a new one; lines of an
    /// ignored group are dropped, and so are lines past ``maxUnansweredLinesPerDay``. One
    /// transaction. Returns how many lines were kept.
    @discardableResult
    public func recordUsage(_ counts: [UsageKey: Int], unanswered lines: [UnansweredLine]) async throws -> Int {
        try await writer.write { db in
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO usageCount (day, event, intent, language, count) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (day, event, intent, language) DO UPDATE SET count = count + excluded.count
                """)
            for (key, count) in counts where count > 0 {
                try upsert.execute(arguments: [key.day.description, key.event, key.intent, key.language, count])
            }
            guard !lines.isEmpty else { return 0 }
            var groups = try Row.fetchAll(db, sql: "SELECT id, words, status FROM unansweredGroup ORDER BY id").map {
                (id: $0["id"] as Int64, words: Self.words($0["words"]), status: $0["status"] as String)
            }
            var perDay: [CalendarDay: Int] = [:]
            var kept = 0
            for line in lines {
                let day = line.day.description
                if perDay[line.day] == nil {
                    perDay[line.day] = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM unansweredText WHERE day = ?", arguments: [day]) ?? 0
                }
                guard perDay[line.day, default: 0] < Self.maxUnansweredLinesPerDay else { continue }
                let group: Int64
                if let best = Self.nearestGroup(line.words, among: groups) {
                    guard groups[best].status != UnansweredGroupRecord.Status.ignored.rawValue else { continue }
                    group = groups[best].id
                } else {
                    try db.execute(sql: "INSERT INTO unansweredGroup (words) VALUES (?)", arguments: [line.words.joined(separator: " ")])
                    group = db.lastInsertedRowID
                    groups.append((group, line.words, UnansweredGroupRecord.Status.open.rawValue))
                }
                try db.execute(sql: """
                    INSERT INTO unansweredText (groupId, text, language, reason, day, count) VALUES (?, ?, ?, ?, ?, 1)
                    ON CONFLICT (groupId, text, language, reason, day) DO UPDATE SET count = count + 1
                    """, arguments: [group, line.text, line.language.rawValue, line.reason.rawValue, day])
                perDay[line.day, default: 0] += 1
                kept += 1
            }
            return kept
        }
    }

    static func words(_ stored: String) -> [String] {
        stored.split(separator: " ").map(String.init)
    }

    /// The group whose words are most like `words`, if any is nearly the same (ties: the oldest).
    static func nearestGroup(_ words: [String], among groups: [(id: Int64, words: [String], status: String)]) -> Int? {
        var best: (index: Int, similarity: Double)?
        for (index, group) in groups.enumerated() {
            let similarity = ReviewPolicy.similarity(words, group.words)
            guard similarity >= ReviewPolicy.sameQuestion else { continue }
            if best == nil || similarity > best!.similarity { best = (index, similarity) }
        }
        return best?.index
    }

    /// Deletes kept lines from days before `cutoff`, and the groups left without lines (an
    /// ignored group keeps its words, so that it stays hidden). The freed pages are zeroed
    /// (`secure_delete`). Returns how many lines went.
    @discardableResult
    public func purgeUnanswered(before cutoff: CalendarDay) async throws -> Int {
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            var lines = 0
            try db.inTransaction {
                lines = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM unansweredText WHERE day < ?", arguments: [cutoff.description]) ?? 0
                try db.execute(sql: "DELETE FROM unansweredText WHERE day < ?", arguments: [cutoff.description])
                try db.execute(sql: """
                    DELETE FROM unansweredGroup WHERE status != 'ignored'
                      AND NOT EXISTS (SELECT 1 FROM unansweredText t WHERE t.groupId = unansweredGroup.id)
                    """)
                return .commit
            }
            return lines
        }
    }

    // MARK: - Reading and deciding (the admin command)

    /// The groups with lines from `since` to `until` (inclusive), most lines first (then the
    /// latest, then the oldest group). Open groups only, unless `includeDecided`.
    public func unansweredGroups(since: CalendarDay?, until: CalendarDay?, includeDecided: Bool) async throws -> [UnansweredGroupRecord] {
        try await writer.read { db in
            var filter = SQLFilter()
            filter.add("t.day >= ?", since?.description)
            filter.add("t.day <= ?", until?.description)
            filter.add("g.status = 'open'", when: !includeDecided)
            let rows = try Row.fetchAll(db, sql: """
                SELECT g.id, g.words, g.status, g.intent, t.text, t.language, t.reason, t.day, t.count
                FROM unansweredText t JOIN unansweredGroup g ON g.id = t.groupId
                \(filter.sql) ORDER BY g.id, t.text
                """, arguments: filter.statementArguments)
            return Self.groups(rows.map {
                KeptLine(group: $0["id"], words: $0["words"], status: $0["status"], intent: $0["intent"], text: $0["text"],
                         language: $0["language"], reason: $0["reason"], day: $0["day"], count: $0["count"])
            })
        }
    }

    /// One kept line with its group, as every engine reads them.
    struct KeptLine {
        var group: Int64
        var words: String
        var status: String
        var intent: String?
        var text: String
        var language: String
        var reason: String
        var day: String
        var count: Int
    }

    /// The groups of `lines`, most lines first (then the latest, then the oldest group), each
    /// with its most frequent wording: the same for every engine.
    static func groups(_ lines: [KeptLine]) -> [UnansweredGroupRecord] {
        var groups: [Int64: UnansweredGroupRecord] = [:]
        var wordings: [Int64: [String: (count: Int, language: String)]] = [:]
        for line in lines {
            let id = line.group
            var group = groups[id] ?? UnansweredGroupRecord(
                id: id, words: Self.words(line.words), status: UnansweredGroupRecord.Status(rawValue: line.status) ?? .open,
                intent: line.intent, count: 0, firstDay: line.day, lastDay: line.day, wording: line.text, language: line.language, reasons: [:]
            )
            group.count += line.count
            group.firstDay = min(group.firstDay, line.day)
            group.lastDay = max(group.lastDay, line.day)
            group.reasons[line.reason, default: 0] += line.count
            groups[id] = group
            wordings[id, default: [:]][line.text, default: (0, line.language)].count += line.count
        }
        for (id, texts) in wordings {
            // Most frequent, then alphabetical: the same listing twice gives the same wording.
            let best = texts.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }[0]
            groups[id]?.wording = best.key
            groups[id]?.language = best.value.language
        }
        return groups.values.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.lastDay != $1.lastDay { return $0.lastDay > $1.lastDay }
            return $0.id < $1.id
        }
    }

    /// Marks a group assigned to `intent` on `day` (its wording is now an example). False when
    /// there is no such group.
    public func assignUnansweredGroup(id: Int64, intent: IntentID, day: CalendarDay) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE unansweredGroup SET status = 'assigned', intent = ?, decidedDay = ? WHERE id = ?",
                           arguments: [intent.rawValue, day.description, id])
            return db.changesCount > 0
        }
    }

    /// Hides a group for good: its kept lines are deleted now and lines that fold to nearly
    /// its words are no longer kept; only its folded words stay. False when there is no such group.
    public func ignoreUnansweredGroup(id: Int64, day: CalendarDay) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE unansweredGroup SET status = 'ignored', intent = NULL, decidedDay = ? WHERE id = ?",
                           arguments: [day.description, id])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "DELETE FROM unansweredText WHERE groupId = ?", arguments: [id])
            return true
        }
    }

    /// The usage counts of the days from `since` to `until` (inclusive), oldest day first.
    public func usageCounts(since: CalendarDay?, until: CalendarDay?) async throws -> [UsageCountRecord] {
        try await writer.read { db in
            var filter = SQLFilter()
            filter.add("day >= ?", since?.description)
            filter.add("day <= ?", until?.description)
            return try Row.fetchAll(db, sql: """
                SELECT day, event, intent, language, count FROM usageCount \(filter.sql) ORDER BY day, event, intent, language
                """, arguments: filter.statementArguments).map {
                UsageCountRecord(day: $0["day"], event: $0["event"], intent: $0["intent"], language: $0["language"], count: $0["count"])
            }
        }
    }
}
