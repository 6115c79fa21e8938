import CivicClient
import CivicCore
import CivicServer
import CivicStore
import Foundation
import MetricsTestKit
import Testing

/// A v1 header for a resident at `source`, as HAProxy's `send-proxy` writes it.
func proxyV1(_ source: String, port: Int = 40000) -> [UInt8] {
    let family = source.contains(":") ? "TCP6" : "TCP4"
    let destination = source.contains(":") ? "::1" : "127.0.0.1"
    return Array("PROXY \(family) \(source) \(destination) \(port) 7443\r\n".utf8)
}

/// A v2 header (`send-proxy-v2`): PROXY, TCP over IPv4 or IPv6, with one TLV after the addresses.
func proxyV2(_ source: String, port: UInt16 = 40000) -> [UInt8] {
    let address = IPAddress(source)!
    let destination = address.isV4 ? IPAddress("127.0.0.1")! : IPAddress("::1")!
    let tlv: [UInt8] = [0x04, 0x00, 0x02, 0x00, 0x00]   // PP2_TYPE_NOOP
    let body = address.bytes + destination.bytes + [UInt8(port >> 8), UInt8(port & 0xff), 0x1D, 0x13] + tlv
    let signature: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A]
    return signature + [0x21, address.isV4 ? 0x11 : 0x21, UInt8(body.count >> 8), UInt8(body.count & 0xff)] + body
}

/// v2 LOCAL: the proxy speaking for itself (a health check).
let proxyV2Local: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0x00, 0x00]

@Suite("PROXY protocol on the resident listener, over real TLS", .timeLimit(.minutes(2)))
struct ProxyProtocolTests {
    static let loopbackProxy = ProxyProtocolConfiguration(trustedProxies: [AddressRange("127.0.0.0/8")!])

