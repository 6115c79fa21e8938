import CivicClient
import CivicCore
import Foundation
import Testing

/// One address, many people: a citizen centre behind one NAT address.
@Suite("Per-address limits", .timeLimit(.minutes(1)))
struct PeerCapTests {
    @Test("silent sockets still in the handshake do not take the places of sessions from the same address")
    func silentSocketsDoNotLockOut() async throws {
        var limits = Limits()
        limits.maxConnectionsPerPeer = 3
        limits.handshakeTimeoutSeconds = 3
        try await TestServer.with(limits: limits) { server in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    let silent = try await RawConnection(port: server.port)
                    group.addTask { _ = try await silent.sendAndAwaitClose([], timeout: .seconds(10)) }
                }
                try await Task.sleep(for: .milliseconds(300))
                let resident = try await server.greetedClient()
                try await resident.sendLine("dzien dobry")
                let reply = try await resident.read(until: "> ", timeout: .seconds(5))
                #expect(!reply.contains("zajęty") && reply.count > 4, "\(reply)")
                await resident.close()
                try await group.waitForAll()
            }
        }
    }

    @Test("established sessions from one address are still capped")
    func sessionsAreCapped() async throws {
        var limits = Limits()
        limits.maxConnectionsPerPeer = 2
        try await TestServer.with(limits: limits) { server in
            let first = try await server.greetedClient()
            let second = try await server.greetedClient()
            let third = try await server.client()
            #expect(try await third.readToEnd().contains("Serwer jest zajęty"))
            await first.close()
            await second.close()
        }
    }

    @Test("identified kiosks do not count towards their address's cap")
    func kiosksAreExempt() async throws {
        var limits = Limits()
        limits.maxConnectionsPerPeer = 1
        try await TestServer.with(limits: limits, kioskTokens: ["kiosk-token-for-tests"]) { server in
            let kiosk = try await server.greetedClient()
            try await kiosk.sendLine("/kiosk kiosk-token-for-tests")
            _ = try await kiosk.read(until: "> ", timeout: .seconds(5))
            let resident = try await server.greetedClient()
            try await resident.sendLine("dzien dobry")
            let reply = try await resident.read(until: "> ", timeout: .seconds(5))
            #expect(!reply.contains("zajęty"), "\(reply)")
            await resident.close()
            await kiosk.close()
        }
    }
}
