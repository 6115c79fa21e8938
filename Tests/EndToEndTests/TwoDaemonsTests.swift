import CivicClient
import CivicCore
import CivicStore
import CivicTLS
import Foundation
import NIOConcurrencyHelpers
import NIOSSL
import Testing

/// Two built `civicd serve` daemons on one PostgreSQL database (`--database URL`), one
/// certificate for both, residents over real TLS through either: a sign-up through one is a
/// duplicate through the other, five wrong organiser codes spread over both lock log-in,
/// `civicd admin … --database URL` lists what both stored, and killing one with SIGKILL in the
/// middle of the load loses no confirmed sign-up and stores none twice.
///
/// Needs `CIVICD_TEST_POSTGRES_URL` (`.ci/run` starts a PostgreSQL and sets it; locally
/// `source .ci/postgres`); without it the test is reported skipped, and saying why.
@Suite("Two daemons on one PostgreSQL", .serialized, .timeLimit(.minutes(4)))
struct TwoDaemonsTests {
    static let serverURL: String? = ProcessInfo.processInfo.environment["CIVICD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// A new, empty database on the test server, and its URL.
    static func freshDatabase() async throws -> (name: String, url: String) {
        let server = try #require(serverURL)
        let name = "civicd_e2e_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
        let created = try await run("psql -X -q -v ON_ERROR_STOP=1 '\(server)' -c 'CREATE DATABASE \(name)'")
        try #require(created.status == 0, "psql: \(created.output)")
        var components = try #require(URLComponents(string: server))
        components.path = "/\(name)"
        return (name, try #require(components.string))
    }

    static func dropDatabase(_ name: String) async {
        guard let server = serverURL else { return }
        _ = try? await run("psql -X -q '\(server)' -c 'DROP DATABASE IF EXISTS \(name) WITH (FORCE)'")
    }

    /// `civicd admin ARGUMENTS --database URL`, from an empty data directory: nothing but the URL
    /// tells it where the sign-ups are.
    func admin(_ arguments: String, database url: String) async throws -> (status: Int32, output: String) {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-admin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: empty) }
        return try await run("cd '\(Daemon.repositoryRoot.path)' && '\(Daemon.binary.path)' admin \(arguments) --data-dir '\(empty.path)' --database '\(url)'")
    }

    /// A resident's connection in JSON mode, trusting the one certificate both daemons serve.
    func client(port: Int, tls: TLSConfiguration) async throws -> TLSLineClient {
        let client = try await TLSLineClient.connect(host: "127.0.0.1", port: port, tls: tls, serverHostname: "localhost")
        _ = try await client.read(until: "> ", timeout: .seconds(5))
        try await client.sendLine("/format json")
        _ = try await client.readLine(timeout: .seconds(5))
        return client
    }

    func json(_ client: TLSLineClient, _ line: String) async throws -> [String: Any] {
        try await client.sendLine(line)
        return try JSONSerialization.jsonObject(with: Data(try await client.readLine(timeout: .seconds(10)).utf8)) as? [String: Any] ?? [:]
    }

    /// Drives the sign-up form; returns the last reply (with the reference, or "already signed up").
    func signUp(_ client: TLSLineClient, email: String) async throws -> [String: Any] {
        var reply = try await json(client, "zapisz mnie do Centrum Obywatelskiego")
        for _ in 0..<10 {
            guard let expecting = reply["expecting"] as? String else { return reply }
            switch expecting {
            case "programme", "district": reply = try await json(client, (reply["choices"] as? [String])?.first ?? "")
            case "name": reply = try await json(client, "Anna Kowalska")
            case "contact": reply = try await json(client, email)
            default: reply = try await json(client, "tak")
            }
        }
        return reply
    }

    static func reference(in reply: [String: Any]) -> String? {
        let text = reply["text"] as? String ?? ""
        return text.split(separator: " ").lazy.compactMap { ReferenceCode.parse(String($0).trimmingCharacters(in: .punctuationCharacters)) }.first
    }

