import CivicClient
import CivicCore
import CivicStore
import Foundation
import GRDB
import Testing

/// One JSON reply line, decoded.
struct JSONReply {
    var text: String
    var intent: String?
    var expecting: String?
    var choices: [String]
    var error: String?

    init(_ line: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(line)")
        }
        text = object["text"] as? String ?? ""
        intent = object["intent"] as? String
        expecting = object["expecting"] as? String
        choices = object["choices"] as? [String] ?? []
        error = object["error"] as? String
    }
}

extension TLSLineClient {
    func json(_ line: String) async throws -> JSONReply {
        try await sendLine(line)
        return try JSONReply(try await readLine())
    }
}

/// Signs a resident up in JSON mode by answering whatever `expecting` asks. Returns the
/// confirmation reply, and the replies to the invalid contact when `invalidContactFirst`.
func signUp(_ client: TLSLineClient, email: String, invalidContactFirst: Bool = false) async throws -> (done: JSONReply, rejected: [JSONReply]) {
    var reply = try await client.json("chcę się zapisać")
    var rejected: [JSONReply] = []
    var triedInvalid = !invalidContactFirst
    for _ in 0..<12 {
        guard let expecting = reply.expecting else { return (reply, rejected) }
        let answer: String
        switch expecting {
        case "programme", "district": answer = reply.choices.first ?? ""
        case "name": answer = "Anna Kowalska"
        case "contact" where !triedInvalid:
            triedInvalid = true
            answer = "anna(at)example"
        case "contact": answer = email
        case "consent", "confirm": answer = "tak"
        default: throw TestFailure("unexpected slot \(expecting)")
        }
        reply = try await client.json(answer)
        if answer == "anna(at)example" { rejected.append(reply) }
    }
    throw TestFailure("the form did not finish")
}

@Suite("Sign-ups and organisers over real TLS", .timeLimit(.minutes(1)))
struct RecordsOverTLSTests {
    @Test("a JSON-mode sign-up answering `expecting` is confirmed with a reference after commit; an invalid contact is re-asked")
    func signupInJSON() async throws {
        try await TestServer.with { server in
            let client = try await server.greetedClient()
            _ = try await client.json("/format json")
            let (done, rejected) = try await signUp(client, email: "anna@example.org", invalidContactFirst: true)
            #expect(rejected.count == 1)
            #expect(rejected.first?.error == "invalid_value")
            #expect(rejected.first?.expecting == "contact")
            let reference = try #require(done.text.split(separator: " ").first { ReferenceCode.parse(String($0.trimmingCharacters(in: .punctuationCharacters))) != nil })
                .trimmingCharacters(in: .punctuationCharacters)
            let stored = try await server.database.signups(matching: SignupFilter())
            #expect(stored.map(\.reference) == [reference])
            #expect(stored.first?.contact == "anna@example.org")

            // The same contact again: no second row.
            let again = try await signUp(client, email: "anna@example.org").done
            #expect(again.text.contains("już zapisany"))
            #expect(!again.text.contains(reference), "a contact typed again never reveals the existing sign-up's code")
            #expect(!again.text.contains("Anna"))
            #expect(try await server.database.signups(matching: SignupFilter()).count == 1)
            await client.close()
        }
    }

