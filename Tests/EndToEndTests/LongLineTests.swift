import CivicClient
import CivicTLS
import Foundation
import Testing

/// The acceptance on the built daemon: long words do not stall the desk or the stop.
@Suite("Long lines on the built daemon", .serialized, .timeLimit(.minutes(2)))
struct LongLineTests {
    @Test("two connections each sending a 4,000-letter word delay a third resident by under a second; SIGTERM exits 0 within 5 s")
    func longWords() async throws {
        let daemon = try await Daemon()
        let port = try await daemon.port()
        let certificate = try String(contentsOf: daemon.dataDirectory.appendingPathComponent("tls/cert.pem"), encoding: .utf8)
        let tls = try TLSPolicy.clientConfiguration(trustRootsPEM: certificate)
        func connect() async throws -> TLSLineClient {
            let client = try await TLSLineClient.connect(host: "127.0.0.1", port: port, tls: tls, serverHostname: "localhost")
            _ = try await client.read(until: "> ")
            return client
        }
        var attackers: [TLSLineClient] = []
        for index in 0..<2 {
            let attacker = try await connect()
            let word = String((0..<4_000).map { position in Array("abcdefghijklmnopqrstuvwxyz")[(position * 7 + index) % 26] })
            try await attacker.sendLine(word)
            try await attacker.sendLine(word)
            attackers.append(attacker)
        }
        let start = ContinuousClock.now
        let resident = try await connect()
        try await resident.sendLine("jak się zapisać?")
        _ = try await resident.read(until: "> ", timeout: .seconds(10))
        let took = ContinuousClock.now - start
        #expect(took < .seconds(1), "the third resident's handshake and answer took \(took)")
        // The attackers' lines were answered too.
        for attacker in attackers {
            _ = try await attacker.read(until: "> ", timeout: .seconds(10))
        }
        try await attackers[0].sendLine(String(repeating: "z", count: 4_000))
        let (status, stopped) = try await daemon.terminate()
        #expect(status == 0)
        #expect(stopped < .seconds(5), "SIGTERM took \(stopped)")
        await resident.close()
        for attacker in attackers { await attacker.close() }
    }
}