    @Test("a sign-up through one is a duplicate through the other; five wrong codes over both lock log-in; admin --database lists all; kill -9 of one loses no confirmed sign-up",
          .enabled(if: serverURL != nil, "CIVICD_TEST_POSTGRES_URL is not set: the two-daemon PostgreSQL test did NOT run (source .ci/postgres to run it)"))
    func twoDaemons() async throws {
        let (name, url) = try await Self.freshDatabase()

        // One configured certificate for both (the first daemon's, made at its start), as
        // docs/OPERATIONS.md asks of every instance behind one address.
        let first = try await Daemon(arguments: ["--database", url])
        let firstPort = try await first.port()
        #expect(first.logText.contains("engine=postgresql"))
        #expect(!FileManager.default.fileExists(atPath: first.dataDirectory.appendingPathComponent("civicd.sqlite").path), "no SQLite file beside PostgreSQL")
        let certificate = first.dataDirectory.appendingPathComponent("tls/cert.pem").path
        let key = first.dataDirectory.appendingPathComponent("tls/key.pem").path
        let second = try await Daemon(arguments: ["--database", url, "--cert", certificate, "--key", key])
        let secondPort = try await second.port()
        let tls = try TLSPolicy.clientConfiguration(trustRootsPEM: try String(contentsOfFile: certificate, encoding: .utf8))

        // A sign-up through one is "already signed up" through the other.
        let one = try await client(port: firstPort, tls: tls)
        let reference = try #require(Self.reference(in: try await signUp(one, email: "anna@example.org")))
        await one.close()
        let other = try await client(port: secondPort, tls: tls)
        let duplicate = try await signUp(other, email: "ANNA@example.org")
        await other.close()
        #expect((duplicate["text"] as? String)?.contains("jest już zapisany") == true, "\(duplicate)")
        #expect((duplicate["text"] as? String)?.contains(reference) == false, "the duplicate reveals no code")
        let listed = try await admin("signups list --format json", database: url)
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.output.contains(reference))

        // Five wrong organiser codes spread over both daemons (a new connection each time, so
        // no session counts more than one) lock log-in from the address on both.
        let added = try await admin("organisers add 'Ewa Nowak'", database: url)
        let code = try #require(added.output.split(separator: "\n").first { $0.hasPrefix("access code: ") }?.dropFirst("access code: ".count))
        var verdicts: [String] = []
        for attempt in 0..<5 {
            let resident = try await client(port: attempt.isMultiple(of: 2) ? firstPort : secondPort, tls: tls)
            let reply = try await json(resident, "/login ZZZZ-ZZZZ-ZZZZ")
            await resident.close()
            verdicts.append(reply["error"] as? String ?? "none")
            if attempt < 4 {
                let seconds = Int((reply["text"] as? String ?? "").split(separator: " ").first { Int($0) != nil } ?? "0") ?? 0
                #expect(seconds == 1 << attempt, "the address's delay grows across daemons: \(reply)")
                try await Task.sleep(for: .milliseconds(seconds * 1000 + 150))
            }
        }
        #expect(verdicts == ["login_failed", "login_failed", "login_failed", "login_failed", "login_locked"])
        for port in [firstPort, secondPort] {
            let organiser = try await client(port: port, tls: tls)
            let locked = try await json(organiser, "/login \(code)")
            await organiser.close()
            #expect(locked["error"] as? String == "login_locked", "even the right code, on either daemon: \(locked)")
        }
        #expect(try await admin("organisers unlock", database: url).output.contains("lifted"))
        let organiser = try await client(port: secondPort, tls: tls)
        #expect(try await json(organiser, "/login \(code)")["error"] is NSNull)
        await organiser.close()

