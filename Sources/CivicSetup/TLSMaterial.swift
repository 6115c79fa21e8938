import CivicCore
import CivicTLS
import Foundation
import NIOSSL

/// The daemon's certificate and key: the configured files, or a self-signed pair kept in
/// `DATA/tls/` (created on the first start, reused after).
public struct TLSMaterial: Sendable {
    public var identity: PEMIdentity
    public var certificateFile: String
    /// SHA-256 of the leaf certificate, for clients that pin it.
    public var fingerprint: String
    /// True when this start created the self-signed pair.
    public var created: Bool

    public static func load(certificateFile: String?, keyFile: String?, dataDirectory: String) throws(ConfigurationError) -> TLSMaterial {
        switch (certificateFile, keyFile) {
        case (let cert?, let key?):
            return try read(certificateFile: cert, keyFile: key, created: false)
        case (nil, nil):
            let directory = URL(fileURLWithPath: dataDirectory).appendingPathComponent("tls")
            let cert = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            let manager = FileManager.default
            if manager.fileExists(atPath: cert) || manager.fileExists(atPath: key) {
                return try read(certificateFile: cert, keyFile: key, created: false)
            }
            return try createSelfSigned(in: directory.path, certificateFile: cert, keyFile: key)
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
        do {
            fingerprint = try CertificateFactory.fingerprintSHA256(certificatePEM: certificatePEM)
        } catch {
            throw ConfigurationError("certificate \(certificateFile) is not PEM: \(error)")
        }
        return TLSMaterial(
            identity: PEMIdentity(certificatePEM: certificatePEM, privateKeyPEM: keyPEM),
            certificateFile: certificateFile, fingerprint: fingerprint, created: created
        )
    }

    private static func createSelfSigned(in directory: String, certificateFile: String, keyFile: String) throws(ConfigurationError) -> TLSMaterial {
        let identity: PEMIdentity
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            identity = try CertificateFactory.selfSigned()
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
