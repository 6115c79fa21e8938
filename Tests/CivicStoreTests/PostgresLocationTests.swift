import Testing
@testable import CivicStore

/// `database.url` / `--database`: what is read from it, and that no message repeats a password.
@Suite("PostgreSQL locations")
struct PostgresLocationTests {
    @Test("a full URL: user, password, host, port, database, TLS; the description leaves the password out")
    func full() throws {
        let location = try PostgresLocation(url: "postgres://civicd:p%40ss@db.example.org:6432/civic_d?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(location.user == "civicd" && location.password == "p@ss")
        #expect(location.host == "db.example.org" && location.port == 6432 && location.database == "civic_d")
        #expect(location.tls == .verifyFull && location.rootCertificateFile == "/etc/ca.pem")
        #expect(location.description == "postgres://civicd@db.example.org:6432/civic_d?sslmode=verify-full")
        #expect(!location.description.contains("p@ss") && !location.description.contains("p%40ss"))
    }

    @Test("defaults: port 5432, sslmode prefer; postgresql:// is the same")
    func defaults() throws {
        let location = try PostgresLocation(url: "postgresql://civicd@127.0.0.1/civicd")
        #expect(location.port == 5432 && location.tls == .prefer && location.password == nil)
    }

    @Test("mistakes are refused without repeating the URL", arguments: [
        "mysql://civicd:secret@h/d", "postgres://civicd:secret@h", "postgres://:secret@h/d", "postgres://civicd:secret@h/d?sslmode=maybe",
        "postgres://civicd:secret@h/d?sslrootcert=/ca.pem", "postgres://civicd:secret@h/d?password=x", "not a url at all secret",
    ])
    func mistakes(_ url: String) {
        #expect {
            _ = try PostgresLocation(url: url)
        } throws: { error in
            "\(error)".contains("database URL") && !"\(error)".contains("secret")
        }
    }
}
