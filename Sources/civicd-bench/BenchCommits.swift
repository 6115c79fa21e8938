import ArgumentParser
import CivicCommandLine
import CivicCore
import CivicStore
import Foundation
import NIOConcurrencyHelpers

extension Bench {
    struct Commits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Durable sign-ups per second: one-row WAL+FULL commits vs the group committer with N concurrent residents.",
            discussion: """
            Uses a fresh SQLite database in a temporary directory (WAL, synchronous=FULL, as the daemon), or with             --postgres the PostgreSQL database at URL as the daemon opens it (migrated; synchronous_commit=on): its             sign-ups get contacts no earlier run used, so the same database serves several runs.
            """
        )

        @Option(help: "Concurrent residents for the group-commit run.") var residents = 50
        @Option(help: "Sign-ups per run.") var count = 2000
        @Option(help: ArgumentHelp("Measure PostgreSQL at this URL instead of SQLite (postgres://USER@HOST:PORT/DB?sslmode=…; its password is never printed).", valueName: "URL"))
        var postgres: String?

        func run() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-commits-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let location = try postgres.map { url throws -> PostgresLocation in
                do { return try PostgresLocation(url: url) } catch let error as StoreError { throw CommandFailure(error.description) }
            }
            // Contacts no other run used: a PostgreSQL database is not fresh.
            let tag = String(UUID().uuidString.prefix(8)).lowercased()
            func open(_ name: String) async throws -> any CivicStorage {
                guard let location else { return try AppDatabase.openForDaemon(path: directory.appendingPathComponent("\(name).sqlite").path) }
                do { return try await PostgresStore.open(location, migrate: true) } catch let error as StoreError { throw CommandFailure(error.description) }
            }

            // One row per transaction, one after another.
            let single = try await open("single")
            var start = ContinuousClock.now
            for index in 0..<count {
                _ = try await single.saveSignup(Self.draft(index, "s\(tag)-"), actor: .session(1), city: "krakow")
            }
            let singleRate = Double(count) / Load.milliseconds(ContinuousClock.now - start) * 1000

            // N residents at once through the group committer: each is answered after its commit.
            await single.close()
            let grouped = try await open("grouped")
            let committer = SignupCommitter(database: grouped)
            let next = NIOLockedValueBox(0)
            start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for resident in 0..<residents {
                    group.addTask {
                        while true {
                            let index = next.withLockedValue { value -> Int in defer { value += 1 }; return value }
                            guard index < count else { return }
                            _ = try await committer.save(Self.draft(index, "g\(tag)-"), actor: .session(UInt64(resident)), city: "krakow")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let groupedRate = Double(count) / Load.milliseconds(ContinuousClock.now - start) * 1000
            let stored = try await grouped.signups(matching: SignupFilter()).filter { $0.contact?.hasPrefix("g\(tag)-") == true }.count
            await grouped.close()
            let engine = location == nil ? "sqlite" : "postgresql"
            print("engine=\(engine) " + String(format: "single_commits_per_s=%.0f grouped_commits_per_s=%.0f ratio=%.2f residents=%d stored=%d/%d",
                                                  singleRate, groupedRate, groupedRate / singleRate, residents, stored, count))
        }

        static func draft(_ index: Int, _ run: String) -> SignupDraft {
            SignupDraft(programme: "centrum_obywatelskie", name: "Mieszkanka Testowa", contact: .email("\(run)\(index)@example.org"),
                        district: nil, consentVersion: "2026-11", language: .pl)
        }
    }
}
