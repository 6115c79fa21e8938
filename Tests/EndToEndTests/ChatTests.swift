import Foundation
import Testing

@Suite("civicd chat", .serialized, .timeLimit(.minutes(2)))
struct ChatTests {
    @Test("verifies with the certificate file or the pinned fingerprint, converses, and ends cleanly when the server closes")
    func chat() async throws {
        let daemon = try await Daemon()
        let port = try await daemon.port()
        let cert = daemon.dataDirectory.appendingPathComponent("tls/cert.pem").path
        let chat = "'\(Daemon.binary.path)' chat 127.0.0.1:\(port)"

        let withFile = try await run("\(chat) --ca-file '\(cert)'", input: "jak się zapisać?\n/quit\n")
        #expect(withFile.status == 0)
        #expect(withFile.output.contains("/pomoc"), "the banner")
        #expect(withFile.output.contains("Do widzenia"))
        #expect(withFile.output.contains("Connection closed"))

        let fingerprint = try #require(daemon.logText.split(separator: " ").first { $0.hasPrefix("sha256=") }?.dropFirst("sha256=".count))
        let pinned = try await run("\(chat) --fingerprint \(fingerprint)", input: "dzień dobry\n/quit\n")
        #expect(pinned.status == 0)
        #expect(pinned.output.contains("Do widzenia"))
        // The public key's fingerprint (unchanged by renewal) pins too.
        let publicKey = try #require(daemon.logText.split(separator: " ").first { $0.hasPrefix("spki_sha256=") }?.dropFirst("spki_sha256=".count))
        let pinnedKey = try await run("\(chat) --fingerprint \(publicKey)", input: "dzień dobry\n/quit\n")
        #expect(pinnedKey.status == 0, "\(pinnedKey.output)")
        #expect(pinnedKey.output.contains("Do widzenia"))

        let wrong = String(repeating: "AB:", count: 31) + "AB"
        let mismatch = try await run("\(chat) --fingerprint \(wrong)", input: "/quit\n")
        #expect(mismatch.status != 0)
        #expect(mismatch.output.contains("does not match the pinned fingerprint"), "\(mismatch.output)")
        #expect(!mismatch.output.contains("/pomoc"))

        let untrusted = try await run(chat, input: "/quit\n")
        #expect(untrusted.status != 0, "a self-signed server is not trusted without --ca-file or --fingerprint")
        #expect(untrusted.output.contains("could not be verified"))
        #expect(try await daemon.terminate().status == 0)
    }
}
