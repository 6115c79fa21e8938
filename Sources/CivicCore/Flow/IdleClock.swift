/// How long a session has been silent, and what is due: the warning a while before the close,
/// then the close. Pure: every reading is passed in (monotonic nanoseconds).
public struct IdleClock: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        /// Nothing is due yet; look again at ``IdleClock/nextCheck``.
        case notYet
        /// Send the warning: the session closes in `secondsLeft` unless the resident writes.
        case warn(secondsLeft: Int)
        /// The timeout has passed: say goodbye and close.
        case close
    }

    /// Silence after which the warning is due; nil when the timeout is too short to warn first.
    private var warnAfter: UInt64?
    private var closeAfter: UInt64
    private var warningSeconds: Int
    /// When the resident last wrote (or was last answered after a wait).
    public private(set) var lastActivity: UInt64
    /// Whether the warning for the current silence has been sent.
    public private(set) var warned = false

    public init(limits: Limits, startingAt now: UInt64) {
        warnAfter = nil
        closeAfter = 0
        warningSeconds = 0
        lastActivity = now
        use(limits)
    }

    /// Takes the timeouts of `limits` (a kiosk's shorter ones) for the silence under way.
    public mutating func use(_ limits: Limits) {
        warnAfter = limits.idleWarningAfterSeconds.map { UInt64($0) * SessionTime.nanosecondsPerSecond }
        closeAfter = UInt64(max(limits.idleTimeoutSeconds, 1)) * SessionTime.nanosecondsPerSecond
        warningSeconds = limits.idleWarningSeconds
    }

    /// The resident did something: the silence starts again.
    public mutating func activity(at now: UInt64) {
        lastActivity = now
        warned = false
    }

    /// When the next verdict other than `.notYet` can be due.
    public var nextCheck: UInt64 {
        if !warned, let warnAfter { return lastActivity + warnAfter }
        return lastActivity + closeAfter
    }

    /// What is due at `now`; the warning is given once per silence.
    public mutating func check(at now: UInt64) -> Verdict {
        guard now >= nextCheck else { return .notYet }
        if !warned, warnAfter != nil {
            warned = true
            return .warn(secondsLeft: warningSeconds)
        }
        return .close
    }
}