    @Test("an organiser logs in, records a note and sees progress; a wrong code is throttled")
    func organiser() async throws {
        try await TestServer.with { server in
            let (_, code) = try await server.database.addOrganiser(name: "Ewa")
            let client = try await server.greetedClient()
            _ = try await client.json("/format json")
            let wrong = try await client.json("/login AAAA-BBBB-CCCC")
            #expect(wrong.error == "login_failed")
            let tooSoon = try await client.json("/login \(code)")
            #expect(tooSoon.error == "login_failed", "even the right code waits out the delay")
            try await Task.sleep(for: .milliseconds(1100))
            let welcome = try await client.json("/login \(code)")
            #expect(welcome.error == nil)
            #expect(welcome.text.contains("Ewa"))

            var reply = try await client.json("nowa notatka")
            let answers = ["district": "Polanka", "date": "wczoraj", "topic": "zieleń", "concerns": "Brakuje ławek.", "recontact": "nie", "confirm": "tak"]
            while let expecting = reply.expecting {
                reply = try await client.json(try #require(answers[expecting]))
            }
            #expect(reply.text.contains("1 z 20 rozmów"))
            let progress = try await client.json("jaki mam postęp?")
            #expect(progress.intent == "progress")
            #expect(progress.text.hasPrefix("1 z 20 rozmów; raport do 17 maja 2023 (termin minął)"))
            await client.close()
        }
    }

    @Test("five wrong codes lock log-in for the session and the peer", .timeLimit(.minutes(1)))
    func lockout() async throws {
        try await TestServer.with { server in
            let (_, code) = try await server.database.addOrganiser(name: "Ewa")
            let client = try await server.greetedClient()
            _ = try await client.json("/format json")
            var delays: [Int] = []
            for _ in 0..<5 {
                let reply = try await client.json("/login ZZZZ-ZZZZ-ZZZZ")
                if reply.error == "login_locked" { break }
                #expect(reply.error == "login_failed")
                let seconds = Int(reply.text.split(separator: " ").first { Int($0) != nil } ?? "0") ?? 0
                delays.append(seconds)
                try await Task.sleep(for: .milliseconds(seconds * 1000 + 100))
            }
            #expect(delays == [1, 2, 4, 8])
            #expect(try await client.json("/login \(code)").error == "login_locked")
            // Another connection from the same address gains no fresh tries: the fifth wrong code
            // locked the address in the database (as it would on any daemon sharing it), and the
            // reply says for how long and whom to ask.
            let other = try await server.greetedClient()
            _ = try await other.json("/format json")
            let waiting = try await other.json("/login \(code)")
            #expect(waiting.error == "login_locked")
            #expect(waiting.text.contains("15 min"), "locked for a quarter of an hour, said in the reply")
            #expect(waiting.text.contains("koordynator"))
            // Staff lift the lock (what `civicd admin organisers unlock` does); the organiser gets in.
            #expect(try await server.database.unlockLogins() == 1)
            let welcome = try await other.json("/login \(code)")
            #expect(welcome.error == nil)
            #expect(welcome.text.contains("Ewa"))
            await client.close()
            await other.close()
        }
    }

    @Test("a success never clears another's failures at the same address")
    func successKeepsAddressFailures() async throws {
        try await TestServer.with { server in
            let (_, code) = try await server.database.addOrganiser(name: "Ewa")
            let intruder = try await server.greetedClient()
            _ = try await intruder.json("/format json")
            #expect(try await intruder.json("/login ZZZZ-ZZZZ-ZZZZ").error == "login_failed")
            try await Task.sleep(for: .milliseconds(1100))
            let organiser = try await server.greetedClient()
            _ = try await organiser.json("/format json")
            #expect(try await organiser.json("/login \(code)").error == nil)
            // The intruder's next wrong code is the address's second: the wait doubled.
            let second = try await intruder.json("/login ZZZZ-ZZZZ-ZZZA")
            #expect(second.error == "login_failed")
            #expect(second.text.contains("2 s"))
            await intruder.close()
            await organiser.close()
        }
    }

    @Test("after \"notatka\" a resident's sentence is no log-in attempt; a code-shaped line is")
    func onlyCodesAreAttempts() async throws {
        try await TestServer.with { server in
            let client = try await server.greetedClient()
            _ = try await client.json("/format json")
            let asked = try await client.json("notatka")
            #expect(asked.expecting == "code")
            let resident = try await client.json("nie mam kodu, jestem mieszkanką")
            #expect(resident.error == nil, "no log-in error for a sentence")
            #expect(!resident.text.contains("Nieprawidłowy kod"), "nor a word about a wrong code")
            #expect(try await server.database.loginWait(address: "127.0.0.1") == nil, "the address counts no failure")
            _ = try await client.json("notatka")
            #expect(try await client.json("ZZZZ ZZZZ ZZZZ").error == "login_failed")
            await client.close()
        }
    }
}
