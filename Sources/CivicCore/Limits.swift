/// Every limit the protocol enforces, with its default. Each is a key in `config/civicd.yml`
/// (see `docs/PROTOCOL.md`); the server reads them into ``Limits`` at start-up.
public struct Limits: Sendable, Equatable {
    /// Longest line, in bytes after telnet and escape stripping, before `line_too_long`.
    public var maxLineBytes: Int = 4096
    /// Lines a second a connection may send before `slow_down`.
    public var linesPerSecond: Int = 20
    /// Lines a connection may have refused for speed before it is closed.
    public var floodCloseAfter: Int = 100
    /// Connections the server holds at once.
    public var maxConnections: Int = 10_000
    /// Connections one peer address may hold at once.
    public var maxConnectionsPerPeer: Int = 50
    /// Seconds a client has to complete the TLS handshake.
    public var handshakeTimeoutSeconds: Int = 10
    /// Seconds of silence before the session is closed.
    public var idleTimeoutSeconds: Int = 600
    /// Seconds before the idle close at which the warning is sent.
    public var idleWarningSeconds: Int = 60
    /// Seconds of silence before a kiosk session is closed (the next resident gets a fresh one).
    public var kioskIdleTimeoutSeconds: Int = 120
    /// Bytes of unsent output a connection may queue before it is closed.
    public var maxPendingOutputBytes: Int = 256 * 1024
    /// Distinct conversation lines whose understanding is kept for reuse (0: none); see
    /// ``UnderstandingCache``.
    public var understandingCacheLines: Int = 4_096
    /// Lines longer than this (UTF-8 bytes) are understood off the event loop; shorter ones cost
    /// microseconds and are answered in place.
    public var offLoopLineBytes: Int = 200
    /// How long understanding one line may take before the resident is told `took_too_long`.
    public var understandingDeadlineMilliseconds: Int = 2_000
    /// Text mode wraps replies at word boundaries to this many characters (JSON is never wrapped).
    public var textWidth: Int = 78

    public init() {}

    /// The seconds after the last line at which the idle warning is due, or nil when the
    /// timeout is too short to warn first.
    public var idleWarningAfterSeconds: Int? {
        let after = idleTimeoutSeconds - idleWarningSeconds
        return after > 0 && idleWarningSeconds > 0 ? after : nil
    }

    /// The limits for a kiosk session: the kiosk idle timeout, warned the same way.
    public var forKiosk: Limits {
        var limits = self
        limits.idleTimeoutSeconds = kioskIdleTimeoutSeconds
        limits.idleWarningSeconds = min(idleWarningSeconds, kioskIdleTimeoutSeconds / 4)
        return limits
    }
}
