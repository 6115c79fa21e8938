import CivicCore
import CivicStore
import Foundation

extension UsageSummary.IntentReplies {
    /// Adds a record's count to its language (Polish when it has none).
    mutating func count(_ record: UsageCountRecord) {
        switch Language(rawValue: record.language) {
        case .en: en += record.count
        case .uk: uk += record.count
        case .pl, nil: pl += record.count
        }
    }
}

/// The usage counts of a period, summed the way `civicd admin stats` shows them.
public struct UsageSummary: Sendable, Equatable {
    public struct IntentReplies: Sendable, Equatable {
        public var intent: String
        public var pl: Int
        public var en: Int
        public var uk = 0
        public var total: Int { pl + en + uk }

        /// "pl 5, en 2" — and "uk 1" when there are Ukrainian replies.
        var byLanguage: String { "pl \(pl), en \(en)" + (uk > 0 ? ", uk \(uk)" : "") }
    }

    /// Replies per intent (fallback apart), most first.
    public var replies: [IntentReplies] = []
    public var fallbacks = IntentReplies(intent: "fallback", pl: 0, en: 0)
    public var clarifyingQuestions = 0
    /// The sign-up funnel, in ``UsageEvent/signupFunnel`` order.
    public var funnel: [(event: String, count: Int)] = []
    public var interviewNotes = 0
    public var erasureRequests = 0
    /// Questions (replies and fallbacks) per day, oldest first.
    public var questionsByDay: [(day: String, count: Int)] = []

    public var questions: Int { replies.reduce(0) { $0 + $1.total } + fallbacks.total }

    public init(_ records: [UsageCountRecord]) {
        var replies: [String: IntentReplies] = [:]
        var funnel: [String: Int] = [:]
        var byDay: [String: Int] = [:]
        for record in records {
            switch record.event {
            case "reply":
                var entry = replies[record.intent] ?? IntentReplies(intent: record.intent, pl: 0, en: 0)
                entry.count(record)
                replies[record.intent] = entry
                byDay[record.day, default: 0] += record.count
            case "fallback":
                fallbacks.count(record)
                byDay[record.day, default: 0] += record.count
            case "clarifying_question": clarifyingQuestions += record.count
            case "interview_note": interviewNotes += record.count
            case "erasure_request": erasureRequests += record.count
            case let event where UsageEvent.signupFunnel.contains(event): funnel[event, default: 0] += record.count
            default: break
            }
        }
        self.replies = replies.values.sorted { $0.total != $1.total ? $0.total > $1.total : $0.intent < $1.intent }
        self.funnel = UsageEvent.signupFunnel.map { ($0, funnel[$0] ?? 0) }
        self.questionsByDay = byDay.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public static func == (lhs: UsageSummary, rhs: UsageSummary) -> Bool {
        // (fallbacks compared as a whole, every language included)
        lhs.replies == rhs.replies && lhs.fallbacks == rhs.fallbacks && lhs.clarifyingQuestions == rhs.clarifyingQuestions
            && lhs.funnel.map { "\($0.event)=\($0.count)" } == rhs.funnel.map { "\($0.event)=\($0.count)" }
            && lhs.interviewNotes == rhs.interviewNotes && lhs.erasureRequests == rhs.erasureRequests
            && lhs.questionsByDay.map { "\($0.day)=\($0.count)" } == rhs.questionsByDay.map { "\($0.day)=\($0.count)" }
    }
}

/// The usage part of `civicd admin stats`: charts as text, or everything as one JSON object.
public enum UsageReport {
    /// The funnel's events as staff read them.
    static let funnelLabels: [String: String] = [
        "signup_started": "started", "signup_confirmed": "confirmed", "signup_already_signed_up": "already signed up",
        "signup_cancelled": "cancelled", "signup_abandoned": "abandoned",
    ]

