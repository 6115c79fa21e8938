import CivicCore
import CivicSetup
import Foundation
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("the shipped config/civicd.yml holds the defaults")
    func shippedFile() throws {
        let url = TestServer.repositoryRoot.appendingPathComponent("config/civicd.yml")
        let parsed = try DaemonConfiguration.parse(try String(contentsOf: url, encoding: .utf8), file: "config/civicd.yml")
        #expect(parsed == DaemonConfiguration())
    }

    @Test("values override the defaults")
    func values() throws {
        let parsed = try DaemonConfiguration.parse("""
        listen: "[::1]:9000"
        limits:
          max_line_bytes: 1_000
          idle_warning_seconds: 0
          understanding_cache_lines: 0
        tls:
          cert: /etc/civicd/cert.pem
          key: /etc/civicd/key.pem
        """, file: "x.yml")
        #expect(parsed.host == "::1")
        #expect(parsed.port == 9000)
        #expect(parsed.limits.maxLineBytes == 1000)
        #expect(parsed.limits.idleWarningAfterSeconds == nil)
        #expect(parsed.limits.understandingCacheLines == 0)
        #expect(parsed.certificateFile == "/etc/civicd/cert.pem")
    }

    @Test("database.url names PostgreSQL; empty or absent means the SQLite file")
    func databaseURL() throws {
        let parsed = try DaemonConfiguration.parse("database:\n  url: postgres://civicd@db:5432/civicd?sslmode=require\n", file: "x.yml")
        #expect(parsed.databaseURL == "postgres://civicd@db:5432/civicd?sslmode=require")
        #expect(try DaemonConfiguration.parse("database:\n  url:\n", file: "x.yml").databaseURL == nil)
        #expect(DaemonConfiguration().databaseURL == nil, "SQLite stays the zero-configuration default")
    }

    @Test("mistakes stop start-up with one message naming the place", arguments: [
        ("listen: 127.0.0.1:7443\nlisten_port: 1\n", "x.yml:2: unknown key 'listen_port'"),
        ("limits:\n  max_lines: 3\n", "x.yml:2: unknown key 'limits.max_lines'"),
        ("limits:\n  max_line_bytes: -1\n", "x.yml:2: limits.max_line_bytes must be a whole number above 0"),
        ("listen: localhost\n", "x.yml:1: 'localhost' is not HOST:PORT"),
        ("listen: localhost:99999\n", "x.yml:1: 'localhost:99999' is not HOST:PORT with a port from 0 to 65535"),
        ("log_level: loud\n", "x.yml:1: unknown log level 'loud'"),
        ("timezone: Mars/Olympus\n", "x.yml:1: unknown time zone 'Mars/Olympus'"),
        ("tls:\n  certificate: a\n", "x.yml:2: unknown key 'tls.certificate'"),
        ("database:\n  uri: postgres://a:secret@h/d\n", "x.yml:2: unknown key 'database.uri'"),
        ("- a\n- b\n", "x.yml: the configuration must be a mapping"),
        ("staff_language: uk\n", "x.yml:1: staff_language must be one of pl, en"),
        ("languages:\n  russian_reply: ru\n", "x.yml:2: languages.russian_reply must be one of pl, en, uk"),
        ("languages:\n  default: uk\n", "x.yml:2: unknown key 'languages.default'"),
    ])
    func mistakes(_ text: String, _ message: String) {
        do {
            _ = try DaemonConfiguration.parse(text, file: "x.yml")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test("proxy_protocol: off by default; on with trusted addresses and networks; on without any, or a bad entry, refused")
    func proxyProtocol() throws {
        #expect(!DaemonConfiguration().proxyProtocol && DaemonConfiguration().trustedProxies.isEmpty)
        let on = try DaemonConfiguration.parse("proxy_protocol:\n  enabled: true\n  trusted_proxies: [10.0.0.2, 10.0.1.0/24, \"2001:db8::/32\"]\n", file: "c.yml")
        #expect(on.proxyProtocol)
        #expect(on.trustedProxies.map(\.description) == ["10.0.0.2", "10.0.1.0/24", "2001:db8::/32"])
        #expect(try on.validated(at: "c.yml") == on)
        let bare = try DaemonConfiguration.parse("proxy_protocol:\n  enabled: yes\n", file: "c.yml")
        #expect(throws: ConfigurationError("c.yml: proxy_protocol.enabled needs proxy_protocol.trusted_proxies (the proxies' addresses or networks, e.g. [10.0.0.2, 10.0.1.0/24])")) {
            try bare.validated(at: "c.yml")
        }
        #expect(throws: ConfigurationError("c.yml:3: '10.0.0.1/8' is not an IP address or a network such as 10.0.0.0/24 (the bits after the prefix must be zero)")) {
            try DaemonConfiguration.parse("proxy_protocol:\n  enabled: true\n  trusted_proxies: [10.0.0.1/8]\n", file: "c.yml")
        }
        #expect(throws: ConfigurationError("c.yml:2: unknown key 'proxy_protocol.trusted' (known: enabled, trusted_proxies)")) {
            try DaemonConfiguration.parse("proxy_protocol:\n  trusted: [10.0.0.1]\n", file: "c.yml")
        }
        #expect(throws: ConfigurationError("c.yml:2: proxy_protocol.enabled must be true or false")) {
            try DaemonConfiguration.parse("proxy_protocol:\n  enabled: maybe\n", file: "c.yml")
        }
        #expect(try DaemonConfiguration.parseTrustedProxy("::1").description == "::1")
    }

    @Test("languages.russian_reply: uk by default, pl or en when configured")
    func russianReply() throws {
        #expect(DaemonConfiguration().russianReply == .uk)
        #expect(try DaemonConfiguration.parse("languages:\n  russian_reply: pl\n", file: "x.yml").russianReply == .pl)
        #expect(try DaemonConfiguration.parse("languages:\n  russian_reply: EN\n", file: "x.yml").russianReply == .en)
    }

    @Test("--cert without --key is refused")
    func certWithoutKey() {
        #expect(throws: ConfigurationError.self) {
            _ = try TLSMaterial.load(certificateFile: "/tmp/cert.pem", keyFile: nil, dataDirectory: "/tmp")
        }
    }

    @Test("an unreadable certificate is refused with its path")
    func unreadableCertificate() {
        do {
            _ = try TLSMaterial.load(certificateFile: "/nonexistent/cert.pem", keyFile: "/nonexistent/key.pem", dataDirectory: "/tmp")
            Issue.record("accepted a missing certificate")
        } catch {
            #expect(error.description.contains("cannot read certificate /nonexistent/cert.pem"))
        }
    }

    @Test("the first start creates a self-signed pair with a private key file, later starts reuse it")
    func selfSigned() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-tls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try TLSMaterial.load(certificateFile: nil, keyFile: nil, dataDirectory: directory.path)
        #expect(first.created)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("tls/key.pem").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let second = try TLSMaterial.load(certificateFile: nil, keyFile: nil, dataDirectory: directory.path)
        #expect(!second.created)
        #expect(second.fingerprint == first.fingerprint)
        #expect(first.fingerprint.split(separator: ":").count == 32)
    }
}
