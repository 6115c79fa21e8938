import CivicClient
import CivicCore
import CivicStore
import CivicTLS
import Foundation
import NIOConcurrencyHelpers
import Testing

/// Confirmed means on disk: residents sign up over TLS from several connections, the daemon is
/// killed with SIGKILL mid-load, and every sign-up whose confirmation reached a client must be in
/// the database, with no partial rows.
@Suite("Crash safety of sign-ups", .serialized, .timeLimit(.minutes(3)))
struct CrashTests {
    static let rounds = 3
    static let residents = 6

    @Test("kill -9 mid-load loses no confirmed sign-up, leaves no partial row, and the daemon restarts")
    func killMidLoad() async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let confirmed = NIOLockedValueBox([String: String]())  // reference → contact
        for round in 0..<Self.rounds {
            let daemon = try await Daemon(dataDirectory: dataDirectory)
            let port = try await daemon.port()
            let certificate = try String(contentsOf: dataDirectory.appendingPathComponent("tls/cert.pem"), encoding: .utf8)
            let tls = try TLSPolicy.clientConfiguration(trustRootsPEM: certificate)
            let stop = NIOLockedValueBox(false)
            let before = confirmed.withLockedValue { $0.count }

            try await withThrowingTaskGroup(of: Void.self) { group in
                for resident in 0..<Self.residents {
                    group.addTask {
                        // Bounded: at most 300 sign-ups per resident and round.
                        for sequence in 1...300 where !stop.withLockedValue({ $0 }) {
                            let email = "r\(round)-\(resident)-\(sequence)@example.org"
                            var client: TLSLineClient?
                            do {
                                client = try await TLSLineClient.connect(host: "127.0.0.1", port: port, tls: tls, serverHostname: "localhost")
                                _ = try await client?.read(until: "> ", timeout: .seconds(5))
                                try await client?.sendLine("/format json")
                                _ = try await client?.readLine(timeout: .seconds(5))
                                if let client, let reference = try await Self.signUp(client, email: email) {
                                    confirmed.withLockedValue { $0[reference] = email }
                                }
                            } catch {
                                // The daemon died under us: unconfirmed sign-ups may or may not be stored.
                                if !daemon.process.isRunning { return }
                                try? await Task.sleep(for: .milliseconds(50))
                            }
                            await client?.close()
                        }
                    }
                }
                // Let confirmations accumulate, then kill the daemon in the middle of the load.
                try await waitFor(timeout: .seconds(60)) { confirmed.withLockedValue { $0.count } >= before + 10 }
                kill(daemon.process.processIdentifier, SIGKILL)
                daemon.process.waitUntilExit()
                stop.withLockedValue { $0 = true }
                try await group.waitForAll()
            }

            // Every confirmed sign-up is on disk, whole.
            let database = try AppDatabase.openExisting(path: dataDirectory.appendingPathComponent("civicd.sqlite").path)
            #expect(try await database.integrityCheck() == ["ok"])
            let rows = try await database.signups(matching: SignupFilter(includeErased: true))
            let stored = Dictionary(rows.map { ($0.reference, $0.contact ?? "") }, uniquingKeysWith: { first, _ in first })
            for (reference, contact) in confirmed.withLockedValue({ $0 }) {
                #expect(stored[reference] == contact, "confirmed \(reference) for \(contact) is missing after kill -9 (round \(round))")
            }
            for row in rows {
                #expect(row.name == "Anna Kowalska" && row.contact?.hasSuffix("@example.org") == true && row.consentVersion == "2026-12",
                        "partial row \(row.reference)")
            }
            #expect(try await database.auditCount(action: "signup.create") == rows.count, "each row has its audit event, and no event lacks its row")
        }
        #expect(confirmed.withLockedValue { $0.count } >= Self.rounds * 10)

        // The daemon starts again on the same data and serves.
        let daemon = try await Daemon(dataDirectory: dataDirectory)
        let client = try await daemon.jsonClient()
        #expect(try await Self.signUp(client, email: "after@example.org") != nil)
        await client.close()
        #expect(try await daemon.terminate().status == 0)
    }

    /// Drives the form by its `expecting` field; returns the reference once confirmed.
    static func signUp(_ client: TLSLineClient, email: String) async throws -> String? {
        try await client.sendLine("zapisz mnie do Centrum Obywatelskiego")
        for _ in 0..<10 {
            let line = try await client.readLine(timeout: .seconds(5))
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            guard let expecting = object["expecting"] as? String else {
                let text = object["text"] as? String ?? ""
                return text.split(separator: " ").lazy.compactMap { ReferenceCode.parse(String($0).trimmingCharacters(in: .punctuationCharacters)) }.first
            }
            switch expecting {
            case "programme", "district": try await client.sendLine((object["choices"] as? [String])?.first ?? "")
            case "name": try await client.sendLine("Anna Kowalska")
            case "contact": try await client.sendLine(email)
            default: try await client.sendLine("tak")
            }
        }
        return nil
    }
}
