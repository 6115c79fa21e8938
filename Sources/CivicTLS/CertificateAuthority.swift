import Crypto
import Foundation
import SwiftASN1
import X509

/// A small certificate authority made in-process: for tests (a server certificate that a
/// verifying client trusts), for the TLS scan, and for kiosk client certificates.
public struct CertificateAuthority: Sendable {
    public let certificatePEM: String
    public let privateKeyPEM: String
    private let certificate: Certificate
    private let privateKey: Certificate.PrivateKey

    /// A new authority with a fresh P-256 key.
    public init(name: String = "civicd test CA", validForDays days: Int = 3650, now: Date = Date()) throws {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try CertificateFactory.distinguishedName(name)
        let certificate = try CertificateFactory.makeCertificate(
            subject: subject, publicKey: key.publicKey, issuer: subject, issuerKey: key, days: days, now: now,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: key.publicKey)
            }
        )
        self.certificate = certificate
        self.privateKey = key
        self.certificatePEM = try certificate.serializeAsPEM().pemString
        self.privateKeyPEM = try key.serializeAsPEM().pemString
    }

    /// Loads an authority from PEM files' contents.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        self.certificate = try Certificate(pemEncoded: certificatePEM)
        self.privateKey = try Certificate.PrivateKey(pemEncoded: privateKeyPEM)
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    public enum Usage: Sendable {
        case server
        case client
    }

    /// A leaf certificate signed by this authority.
    public func issue(
        commonName: String,
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        usage: Usage = .server,
        validForDays days: Int = 825,
        now: Date = Date()
    ) throws -> PEMIdentity {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let certificate = try CertificateFactory.makeCertificate(
            subject: try CertificateFactory.distinguishedName(commonName), publicKey: key.publicKey,
            issuer: self.certificate.subject, issuerKey: privateKey, days: days, now: now,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([usage == .server ? .serverAuth : .clientAuth])
                try AuthorityKeyIdentifier(keyIdentifier: self.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
                if usage == .server {
                    SubjectAlternativeNames(try CertificateFactory.alternativeNames(dnsNames: dnsNames, ipAddresses: ipAddresses))
                }
            }
        )
        return PEMIdentity(
            certificatePEM: try certificate.serializeAsPEM().pemString,
            privateKeyPEM: try key.serializeAsPEM().pemString
        )
    }
}
