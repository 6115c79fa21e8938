import CivicClient
import Foundation
import Testing

/// Issue 17 on the built daemon over real TLS, with `review.keep_unanswered: true`: the weekly
/// review of unanswered questions and the usage figures, as a staffer runs them.
@Suite("The review of unanswered questions on the live daemon", .serialized, .timeLimit(.minutes(4)))
struct ReviewLiveTests {
    func say(_ client: TLSLineClient, _ line: String) async throws -> [String: Any] {
        try await client.sendLine(line)
        return try JSONSerialization.jsonObject(with: Data(try await client.readLine().utf8)) as? [String: Any] ?? [:]
    }

    func admin(_ daemon: Daemon, config: URL, _ arguments: String) async throws -> (status: Int32, output: String) {
        try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' admin \(arguments) --config '\(config.path)' --data-dir '\(daemon.dataDirectory.path)' 2>/dev/null")
    }

    /// Runs `arguments` until `condition` holds on its output: the daemon writes counts every
    /// few seconds, off its event loops. Fails with the last output after a minute.
    func adminUntil(_ daemon: Daemon, config: URL, _ arguments: String, _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await admin(daemon, config: config, arguments).output
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(300))
        }
        Issue.record("civicd admin \(arguments) never showed what was expected:\n\(last)")
        throw DaemonError("admin output timeout")
    }

    func groups(_ json: String) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]) ?? []
    }

    @Test("asked twice → listed once with count 2; a phone number never listed; assign + SIGHUP → answered; stats show usage and the funnel")
    func weeklyReview() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let intents = directory.appendingPathComponent("intents")
        try FileManager.default.copyItem(at: Daemon.repositoryRoot.appendingPathComponent("intents"), to: intents)
        try? FileManager.default.removeItem(at: intents.appendingPathComponent("learned.yml"))
        let config = directory.appendingPathComponent("civicd.yml")
        try "intents_dir: \(intents.path)\nreview:\n  keep_unanswered: true\n  keep_days: 30\n".write(to: config, atomically: true, encoding: .utf8)

        let daemon = try await Daemon(arguments: ["--config", config.path])
        let resident = try await daemon.jsonClient()
        let question = "Gdzie mogę wyprowadzić psa?"
        #expect(try await say(resident, question)["intent"] as? String == "fallback")
        #expect(try await say(resident, "gdzie moge wyprowadzic psa")["intent"] as? String == "fallback")
        #expect(try await say(resident, "czy przy urzędzie jest weterynarz? mój numer 600 100 200")["intent"] as? String == "fallback")
        #expect(try await say(resident, "ile kosztuje udział")["intent"] as? String == "cost")
        let privacy = try await say(resident, "co robicie z moimi danymi?")
        #expect((privacy["text"] as? String)?.contains("na 30 dni") == true, "the privacy notice says lines are kept")
        #expect(try await say(resident, "zapisz mnie")["expecting"] as? String == "programme")
        #expect(try await say(resident, "/cancel")["expecting"] is NSNull)
        await resident.close()

        // The weekly review: one group, counted twice; nothing with the phone number.
        let listed = try await adminUntil(daemon, config: config, "unanswered list --format json") { output in
            groups(output).contains { ($0["count"] as? Int) == 2 }
        }
        let rows = groups(listed)
        let dog = try #require(rows.first { ($0["wording"] as? String)?.lowercased().contains("psa") == true })
        #expect(dog["count"] as? Int == 2, "\(listed)")
        #expect(rows.filter { ($0["wording"] as? String)?.lowercased().contains("psa") == true }.count == 1, "listed once")
        #expect(!listed.contains("600") && !listed.contains("weterynarz"), "a line with a phone number is never kept: \(listed)")
        #expect(dog["nearest_intent"] is String && dog["confidence"] is Double)
        let id = try #require(dog["id"] as? Int)
        let table = try await admin(daemon, config: config, "unanswered list")
        #expect(table.status == 0)
        #expect(table.output.contains("ID") && table.output.contains("COUNT") && table.output.contains("psa"), "\(table.output)")
        for line in table.output.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }

        // A duplicate or an unknown intent is refused with the reason; the group is assigned.
        let unknown = try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' admin unanswered assign \(id) parking --config '\(config.path)' --data-dir '\(daemon.dataDirectory.path)'")
        #expect(unknown.status != 0 && unknown.output.contains("unknown intent parking"), "\(unknown.output)")
        let assigned = try await admin(daemon, config: config, "unanswered assign \(id) contact")
        #expect(assigned.status == 0, "\(assigned.output)")
        #expect(FileManager.default.fileExists(atPath: intents.appendingPathComponent("learned.yml").path))
        #expect(try await admin(daemon, config: config, "unanswered list --format json").output.contains("\"id\": \(id),") == false)

        // SIGHUP: the daemon answers the question with the assigned intent.
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while !daemon.logText.contains("reloaded intents") {
            guard ContinuousClock.now < deadline else { throw DaemonError("no reload within 60 s:\n\(daemon.logText)") }
            kill(daemon.process.processIdentifier, SIGHUP)
            try? await waitFor(timeout: .seconds(5)) { daemon.logText.contains("reloaded intents") }
        }
        let next = try await daemon.jsonClient()
        #expect(try await say(next, question)["intent"] as? String == "contact")
        await next.close()

        // Usage without text: per intent, the fallbacks, the sign-up funnel.
        let stats = try await adminUntil(daemon, config: config, "stats --format json") { output in
            output.contains("\"intent\": \"contact\"")
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any])
        let usage = try #require(object["usage"] as? [String: Any])
        let replies = try #require(usage["replies"] as? [[String: Any]])
        #expect(replies.contains { $0["intent"] as? String == "cost" && $0["pl"] as? Int == 1 })
        #expect(replies.contains { $0["intent"] as? String == "contact" && $0["pl"] as? Int == 1 })
        #expect((usage["fallbacks"] as? [String: Any])?["pl"] as? Int == 3)
        let funnel = try #require(usage["signup_funnel"] as? [String: Any])
        #expect(funnel["started"] as? Int == 1 && funnel["cancelled"] as? Int == 1 && funnel["confirmed"] as? Int == 0)
        #expect(!stats.contains("psa") && !stats.contains("600"), "numbers only")

        let charts = try await admin(daemon, config: config, "stats")
        #expect(charts.output.contains("Sign-up funnel") && charts.output.contains("cost (pl 1, en 0)") && charts.output.contains("█"), "\(charts.output)")
        let ascii = try await admin(daemon, config: config, "stats --ascii")
        #expect(ascii.output.contains("#") && !ascii.output.contains("█"), "\(ascii.output)")

        let (status, _) = try await daemon.terminate()
        #expect(status == 0)
        #expect(!daemon.logText.contains("psa") && !daemon.logText.contains("600 100 200"), "no resident's words in the log")
    }
}
