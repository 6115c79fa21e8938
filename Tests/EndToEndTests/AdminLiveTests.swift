import CivicClient
import CivicCore
import CivicTLS
import Foundation
import GRDB
import NIOConcurrencyHelpers
import Testing

/// `civicd admin` run as staff would, on the database of a daemon that is writing to it.
@Suite("civicd admin beside the live daemon", .serialized, .timeLimit(.minutes(3)))
struct AdminLiveTests {
    func admin(_ daemon: Daemon, _ arguments: String, input: String = "") async throws -> (status: Int32, output: String) {
        try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' admin \(arguments) --data-dir '\(daemon.dataDirectory.path)'", input: input)
    }

    func client(_ daemon: Daemon, port: Int) async throws -> TLSLineClient {
        try await daemon.jsonClient(port: port)
    }

    func json(_ client: TLSLineClient, _ line: String) async throws -> [String: Any] {
        try await client.sendLine(line)
        return try JSONSerialization.jsonObject(with: Data(try await client.readLine().utf8)) as? [String: Any] ?? [:]
    }

    @Test("list, filter, export, stats, organisers, erasure and escaping while the daemon writes")
    func staffWork() async throws {
        let daemon = try await Daemon()
        let port = try await daemon.port()

        // Residents keep signing up in the background (bounded).
        let writer = Task {
            // One connection per resident: a single connection may send 20 lines a second at most.
            var references: [String] = []
            for index in 0..<30 {
                let resident = try await client(daemon, port: port)
                if let reference = try await CrashTests.signUp(resident, email: "live\(index)@example.org") { references.append(reference) }
                await resident.close()
            }
            return references
        }

        // Organisers: a code is printed once, works over TLS, and stops working when revoked.
        let added = try await admin(daemon, "organisers add 'Ewa Nowak'")
        #expect(added.status == 0)
        let code = try #require(added.output.split(separator: "\n").first { $0.hasPrefix("access code: ") }?.dropFirst("access code: ".count))
        let organiser = try await client(daemon, port: port)
        #expect((try await json(organiser, "/login \(code)"))["error"] is NSNull)
        var reply = try await json(organiser, "nowa notatka")
        let answers = ["district": "Polanka", "date": "dziś", "topic": "=HYPERLINK(\"http://example.org\")", "concerns": "Za mało miejsc.",
                       "recontact": "tak", "recontact_how": "tel. 600 100 200", "confirm": "tak"]
        while let expecting = reply["expecting"] as? String { reply = try await json(organiser, try #require(answers[expecting])) }
        await organiser.close()
        let notes = try await admin(daemon, "notes export --format csv")
        #expect(notes.output.contains("Za mało miejsc."))
        // A note beginning with "=" is exported as text, never as a formula (CWE-1236).
        #expect(notes.output.contains("\"'=HYPERLINK(\"\"http://example.org\"\")\""))
        #expect(!notes.output.contains(",=HYPERLINK"))

        // A resident asks for erasure in conversation; staff see the request.
        let resident = try await client(daemon, port: port)
        let reference = try #require(try await CrashTests.signUp(resident, email: "anna@example.org"))
        _ = try await json(resident, "chcę usunąć moje dane")
        _ = try await json(resident, reference)
        _ = try await json(resident, "anna@example.org")
        await resident.close()
        #expect(try await admin(daemon, "erasure-requests").output.contains(reference))

        // A name with an escape sequence from elsewhere (an import, an older version) prints escaped.
        let database = try DatabaseQueue(path: daemon.dataDirectory.appendingPathComponent("civicd.sqlite").path, configuration: {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            return configuration
        }())
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO signup (reference, programme, name, contact, district, consentVersion, language, createdAt)
                VALUES ('KR-ESC0', 'os_krosno', 'Evil' || char(27) || '[2J', 'evil@example.org', 'Polanka', '2026-11', 'pl', ?)
                """, arguments: [Date()])
        }
        // Staff search as they type: "lukasz" finds "Łukasz", a district by any part of its name.
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO signup (reference, programme, name, contact, district, consentVersion, language, createdAt)
                VALUES ('KR-LUK0', 'os_krosno', 'Łukasz Żółć', '+48 126 345 678', 'osiedle Traugutta', '2026-11', 'pl', ?)
                """, arguments: [Date()])
        }
        let lukasz = try await admin(daemon, "signups list --search lukasz")
        #expect(lukasz.output.contains("Łukasz Żółć"))
        #expect(lukasz.output.contains("+48 126 345 678"), "the table never cuts a contact")
        #expect(try await admin(daemon, "signups list --format csv --district traugutta").output.contains("KR-LUK0"))
        for format in ["table", "csv", "json"] {
            let listing = try await admin(daemon, "signups list --format \(format) --search Evil")
            #expect(listing.status == 0)
            #expect(!listing.output.contains("\u{1B}"), "raw ESC in \(format)")
            #expect(listing.output.contains(format == "json" ? "\\u001b[2J" : "\\x1b[2J"), "\(listing.output)")
        }
        #expect(try await admin(daemon, "signups show KR-ESC0").output.contains("Evil\\x1b[2J"))

        let live = try await writer.value
        #expect(live.count == 30)

        // Lists and filters while rows keep arriving.
        let table = try await admin(daemon, "signups list")
        #expect(table.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let array = try #require(try JSONSerialization.jsonObject(with: Data(try await admin(daemon, "signups list --format json").output.utf8)) as? [[String: Any]])
        #expect(array.count == live.count + 3)
        #expect(try await admin(daemon, "signups list --format csv --search live7").output.contains("live7@example.org"))
        #expect(try await admin(daemon, "signups list --format csv --programme os_krosno").output.split(separator: "\r\n").count == 3)
        let csv = try await admin(daemon, "signups list --format csv --spreadsheet")
        #expect(csv.output.hasPrefix("\u{FEFF}reference;created;programme"))
        let stats = try await admin(daemon, "stats")
        #expect(stats.output.contains("By programme"))
        #expect(stats.output.contains("Ewa Nowak"))
        #expect(stats.output.contains("1/20"))

        // Staff see whether the request's code and contact matched, and where it came from.
        let requests = try #require(try JSONSerialization.jsonObject(with: Data(try await admin(daemon, "erasure-requests --format json").output.utf8)) as? [[String: Any]])
        #expect(requests.first?["matched"] as? Bool == true)
        #expect(requests.first?["session"] as? String == "remote")

        // Right of access: everything held about the contact, as JSON.
        let access = try await admin(daemon, "subject export --contact anna@example.org")
        #expect(access.status == 0)
        let subject = try #require(try JSONSerialization.jsonObject(with: Data(access.output.utf8)) as? [String: Any])
        #expect((subject["signups"] as? [[String: Any]])?.first?["reference"] as? String == reference)
        #expect((subject["erasure_requests"] as? [[String: Any]])?.count == 1)
        #expect(((subject["audit_events"] as? [[String: Any]]) ?? []).contains { $0["action"] as? String == "signup.create" })

        // Erasure by contact and by reference: gone from every list and export, counts kept.
        // Without --yes, erase shows exactly what goes and asks in the staff language (Polish).
        let declined = try await admin(daemon, "erase --contact anna@example.org", input: "nie\n")
        #expect(declined.status != 0)
        #expect(declined.output.contains("Zostanie usunięte:"), "the plan in the staff language, as its question")
        #expect(declined.output.contains("Anna Kowalska"))
        #expect(declined.output.contains("anna@example.org"))
        #expect(declined.output.contains("Usunąć te dane osobowe?"))
        let byContact = try await admin(daemon, "erase --contact anna@example.org", input: "tak\n")
        #expect(byContact.output.contains("usunięto zapisy: 1"))
        let byReference = try await admin(daemon, "erase --ref \(live[0]) --yes")
        #expect(byReference.output.contains(live[0]))
        let phone = try await admin(daemon, "erase --contact '600 100 200' --yes")
        #expect(phone.output.contains("notatki: 1"))
        for format in ["table", "csv", "json"] {
            let listing = try await admin(daemon, "signups list --format \(format)").output
            #expect(!listing.contains("anna@example.org"))
            #expect(!listing.contains("live0@example.org"))
        }
        #expect(!(try await admin(daemon, "notes export --format json").output.contains("600 100 200")))
        #expect(try await admin(daemon, "signups list --format json --include-erased").output.contains(live[0]))
        #expect(try await admin(daemon, "stats").output.contains("Sign-ups: \(live.count + 3)"))
        #expect(!(try await admin(daemon, "erasure-requests").output.contains(reference)), "the request is handled")
        for format in ["table", "csv", "json"] {
            #expect(!(try await admin(daemon, "erasure-requests --all --format \(format)").output.contains("anna@example.org")), "no listing shows an erased contact")
        }
        #expect(try await admin(daemon, "retention purge --older-than 30d --yes").output.contains("anonymised 0 sign-up(s)"))

        // Revoked codes no longer log in.
        #expect(try await admin(daemon, "organisers revoke 1").status == 0)
        let again = try await client(daemon, port: port)
        #expect((try await json(again, "/login \(code)"))["error"] as? String == "login_failed")
        await again.close()

        // Mistakes get one clear line.
        let missing = try await run("'\(Daemon.binary.path)' admin signups list --data-dir /nonexistent")
        #expect(missing.status != 0)
        #expect(missing.output.contains("does not exist"))
        #expect(try await daemon.terminate().status == 0)
    }
}
