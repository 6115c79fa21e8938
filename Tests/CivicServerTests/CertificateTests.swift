import CivicClient
import CivicServer
import CivicSetup
import CivicTLS
import Foundation
import SwiftASN1
import Testing
import X509

@Suite("The self-signed certificate")
struct CertificateTests {
    @Test("is a server certificate, not a CA, and lives at most 397 days")
    func notACA() throws {
        let identity = try CertificateFactory.selfSigned()
        let certificate = try Certificate(pemEncoded: identity.certificatePEM)
        let constraints = try #require(try certificate.extensions.basicConstraints)
        #expect(constraints == .notCertificateAuthority)
        // No key usage at all (a self-signed one without certificate signing would not verify);
        // never one that allows certificate signing.
        #expect(try certificate.extensions.keyUsage.map { !$0.keyCertSign } ?? true)
        let days = certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore) / 86_400
        #expect(days <= 397.05)
    }

    @Test("is renewed at start-up with the same key when it expires within 30 days; pinned keys keep working")
    func renewal() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-tls-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try TLSMaterial.load(certificateFile: nil, keyFile: nil, dataDirectory: directory)
        #expect(first.created)
        let soon = try TLSMaterial.load(certificateFile: nil, keyFile: nil, dataDirectory: directory, now: Date().addingTimeInterval(300 * 86_400))
        #expect(!soon.renewed && soon.fingerprint == first.fingerprint, "not yet due")
        let late = Date().addingTimeInterval(380 * 86_400)
        let renewed = try TLSMaterial.load(certificateFile: nil, keyFile: nil, dataDirectory: directory, now: late)
        #expect(renewed.renewed)
        #expect(renewed.fingerprint != first.fingerprint)
        #expect(renewed.publicKeyFingerprint == first.publicKeyFingerprint)
        #expect(renewed.identity.privateKeyPEM == first.identity.privateKeyPEM)
        #expect(try CertificateFactory.notValidAfter(certificatePEM: renewed.identity.certificatePEM) > late.addingTimeInterval(300 * 86_400))
        // Read back from disk: the renewed certificate is the one kept.
        let again = try TLSMaterial.load(certificateFile: nil, keyFile: nil, dataDirectory: directory, now: late)
        #expect(!again.renewed && again.fingerprint == renewed.fingerprint)

        // A client pinning the public key accepts both the old and the renewed certificate; one
        // pinning the old certificate's own fingerprint accepts only the old one.
        for (identity, expectCertificatePin) in [(first.identity, true), (renewed.identity, false)] {
            try await TestServer.with(selfSigned: identity) { server in
                let keyPin = try ClientTrust.fingerprint(first.publicKeyFingerprint).tlsConfiguration()
                let client = try await TLSLineClient.connect(host: "127.0.0.1", port: server.port, tls: keyPin.0, serverHostname: "localhost", verification: keyPin.1)
                #expect(try await client.read(until: "> ").hasPrefix("civicd:"))
                await client.close()
                let certificatePin = try ClientTrust.fingerprint(first.fingerprint).tlsConfiguration()
                let pinned = try? await TLSLineClient.connect(host: "127.0.0.1", port: server.port, tls: certificatePin.0, serverHostname: "localhost", verification: certificatePin.1)
                let greeted = (try? await pinned?.read(until: "> ", timeout: .seconds(5))) != nil
                #expect(greeted == expectCertificatePin)
                await pinned?.close()
            }
        }
    }
}
