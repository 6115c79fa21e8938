import ArgumentParser
import CivicClient
import CivicSetup
import CivicTLS
import NIOSSL

/// How `chat` and `kiosk` find and trust the server.
public struct ServerOptions: ParsableArguments, Sendable {
    public init() {}

    @Argument(help: ArgumentHelp("The daemon's address.", valueName: "HOST:PORT"))
    public var address: String

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM file of the CA (or the server's own self-signed certificate) to trust.", valueName: "FILE"))
    public var caFile: String?

    @Option(help: ArgumentHelp("The SHA-256 to pin: of the server's public key (spki_sha256, survives renewal) or of its certificate (sha256), as the daemon logs them.", valueName: "SHA256"))
    public var fingerprint: String?

    public func validate() throws {
        _ = try DaemonConfiguration.parseListen(address, at: "HOST:PORT")
        if caFile != nil && fingerprint != nil { throw ValidationError("give --ca-file or --fingerprint, not both") }
        if let fingerprint, CertificateFactory.normalizedFingerprint(fingerprint) == nil {
            throw ValidationError("'\(fingerprint)' is not a SHA-256 fingerprint (64 hex digits, colons optional)")
        }
    }

    public var hostAndPort: (String, Int) { (try? DaemonConfiguration.parseListen(address, at: "HOST:PORT")) ?? ("127.0.0.1", 7443) }

    public func trust() throws -> ClientTrust {
        if let caFile {
            do {
                return .caFile(pem: try String(contentsOfFile: caFile, encoding: .utf8))
            } catch {
                throw CommandFailure("cannot read --ca-file \(caFile): \(error.localizedDescription)")
            }
        }
        if let fingerprint { return .fingerprint(fingerprint) }
        return .system
    }

    /// Connects, turning certificate problems into a sentence a resident or staffer can act on.
    public func connect() async throws -> TLSLineClient {
        let (host, port) = hostAndPort
        let trust = try trust()
        let (tls, verification) = try trust.tlsConfiguration()
        do {
            return try await TLSLineClient.connect(host: host, port: port, tls: tls, serverHostname: Self.isIPAddress(host) ? nil : host, verification: verification)
        } catch let error as NIOSSLError {
            switch trust {
            case .fingerprint(let expected):
                throw CommandFailure("the server's certificate does not match the pinned fingerprint \(expected) (\(error)); do not continue")
            default:
                throw CommandFailure("the server's certificate could not be verified (\(error)); check --ca-file or --fingerprint")
            }
        }
    }

    public static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}

