import CivicClient
import CivicCore
import Foundation
import Testing

/// Issue 16 over real TLS with the built daemon: a Ukrainian question gets the Ukrainian answer,
/// and the sign-up form runs in Ukrainian, stored with the resident's language.
@Suite("Ukrainian over TLS", .serialized, .timeLimit(.minutes(3)))
struct UkrainianOverTLSTests {
    func say(_ client: TLSLineClient, _ line: String) async throws -> [String: Any] {
        try await client.sendLine(line)
        return try JSONSerialization.jsonObject(with: Data(try await client.readLine().utf8)) as? [String: Any] ?? [:]
    }

    @Test("openssl s_client: the banner's Ukrainian line, a Ukrainian answer, a Ukrainian goodbye")
    func textSession() async throws {
        let daemon = try await Daemon()
        let port = try await daemon.port()
        let cert = daemon.dataDirectory.appendingPathComponent("tls/cert.pem").path
        let session = try await run(
            "openssl s_client -quiet -connect 127.0.0.1:\(port) -CAfile '\(cert)' -verify_return_error -verify_hostname localhost",
            input: "Добрий день, скільки коштує участь у Громадському центрі в Кракові?\n/quit\n"
        )
        #expect(session.status == 0, "\(session.output)")
        #expect(session.output.contains(Messages.ukrainianBanner))
        #expect(session.output.contains("Centrum Obywatelskie (Громадський центр)"), "\(session.output)")
        #expect(session.output.contains("безкоштовна"), "\(session.output)")
        #expect(session.output.contains("До побачення! Дякуємо за розмову."))
        #expect(!daemon.logText.contains("Громадському"), "typed text is never logged")
    }

    @Test("JSON: a question typed in Latin letters, then the sign-up form in Ukrainian; staff see language uk")
    func signupInUkrainian() async throws {
        let daemon = try await Daemon()
        let client = try await daemon.jsonClient()

        let question = try await say(client, "pryvit, de znakhodytsia hromadskyi tsentr u Krakovi?")
        #expect(question["lang"] as? String == "uk")
        #expect(question["intent"] as? String == "contact")
        #expect((question["text"] as? String)?.contains("ul. Reymonta 20, Kraków") == true)

        let start = try await say(client, "запишіть мене, будь ласка, до Громадського центру")
        #expect(start["intent"] as? String == "signup")
        #expect(start["expecting"] as? String == "name")
        #expect((start["text"] as? String)?.contains("Як вас звати?") == true, "\(start)")
        #expect(try await say(client, "Олена Коваленко")["expecting"] as? String == "contact")
        let wrong = try await say(client, "мій телефон 12 34")
        #expect(wrong["expecting"] as? String == "contact")
        #expect((wrong["text"] as? String)?.contains("Не розпізнаю цей контакт") == true, "\(wrong)")
        let consent = try await say(client, "olena@example.org")
        #expect(consent["expecting"] as? String == "consent")
        #expect((consent["text"] as? String)?.contains("Записуючись, ви вказуєте") == true, "the privacy notice in Ukrainian")
        let summary = try await say(client, "так, згодна")
        #expect(summary["expecting"] as? String == "confirm")
        #expect((summary["text"] as? String)?.hasPrefix("Перевірте, будь ласка:") == true)
        let done = try await say(client, "так")
        let text = done["text"] as? String ?? ""
        #expect(text.hasPrefix("Готово — запис прийнято"), "\(text)")
        #expect(done["lang"] as? String == "uk")
        let reference = try #require(text.split(separator: " ").lazy.compactMap { ReferenceCode.parse(String($0).trimmingCharacters(in: .punctuationCharacters)) }.first)
        await client.close()

        let listed = try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' admin signups list --format json --data-dir '\(daemon.dataDirectory.path)'")
        #expect(listed.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]] ?? []
        let row = try #require(rows.first { $0["reference"] as? String == reference })
        #expect(row["language"] as? String == "uk")
        #expect(row["name"] as? String == "Олена Коваленко")
        #expect(row["programme"] as? String == "centrum_obywatelskie")
    }
}
