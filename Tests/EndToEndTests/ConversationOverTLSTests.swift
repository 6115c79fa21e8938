import CivicClient
import CivicCore
import Foundation
import Testing

/// Issue 15 over real TLS with the built daemon, in JSON mode: `intent` and `expecting` move as a
/// resident speaking naturally expects, and staff see what was stored.
@Suite("A natural conversation over TLS", .serialized, .timeLimit(.minutes(3)))
struct ConversationOverTLSTests {
    func say(_ client: TLSLineClient, _ line: String) async throws -> [String: Any] {
        try await client.sendLine(line)
        return try JSONSerialization.jsonObject(with: Data(try await client.readLine().utf8)) as? [String: Any] ?? [:]
    }

    @Test("an ended programme named by its campaign, colloquial consent, a correction, \"when will you call?\", a language request")
    func conversation() async throws {
        let daemon = try await Daemon()
        let client = try await daemon.jsonClient()

        let start = try await say(client, "zapisz mnie do kampanii słuchania")
        #expect(start["intent"] as? String == "signup")
        #expect(start["expecting"] as? String == "name", "the programme follows from the campaign")
        #expect((start["text"] as? String)?.contains("2023") == true, "said to have ended, before anything is collected")

        #expect(try await say(client, "Anna Kowalska, anna@example.org")["expecting"] as? String == "district")
        #expect(try await say(client, "Polanka")["expecting"] as? String == "consent")
        let summary = try await say(client, "no zgadzam się")
        #expect(summary["expecting"] as? String == "confirm")
        let corrected = try await say(client, "to nie mój mail, mój jest anna.nowak@example.org")
        #expect(corrected["expecting"] as? String == "confirm")
        #expect((corrected["text"] as? String)?.contains("anna.nowak@example.org") == true)

        let done = try await say(client, "no pewnie")
        let text = done["text"] as? String ?? ""
        let reference = try #require(text.split(separator: " ").lazy.compactMap { ReferenceCode.parse(String($0).trimmingCharacters(in: .punctuationCharacters)) }.first)
        #expect(done["expecting"] is NSNull)

        let when = try await say(client, "kiedy zadzwonicie?")
        #expect(when["intent"] as? String == "signup")
        #expect((when["text"] as? String)?.contains(reference) == true)
        let english = try await say(client, "can we continue in English?")
        #expect(english["lang"] as? String == "en")
        await client.close()

        let listed = try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' admin signups list --format json --data-dir '\(daemon.dataDirectory.path)'")
        #expect(listed.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]] ?? []
        let row = try #require(rows.first { $0["reference"] as? String == reference })
        #expect(row["contact"] as? String == "anna.nowak@example.org")
        #expect(row["next_edition"] as? Bool == true)
        #expect(row["programme"] as? String == "os_krosno")
    }
}
