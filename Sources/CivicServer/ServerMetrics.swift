import CivicCore
import Metrics

/// The daemon's metrics, through swift-metrics (the command line bootstraps swift-prometheus as
/// the backend; without a bootstrap every call here does nothing). Labels only ever hold values
/// from small closed sets — a connection's kind, a ``ReplyError`` code, an intent id from the
/// catalogue, a language code, a result — never a resident's text, an address or a contact.
/// Names are listed in docs/OPERATIONS.md, "Metrics and health"; never rename one.
public final class ServerMetrics: Sendable {
    /// What a connection is, for the connection counts.
    public enum ConnectionKind: String, Sendable, CaseIterable {
        case resident
        case kiosk
    }

    /// Why a TLS handshake did not complete.
    public enum HandshakeFailure: String, Sendable, CaseIterable {
        /// The peer sent something that is not TLS, or TLS we refuse (old versions, no shared cipher).
        case error
        /// The handshake did not finish within `limits.handshake_timeout_seconds`.
        case timeout
    }

    /// Why a connection was closed before its TLS handshake for want of an acceptable PROXY
    /// header (`proxy_protocol.enabled`); counted under `civicd_refusals_total{reason}`.
    public enum ProxyRefusal: String, Sendable, CaseIterable {
        /// From an address not in `proxy_protocol.trusted_proxies`.
        case untrusted = "proxy_untrusted"
        case missing = "proxy_header_missing"
        case malformed = "proxy_header_malformed"
        case tooLong = "proxy_header_too_long"
        /// No whole header within `limits.handshake_timeout_seconds`.
        case timeout = "proxy_header_timeout"

        init(_ error: ProxyHeaderError) {
            switch error {
            case .missing: self = .missing
            case .malformed: self = .malformed
            case .tooLong: self = .tooLong
            }
        }
    }

    /// The metric names, typed once.
    public enum Name {
        public static let connections = "civicd_connections_total"
        public static let connectionsOpen = "civicd_connections_open"
        public static let handshakeFailures = "civicd_tls_handshake_failures_total"
        public static let refusals = "civicd_refusals_total"
        public static let replies = "civicd_replies_total"
        public static let fallbacks = "civicd_fallbacks_total"
        public static let understanding = "civicd_understanding_seconds"
        public static let signupCommit = "civicd_signup_commit_seconds"
        public static let storageUnavailable = "civicd_storage_unavailable_total"
        public static let catalogueReloads = "civicd_catalogue_reloads_total"
        public static let certificateReloads = "civicd_certificate_reloads_total"
        public static let buildInfo = "civicd_build_info"
    }

    private let factory: any MetricsFactory
    private let closed: [ConnectionKind: Counter]
    private let open: [ConnectionKind: Meter]
    private let handshakeFailures: [HandshakeFailure: Counter]
    private let refusals: [ReplyError: Counter]
    private let proxyRefusals: [ProxyRefusal: Counter]
    private let understanding: Timer
    private let signupCommit: Timer
    private let storageUnavailable: Counter
    private let fallbacks: [Language: Counter]
    private let catalogueReloads: [Bool: Counter]
    private let certificateReloads: [Bool: Counter]

