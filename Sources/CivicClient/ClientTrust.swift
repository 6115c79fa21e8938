import CivicTLS
import NIOSSL

/// How a client trusts the server: a CA (or the server's own certificate) from a file, or a pinned
/// SHA-256 fingerprint. There is no "don't verify" option.
public enum ClientTrust: Sendable {
    case caFile(pem: String)
    case fingerprint(String)
    /// The system's trust roots (a server with a public certificate).
    case system

    /// The TLS configuration, and the pinning check when the trust is a fingerprint.
    public func tlsConfiguration() throws -> (TLSConfiguration, (@Sendable (NIOSSLCertificate) -> Bool)?) {
        switch self {
        case .caFile(let pem):
            return (try TLSPolicy.clientConfiguration(trustRootsPEM: pem), nil)
        case .system:
            return (try TLSPolicy.clientConfiguration(trustRootsPEM: nil), nil)
        case .fingerprint(let expected):
            var configuration = try TLSPolicy.clientConfiguration(trustRootsPEM: nil)
            // The pinned fingerprint replaces chain and name checks; it is stricter than both.
            configuration.certificateVerification = .noHostnameVerification
            let wanted = CertificateFactory.normalizedFingerprint(expected) ?? expected
            // The public key's fingerprint (survives renewal), or — as before — the certificate's.
            return (configuration, { certificate in
                Self.publicKeyFingerprint(of: certificate) == wanted || Self.fingerprint(of: certificate) == wanted
            })
        }
    }

    /// Colon-separated upper-case SHA-256 of the certificate's SubjectPublicKeyInfo.
    public static func publicKeyFingerprint(of certificate: NIOSSLCertificate) -> String? {
        guard let spki = try? certificate.extractPublicKey().toSPKIBytes() else { return nil }
        return CertificateFactory.fingerprintSHA256(der: spki)
    }

    /// Colon-separated upper-case SHA-256 of the certificate's DER bytes.
    public static func fingerprint(of certificate: NIOSSLCertificate) -> String? {
        guard let der = try? certificate.toDERBytes() else { return nil }
        return CertificateFactory.fingerprintSHA256(der: der)
    }
}
