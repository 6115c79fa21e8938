import CivicCore
import CivicServer
import CivicSetup
@testable import CivicStore
import Foundation
import Logging
import Synchronization
import Testing

@Suite("Review: configuration and the usage recorder")
struct ReviewSetupTests {
    @Test("review.keep_unanswered and review.keep_days; off and 30 days by default; mistakes named")
    func configuration() throws {
        #expect(DaemonConfiguration().keepUnanswered == false)
        #expect(DaemonConfiguration().reviewKeepDays == 30)
        let parsed = try DaemonConfiguration.parse("review:\n  keep_unanswered: true\n  keep_days: 14\n", file: "x.yml")
        #expect(parsed.keepUnanswered && parsed.reviewKeepDays == 14)
        for (text, message) in [
            ("review:\n  keep_unanswered: maybe\n", "x.yml:2: review.keep_unanswered must be true or false"),
            ("review:\n  keep_days: 0\n", "x.yml:2: review.keep_days must be a whole number above 0"),
            ("review:\n  keep: 3\n", "x.yml:2: unknown key 'review.keep'"),
        ] {
            #expect(throws: ConfigurationError.self, "\(text)") { try DaemonConfiguration.parse(text, file: "x.yml") }
            do { _ = try DaemonConfiguration.parse(text, file: "x.yml") } catch { #expect("\(error)".hasPrefix(message), "\(error)") }
        }
    }

    @Test("the recorder writes its batch in one go, and a failed write is dropped without a throw")
    func recorder() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-usage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("civicd.sqlite").path
        let database = try AppDatabase.openForDaemon(path: path)
        var logger = Logger(label: "civicd.test")
        logger.logLevel = .critical
        let recorder = UsageRecorder()
        let day = CalendarDay(year: 2026, month: 11, day: 21)
        recorder.observe(.fallback(.pl), day: day)
        recorder.observe(.fallback(.pl), day: day)
        recorder.keep(UnansweredLine(text: "czy jest parking", words: ["park"], language: .pl, reason: .fallback, day: day))
        await recorder.flush(to: database, logger: logger)
        #expect(try await database.usageCounts().map(\.count) == [2])
        #expect(try await database.unansweredGroups().map(\.count) == [1])
        await recorder.flush(to: database, logger: logger)
        #expect(try await database.usageCounts().map(\.count) == [2], "nothing written twice")

        // The file is removed under the daemon: the write fails and is logged as counts, never
        // with the words; the recorder goes on.
        try FileManager.default.removeItem(atPath: path)
        let captured = CapturedLog()
        let capturing = Logger(label: "civicd.test") { _ in captured }
        recorder.observe(.signupStarted, day: day)
        recorder.keep(UnansweredLine(text: "gdzie mogę wyprowadzić psa", words: ["psa"], language: .pl, reason: .fallback, day: day))
        await recorder.flush(to: database, logger: capturing)
        let lines = captured.lines.withLock { $0 }
        #expect(lines.count == 1 && lines[0].contains("usage counts not written") && lines[0].contains("lines=1"), "\(lines)")
        #expect(!lines.joined().contains("psa"))
        recorder.observe(.signupStarted, day: day)
        await recorder.flush(to: database, logger: capturing)
        #expect(captured.lines.withLock { $0.count } == 2, "the next batch is tried again")
    }
}

/// A log handler that keeps each message with its metadata, for tests.
struct CapturedLog: LogHandler {
    final class Lines: Sendable {
        let value = Mutex<[String]>([])
        func withLock<T>(_ body: (inout [String]) -> T) -> T { value.withLock { body(&$0) } }
    }

    let lines = Lines()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.withLock { $0.append("\(event.message) " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) }
    }
}