    public static func text(_ usage: UsageSummary, ascii: Bool = false) -> String {
        var sections: [String] = []
        let fallbacks = usage.fallbacks.total
        sections.append("Questions: \(usage.questions) (not answered: \(fallbacks); answered with a question back: \(usage.clarifyingQuestions))")
        var byIntent = usage.replies.map { ("\($0.intent) (\($0.byLanguage))", $0.total) }
        byIntent.append(("fallback (\(usage.fallbacks.byLanguage))", fallbacks))
        sections.append("Replies by intent\n" + BarChart.render(byIntent, ascii: ascii))
        let pl = usage.replies.reduce(usage.fallbacks.pl) { $0 + $1.pl }
        let en = usage.replies.reduce(usage.fallbacks.en) { $0 + $1.en }
        let uk = usage.replies.reduce(usage.fallbacks.uk) { $0 + $1.uk }
        sections.append("Replies by language\n" + BarChart.render([("pl", pl), ("en", en), ("uk", uk)], ascii: ascii))
        sections.append("Sign-up funnel\n" + BarChart.render(usage.funnel.map { (funnelLabels[$0.event] ?? $0.event, $0.count) }, ascii: ascii))
        sections.append("Interview notes: \(usage.interviewNotes)   Erasure requests: \(usage.erasureRequests)")
        sections.append("Questions by day\n" + BarChart.render(usage.questionsByDay.suffix(31).map { ($0.day, $0.count) }, ascii: ascii))
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// `civicd admin stats --format json`: one object with the period, the sign-up statistics
    /// and the usage counts (summed, and per day as stored).
    public static func json(_ statistics: Statistics, usage records: [UsageCountRecord], since: CalendarDay?, until: CalendarDay?,
                            timeZone: TimeZone, interviewTarget: Int) -> String {
        let usage = UsageSummary(records)
        func string(_ text: String?) -> String { text.map(ReplyRenderer.jsonString) ?? "null" }
        func object(_ pairs: [(String, String)]) -> String {
            "{" + pairs.map { ReplyRenderer.jsonString($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
        }
        func counts(_ items: [(key: String, count: Int)]) -> String {
            "[" + items.map { object([("key", string($0.key)), ("count", String($0.count))]) }.joined(separator: ", ") + "]"
        }
        let replies = "[" + usage.replies.map {
            object([("intent", string($0.intent)), ("pl", String($0.pl)), ("en", String($0.en)), ("uk", String($0.uk)), ("total", String($0.total))])
        }.joined(separator: ", ") + "]"
        let daily = records.map {
            "      " + object([("day", string($0.day)), ("event", string($0.event)), ("intent", $0.intent.isEmpty ? "null" : string($0.intent)),
                               ("language", $0.language.isEmpty ? "null" : string($0.language)), ("count", String($0.count))])
        }
        return """
            {
              "time_zone": \(string(timeZone.identifier)),
              "since": \(string(since?.description)),
              "until": \(string(until?.description)),
              "signups": {
                "total": \(statistics.byProgramme.reduce(0) { $0 + $1.count }),
                "by_programme": \(counts(statistics.byProgramme)),
                "by_district": \(counts(statistics.byDistrict)),
                "by_day": \(counts(statistics.byDay))
              },
              "interviews": {"target": \(interviewTarget), "by_organiser": \(counts(statistics.interviews.map { ($0.organiser, $0.count) }))},
              "usage": {
                "questions": \(usage.questions),
                "replies": \(replies),
                "fallbacks": \(object([("pl", String(usage.fallbacks.pl)), ("en", String(usage.fallbacks.en)), ("uk", String(usage.fallbacks.uk))])),
                "clarifying_questions": \(usage.clarifyingQuestions),
                "signup_funnel": \(object(usage.funnel.map { (String($0.event.dropFirst("signup_".count)), String($0.count)) })),
                "interview_notes": \(usage.interviewNotes),
                "erasure_requests": \(usage.erasureRequests),
                "per_day": [
            \(daily.joined(separator: ",\n"))
                ]
              }
            }

            """
    }
}

/// A group of unanswered lines as `civicd admin unanswered list` shows it: the group, and the
/// intent the catalogue in force comes nearest to for its wording.
public struct UnansweredListing: Sendable, Equatable {
    public var group: UnansweredGroupRecord
    public var nearestIntent: String?
    public var confidence: Double?

    public init(group: UnansweredGroupRecord, nearestIntent: String?, confidence: Double?) {
        self.group = group
        self.nearestIntent = nearestIntent
        self.confidence = confidence
    }

    /// The nearest intent other than the fallback, and its score, for `wording`.
    public static func nearest(_ wording: String, catalogue: Catalogue) -> (intent: String, confidence: Double)? {
        let match = catalogue.matcher.match(wording)
        if match.intent != .fallback { return (match.intent.rawValue, match.confidence) }
        return match.candidates.first { $0.intent != .fallback }.map { ($0.intent.rawValue, max($0.score, 0)) }
    }
}

extension AdminRows {
    public var unanswered: RecordTable<UnansweredListing> {
        RecordTable(
            fields: [
                ("id", { .number($0.group.id) }),
                ("count", { .number(Int64($0.group.count)) }),
                ("first_day", { .text($0.group.firstDay) }),
                ("last_day", { .text($0.group.lastDay) }),
                ("wording", { .text($0.group.wording) }),
                ("language", { .text($0.group.language) }),
                ("nearest_intent", { AdminRows.text($0.nearestIntent) }),
                ("confidence", { $0.confidence.map(OutputRow.Value.fraction) ?? .null }),
                ("status", { .text($0.group.status.rawValue) }),
                ("assigned_intent", { AdminRows.text($0.group.intent) }),
                ("fallback", { .number(Int64($0.group.reasons["fallback"] ?? 0)) }),
                ("low_confidence", { .number(Int64($0.group.reasons["low_confidence"] ?? 0)) }),
                ("rephrased", { .number(Int64($0.group.reasons["rephrased"] ?? 0)) }),
                ("words", { .text($0.group.words.joined(separator: " ")) }),
            ],
            columns: [
                ("id", "ID", 3, false),
                ("count", "COUNT", 5, false),
                ("first_day", "FIRST", 10, false),
                ("last_day", "LAST", 10, false),
                ("nearest_intent", "NEAREST", 8, true),
                ("confidence", "CONF", 4, false),
                ("wording", "WORDING", 12, true),
            ]
        )
    }

    /// Usage counts as rows (`civicd admin stats --format csv`).
    public var usageCounts: RecordTable<UsageCountRecord> {
        RecordTable(
            fields: [
                ("day", { .text($0.day) }),
                ("event", { .text($0.event) }),
                ("intent", { $0.intent.isEmpty ? .null : .text($0.intent) }),
                ("language", { $0.language.isEmpty ? .null : .text($0.language) }),
                ("count", { .number(Int64($0.count)) }),
            ],
            columns: [("day", "DAY", 10, false), ("event", "EVENT", 12, true), ("intent", "INTENT", 8, true), ("language", "LANG", 4, false), ("count", "COUNT", 5, false)]
        )
    }
}