    /// Bounded wait for what the server records after the client has moved on.
    func eventually(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while try await !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test("a v1 or v2 header, then TLS: the conversation goes on and the header's address is the resident's")
    func headerThenTLS() async throws {
        try await TestServer.with(proxyProtocol: Self.loopbackProxy) { server in
            for (preface, resident) in [(proxyV1("192.0.2.10"), "192.0.2.10"), (proxyV2("198.51.100.20"), "198.51.100.20"),
                                        (proxyV1("2001:DB8::7"), "2001:db8::7"), (proxyV2("2001:db8::8"), "2001:db8::8")] {
                let client = try await server.greetedClient(preface: preface)
                _ = try await client.json("/format json")
                let answer = try await client.json("jak się zapisać?")
                #expect(answer.error == nil && !answer.text.isEmpty)
                #expect(try await client.json("/login ZZZZ-ZZZZ-ZZZZ").error == "login_failed")
                // The wrong code counts against the resident's address, not the proxy's.
                #expect(try await server.database.loginWait(address: resident) != nil, "\(resident)")
                await client.close()
            }
            #expect(try await server.database.loginWait(address: "127.0.0.1") == nil, "the proxy's address counted nothing")
            #expect(try await server.database.lockedLoginAddresses().count == 4)
        }
    }

    @Test("PROXY UNKNOWN and v2 LOCAL: the proxy's own address stands")
    func unknownAndLocal() async throws {
        try await TestServer.with(proxyProtocol: Self.loopbackProxy) { server in
            for preface in [Array("PROXY UNKNOWN\r\n".utf8), proxyV2Local] {
                let client = try await server.greetedClient(preface: preface)
                _ = try await client.json("/format json")
                #expect(try await client.json("/login ZZZZ-ZZZZ-ZZZZ").error == "login_failed")
                await client.close()
                try await Task.sleep(for: .milliseconds(1100))
            }
            #expect(try await server.database.lockedLoginAddresses().map(\.address) == ["127.0.0.1"])
            #expect(try await server.database.lockedLoginAddresses().map(\.failures) == [2])
        }
    }

    @Test("two residents behind one proxy: five wrong codes from one do not lock the other", .timeLimit(.minutes(1)))
    func lockoutPerResident() async throws {
        try await TestServer.with(proxyProtocol: Self.loopbackProxy) { server in
            let (_, code) = try await server.database.addOrganiser(name: "Ewa")
            let intruder = try await server.greetedClient(preface: proxyV2("203.0.113.66"))
            _ = try await intruder.json("/format json")
            var locked = false
            for _ in 0..<5 {
                let reply = try await intruder.json("/login ZZZZ-ZZZZ-ZZZZ")
                if reply.error == "login_locked" { locked = true; break }
                #expect(reply.error == "login_failed")
                let seconds = Int(reply.text.split(separator: " ").first { Int($0) != nil } ?? "0") ?? 0
                try await Task.sleep(for: .milliseconds(seconds * 1000 + 100))
            }
            if !locked { locked = try await intruder.json("/login \(code)").error == "login_locked" }
            #expect(locked, "the fifth wrong code locked the intruder's address")
            #expect(try await server.database.loginWait(address: "203.0.113.66") == .locked(seconds: 900))
            // The intruder's next connection through the proxy is locked too ...
            let again = try await server.greetedClient(preface: proxyV1("203.0.113.66"))
            _ = try await again.json("/format json")
            #expect(try await again.json("/login \(code)").error == "login_locked")
            // ... but the organiser, behind the same proxy from another address, gets in at once.
            let organiser = try await server.greetedClient(preface: proxyV1("203.0.113.7"))
            _ = try await organiser.json("/format json")
            let welcome = try await organiser.json("/login \(code)")
            #expect(welcome.error == nil)
            #expect(welcome.text.contains("Ewa"))
            await intruder.close()
            await again.close()
            await organiser.close()
        }
    }

    @Test("no header, a malformed, over-long or late one, or an untrusted peer: closed before TLS and counted")
    func refusals() async throws {
        let factory = TestMetrics()
        func refused(_ reason: String) -> Int64 {
            factory.counterTotal(label: ServerMetrics.Name.refusals, dimensions: [("reason", reason)])
        }
        var limits = Limits()
        limits.handshakeTimeoutSeconds = 1
        try await TestServer.with(limits: limits, metrics: ServerMetrics(factory: factory), proxyProtocol: Self.loopbackProxy) { server in
            // A TLS client straight to the daemon, no header: refused.
            await #expect(throws: (any Error).self) { _ = try await server.client() }
            try await eventually { refused("proxy_header_missing") == 1 }
            #expect(refused("proxy_header_missing") == 1)

            _ = try await RawConnection(port: server.port).sendAndAwaitClose(Array("PROXY TCP4 192.0.2.1 nonsense 1 2\r\n".utf8), timeout: .seconds(5))
            try await eventually { refused("proxy_header_malformed") == 1 }
            #expect(refused("proxy_header_malformed") == 1)

            _ = try await RawConnection(port: server.port).sendAndAwaitClose(Array(("PROXY TCP6 " + String(repeating: "f", count: 200)).utf8), timeout: .seconds(5))
            try await eventually { refused("proxy_header_too_long") == 1 }
            #expect(refused("proxy_header_too_long") == 1)

            // Half a header, then silence: closed after the handshake timeout. Timed from before the
            // connect: the server's clock starts when it accepts, which a busy machine may do well
            // before this task resumes from the connect.
            let beforeConnect = ContinuousClock.now
            _ = try await RawConnection(port: server.port).sendAndAwaitClose(Array("PROXY TCP4 192.0".utf8), timeout: .seconds(5))
            let took = ContinuousClock.now - beforeConnect
            #expect(took >= .milliseconds(900) && took < .seconds(4))
            try await eventually { refused("proxy_header_timeout") == 1 }
            #expect(refused("proxy_header_timeout") == 1)
            #expect(refused("proxy_untrusted") == 0)
            #expect(try await server.database.lockedLoginAddresses().isEmpty)
        }
        // Only 10.0.0.0/8 trusted: this test's loopback client is refused even with a good header.
        let elsewhere = ProxyProtocolConfiguration(trustedProxies: [AddressRange("10.0.0.0/8")!])
        try await TestServer.with(metrics: ServerMetrics(factory: factory), proxyProtocol: elsewhere) { server in
            let took = try await RawConnection(port: server.port).sendAndAwaitClose([], timeout: .seconds(5))
            #expect(took < .seconds(2), "closed at once")
            await #expect(throws: (any Error).self) { _ = try await server.client(preface: proxyV1("192.0.2.1")) }
            try await eventually { refused("proxy_untrusted") == 2 }
            #expect(refused("proxy_untrusted") == 2)
        }
    }

    @Test("without proxy_protocol a PROXY header is no TLS: the handshake fails, as before")
    func offByDefault() async throws {
        try await TestServer.with { server in
            await #expect(throws: (any Error).self) { _ = try await server.client(preface: proxyV1("192.0.2.1")) }
            let client = try await server.greetedClient()
            _ = try await client.json("/format json")
            #expect(try await client.json("/login ZZZZ-ZZZZ-ZZZZ").error == "login_failed")
            #expect(try await server.database.loginWait(address: "127.0.0.1") != nil)
            await client.close()
        }
    }
}
