import CivicCore
import Foundation
import Testing

/// The built daemon, spoken to by `openssl s_client` as residents do.
@Suite("End to end with openssl s_client", .serialized, .timeLimit(.minutes(3)))
struct OpenSSLClientTests {
    @Test("greeting, a reply and a goodbye; the pinned fingerprint matches; TLS 1.1 fails; SIGTERM exits 0 within 5 s")
    func residentSession() async throws {
        let daemon = try await Daemon()
        let port = try await daemon.port()
        let cert = daemon.dataDirectory.appendingPathComponent("tls/cert.pem").path

        // The fingerprint in the log is the certificate's.
        let logged = try #require(daemon.logText.split(separator: " ").first { $0.hasPrefix("sha256=") }).dropFirst("sha256=".count)
        let computed = try await run("openssl x509 -in '\(cert)' -noout -fingerprint -sha256")
        #expect(computed.output.contains("=\(logged)"))
        // Not a CA, no certificate signing; the public key's fingerprint is logged too.
        let extensions = try await run("openssl x509 -in '\(cert)' -noout -ext basicConstraints,keyUsage -enddate")
        #expect(extensions.output.contains("CA:FALSE") && !extensions.output.contains("Certificate Sign"), "\(extensions.output)")
        let loggedKey = try #require(daemon.logText.split(separator: " ").first { $0.hasPrefix("spki_sha256=") }).dropFirst("spki_sha256=".count)
        let computedKey = try await run("openssl x509 -in '\(cert)' -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -c")
        #expect(computedKey.output.uppercased().contains(String(loggedKey)), "\(computedKey.output) vs \(loggedKey)")
        let key = daemon.dataDirectory.appendingPathComponent("tls/key.pem").path
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        // The issue's own command, verifying the certificate and the name.
        let session = try await run(
            "openssl s_client -quiet -connect 127.0.0.1:\(port) -CAfile '\(cert)' -verify_return_error -verify_hostname localhost",
            input: "dzien dobry\n/quit\n"
        )
        #expect(session.status == 0, "\(session.output)")
        #expect(session.output.contains(Messages.greeting.pl))
        #expect(session.output.contains(Messages.greeting.en))
        #expect(session.output.contains("Do widzenia"))
        let prompts = session.output.components(separatedBy: "\n> ").count - 1
        #expect(prompts == 2, "greeting and reply are each followed by the prompt")

        // TLS 1.2 works with an ECDHE AEAD suite; TLS 1.1 is refused by the server itself
        // (the client is told to allow old protocols and ciphers).
        let tls12 = try await run("openssl s_client -brief -tls1_2 -connect 127.0.0.1:\(port)", input: "/quit\n")
        #expect(tls12.output.contains("Protocol version: TLSv1.2"), "\(tls12.output)")
        #expect(tls12.output.contains("ECDHE"))
        #expect(tls12.output.contains("GCM") || tls12.output.contains("CHACHA20"))
        let tls11 = try await run("openssl s_client -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' -connect 127.0.0.1:\(port)", input: "/quit\n")
        #expect(tls11.status != 0)
        #expect(!tls11.output.contains("/pomoc"))
        #expect(tls11.output.contains("alert protocol version") || tls11.output.contains("unsupported protocol") || tls11.output.contains("no protocols available"),
                "\(tls11.output)")
        let cbc = try await run("openssl s_client -tls1_2 -cipher 'ECDHE-ECDSA-AES128-SHA' -connect 127.0.0.1:\(port)", input: "/quit\n")
        #expect(cbc.status != 0, "a non-AEAD suite must be refused")

