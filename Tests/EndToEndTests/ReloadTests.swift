import Foundation
import Testing

@Suite("SIGHUP reloads intents/", .serialized, .timeLimit(.minutes(2)))
struct ReloadTests {
    /// Sends SIGHUP every few seconds until `condition` holds: the first may come before the
    /// reloader listens (it is ignored then), and a loaded CI machine reloads slowly.
    func signalUntil(_ daemon: Daemon, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while !condition() {
            guard ContinuousClock.now < deadline else { throw DaemonError("no reload within 60 s:\n\(daemon.logText)") }
            kill(daemon.process.processIdentifier, SIGHUP)
            try? await waitFor(timeout: .seconds(5)) { condition() }
        }
    }

    @Test("a valid change is served after SIGHUP; an invalid one is refused and the old catalogue keeps serving")
    func reload() async throws {
        let intents = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-intents-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Daemon.repositoryRoot.appendingPathComponent("intents"), to: intents)
        defer { try? FileManager.default.removeItem(at: intents) }
        let daemon = try await Daemon(arguments: ["--intents", intents.path])
        let port = try await daemon.port()
        let ask = "openssl s_client -quiet -connect 127.0.0.1:\(port)"
        let before = try await run(ask, input: "jaki jest numer telefonu do urzędu w Krośnie?\n/quit\n")
        #expect(before.output.contains("13 47 430 01"), "\(before.output)")

        // The staffer changes the phone number in one place.
        let facts = intents.appendingPathComponent("facts.yml")
        let original = try String(contentsOf: facts, encoding: .utf8)
        try original.replacingOccurrences(of: "phone: \"13 47 430 01\"", with: "phone: \"13 99 999 99\"")
            .write(to: facts, atomically: true, encoding: .utf8)
        try await signalUntil(daemon) { daemon.logText.contains("reloaded intents") }
        let after = try await run(ask, input: "jaki jest numer telefonu do urzędu w Krośnie?\n/quit\n")
        #expect(after.output.contains("13 99 999 99"), "\(after.output)")

        // A broken file is refused; the daemon keeps the catalogue it had.
        try "facts: [unclosed\n".write(to: intents.appendingPathComponent("broken.yml"), atomically: true, encoding: .utf8)
        try await signalUntil(daemon) { daemon.logText.contains("refused to reload intents") }
        #expect(daemon.logText.contains("broken.yml:2"), "the refusal names the file and line")
        let still = try await run(ask, input: "jaki jest numer telefonu do urzędu w Krośnie?\n/quit\n")
        #expect(still.output.contains("13 99 999 99"))
        let (status, _) = try await daemon.terminate()
        #expect(status == 0)
    }
}
