import Foundation
import GRDB
import Testing

/// The kiosk as a resident meets it: `civicd kiosk` inside tmux against the real daemon, typed
/// at with send-keys and read with capture-pane (screen and scroll-back).
@Suite("Kiosk terminal in tmux", .serialized, .timeLimit(.minutes(3)))
struct KioskTmuxTests {
    static let token = "kiosk-token-for-the-tmux-test-0123"

    func tmux(_ arguments: String) async throws -> String {
        try await run("tmux \(arguments)").output
    }

    /// The pane and its whole scroll-back.
    func screen(_ session: String) async throws -> String {
        try await tmux("capture-pane -p -J -t \(session) -S -")
    }

    func waitForScreen(_ session: String, timeout: Duration = .seconds(30), _ condition: (String) -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if condition(try await screen(session)) { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("the kiosk screen never showed what was expected:\n\(try await screen(session))")
        throw DaemonError("kiosk screen timeout")
    }

    @Test("after a goodbye nothing of the resident is on the screen or in the scroll-back; after a daemon restart the kiosk answers again")
    func kiosk() async throws {
        let which = try await run("command -v tmux")
        try #require(which.status == 0, "tmux is needed (.ci/run installs it)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-kiosk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("civicd.yml")
        try "kiosk:\n  tokens: [\"\(Self.token)\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let tokenFile = directory.appendingPathComponent("token")
        try Self.token.write(to: tokenFile, atomically: true, encoding: .utf8)
        let data = directory.appendingPathComponent("data")

        var daemon = try await Daemon(dataDirectory: data, arguments: ["--config", config.path])
        let port = try await daemon.port()
        let session = "civicd-kiosk-\(UInt32.random(in: 0...UInt32.max))"
        let kiosk = "'\(Daemon.binary.path)' kiosk 127.0.0.1:\(port) --ca-file '\(data.path)/tls/cert.pem' --token-file '\(tokenFile.path)' --idle 60 --exit-code 4321"
        // The tmux server outlives this command: started detached, with no pipes of the test's.
        let starter = Process()
        starter.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        starter.arguments = ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", kiosk]
        starter.standardInput = FileHandle.nullDevice
        starter.standardOutput = FileHandle.nullDevice
        starter.standardError = FileHandle.nullDevice
        try starter.run()
        defer { _ = try? Process.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "tmux kill-session -t \(session) 2>/dev/null"]) }
        try await waitForScreen(session) { $0.contains("/pomoc") && $0.contains("> ") }
        #expect(daemon.logText.contains("kiosk identified"))

        // The first resident starts signing up, gives personal data, then says goodbye.
        _ = try await tmux("send-keys -t \(session) 'zapisz mnie do Centrum Obywatelskiego' Enter")
        try await waitForScreen(session) { $0.contains("Jak się nazywasz?") }
        _ = try await tmux("send-keys -t \(session) 'Anna Sekretna' Enter")
        try await waitForScreen(session) { $0.contains("skontaktować") }
        _ = try await tmux("send-keys -t \(session) 'sekretna@example.org' Enter")
        try await waitForScreen(session) { $0.contains("zgadzasz") }
        _ = try await tmux("send-keys -t \(session) 'do widzenia' Enter")
        try await waitForScreen(session) { !$0.contains("Sekretna") && $0.contains("/pomoc") }
        let after = try await screen(session)
        #expect(!after.contains("Sekretna"))
        #expect(!after.contains("sekretna@example.org"))
        #expect(!after.contains("zapisz mnie"))
        #expect(try await tmux("display -p -t \(session) '#{history_size}'").trimmingCharacters(in: .whitespacesAndNewlines) == "0",
                "the scroll-back is empty")

        // The next resident gets as far as the summary and takes leave in a whole sentence: the
        // form is dropped and the screen wiped; the person after them typing "tak" confirms nothing.
        _ = try await tmux("send-keys -t \(session) 'zapisz mnie do Centrum Obywatelskiego' Enter")
        try await waitForScreen(session) { $0.contains("Jak się nazywasz?") }
        _ = try await tmux("send-keys -t \(session) 'Druga Mieszkanka' Enter")
        try await waitForScreen(session) { $0.contains("skontaktować") }
        _ = try await tmux("send-keys -t \(session) 'druga@example.org' Enter")
        try await waitForScreen(session) { $0.contains("zgadzasz") }
        _ = try await tmux("send-keys -t \(session) 'tak' Enter")
        try await waitForScreen(session) { $0.contains("Sprawdź") }
        _ = try await tmux("send-keys -t \(session) 'dziękuję bardzo, do widzenia' Enter")
        try await waitForScreen(session) { !$0.contains("Mieszkanka") && $0.contains("/pomoc") }
        #expect(!(try await screen(session)).contains("druga@example.org"))
        #expect(try await tmux("display -p -t \(session) '#{history_size}'").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        _ = try await tmux("send-keys -t \(session) 'tak' Enter")
        try await Task.sleep(for: .seconds(2))
        let next = try await screen(session)
        #expect(!next.contains("Gotowe"), "nothing of the earlier form is confirmed")
        #expect(!next.contains("Mieszkanka"))
        let database = try DatabaseQueue(path: data.appendingPathComponent("civicd.sqlite").path)
        let stored = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signup WHERE contact = 'druga@example.org'")
        }
        #expect(stored == 0)

        // Ctrl-C does not end the kiosk.
        _ = try await tmux("send-keys -t \(session) C-c")
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await tmux("has-session -t \(session) 2>&1; echo rc=$?").contains("rc=0"))

        // The daemon goes away and comes back on the same port: the kiosk reconnects by itself.
        _ = try await daemon.terminate()
        try await waitForScreen(session) { $0.contains("Reconnecting") || $0.contains("Serwer jest zatrzymywany") }
        daemon = try await Daemon(dataDirectory: data, arguments: ["--config", config.path, "--listen", "127.0.0.1:\(port)"])
        try await waitForScreen(session, timeout: .seconds(60)) { $0.contains("/pomoc") && !$0.contains("Reconnecting") }
        _ = try await tmux("send-keys -t \(session) 'ile kosztuje udział w Centrum Obywatelskim?' Enter")
        try await waitForScreen(session) { $0.contains("bezpłatn") || $0.contains("bezpłatne") }

        // Staff leave with the documented sequence.
        _ = try await tmux("send-keys -t \(session) '/staff-exit 4321' Enter")
        try await Task.sleep(for: .seconds(2))
        #expect(try await tmux("has-session -t \(session) 2>&1; echo rc=$?").contains("rc=1"))
        _ = try await daemon.terminate()
    }
}
