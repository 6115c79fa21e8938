import Foundation

/// Where a PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=FILE]`
/// (`database.url`, `--database`). The password never appears in ``description`` nor in any
/// message civicd prints or logs.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection to PostgreSQL is encrypted (`sslmode`, libpq's names).
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP: for loopback or a private link only.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS always, without checking the certificate (as libpq's `require`).
        case require
        /// TLS always, the certificate checked against `sslrootcert` (or the system's roots) and
        /// the host name: the mode for a database across a network.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// PEM file of the certificate authorities to trust with `verify-full`.
    public var rootCertificateFile: String?

    public init(user: String, password: String? = nil, host: String, port: Int = 5432, database: String,
                tls: TLSMode = .prefer, rootCertificateFile: String? = nil) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
        self.rootCertificateFile = rootCertificateFile
    }

    static let shape = "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-full]"

    /// Parses a database URL. Messages never repeat the URL (it may hold a password).
    public init(url text: String) throws(StoreError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql"
        else { throw StoreError.unavailable("the database URL must look like \(Self.shape)") }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError.unavailable("the database URL names no host: \(Self.shape)")
        }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw StoreError.unavailable("the database URL names no user: \(Self.shape)")
        }
        let database = String(components.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError.unavailable("the database URL names no database: \(Self.shape)")
        }
        self.init(user: user, password: components.password?.removingPercentEncoding, host: host,
                  port: components.port ?? 5432, database: database)
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: item.value ?? "") else {
                    throw StoreError.unavailable("the database URL's sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "sslrootcert":
                rootCertificateFile = item.value
            default:
                throw StoreError.unavailable("the database URL has an unknown parameter '\(item.name)' (known: sslmode, sslrootcert)")
            }
        }
        if rootCertificateFile != nil && tls != .verifyFull {
            throw StoreError.unavailable("the database URL's sslrootcert goes with sslmode=verify-full")
        }
    }

    /// The URL without its password, for logs and messages.
    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}