        // Load through both; the second is killed with SIGKILL in the middle of it.
        let confirmed = NIOLockedValueBox([String: String]())  // reference → contact
        let through = NIOLockedValueBox([0, 0])                 // confirmations per daemon
        let stop = NIOLockedValueBox(false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for resident in 0..<6 {
                let daemon = resident.isMultiple(of: 2) ? first : second
                let port = resident.isMultiple(of: 2) ? firstPort : secondPort
                group.addTask {
                    for sequence in 1...300 where !stop.withLockedValue({ $0 }) {
                        let email = "load-\(resident)-\(sequence)@example.org"
                        do {
                            let client = try await self.client(port: port, tls: tls)
                            if let reference = Self.reference(in: try await self.signUp(client, email: email)) {
                                confirmed.withLockedValue { $0[reference] = email }
                                through.withLockedValue { $0[resident % 2] += 1 }
                            }
                            await client.close()
                        } catch {
                            // The daemon died under us: an unconfirmed sign-up may or may not be stored.
                            if !daemon.process.isRunning { return }
                            try? await Task.sleep(for: .milliseconds(50))
                        }
                    }
                }
            }
            try await waitFor(timeout: .seconds(90)) { through.withLockedValue { $0[1] >= 10 && $0[0] >= 10 } }
            kill(second.process.processIdentifier, SIGKILL)
            second.process.waitUntilExit()
            // The other daemon goes on confirming.
            let before = through.withLockedValue { $0[0] }
            try await waitFor(timeout: .seconds(60)) { through.withLockedValue { $0[0] } >= before + 10 }
            stop.withLockedValue { $0 = true }
            try await group.waitForAll()
        }
        #expect(first.process.isRunning)

        // Every confirmed reference is stored exactly once, with its contact, and admin lists it.
        let array = try #require(try JSONSerialization.jsonObject(with: Data(try await admin("signups list --format json", database: url).output.utf8)) as? [[String: Any]])
        var stored: [String: [String]] = [:]
        for row in array {
            if let reference = row["reference"] as? String { stored[reference, default: []].append(row["contact"] as? String ?? "") }
        }
        let promised = confirmed.withLockedValue { $0 }
        #expect(promised.count >= 20)
        for (reference, contact) in promised {
            #expect(stored[reference] == [contact], "confirmed \(reference) for \(contact): stored as \(stored[reference] ?? [])")
        }
        #expect(stored.values.allSatisfy { $0.count == 1 }, "no reference stored twice")
        let database = try await PostgresStore.open(try PostgresLocation(url: url), migrate: false)
        let rows = try await database.signups(matching: SignupFilter(includeErased: true))
        #expect(rows.count == array.count && Set(rows.map(\.reference)).count == rows.count)
        #expect(Set(rows.compactMap(\.contact)).count == rows.count, "one live sign-up per contact")
        #expect(try await database.auditCount(action: "signup.create") == rows.count, "each row has its audit event, and no event lacks its row")
        await database.close()

        // admin backup is SQLite's; for PostgreSQL it says what to use instead.
        let backup = try await admin("backup /tmp/civicd-never-\(UUID().uuidString).sqlite", database: url)
        #expect(backup.status != 0 && backup.output.contains("pg_dump"))
        #expect(try await first.terminate().status == 0)
        await Self.dropDatabase(name)
    }

    @Test("an unreachable database stops start-up with one clear line, without the password")
    func unreachable() async throws {
        // Port 9 on loopback: nothing listens there.
        let daemon = try await Daemon(arguments: ["--database", "postgres://civicd:s3cret-pass@127.0.0.1:9/civicd?sslmode=disable"])
        #expect(try await daemon.exitStatus() != 0)
        #expect(daemon.logText.contains("cannot use PostgreSQL at postgres://civicd@127.0.0.1:9/civicd"), "\(daemon.logText)")
        #expect(!daemon.logText.contains("s3cret-pass"))
        let admin = try await run("'\(Daemon.binary.path)' admin signups list --database 'postgres://civicd:s3cret-pass@127.0.0.1:9/civicd?sslmode=disable'")
        #expect(admin.status != 0)
        #expect(admin.output.contains("cannot use PostgreSQL") && !admin.output.contains("s3cret-pass"), "\(admin.output)")
    }
}
