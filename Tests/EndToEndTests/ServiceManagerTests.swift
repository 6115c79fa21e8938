import CivicTLS
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built daemon as an operator runs it: metrics and health scraped over HTTP with curl,
/// systemd's notify socket played by a real unix datagram socket, certificates replaced on disk.
@Suite("Operating civicd: metrics, health, systemd, certificate reload", .serialized, .timeLimit(.minutes(3)))
struct ServiceManagerTests {
    /// `curl`: the status code and body, as `"200 ok"`.
    func fetch(_ port: Int, _ path: String, method: String = "GET") async throws -> String {
        let (status, body) = try await get(port, path, method: method)
        return "\(status) \(body)"
    }

    func get(_ port: Int, _ path: String, method: String = "GET") async throws -> (status: Int, body: String) {
        let result = try await run("curl -s -m 10 -X \(method) -w '\\n%{http_code}' http://127.0.0.1:\(port)\(path)")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        guard result.status == 0, let code = lines.last.flatMap({ Int($0) }) else {
            throw DaemonError("curl \(path) failed (\(result.status)): \(result.output)")
        }
        return (code, lines.dropLast().joined(separator: "\n").trimmingCharacters(in: .newlines))
    }

    /// The value of one sample line of the Prometheus text (`name{labels} value`), if present.
    func sample(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    /// The sum over every series of `name` (any labels).
    func total(_ text: String, _ name: String) -> Double {
        text.split(separator: "\n")
            .filter { $0.hasPrefix(name + "{") || $0.hasPrefix(name + " ") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0, +)
    }

    @Test("/metrics counts a question, a fallback and the connection, without a word of the resident or an address; /healthz and /readyz answer; readyz says database once the file is moved away")
    func metricsAndHealth() async throws {
        let daemon = try await Daemon(arguments: ["--metrics-listen", "127.0.0.1:0"])
        let port = try await daemon.port()
        let metricsPort = try await daemon.metricsPort()

        #expect(try await fetch(metricsPort, "/healthz") == "200 ok")
        #expect(try await fetch(metricsPort, "/readyz") == "200 ready")
        #expect(try await get(metricsPort, "/nothing-here").status == 404)
        #expect(try await get(metricsPort, "/metrics", method: "POST").status == 405)

        let before = try await get(metricsPort, "/metrics").body
        #expect(sample(before, "civicd_build_info{version=\"0.18.0\"}") == 1)

        // One question the catalogue answers, one it does not (a word nobody has), then goodbye.
        let secret = "zorblaxquint"
        let talk = try await run("openssl s_client -quiet -connect 127.0.0.1:\(port)",
                                 input: "jaki jest numer telefonu do urzędu w Krośnie?\n\(secret) \(secret)\n/quit\n")
        #expect(talk.output.contains("13 47 430 01"), "\(talk.output)")

        // The connection is counted when it ends; wait (bounded) for the daemon to see it end.
        var text = ""
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        repeat {
            text = try await get(metricsPort, "/metrics").body
            if sample(text, "civicd_connections_total{kind=\"resident\"}") == 1 { break }
            try await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline
        #expect(sample(text, "civicd_connections_total{kind=\"resident\"}") == 1, "\(text)")
        #expect(sample(text, "civicd_connections_open{kind=\"resident\"}") == 0)
        #expect(total(text, "civicd_fallbacks_total") == 1, "\(text)")
        // Both questions are replies (the fallback under intent="fallback"), by intent and language.
        #expect(total(text, "civicd_replies_total") == 2)
        #expect(text.contains("civicd_replies_total{intent=\"fallback\""))
        #expect((sample(text, "civicd_understanding_seconds_count") ?? 0) >= 3)
        #expect(total(text, "civicd_tls_handshake_failures_total") == 0)
        #expect(sample(text, "civicd_storage_unavailable_total") == 0)
        #expect(!text.contains(secret), "no resident's text in the metrics")
        #expect(!text.contains("Krosn") && !text.contains("Krośn") && !text.contains("telefon"))
        #expect(!text.contains("127.0.0.1"), "no address in the metrics")

        // Plaintext on the TLS port is a handshake failure, counted by reason.
        _ = try await run("printf 'hello\\r\\n' | curl -s -m 5 telnet://127.0.0.1:\(port) >/dev/null || true")
        let deadline2 = ContinuousClock.now.advanced(by: .seconds(20))
        repeat {
            text = try await get(metricsPort, "/metrics").body
            if sample(text, "civicd_tls_handshake_failures_total{reason=\"error\"}") == 1 { break }
            try await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline2
        #expect(sample(text, "civicd_tls_handshake_failures_total{reason=\"error\"}") == 1, "\(text)")

        // The database file moved away: not ready, and it says why in one word.
        let databaseFile = daemon.dataDirectory.appendingPathComponent("civicd.sqlite")
        try FileManager.default.moveItem(at: databaseFile, to: daemon.dataDirectory.appendingPathComponent("moved.sqlite"))
        #expect(try await fetch(metricsPort, "/readyz") == "503 database")
        #expect(try await fetch(metricsPort, "/healthz") == "200 ok")
        let (status, _) = try await daemon.terminate()
        #expect(status == 0)
    }

    @Test("under systemd: READY=1 once listening, WATCHDOG=1 at half WATCHDOG_USEC, STOPPING=1 on SIGTERM, through a real NOTIFY_SOCKET")
    func notifySocket() async throws {
        let receiver = try DatagramReceiver()
        defer { receiver.close() }
        let daemon = try await Daemon(environment: ["NOTIFY_SOCKET": receiver.path, "WATCHDOG_USEC": "1000000"])
        _ = try await daemon.port()
        try await receiver.wait(for: "READY=1")
        try await receiver.wait(for: "WATCHDOG=1")
        #expect(!receiver.messages.contains("STOPPING=1"))
        daemon.process.terminate()
        try await receiver.wait(for: "STOPPING=1")
        let (status, _) = try await daemon.terminate()
        #expect(status == 0)
        let messages = receiver.messages
        #expect(messages.firstIndex(of: "READY=1")! < messages.firstIndex(of: "STOPPING=1")!)
    }

    /// The SHA-256 fingerprint of the certificate a new TLS connection to `port` is shown.
    func servedFingerprint(_ port: Int) async throws -> String {
        let result = try await run("openssl s_client -connect 127.0.0.1:\(port) </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256")
        guard let value = result.output.split(separator: "=").last else { throw DaemonError("no certificate: \(result.output)") }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("SIGHUP reloads the certificate and key: a new connection sees the new one; a mismatched pair is refused and the old one keeps serving")
    func certificateReload() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-certs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certFile = directory.appendingPathComponent("cert.pem")
        let keyFile = directory.appendingPathComponent("key.pem")
        func install(_ certificate: String, _ key: String) throws {
            try certificate.write(to: certFile, atomically: true, encoding: .utf8)
            try key.write(to: keyFile, atomically: true, encoding: .utf8)
        }
        let first = try CertificateFactory.selfSigned()
        let second = try CertificateFactory.selfSigned()
        let third = try CertificateFactory.selfSigned()
        try install(first.certificatePEM, first.privateKeyPEM)

        let daemon = try await Daemon(arguments: ["--cert", certFile.path, "--key", keyFile.path, "--metrics-listen", "127.0.0.1:0"])
        let port = try await daemon.port()
        let metricsPort = try await daemon.metricsPort()
        #expect(try await servedFingerprint(port) == CertificateFactory.fingerprintSHA256(certificatePEM: first.certificatePEM))

        try install(second.certificatePEM, second.privateKeyPEM)
        try await signalUntil(daemon) { daemon.logText.contains("reloaded the certificate") }
        #expect(try await servedFingerprint(port) == CertificateFactory.fingerprintSHA256(certificatePEM: second.certificatePEM))

        // The third certificate with the second one's key: refused, the second keeps serving.
        try install(third.certificatePEM, second.privateKeyPEM)
        try await signalUntil(daemon) { daemon.logText.contains("refused to reload the certificate") }
        #expect(try await servedFingerprint(port) == CertificateFactory.fingerprintSHA256(certificatePEM: second.certificatePEM))
        #expect(!daemon.logText.contains("PRIVATE KEY"), "no key material in the log")
        for key in [first, second, third].map(\.privateKeyPEM) {
            let body = key.split(separator: "\n").dropFirst().first.map(String.init) ?? key
            #expect(!daemon.logText.contains(body))
        }
        let text = try await get(metricsPort, "/metrics").body
        #expect(sample(text, "civicd_certificate_reloads_total{result=\"ok\"}").map { $0 >= 1 } == true, "\(text)")
        #expect(sample(text, "civicd_certificate_reloads_total{result=\"refused\"}").map { $0 >= 1 } == true)
        #expect(sample(text, "civicd_catalogue_reloads_total{result=\"ok\"}").map { $0 >= 1 } == true)
        let (status, _) = try await daemon.terminate()
        #expect(status == 0)
    }

    /// Sends SIGHUP every few seconds until `condition` holds (the first may come before the
    /// reloader listens, and is ignored then).
    func signalUntil(_ daemon: Daemon, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while !condition() {
            guard ContinuousClock.now < deadline else { throw DaemonError("no reload within 60 s:\n\(daemon.logText)") }
            kill(daemon.process.processIdentifier, SIGHUP)
            try? await waitFor(timeout: .seconds(5)) { condition() }
        }
    }
}

/// A unix datagram socket bound to a fresh path, as systemd's notify socket is; collects the
/// datagrams sent to it.
final class DatagramReceiver {
    let path: String
    private let descriptor: Int32
    private var received: [String] = []

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-notify-\(UUID().uuidString.prefix(8))").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonError("socket: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw DaemonError("bind \(path): \(errno)") }
    }

    var messages: [String] { drain(); return received }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            received.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
    }

    /// Waits, at most 30 s, until `message` has arrived.
    func wait(for message: String) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while !messages.contains(message) {
            guard ContinuousClock.now < deadline else { throw DaemonError("no \(message) on the notify socket; got \(received)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func close() {
        Glibc.close(descriptor)
        unlink(path)
    }
}
