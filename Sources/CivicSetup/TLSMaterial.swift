import CivicCore
import CivicTLS
import Foundation
import NIOSSL

/// The daemon's certificate and key: the configured files, or a self-signed pair kept in
/// `DATA/tls/` (created on the first start, reused after).
public struct TLSMaterial: Sendable {
    public var identity: PEMIdentity
    public var certificateFile: String
    /// SHA-256 of the leaf certificate.
    public var fingerprint: String
    /// SHA-256 of the leaf's public key (SubjectPublicKeyInfo), for clients that pin it: the
    /// self-signed certificate is renewed with the same key, so this stays the same.
    public var publicKeyFingerprint: String
    /// True when this start created the self-signed pair.
    public var created: Bool
    /// True when this start renewed the self-signed certificate (same key).
    public var renewed = false

    /// The self-signed certificate is renewed at start-up when it expires within this many days.
    public static let renewWithinDays = 30

    public static func load(certificateFile: String?, keyFile: String?, dataDirectory: String, now: Date = Date()) throws(ConfigurationError) -> TLSMaterial {
        switch (certificateFile, keyFile) {
        case (let cert?, let key?):
            return try read(certificateFile: cert, keyFile: key, created: false)
        case (nil, nil):
            let directory = URL(fileURLWithPath: dataDirectory).appendingPathComponent("tls")
            let cert = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            let manager = FileManager.default
            if manager.fileExists(atPath: cert) || manager.fileExists(atPath: key) {
                return try renewIfDue(try read(certificateFile: cert, keyFile: key, created: false), now: now)
            }
            return try createSelfSigned(in: directory.path, certificateFile: cert, keyFile: key, now: now)
        default:
            throw ConfigurationError("--cert and --key (tls.cert and tls.key) go together: give both or neither")
        }
    }

    private static func read(certificateFile: String, keyFile: String, created: Bool) throws(ConfigurationError) -> TLSMaterial {
        let certificatePEM: String
        let keyPEM: String
        do {
            certificatePEM = try String(contentsOfFile: certificateFile, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot read certificate \(certificateFile): \(Self.reason(error))")
        }
        do {
            keyPEM = try String(contentsOfFile: keyFile, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot read private key \(keyFile): \(Self.reason(error))")
        }
        do {
            // A context proves the pair loads and the key matches the certificate.
            _ = try NIOSSLContext(configuration: try TLSPolicy.serverConfiguration(certificateChainPEM: certificatePEM, privateKeyPEM: keyPEM))
        } catch {
            throw ConfigurationError("certificate \(certificateFile) or key \(keyFile) is not a usable PEM pair: \(error)")
        }
        let fingerprint: String
        let publicKeyFingerprint: String
        do {
            fingerprint = try CertificateFactory.fingerprintSHA256(certificatePEM: certificatePEM)
            publicKeyFingerprint = try CertificateFactory.publicKeyFingerprintSHA256(certificatePEM: certificatePEM)
        } catch {
            throw ConfigurationError("certificate \(certificateFile) is not PEM: \(error)")
        }
        return TLSMaterial(
            identity: PEMIdentity(certificatePEM: certificatePEM, privateKeyPEM: keyPEM),
            certificateFile: certificateFile, fingerprint: fingerprint, publicKeyFingerprint: publicKeyFingerprint, created: created
        )
    }

    /// The daemon's own self-signed certificate, renewed with the same key when it expires within
    /// ``renewWithinDays`` (or lives longer than 397 days, as those of older civicd versions did):
    /// written beside the old one and renamed over it, so a crash leaves one or the other.
    private static func renewIfDue(_ material: TLSMaterial, now: Date) throws(ConfigurationError) -> TLSMaterial {
        let expires: Date
        do {
            expires = try CertificateFactory.notValidAfter(certificatePEM: material.identity.certificatePEM)
        } catch {
            throw ConfigurationError("certificate \(material.certificateFile) is not PEM: \(error)")
        }
        let daysLeft = expires.timeIntervalSince(now) / 86_400
        guard daysLeft < Double(renewWithinDays) || daysLeft > Double(CertificateFactory.maxSelfSignedDays + 1) else { return material }
        let keyFile = URL(fileURLWithPath: material.certificateFile).deletingLastPathComponent().appendingPathComponent("key.pem").path
        let temporary = material.certificateFile + ".new"
        do {
            let renewed = try CertificateFactory.selfSigned(privateKeyPEM: material.identity.privateKeyPEM, now: now)
            try? FileManager.default.removeItem(atPath: temporary)
            try writeFile(temporary, renewed.certificatePEM, mode: 0o644)
            guard rename(temporary, material.certificateFile) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            throw ConfigurationError("cannot renew the self-signed certificate \(material.certificateFile): \(Self.reason(error))")
        }
        var fresh = try read(certificateFile: material.certificateFile, keyFile: keyFile, created: false)
        fresh.renewed = true
        return fresh
    }

    private static func createSelfSigned(in directory: String, certificateFile: String, keyFile: String, now: Date) throws(ConfigurationError) -> TLSMaterial {
        let identity: PEMIdentity
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            identity = try CertificateFactory.selfSigned(now: now)
            // The key is written with mode 0600 from the first byte: created, then filled.
            try writeFile(keyFile, identity.privateKeyPEM, mode: 0o600)
            try writeFile(certificateFile, identity.certificatePEM, mode: 0o644)
        } catch {
            throw ConfigurationError("cannot create a self-signed certificate in \(directory): \(Self.reason(error))")
        }
        var material = try read(certificateFile: certificateFile, keyFile: keyFile, created: true)
        material.created = true
        return material
    }

    private static func writeFile(_ path: String, _ contents: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    static func reason(_ error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
