import CivicClient
import CivicCore
import CivicTLS
import Foundation
import NIOSSL
import Testing

@Suite("Server over real TLS", .timeLimit(.minutes(1)))
struct ServerTests {
    @Test("greets, prompts, answers and says goodbye over verified TLS")
    func conversation() async throws {
        try await TestServer.with { server in
            let client = try await server.client()
            let greeting = try await client.read(until: "> ")
            #expect(greeting.hasPrefix("civicd:"))
            #expect(greeting.contains("\n" + Messages.greeting.en))
            #expect(greeting.hasSuffix("\n> "))
            try await client.sendLine("dzien dobry")
            let reply = try await client.read(until: "> ")
            #expect(reply.hasSuffix("\n> "))
            #expect(reply.count > 4)
            try await client.sendLine("/quit")
            let goodbye = try await client.readToEnd()
            #expect(goodbye.contains("Do widzenia"))
            #expect(!goodbye.contains("> "))
        }
    }

    @Test("a client that does not trust the server's CA fails the handshake")
    func verificationFailsWithOtherCA() async throws {
        try await TestServer.with { server in
            let stranger = try CertificateAuthority(name: "someone else")
            await #expect(throws: (any Error).self) {
                _ = try await server.client(tls: try TLSPolicy.clientConfiguration(trustRootsPEM: stranger.certificatePEM))
            }
            // The server keeps serving.
            let client = try await server.greetedClient()
            await client.close()
        }
    }

    @Test("the first-start self-signed certificate verifies when a client trusts that certificate file")
    func selfSignedPinned() async throws {
        let identity = try CertificateFactory.selfSigned()
        try await TestServer.with(selfSigned: identity) { server in
            let client = try await server.client(tls: try TLSPolicy.clientConfiguration(trustRootsPEM: identity.certificatePEM))
            #expect(try await client.read(until: "> ").hasPrefix("civicd:"))
            await client.close()
        }
    }

    @Test("TLS 1.1 and older are refused")
    func oldTLS() async throws {
        try await TestServer.with { server in
            var old = try TLSPolicy.clientConfiguration(trustRootsPEM: server.authority.certificatePEM)
            old.minimumTLSVersion = .tlsv1
            old.maximumTLSVersion = .tlsv11
            old.cipherSuites = "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA"
            await #expect(throws: (any Error).self) {
                _ = try await server.client(tls: old)
            }
        }
    }

    @Test("JSON mode: one object per line, no prompt")
    func jsonMode() async throws {
        try await TestServer.with { server in
            let client = try await server.greetedClient()
            try await client.sendLine("/format json")
            let ack = try await client.readLine()
            let ackObject = try #require(try JSONSerialization.jsonObject(with: Data(ack.utf8)) as? [String: Any])
            #expect(ackObject["error"] is NSNull)
            try await client.sendLine("how much does it cost?")
            let line = try await client.readLine()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["lang"] as? String == "en")
            #expect(object["intent"] as? String == "cost")
            #expect(Set(object.keys) == ["text", "intent", "confidence", "lang", "expecting", "choices", "error"])
            try await client.sendLine("/format text")
            _ = try await client.readLine()
            #expect(try await client.read(until: "> ", timeout: .seconds(2)) == "> ")
            await client.close()
        }
    }

    @Test("an over-long line gets line_too_long and the session goes on")
    func longLine() async throws {
        var limits = Limits()
        limits.maxLineBytes = 100
        try await TestServer.with(limits: limits) { server in
            let client = try await server.greetedClient()
            try await client.sendLine("/format json")
            _ = try await client.readLine()
            try await client.send(String(repeating: "a", count: 150))
            let error = try await client.readLine()
            #expect(error.contains(#""error":"line_too_long""#))
            try await client.send(String(repeating: "b", count: 5_000) + "\n/help\n")
            let next = try await client.readLine()
            #expect(next.contains(#""error":null"#))
            #expect(next.contains("/lang"))
            await client.close()
        }
    }

    @Test("invalid UTF-8 gets bad_encoding and the session goes on")
    func badEncoding() async throws {
        try await TestServer.with { server in
            let client = try await server.greetedClient()
            try await client.sendLine("/format json")
            _ = try await client.readLine()
            try await client.send(bytes: [0x7A, 0xC3, 0x28, 0x0A])
            #expect(try await client.readLine().contains(#""error":"bad_encoding""#))
            try await client.sendLine("/help")
            #expect(try await client.readLine().contains(#""error":null"#))
            await client.close()
        }
    }

    @Test("telnet negotiation split across writes never reaches the dialogue")
    func telnet() async throws {
        try await TestServer.with { server in
            let client = try await server.greetedClient()
            try await client.send(bytes: [255, 253])
            try await Task.sleep(for: .milliseconds(50))
            try await client.send(bytes: [3, 255, 250, 24])
            try await Task.sleep(for: .milliseconds(50))
            try await client.send(bytes: Array("junk".utf8) + [255])
            try await Task.sleep(for: .milliseconds(50))
            try await client.send(bytes: [240] + Array("/help\r\n".utf8))
            let reply = try await client.read(until: "> ")
            #expect(reply.contains("/lang"))
            #expect(!reply.contains("junk"))
            await client.close()
        }
    }

    @Test("more than the allowed lines a second get slow_down; a flood is closed")
    func slowDown() async throws {
        var limits = Limits()
        limits.linesPerSecond = 5
        limits.floodCloseAfter = 30
        try await TestServer.with(limits: limits) { server in
            let client = try await server.greetedClient()
            try await client.sendLine("/format json")
            _ = try await client.readLine()
            try await Task.sleep(for: .milliseconds(1100))  // a full bucket again
            try await client.send(String(repeating: "/help\n", count: 10))
            var replies: [String] = []
            for _ in 0..<6 { replies.append(try await client.readLine()) }
            #expect(replies.filter { $0.contains(#""error":"slow_down""#) }.count == 1)
            #expect(replies.filter { $0.contains(#""error":null"#) }.count == 5)

            try await client.send(String(repeating: "/help\n", count: 100))
            let rest = try await client.readToEnd()
            #expect(rest.contains(#""error":"slow_down""#))
            #expect(client.isClosed)
        }
    }

    @Test("output queued past max_pending_output_bytes closes that connection; others go on")
    func outputCap() async throws {
        var limits = Limits()
        // Above the greeting (about 570 bytes in three languages), far below ten answers.
        limits.maxPendingOutputBytes = 640
        try await TestServer.with(limits: limits) { server in
            let client = try await server.greetedClient()
            // Ten questions in one write are answered in one pass before anything is flushed: ten
            // contact answers (~220 bytes each) would queue far more than 640 bytes; the daemon closes.
            try await client.send(String(repeating: "kontakt\n", count: 10))
            let rest = try await client.readToEnd(timeout: .seconds(5))
            #expect(client.isClosed)
            #expect(rest.utf8.count <= 640, "nothing past the limit was sent: \(rest.utf8.count) bytes")

            let other = try await server.greetedClient()
            try await other.sendLine("kontakt")
            #expect(try await other.read(until: "> ").contains("Reymonta"))
            await other.close()
        }
    }

    @Test("beyond max connections the client reads one busy line, then the close")
    func maxConnections() async throws {
        var limits = Limits()
        limits.maxConnections = 2
        try await TestServer.with(limits: limits) { server in
            let first = try await server.greetedClient()
            let second = try await server.greetedClient()
            let third = try await server.client()
            let busy = try await third.readToEnd()
            #expect(busy.contains("Server busy"))
            #expect(busy.filter { $0 == "\n" }.count == 1)
            await first.close()
            // A freed place is given to the next client.
            try await Task.sleep(for: .milliseconds(200))
            let fourth = try await server.greetedClient()
            await fourth.close()
            await second.close()
        }
    }

    @Test("beyond the per-peer limit the client reads one busy line")
    func perPeerLimit() async throws {
        var limits = Limits()
        limits.maxConnectionsPerPeer = 1
        try await TestServer.with(limits: limits) { server in
            let first = try await server.greetedClient()
            let second = try await server.client()
            #expect(try await second.readToEnd().contains("Serwer jest zajęty"))
            await first.close()
        }
    }

    @Test("an idle session is warned, then closed")
    func idle() async throws {
        var limits = Limits()
        limits.idleTimeoutSeconds = 2
        limits.idleWarningSeconds = 1
        try await TestServer.with(limits: limits) { server in
            let client = try await server.greetedClient()
            let warning = try await client.read(until: "> ", timeout: .seconds(5))
            #expect(warning.contains("Czy jesteś tam jeszcze?"))
            let end = try await client.readToEnd(timeout: .seconds(5))
            #expect(end.contains("braku aktywności"))
        }
    }

    @Test("plaintext on the TLS port is closed cleanly and the server goes on")
    func plaintext() async throws {
        try await TestServer.with { server in
            let raw = try await RawConnection(port: server.port)
            _ = try await raw.sendAndAwaitClose(Array("dzien dobry\n".utf8), timeout: .seconds(5))
            let client = try await server.greetedClient()
            await client.close()
        }
    }

    @Test("a client that never completes the handshake is closed after the timeout")
    func handshakeTimeout() async throws {
        var limits = Limits()
        limits.handshakeTimeoutSeconds = 1
        try await TestServer.with(limits: limits) { server in
            // Timed from before the connection is made: the server's timer starts only once it
            // accepted, so the close can never come sooner than the timeout after this point
            // (timing from after the connect flaked by the scheduling delay on a loaded machine).
            let start = ContinuousClock.now
            let raw = try await RawConnection(port: server.port)
            _ = try await raw.sendAndAwaitClose([], timeout: .seconds(5))  // throws unless the server closes
            let waited = ContinuousClock.now - start
            #expect(waited >= .seconds(1), "closed before the handshake timeout")
        }
    }

    @Test("a graceful stop says goodbye to every session")
    func gracefulStop() async throws {
        try await TestServer.with { server in
            let clients = [try await server.greetedClient(), try await server.greetedClient()]
            await server.shutdown()
            for client in clients {
                let goodbye = try await client.readToEnd(timeout: .seconds(5))
                #expect(goodbye.contains("Serwer jest zatrzymywany"))
            }
        }
    }
}