    /// - Parameter factory: where the metrics go; by default the bootstrapped ``MetricsSystem``
    ///   (read once, here: create this after bootstrapping).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        closed = Dictionary(uniqueKeysWithValues: ConnectionKind.allCases.map {
            ($0, Counter(label: Name.connections, dimensions: [("kind", $0.rawValue)], factory: factory))
        })
        open = Dictionary(uniqueKeysWithValues: ConnectionKind.allCases.map {
            ($0, Meter(label: Name.connectionsOpen, dimensions: [("kind", $0.rawValue)], factory: factory))
        })
        handshakeFailures = Dictionary(uniqueKeysWithValues: HandshakeFailure.allCases.map {
            ($0, Counter(label: Name.handshakeFailures, dimensions: [("reason", $0.rawValue)], factory: factory))
        })
        refusals = Dictionary(uniqueKeysWithValues: ReplyError.allCases.map {
            ($0, Counter(label: Name.refusals, dimensions: [("reason", $0.rawValue)], factory: factory))
        })
        proxyRefusals = Dictionary(uniqueKeysWithValues: ProxyRefusal.allCases.map {
            ($0, Counter(label: Name.refusals, dimensions: [("reason", $0.rawValue)], factory: factory))
        })
        understanding = Timer(label: Name.understanding, factory: factory)
        signupCommit = Timer(label: Name.signupCommit, factory: factory)
        storageUnavailable = Counter(label: Name.storageUnavailable, factory: factory)
        fallbacks = Dictionary(uniqueKeysWithValues: Language.allCases.map {
            ($0, Counter(label: Name.fallbacks, dimensions: [("language", $0.rawValue)], factory: factory))
        })
        // Both results exist from the start, so a first refusal is a change from 0 to 1.
        catalogueReloads = [
            true: Counter(label: Name.catalogueReloads, dimensions: [("result", "ok")], factory: factory),
            false: Counter(label: Name.catalogueReloads, dimensions: [("result", "refused")], factory: factory),
        ]
        certificateReloads = [
            true: Counter(label: Name.certificateReloads, dimensions: [("result", "ok")], factory: factory),
            false: Counter(label: Name.certificateReloads, dimensions: [("result", "refused")], factory: factory),
        ]
    }

    // MARK: - Connections

    /// A session started (TLS done, admitted); every one starts as a resident's.
    func sessionOpened() {
        open[.resident]?.increment()
    }

    /// A session's kiosk token was accepted: it counts as a kiosk's from now on.
    func sessionBecameKiosk() {
        open[.resident]?.decrement()
        open[.kiosk]?.increment()
    }

    /// A session ended; counted by the kind it had at the end.
    func sessionClosed(kind: ConnectionKind) {
        open[kind]?.decrement()
        closed[kind]?.increment()
    }

    func handshakeFailed(_ reason: HandshakeFailure) {
        handshakeFailures[reason]?.increment()
    }

    /// A connection closed before TLS: no acceptable PROXY header, or not from a trusted proxy.
    func proxyRefused(_ reason: ProxyRefusal) {
        proxyRefusals[reason]?.increment()
    }

    // MARK: - Conversation

    /// A reply carrying an error code: a refusal (server busy, slow down, line too long, ...).
    func refused(_ error: ReplyError) {
        refusals[error]?.increment()
    }

    /// The session's usage events: answered questions by intent and language, and fallbacks.
    /// Intent ids come from the catalogue (a closed, reviewed set), never from the line.
    func observe(_ event: UsageEvent) {
        switch event {
        case .reply(let intent, let language), .clarifyingQuestion(let intent, let language):
            reply(intent: intent, language: language)
        case .fallback(let language):
            reply(intent: .fallback, language: language)
            fallbacks[language]?.increment()
        default:
            break
        }
    }

    private func reply(intent: IntentID, language: Language) {
        Counter(label: Name.replies, dimensions: [("intent", intent.rawValue), ("language", language.rawValue)], factory: factory).increment()
    }

    /// How long one line took to be handled (understood and answered by the session).
    func recordUnderstanding(_ duration: Duration) {
        understanding.recordNanoseconds(Self.nanoseconds(duration))
    }

    // MARK: - Storage

    /// How long a sign-up waited for its transaction to be on disk.
    func recordSignupCommit(_ duration: Duration) {
        signupCommit.recordNanoseconds(Self.nanoseconds(duration))
    }

    /// A storage request failed: the resident was told `storage_unavailable`.
    func storageFailed() {
        storageUnavailable.increment()
    }

    // MARK: - The daemon

    /// A SIGHUP reload of the catalogue: `ok`, or `refused` (the old one keeps serving).
    public func catalogueReloaded(ok: Bool) {
        catalogueReloads[ok]?.increment()
    }

    /// A SIGHUP reload of the TLS certificate and key: `ok`, or `refused` (the old pair keeps serving).
    public func certificateReloaded(ok: Bool) {
        certificateReloads[ok]?.increment()
    }

    /// `civicd_build_info{version="…"} 1`.
    public func recordBuildInfo(version: String) {
        Gauge(label: Name.buildInfo, dimensions: [("version", version)], factory: factory).record(1)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
