import ArgumentParser
import CivicCore
import CivicStore
import Foundation
import NIOConcurrencyHelpers

extension Bench {
    struct Commits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Durable sign-ups per second: one-row WAL+FULL commits vs the group committer with N concurrent residents.",
            discussion: "Uses a fresh database in a temporary directory (WAL, synchronous=FULL, as the daemon)."
        )

        @Option(help: "Concurrent residents for the group-commit run.") var residents = 50
        @Option(help: "Sign-ups per run.") var count = 2000

        func run() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-commits-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }

            // One row per transaction, one after another.
            let single = try AppDatabase.openForDaemon(path: directory.appendingPathComponent("single.sqlite").path)
            var start = ContinuousClock.now
            for index in 0..<count {
                _ = try await single.saveSignup(Self.draft(index, "s"), actor: .session(1), city: "krakow")
            }
            let singleRate = Double(count) / Load.milliseconds(ContinuousClock.now - start) * 1000

            // N residents at once through the group committer: each is answered after its commit.
            let grouped = try AppDatabase.openForDaemon(path: directory.appendingPathComponent("grouped.sqlite").path)
            let committer = SignupCommitter(database: grouped)
            let next = NIOLockedValueBox(0)
            start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for resident in 0..<residents {
                    group.addTask {
                        while true {
                            let index = next.withLockedValue { value -> Int in defer { value += 1 }; return value }
                            guard index < count else { return }
                            _ = try await committer.save(Self.draft(index, "g"), actor: .session(UInt64(resident)), city: "krakow")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let groupedRate = Double(count) / Load.milliseconds(ContinuousClock.now - start) * 1000
            let stored = try await grouped.signups(matching: SignupFilter()).count
            print(String(format: "single_commits_per_s=%.0f grouped_commits_per_s=%.0f ratio=%.2f residents=%d stored=%d/%d",
                         singleRate, groupedRate, groupedRate / singleRate, residents, stored, count))
        }

        static func draft(_ index: Int, _ run: String) -> SignupDraft {
            SignupDraft(programme: "centrum_obywatelskie", name: "Mieszkanka Testowa", contact: .email("\(run)\(index)@example.org"),
                        district: nil, consentVersion: "2026-11", language: .pl)
        }
    }
}
