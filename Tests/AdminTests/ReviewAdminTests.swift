import ArgumentParser
import CivicAdmin
import CivicCore
import CivicSetup
@testable import CivicStore
import Foundation
import Testing
@testable import civicd

@Suite("admin: the review of unanswered questions and usage statistics")
struct ReviewAdminTests {
    func parse(_ arguments: [String]) throws -> ParsableCommand {
        try Civicd.parseAsRoot(arguments)
    }

    @Test("unanswered list|assign|ignore and stats parse as staff type them; a bad intent id is refused")
    func parsing() throws {
        let list = try #require(try parse(["admin", "unanswered", "list", "--since", "2026-11-16", "--until", "2026-11-22", "--all", "--format", "json"]) as? Admin.Unanswered.List)
        #expect(list.since?.day.description == "2026-11-16" && list.until?.day.description == "2026-11-22" && list.all && list.output.format == .json)
        let assign = try #require(try parse(["admin", "unanswered", "assign", "7", "contact", "--intents", "/srv/intents"]) as? Admin.Unanswered.Assign)
        #expect(assign.id == 7 && assign.intent == "contact" && assign.intents.intents == "/srv/intents")
        #expect(throws: (any Error).self) { try parse(["admin", "unanswered", "assign", "7", "con tact"]) }
        let ignore = try #require(try parse(["admin", "unanswered", "ignore", "7", "--yes"]) as? Admin.Unanswered.Ignore)
        #expect(ignore.id == 7 && ignore.yes)
        let stats = try #require(try parse(["admin", "stats", "--format", "json", "--ascii", "--since", "2026-11-01"]) as? Admin.Stats)
        #expect(stats.format == .json && stats.ascii)
        let eval = try #require(try parse(["intents", "eval", "heldout.jsonl", "--learned"]) as? Intents.Eval)
        #expect(eval.learned)
    }

    @Test("the listing: 80 columns, a resident's escape sequence shown escaped, JSON with every field")
    func listing() throws {
        let group = UnansweredGroupRecord(id: 3, words: ["park", "urzed"], status: .open, intent: nil, count: 4, firstDay: "2026-11-16",
                                          lastDay: "2026-11-20", wording: "\u{1B}[2J czy jest parking przy urzędzie i czy jest bezpłatny dla mieszkańców",
                                          language: "pl", reasons: ["fallback": 3, "rephrased": 1])
        let rows = AdminRows(timeZone: TimeZone(identifier: "Europe/Warsaw")!)
        let listing = UnansweredListing(group: group, nearestIntent: "contact", confidence: 0.248)
        let table = rows.unanswered.render([listing], format: .table)
        for line in table.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(table.contains("contact") && table.contains("0.248") && table.contains("\\x1b[2J") && !table.contains("\u{1B}"))
        let json = rows.unanswered.render([listing], format: .json)
        let object = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first)
        #expect(object["count"] as? Int == 4 && object["fallback"] as? Int == 3 && object["rephrased"] as? Int == 1)
        #expect(object["confidence"] as? Double == 0.248 && object["words"] as? String == "park urzed")
    }

    @Test("the usage summary: replies per intent and language, fallbacks, the funnel in order; ASCII bars")
    func usage() throws {
        let records = [
            UsageCountRecord(day: "2026-11-20", event: "reply", intent: "cost", language: "pl", count: 5),
            UsageCountRecord(day: "2026-11-20", event: "reply", intent: "cost", language: "en", count: 2),
            UsageCountRecord(day: "2026-11-21", event: "fallback", intent: "fallback", language: "pl", count: 3),
            UsageCountRecord(day: "2026-11-21", event: "signup_started", intent: "", language: "", count: 4),
            UsageCountRecord(day: "2026-11-21", event: "signup_confirmed", intent: "", language: "", count: 1),
            UsageCountRecord(day: "2026-11-21", event: "signup_abandoned", intent: "", language: "", count: 2),
        ]
        let summary = UsageSummary(records)
        #expect(summary.questions == 10)
        #expect(summary.funnel.map(\.count) == [4, 1, 0, 0, 2])
        let text = UsageReport.text(summary)
        #expect(text.contains("cost (pl 5, en 2)") && text.contains("Sign-up funnel") && text.contains("abandoned") && text.contains("█"))
        let ascii = UsageReport.text(summary, ascii: true)
        #expect(ascii.contains("#") && !ascii.contains("█"))
        let statistics = Statistics(byProgramme: [], byDistrict: [], byDay: [], interviews: [])
        let json = UsageReport.json(statistics, usage: records, since: nil, until: nil, timeZone: TimeZone(identifier: "Europe/Warsaw")!, interviewTarget: 20)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let usage = try #require(object["usage"] as? [String: Any])
        #expect((usage["signup_funnel"] as? [String: Any])?["started"] as? Int == 4)
        #expect((usage["per_day"] as? [[String: Any]])?.count == records.count)
    }

    @Test("Ukrainian replies and fallbacks are counted apart, in the text and the JSON")
    func ukrainianUsage() throws {
        let records = [
            UsageCountRecord(day: "2026-11-20", event: "reply", intent: "cost", language: "pl", count: 5),
            UsageCountRecord(day: "2026-11-20", event: "reply", intent: "cost", language: "uk", count: 2),
            UsageCountRecord(day: "2026-11-21", event: "fallback", intent: "fallback", language: "uk", count: 1),
        ]
        let summary = UsageSummary(records)
        #expect(summary.questions == 8)
        let text = UsageReport.text(summary, ascii: true)
        #expect(text.contains("cost (pl 5, en 0, uk 2)"), "\(text)")
        let byLanguage = try #require(text.components(separatedBy: "Replies by language\n").last)
        #expect(byLanguage.contains { $0 == "#" } && byLanguage.split(separator: "\n").contains { $0.hasPrefix("uk") && $0.hasSuffix(" 3") }, "\(text)")
        let statistics = Statistics(byProgramme: [], byDistrict: [], byDay: [], interviews: [])
        let json = UsageReport.json(statistics, usage: records, since: nil, until: nil, timeZone: TimeZone(identifier: "Europe/Warsaw")!, interviewTarget: 20)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let usage = try #require(object["usage"] as? [String: Any])
        #expect((usage["fallbacks"] as? [String: Any])?["uk"] as? Int == 1)
        #expect(((usage["replies"] as? [[String: Any]])?.first)?["uk"] as? Int == 2)
    }

    @Test("learned.yml: a wording with quotes, a colon and a backslash stays one example; the file is rewritten whole")
    func learnedFile() throws {
        let tricky = "a \"to\": co? \\ #nie komentarz"
        let first = try LearnedExamples.adding(tricky, intent: .contact, language: .pl, to: nil)
        let second = try LearnedExamples.adding("is there parking", intent: .contact, language: .en, to: first)
        let third = try LearnedExamples.adding("ile za parking", intent: .cost, language: .pl, to: second)
        let read = try LearnedExamples.read(third, file: "learned.yml")
        #expect(read.map(\.intent) == [.contact, .cost])
        #expect(read[0].texts[.pl] == [tricky] && read[0].texts[.en] == ["is there parking"])
        #expect(read[1].texts[.pl] == ["ile za parking"] && read[1].texts[.en] == [])
        #expect(throws: ConfigurationError.self) { try LearnedExamples.adding("x", intent: .cost, language: .pl, to: "intents:\n  - id: x\n") }
    }
}
