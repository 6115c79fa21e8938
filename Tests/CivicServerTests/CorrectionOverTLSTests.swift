import CivicClient
import CivicCore
import CivicStore
import Foundation
import Testing

@Suite("Correcting a sign-up over real TLS", .timeLimit(.minutes(1)))
struct CorrectionOverTLSTests {
    @Test("the conversation that signed up corrects its contact in the database; a later connection cannot")
    func correctThenLaterConnection() async throws {
        try await TestServer.with { server in
            let client = try await server.greetedClient()
            _ = try await client.json("/format json")
            let done = try await signUp(client, email: "anna@example.org").done
            let reference = try #require(done.text.split(separator: " ").first { ReferenceCode.parse(String($0.trimmingCharacters(in: .punctuationCharacters))) != nil })
                .trimmingCharacters(in: .punctuationCharacters)

            let summary = try await client.json("o kurcze, pomyliłam się w mailu, poprawny to anna.nowak@example.org")
            #expect(summary.expecting == "confirm")
            #expect(summary.text.contains(reference))
            #expect(try await server.database.signup(reference: reference)?.contact == "anna@example.org", "nothing changes before the yes")
            let corrected = try await client.json("tak")
            #expect(corrected.error == nil)
            #expect(corrected.text.contains(reference))
            let row = try #require(try await server.database.signup(reference: reference))
            #expect(row.contact == "anna.nowak@example.org", "confirmed only once it is committed")
            #expect(try await server.database.auditCount(action: "signup.correct") == 1)
            await client.close()

            let later = try await server.greetedClient()
            _ = try await later.json("/format json")
            let refused = try await later.json("pomyliłam się w zgłoszeniu, mój mail to ewa@example.org")
            #expect(refused.expecting == nil)
            #expect(refused.text.contains("kod referencyjny"))
            #expect(try await server.database.signup(reference: reference)?.contact == "anna.nowak@example.org", "a later connection changes nothing")
            await later.close()
        }
    }
}
