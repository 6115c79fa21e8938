import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate and its private key, both PEM.
public struct PEMIdentity: Sendable, Equatable {
    public var certificatePEM: String
    public var privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}

/// Makes certificates in-process with swift-certificates: the daemon's first-start self-signed
/// certificate, and throwaway certificate authorities for tests and kiosks.
public enum CertificateFactory {
    /// The longest a self-signed certificate lives: the CA/Browser Forum's 397 days.
    public static let maxSelfSignedDays = 397

    /// A self-signed ECDSA P-256 server certificate for `dnsNames` and `ipAddresses`, with a new
    /// key or, to renew one, with `privateKeyPEM`'s (so a pinned public key stays valid).
    public static func selfSigned(
        commonName: String = "civicd",
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        validForDays days: Int = maxSelfSignedDays,
        privateKeyPEM: String? = nil,
        now: Date = Date()
    ) throws -> PEMIdentity {
        let key = try privateKeyPEM.map { try Certificate.PrivateKey(pemEncoded: $0) } ?? Certificate.PrivateKey(P256.Signing.PrivateKey())
        let name = try distinguishedName(commonName)
        let certificate = try makeCertificate(
            subject: name, publicKey: key.publicKey, issuer: name, issuerKey: key, days: days, now: now,
            extensions: try Certificate.Extensions {
                // A server certificate and nothing more: not a CA, so no verifier accepts anything
                // it signs. There is no key-usage extension: a self-signed certificate whose
                // key usage lacks certificate signing is not "self-issued" to OpenSSL or BoringSSL,
                // and clients that trust this file (-CAfile, trust roots) would refuse it.
                Critical(BasicConstraints.notCertificateAuthority)
                try ExtendedKeyUsage([.serverAuth])
                SubjectKeyIdentifier(hash: key.publicKey)
                SubjectAlternativeNames(try alternativeNames(dnsNames: dnsNames, ipAddresses: ipAddresses))
            }
        )
        return PEMIdentity(
            certificatePEM: try certificate.serializeAsPEM().pemString,
            privateKeyPEM: try key.serializeAsPEM().pemString
        )
    }

    /// `O=civicd, CN=commonName`.
    static func distinguishedName(_ commonName: String) throws -> DistinguishedName {
        try DistinguishedName {
            OrganizationName("civicd")
            CommonName(commonName)
        }
    }

    /// An ECDSA-SHA256 X.509 v3 certificate valid from an hour ago for `days` days.
    static func makeCertificate(
        subject: DistinguishedName, publicKey: Certificate.PublicKey, issuer: DistinguishedName,
        issuerKey: Certificate.PrivateKey, days: Int, now: Date, extensions: Certificate.Extensions
    ) throws -> Certificate {
        try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
            issuer: issuer,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: issuerKey
        )
    }

    /// The SHA-256 fingerprint of the first certificate in `pem`, as colon-separated upper-case hex
    /// (the form `openssl x509 -fingerprint -sha256` prints).
    public static func fingerprintSHA256(certificatePEM pem: String) throws -> String {
        fingerprintSHA256(der: try PEMDocument(pemString: pem).derBytes)
    }

    /// The SHA-256 fingerprint of a DER certificate, colon-separated upper-case hex.
    public static func fingerprintSHA256(der: [UInt8]) -> String {
        SHA256.hash(data: der).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }

    /// The SHA-256 of the certificate's public key (its DER SubjectPublicKeyInfo), colon-separated
    /// upper-case hex: what `civicd chat --fingerprint` pins, unchanged when the certificate is
    /// renewed with the same key. The same as
    /// `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256`.
    public static func publicKeyFingerprintSHA256(certificatePEM pem: String) throws -> String {
        let certificate = try Certificate(pemEncoded: pem)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate.publicKey)
        return fingerprintSHA256(der: serializer.serializedBytes)
    }

    /// When the first certificate in `pem` stops being valid.
    public static func notValidAfter(certificatePEM pem: String) throws -> Date {
        try Certificate(pemEncoded: pem).notValidAfter
    }

    /// Reads a fingerprint as people paste it: with or without colons, any case, optionally
    /// prefixed `sha256` / `SHA256 Fingerprint=`. Nil unless it is 32 bytes of hex.
    public static func normalizedFingerprint(_ text: String) -> String? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if let equals = value.lastIndex(of: "=") { value = String(value[value.index(after: equals)...]) }
        if value.lowercased().hasPrefix("sha256:") { value = String(value.dropFirst(7)) }
        let hex = value.filter { $0 != ":" && $0 != " " }.uppercased()
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        var pairs: [String] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            pairs.append(String(hex[index..<next]))
            index = next
        }
        return pairs.joined(separator: ":")
    }

    static func alternativeNames(dnsNames: [String], ipAddresses: [String]) throws -> [GeneralName] {
        var names = dnsNames.map { GeneralName.dnsName($0) }
        for address in ipAddresses {
            guard let bytes = ipv4Bytes(address) ?? ipv6Bytes(address) else {
                throw CertificateFactoryError.invalidIPAddress(address)
            }
            names.append(.ipAddress(ASN1OctetString(contentBytes: bytes[...])))
        }
        return names
    }

    static func ipv4Bytes(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let bytes = parts.compactMap { UInt8($0) }
        return bytes.count == 4 ? bytes : nil
    }

    static func ipv6Bytes(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}

public enum CertificateFactoryError: Error, CustomStringConvertible, Equatable {
    case invalidIPAddress(String)

    public var description: String {
        switch self {
        case .invalidIPAddress(let text): return "'\(text)' is not an IP address"
        }
    }
}
