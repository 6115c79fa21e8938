import CivicClient
import CivicCore
import Foundation
import Testing

/// Long lines are understood off the event loop, in order, with a deadline.
@Suite("Understanding off the event loop", .timeLimit(.minutes(2)))
struct OffLoopUnderstandingTests {
    static let longLine = (0..<300).map { index in "slowo\(index % 10)abc" }.joined(separator: " ")

    @Test("a line past the deadline gets took_too_long, the session goes on, and later lines keep their order")
    func pastTheDeadline() async throws {
        var limits = Limits()
        limits.understandingDeadlineMilliseconds = 0
        try await TestServer.with(limits: limits) { server in
            let client = try await server.greetedClient()
            try await client.sendLine("/format json")
            _ = try await client.readLine()
            try await client.sendLine(Self.longLine)
            try await client.sendLine("/format text")
            let first = try await client.readLine(timeout: .seconds(10))
            #expect(first.contains(#""error":"took_too_long""#), "\(first)")
            let second = try await client.read(until: "> ", timeout: .seconds(10))
            #expect(!second.hasPrefix("{"), "the line after the slow one is answered after it, in text: \(second)")
            // Short lines are answered in place, whatever the deadline.
            try await client.sendLine("dzien dobry")
            let third = try await client.read(until: "> ", timeout: .seconds(10))
            #expect(!third.contains("took_too_long") && third.count > 4)
            await client.close()
        }
    }

    @Test("with the default deadline a long line is answered normally, before the lines sent after it")
    func inOrder() async throws {
        try await TestServer.with { server in
            let client = try await server.greetedClient()
            try await client.sendLine("/format json")
            _ = try await client.readLine()
            try await client.sendLine(Self.longLine)
            try await client.sendLine("/format text")
            let first = try await client.readLine(timeout: .seconds(10))
            let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
            #expect(object?["error"] is NSNull, "\(first)")
            let second = try await client.read(until: "> ", timeout: .seconds(10))
            #expect(!second.hasPrefix("{"))
            await client.close()
        }
    }

    @Test("two connections sending 4,000-letter words do not hold up a third resident")
    func othersAreNotHeldUp() async throws {
        try await TestServer.with { server in
            let word = String(repeating: "abcdefghij", count: 400)
            var attackers: [TLSLineClient] = []
            for _ in 0..<2 {
                let attacker = try await server.greetedClient()
                for _ in 0..<5 { try await attacker.sendLine(word) }
                attackers.append(attacker)
            }
            let start = ContinuousClock.now
            let resident = try await server.greetedClient()
            try await resident.sendLine("dzien dobry")
            _ = try await resident.read(until: "> ", timeout: .seconds(5))
            let took = ContinuousClock.now - start
            // In-process, beside the whole suite running in parallel; the built daemon's test
            // (LongLineTests) holds the issue's one second.
            #expect(took < .seconds(3), "the third resident waited \(took)")
            await resident.close()
            for attacker in attackers { await attacker.close() }
        }
    }
}
