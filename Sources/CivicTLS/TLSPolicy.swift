import NIOSSL

/// The TLS settings civicd serves with: Mozilla's "intermediate" profile.
public enum TLSPolicy {
    /// AEAD suites with ECDHE key exchange only, for TLS 1.2 (TLS 1.3 suites are all AEAD).
    public static let tls12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    /// Key-exchange groups: X25519, P-256, P-384.
    public static let curves: [NIOTLSCurve] = [.x25519, .secp256r1, .secp384r1]

    /// A server configuration for a PEM certificate chain and key.
    public static func serverConfiguration(certificateChainPEM: String, privateKeyPEM: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificateChainPEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key)
        )
        apply(to: &configuration)
        return configuration
    }

    /// A client configuration that verifies the server against `trustRootsPEM` (or the system roots).
    public static func clientConfiguration(trustRootsPEM: String?) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let trustRootsPEM {
            let roots = try NIOSSLCertificate.fromPEMBytes(Array(trustRootsPEM.utf8))
            configuration.trustRoots = .certificates(roots)
        }
        configuration.certificateVerification = .fullVerification
        apply(to: &configuration)
        return configuration
    }

    static func apply(to configuration: inout TLSConfiguration) {
        configuration.minimumTLSVersion = .tlsv12
        configuration.maximumTLSVersion = .tlsv13
        configuration.cipherSuites = tls12CipherSuites
        configuration.curves = curves
        // Terminal clients (openssl s_client, ncat) rarely answer close_notify: don't wait long for it.
        configuration.shutdownTimeout = .milliseconds(500)
    }
}
