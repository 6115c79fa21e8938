import CivicClient
import CivicStore
import CivicTLS
import Foundation
import GRDB
import Testing

/// Where strace is, if this machine has it (.ci/run installs it).
let straceBinary = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Confirmed means fsynced, and the daemon knows the file it writes.
@Suite("Durability of confirmed sign-ups on the built daemon", .serialized, .timeLimit(.minutes(3)))
struct DurabilityTests {
    static func connect(_ daemon: Daemon) async throws -> TLSLineClient {
        try await daemon.jsonClient()
    }

    static func fsyncCount(_ trace: URL) -> Int {
        let text = (try? String(contentsOf: trace, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { ($0.contains("fsync(") || $0.contains("fdatasync(")) && !$0.contains("unfinished") || $0.contains("resumed>") }.count
    }

    @Test("three confirmed sign-ups cause at least three fsyncs (strace -f -e trace=fsync,fdatasync)",
          .enabled(if: straceBinary != nil, "strace is not installed: the fsync count cannot be observed"))
    func fsyncsPerSignup() async throws {
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-strace-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: trace) }
        let daemon = try await Daemon(launcher: [straceBinary!, "-f", "-qq", "-e", "trace=fsync,fdatasync", "-o", trace.path])
        let client = try await Self.connect(daemon)
        try await Task.sleep(for: .milliseconds(300))
        let before = Self.fsyncCount(trace)
        for index in 0..<3 {
            #expect(try await CrashTests.signUp(client, email: "durable\(index)@example.org") != nil)
        }
        try await Task.sleep(for: .milliseconds(300))
        let during = Self.fsyncCount(trace) - before
        print("fsyncs for 3 confirmed sign-ups: \(during)")
        #expect(during >= 3, "confirmed sign-ups were not fsynced (\(during) fsyncs for 3)")
        await client.close()
        // SIGTERM goes to civicd itself (strace's child); strace exits with civicd's status.
        let children = try String(contentsOfFile: "/proc/\(daemon.process.processIdentifier)/task/\(daemon.process.processIdentifier)/children", encoding: .utf8)
        let civicd = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        kill(civicd, SIGTERM)
        let start = ContinuousClock.now
        while daemon.process.isRunning, ContinuousClock.now - start < .seconds(10) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!daemon.process.isRunning && daemon.process.terminationStatus == 0)
    }

    @Test("deleting the database under the running daemon: the next sign-up gets storage_unavailable, and a critical line is logged")
    func deletedUnderTheDaemon() async throws {
        let daemon = try await Daemon()
        let client = try await Self.connect(daemon)
        #expect(try await CrashTests.signUp(client, email: "before@example.org") != nil)
        try FileManager.default.removeItem(at: daemon.dataDirectory.appendingPathComponent("civicd.sqlite"))
        try await client.sendLine("zapisz mnie do Centrum Obywatelskiego")
        var transcript = ""
        for _ in 0..<10 {
            let line = try await client.readLine(timeout: .seconds(5))
            transcript += line + "\n"
            if line.contains("storage_unavailable") { break }
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let expecting = object["expecting"] as? String else { break }
            switch expecting {
            case "programme", "district": try await client.sendLine((object["choices"] as? [String])?.first ?? "")
            case "name": try await client.sendLine("Anna Kowalska")
            case "contact": try await client.sendLine("after@example.org")
            default: try await client.sendLine("tak")
            }
        }
        #expect(transcript.contains("storage_unavailable"), "\(transcript)")
        // The log arrives through a pipe: give it a moment under load.
        let logged = ContinuousClock.now
        while !daemon.logText.contains("was deleted or moved"), ContinuousClock.now - logged < .seconds(10) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(daemon.logText.contains("critical") && daemon.logText.contains("was deleted or moved"), "\(daemon.logText)")
        await client.close()
        #expect(try await daemon.terminate().status == 0)

        // The next start refuses the directory without its database, in one line, unless told.
        let again = try await Daemon(dataDirectory: daemon.dataDirectory)
        #expect(try await again.exitStatus() != 0)
        #expect(again.logText.contains("--init-database"), "\(again.logText)")
        let fresh = try await Daemon(dataDirectory: daemon.dataDirectory, arguments: ["--init-database"])
        _ = try await fresh.port()
        #expect(try await fresh.terminate().status == 0)
    }

    @Test("a corrupted database is refused at start, naming civicd admin backup")
    func corruptedRefused() async throws {
        let daemon = try await Daemon()
        let client = try await Self.connect(daemon)
        for index in 0..<3 { _ = try await CrashTests.signUp(client, email: "c\(index)@example.org") }
        await client.close()
        #expect(try await daemon.terminate().status == 0)
        let path = daemon.dataDirectory.appendingPathComponent("civicd.sqlite").path
        // The rows may still be in the WAL: move them into the file first, so pages exist to damage.
        let pool = try DatabasePool(path: path)
        _ = try await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try pool.close()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        #expect(size >= 4096 * 3)
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: Int(size) - 4096))
        try handle.close()
        let again = try await Daemon(dataDirectory: daemon.dataDirectory)
        #expect(try await again.exitStatus() != 0)
        #expect(again.logText.contains("damaged") && again.logText.contains("civicd admin backup"), "\(again.logText)")
    }

    @Test("civicd admin backup FILE copies the database while the daemon runs")
    func adminBackup() async throws {
        let daemon = try await Daemon()
        let client = try await Self.connect(daemon)
        #expect(try await CrashTests.signUp(client, email: "kept@example.org") != nil)
        let target = daemon.dataDirectory.appendingPathComponent("backup.sqlite").path
        let result = try await run("'\(Daemon.binary.path)' admin backup --data-dir '\(daemon.dataDirectory.path)' '\(target)'")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("backed up 1 sign-up"), "\(result.output)")
        let copy = try AppDatabase.openExisting(path: target)
        #expect(try await copy.signups(matching: SignupFilter()).first?.contact == "kept@example.org")
        await client.close()
        #expect(try await daemon.terminate().status == 0)
    }
}
