import CivicCore
import Foundation
import Logging
import Yams

/// The settings in `config/civicd.yml`, after flags and the environment have had their say.
/// Every key is optional; an unknown key is an error, so a typo never passes silently.
public struct DaemonConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 7443
    /// Where the database and the generated certificate live.
    public var dataDirectory = "./var"
    public var intentsDirectory = "./intents"
    /// PEM certificate chain and key; both nil means a self-signed certificate in `DATA/tls/`.
    public var certificateFile: String?
    public var keyFile: String?
    public var logLevel = Logger.Level.info
    /// The time zone whose calendar decides "today" for deadlines.
    public var timeZone = "Europe/Warsaw"
    public var limits = Limits()
    /// Months a sign-up is kept before `admin retention purge` removes it.
    public var retentionMonths = 18
    /// Tokens of the kiosk terminals (`kiosk.tokens`).
    public var kioskTokens: [String] = []
    /// The topic id of the programme whose centre the kiosks stand in (`kiosk.centre`): their
    /// fallback and "whom to ask" point there. Checked against the catalogue at start.
    public var kioskCentre: String?
    /// The language `civicd admin` asks its questions in (`staff_language`: pl or en).
    public var staffLanguage = Language.pl
    /// The language a question written in Russian is answered in (`languages.russian_reply`).
    public var russianReply = Language.uk
    /// Keep the lines the catalogue did not answer well, for staff's weekly review
    /// (`review.keep_unanswered`; off unless asked for).
    public var keepUnanswered = false
    /// Days a kept line stays before it is purged (`review.keep_days`).
    public var reviewKeepDays = 30
    /// Where the operators' HTTP listener serves `/metrics`, `/healthz` and `/readyz`
    /// (`metrics.listen`); nil (the default): none.
    public var metricsListen: ListenAddress?
    /// A PostgreSQL database shared by several daemons (`database.url`, `--database`,
    /// `$CIVICD_DATABASE_URL`); nil (the default): the SQLite file `DATA/civicd.sqlite`.
    /// May hold a password: never printed or logged as it is.
    public var databaseURL: String?
    /// Connections come through a TCP proxy (HAProxy `send-proxy-v2`) and begin with a PROXY
    /// header naming the resident's address (`proxy_protocol.enabled`; off by default).
    public var proxyProtocol = false
    /// The proxies allowed to connect when ``proxyProtocol`` is on: addresses or CIDR networks
    /// (`proxy_protocol.trusted_proxies`); anyone else is refused.
    public var trustedProxies: [AddressRange] = []

    public init() {}

    /// Refuses settings that are each valid but do not go together.
    public func validated(at file: String) throws(ConfigurationError) -> DaemonConfiguration {
        if proxyProtocol, trustedProxies.isEmpty {
            throw ConfigurationError("\(file): proxy_protocol.enabled needs proxy_protocol.trusted_proxies (the proxies' addresses or networks, e.g. [10.0.0.2, 10.0.1.0/24])")
        }
        return self
    }

    /// Parses one `proxy_protocol.trusted_proxies` entry (also `--trusted-proxy`).
    public static func parseTrustedProxy(_ text: String, at: String = "--trusted-proxy") throws(ConfigurationError) -> AddressRange {
        guard let range = AddressRange(text.trimmingCharacters(in: .whitespaces)) else {
            throw ConfigurationError("\(at): '\(text)' is not an IP address or a network such as 10.0.0.0/24 (the bits after the prefix must be zero)")
        }
        return range
    }

    // MARK: - Reading the file

    /// Every key the file may hold, for the error message on a typo.
    static let limitKeys: [String: WritableKeyPath<Limits, Int> & Sendable] = [
        "max_line_bytes": \.maxLineBytes,
        "lines_per_second": \.linesPerSecond,
        "flood_close_after": \.floodCloseAfter,
        "max_connections": \.maxConnections,
        "max_connections_per_peer": \.maxConnectionsPerPeer,
        "handshake_timeout_seconds": \.handshakeTimeoutSeconds,
        "idle_timeout_seconds": \.idleTimeoutSeconds,
        "idle_warning_seconds": \.idleWarningSeconds,
        "max_pending_output_bytes": \.maxPendingOutputBytes,
        "kiosk_idle_timeout_seconds": \.kioskIdleTimeoutSeconds,
        "understanding_cache_lines": \.understandingCacheLines,
        "text_width": \.textWidth,
    ]
    /// Limits for which 0 means "none" rather than an error.
    static let limitsAllowingZero: Set<String> = ["idle_warning_seconds", "understanding_cache_lines"]
    static let topLevelKeys = ["listen", "data_dir", "intents_dir", "tls", "log_level", "timezone", "limits", "retention_months", "kiosk", "staff_language", "review", "metrics", "languages", "database", "proxy_protocol"]

    /// Reads `text` (the file's contents) over the defaults. `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError("\(file): not valid YAML: \(error)")
        }
        guard let root else { return configuration }
        guard let mapping = root.mapping else {
            throw ConfigurationError("\(file): the configuration must be a mapping of keys to values")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let at = "\(file):\(keyNode.mark?.line ?? 1)"
            switch key {
            case "listen":
                let (host, port) = try parseListen(try string(value, key, at), at: at)
                configuration.host = host
                configuration.port = port
            case "data_dir": configuration.dataDirectory = try string(value, key, at)
            case "intents_dir": configuration.intentsDirectory = try string(value, key, at)
            case "log_level": configuration.logLevel = try parseLogLevel(try string(value, key, at), at: at)
            case "timezone":
                let zone = try string(value, key, at)
                guard TimeZone(identifier: zone) != nil else { throw ConfigurationError("\(at): unknown time zone '\(zone)'") }
                configuration.timeZone = zone
            case "retention_months": configuration.retentionMonths = try positive(value, key, at)
            case "staff_language":
                let code = try string(value, key, at)
                // Staff tools speak Polish and English only.
                guard let language = Language(rawValue: code.lowercased()), language.isStaffLanguage else {
                    throw ConfigurationError("\(at): staff_language must be one of \(Language.allCases.filter(\.isStaffLanguage).map(\.rawValue).joined(separator: ", "))")
                }
                configuration.staffLanguage = language
            case "languages":
                guard let languages = value.mapping else { throw ConfigurationError("\(at): languages must be a mapping with russian_reply") }
                for (languagesKey, languagesValue) in languages {
                    let languagesAt = "\(file):\(languagesKey.mark?.line ?? 1)"
                    guard languagesKey.string == "russian_reply" else {
                        throw ConfigurationError("\(languagesAt): unknown key 'languages.\(languagesKey.string ?? "?")' (known: russian_reply)")
                    }
                    let code = try string(languagesValue, "languages.russian_reply", languagesAt)
                    guard let language = Language(rawValue: code.lowercased()) else {
                        throw ConfigurationError("\(languagesAt): languages.russian_reply must be one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    configuration.russianReply = language
                }
            case "tls":
                guard let tls = value.mapping else { throw ConfigurationError("\(at): tls must be a mapping with cert and key") }
                for (tlsKey, tlsValue) in tls {
                    let tlsAt = "\(file):\(tlsKey.mark?.line ?? 1)"
                    switch tlsKey.string ?? "" {
                    case "cert": configuration.certificateFile = try optionalString(tlsValue, "tls.cert", tlsAt)
                    case "key": configuration.keyFile = try optionalString(tlsValue, "tls.key", tlsAt)
                    default: throw ConfigurationError("\(tlsAt): unknown key 'tls.\(tlsKey.string ?? "?")' (known: cert, key)")
                    }
                }
            case "kiosk":
                guard let kiosk = value.mapping else { throw ConfigurationError("\(at): kiosk must be a mapping with tokens") }
                for (kioskKey, kioskValue) in kiosk {
                    let kioskAt = "\(file):\(kioskKey.mark?.line ?? 1)"
                    if kioskKey.string == "centre" {
                        guard let centre = kioskValue.scalar?.string, !centre.contains(" ") else {
                            throw ConfigurationError("\(kioskAt): kiosk.centre must be a topic id of intents/topics.yml, e.g. centrum_obywatelskie")
                        }
                        configuration.kioskCentre = centre.isEmpty || centre == "null" || centre == "~" ? nil : centre
                        continue
                    }
                    guard kioskKey.string == "tokens" else {
                        throw ConfigurationError("\(kioskAt): unknown key 'kiosk.\(kioskKey.string ?? "?")' (known: tokens, centre)")
                    }
                    if kioskValue.scalar?.string.isEmpty == true || kioskValue.scalar?.string == "null" { continue }
                    guard let list = kioskValue.sequence else { throw ConfigurationError("\(kioskAt): kiosk.tokens must be a list") }
                    for item in list {
                        guard let token = item.scalar?.string, token.count >= 16, !token.contains(" ") else {
                            throw ConfigurationError("\(kioskAt): each kiosk token must be at least 16 characters without spaces")
                        }
                        configuration.kioskTokens.append(token)
                    }
                }
            case "review":
                guard let review = value.mapping else { throw ConfigurationError("\(at): review must be a mapping with keep_unanswered and keep_days") }
                for (reviewKey, reviewValue) in review {
                    let reviewAt = "\(file):\(reviewKey.mark?.line ?? 1)"
                    switch reviewKey.string ?? "" {
                    case "keep_unanswered":
                        switch reviewValue.scalar?.string.lowercased() {
                        case "true", "yes", "on": configuration.keepUnanswered = true
                        case "false", "no", "off": configuration.keepUnanswered = false
                        default: throw ConfigurationError("\(reviewAt): review.keep_unanswered must be true or false")
                        }
                    case "keep_days": configuration.reviewKeepDays = try positive(reviewValue, "review.keep_days", reviewAt)
                    default: throw ConfigurationError("\(reviewAt): unknown key 'review.\(reviewKey.string ?? "?")' (known: keep_unanswered, keep_days)")
                    }
                }
            case "metrics":
                guard let metrics = value.mapping else { throw ConfigurationError("\(at): metrics must be a mapping with listen") }
                for (metricsKey, metricsValue) in metrics {
                    let metricsAt = "\(file):\(metricsKey.mark?.line ?? 1)"
                    guard metricsKey.string == "listen" else {
                        throw ConfigurationError("\(metricsAt): unknown key 'metrics.\(metricsKey.string ?? "?")' (known: listen)")
                    }
                    guard let text = metricsValue.scalar?.string else { throw ConfigurationError("\(metricsAt): metrics.listen must be HOST:PORT") }
                    if text.isEmpty || text == "null" || text == "~" {
                        configuration.metricsListen = nil    // empty: off
                        continue
                    }
                    let (host, port) = try parseListen(text, at: metricsAt)
                    configuration.metricsListen = ListenAddress(host: host, port: port)
                }
            case "database":
                guard let database = value.mapping else { throw ConfigurationError("\(at): database must be a mapping with url") }
                for (databaseKey, databaseValue) in database {
                    let databaseAt = "\(file):\(databaseKey.mark?.line ?? 1)"
                    guard databaseKey.string == "url" else {
                        throw ConfigurationError("\(databaseAt): unknown key 'database.\(databaseKey.string ?? "?")' (known: url)")
                    }
                    // The value is never repeated in a message: it may hold a password.
                    guard let text = databaseValue.scalar?.string else { throw ConfigurationError("\(databaseAt): database.url must be a text") }
                    configuration.databaseURL = text.isEmpty || text == "null" || text == "~" ? nil : text
                }
            case "proxy_protocol":
                guard let proxy = value.mapping else { throw ConfigurationError("\(at): proxy_protocol must be a mapping with enabled and trusted_proxies") }
                for (proxyKey, proxyValue) in proxy {
                    let proxyAt = "\(file):\(proxyKey.mark?.line ?? 1)"
                    switch proxyKey.string ?? "" {
                    case "enabled":
                        switch proxyValue.scalar?.string.lowercased() {
                        case "true", "yes", "on": configuration.proxyProtocol = true
                        case "false", "no", "off": configuration.proxyProtocol = false
                        default: throw ConfigurationError("\(proxyAt): proxy_protocol.enabled must be true or false")
                        }
                    case "trusted_proxies":
                        if proxyValue.scalar?.string.isEmpty == true || proxyValue.scalar?.string == "null" { continue }
                        guard let list = proxyValue.sequence else { throw ConfigurationError("\(proxyAt): proxy_protocol.trusted_proxies must be a list of addresses or networks") }
                        for item in list {
                            configuration.trustedProxies.append(try parseTrustedProxy(item.scalar?.string ?? "", at: proxyAt))
                        }
                    default:
                        throw ConfigurationError("\(proxyAt): unknown key 'proxy_protocol.\(proxyKey.string ?? "?")' (known: enabled, trusted_proxies)")
                    }
                }
            case "limits":
                guard let limits = value.mapping else { throw ConfigurationError("\(at): limits must be a mapping") }
                for (limitKey, limitValue) in limits {
                    let name = limitKey.string ?? ""
                    let limitAt = "\(file):\(limitKey.mark?.line ?? 1)"
                    guard let path = limitKeys[name] else {
                        throw ConfigurationError("\(limitAt): unknown key 'limits.\(name)' (known: \(limitKeys.keys.sorted().joined(separator: ", ")))")
                    }
                    configuration.limits[keyPath: path] = try positive(limitValue, "limits.\(name)", limitAt, allowZero: limitsAllowingZero.contains(name))
                }
            default:
                throw ConfigurationError("\(at): unknown key '\(key)' (known: \(topLevelKeys.joined(separator: ", ")))")
            }
        }
        return configuration
    }

    /// Parses `HOST:PORT` or `[IPv6]:PORT`.
    public static func parseListen(_ text: String, at: String = "--listen") throws(ConfigurationError) -> (String, Int) {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw ConfigurationError("\(at): '\(text)' is not HOST:PORT") }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw ConfigurationError("\(at): '\(text)' is not HOST:PORT") }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else {
            throw ConfigurationError("\(at): '\(text)' is not HOST:PORT with a port from 0 to 65535")
        }
        return (String(host), port)
    }

    public static func parseLogLevel(_ text: String, at: String = "--log-level") throws(ConfigurationError) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ConfigurationError("\(at): unknown log level '\(text)' (trace, debug, info, notice, warning, error, critical)")
        }
        return level
    }

    private static func string(_ node: Node, _ key: String, _ at: String) throws(ConfigurationError) -> String {
        guard let text = node.scalar?.string, !text.isEmpty else { throw ConfigurationError("\(at): \(key) must be a text") }
        return text
    }

    private static func optionalString(_ node: Node, _ key: String, _ at: String) throws(ConfigurationError) -> String? {
        guard let text = node.scalar?.string else { throw ConfigurationError("\(at): \(key) must be a path") }
        return text.isEmpty || text == "null" || text == "~" ? nil : text
    }

    private static func positive(_ node: Node, _ key: String, _ at: String, allowZero: Bool = false) throws(ConfigurationError) -> Int {
        guard let text = node.scalar?.string, let value = Int(text.replacingOccurrences(of: "_", with: "")),
              value > 0 || (allowZero && value == 0)
        else { throw ConfigurationError("\(at): \(key) must be a whole number \(allowZero ? "of 0 or more" : "above 0")") }
        return value
    }
}

/// A `HOST:PORT` to listen on.
public struct ListenAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// A configuration problem, said in one line.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