        // A resident still connected when SIGTERM arrives gets the goodbye; the daemon exits 0 quickly.
        let lingering = Process()
        lingering.executableURL = URL(fileURLWithPath: "/bin/sh")
        let transcript = daemon.dataDirectory.appendingPathComponent("lingering.txt").path
        lingering.arguments = ["-c", "sleep 30 | openssl s_client -quiet -connect 127.0.0.1:\(port) > '\(transcript)' 2>&1"]
        try lingering.run()
        defer { if lingering.isRunning { lingering.terminate() } }
        try await waitFor { (try? String(contentsOfFile: transcript, encoding: .utf8))?.contains("> ") == true }
        let (status, took) = try await daemon.terminate()
        #expect(status == 0)
        #expect(took < .seconds(5))
        try await waitFor { (try? String(contentsOfFile: transcript, encoding: .utf8))?.contains("Serwer jest zatrzymywany") == true }
        #expect(daemon.logText.contains("connection opened"))
        #expect(daemon.logText.contains("connection closed"))
        #expect(!daemon.logText.contains("dzien dobry"), "typed text is logged only at trace level")
    }

    @Test("at trace level the log holds no typed text: no code after any white space, no token, no name or e-mail")
    func traceLogHoldsNoUserText() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("civicd.yml")
        try "kiosk:\n  tokens: [\"KIOSKTOKEN-SECRET-0001\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let daemon = try await Daemon(arguments: ["--config", config.path, "--log-level", "trace"])
        let port = try await daemon.port()
        let lines = [" /login SEKRETNYKOD1", "\t/login SEKRETNYKOD2", "/login\tSEKRETNYKOD3", "/kiosk KIOSKTOKEN-SECRET-0001",
                     "Jestem Zuzanna Tajemnicza, zuzanna@example.org, ile kosztuje szkolenie?", "notatka", "QQQQ-WWWW-ZZZZ", "/quit"]
        let session = try await run("openssl s_client -quiet -connect 127.0.0.1:\(port)", input: lines.joined(separator: "\n") + "\n")
        #expect(session.output.contains("Do widzenia"), "\(session.output)")
        try await waitFor { daemon.logText.contains("connection closed") }
        let log = daemon.logText
        #expect(log.contains("line received"), "trace level logs each line's shape")
        #expect(log.contains("known_words=kosztuje szkolenie") || log.contains("kosztuje"), "\(log)")
        for secret in ["SEKRETNYKOD", "KIOSKTOKEN", "Zuzanna", "zuzanna", "Tajemnicza", "example.org", "QQQQ"] {
            #expect(!log.contains(secret), "\(secret) reached the log")
        }
        _ = try await daemon.terminate()
    }

    @Test("a second start reuses the certificate")
    func reuseCertificate() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-reuse-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await Daemon(dataDirectory: directory)
        _ = try await first.port()
        let logged = first.logText
        _ = try await first.terminate()
        #expect(logged.contains("created a self-signed certificate"))
        let second = try await Daemon(dataDirectory: first.dataDirectory)
        _ = try await second.port()
        #expect(second.logText.contains("using certificate"))
        let fingerprint = { (log: String) in log.split(separator: " ").first { $0.hasPrefix("sha256=") } }
        #expect(fingerprint(second.logText) == fingerprint(logged))
        _ = try await second.terminate()
    }

    @Test("bad configuration stops start-up with one clear message and a non-zero exit", arguments: [
        (["--listen", "127.0.0.1"], "is not HOST:PORT"),
        (["--cert", "/nonexistent/cert.pem", "--key", "/nonexistent/key.pem"], "cannot read certificate /nonexistent/cert.pem"),
        (["--config", "/nonexistent/civicd.yml"], "configuration file /nonexistent/civicd.yml does not exist"),
    ])
    func badConfiguration(_ arguments: [String], _ message: String) async throws {
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        let result = try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' serve --data-dir \"$(mktemp -d)\" \(quoted)")
        #expect(result.status != 0)
        #expect(result.output.contains(message), "\(result.output)")
    }

    @Test("a port in use stops start-up with one clear message")
    func portInUse() async throws {
        let first = try await Daemon()
        let port = try await first.port()
        let result = try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' serve --listen 127.0.0.1:\(port) --data-dir '\(first.dataDirectory.path)'")
        #expect(result.status != 0)
        #expect(result.output.contains("cannot listen on 127.0.0.1:\(port)"), "\(result.output)")
        _ = try await first.terminate()
    }

    @Test("an unknown configuration key stops start-up naming the key")
    func unknownKey() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-\(UUID().uuidString).yml")
        try "listen: 127.0.0.1:0\nlistne: oops\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' serve --config '\(file.path)' --data-dir \"$(mktemp -d)\"")
        #expect(result.status != 0)
        #expect(result.output.contains(":2: unknown key 'listne'"), "\(result.output)")
    }
}

func waitFor(timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw DaemonError("condition not met within \(timeout)") }
        try await Task.sleep(for: .milliseconds(50))
    }
}
