/// Throttles organiser log-in attempts: after each wrong code the next attempt waits twice as
/// long (1 s, 2 s, 4 s, 8 s); the fifth wrong code locks log-in. Pure: the caller passes the time.
public struct LoginThrottle: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        case allowed
        case wait(seconds: Int)
        case locked
    }

    public static let lockAfter = 5
    private static let nanosecondsPerSecond = SessionTime.nanosecondsPerSecond
    /// How long a count of wrong codes (below the lock) is worth keeping.
    private static let forgetAfter: UInt64 = 3_600 * nanosecondsPerSecond

    public private(set) var failures = 0
    private var nextAllowed: UInt64 = 0
    private var lockedAt: UInt64?
    /// How long a lock lasts; nil locks for good (a session's own throttle).
    private let lockDuration: UInt64?

    public init(lockSeconds: Int?) {
        self.lockDuration = lockSeconds.map { UInt64($0) * Self.nanosecondsPerSecond }
    }

    public mutating func check(atNanoseconds now: UInt64) -> Verdict {
        if let lockedAt {
            guard let lockDuration, now >= lockedAt + lockDuration else { return .locked }
            self = LoginThrottle(lockSeconds: Int(lockDuration / Self.nanosecondsPerSecond))
        }
        if now < nextAllowed {
            return .wait(seconds: Int((nextAllowed - now + Self.nanosecondsPerSecond - 1) / Self.nanosecondsPerSecond))
        }
        return .allowed
    }

    /// Records a wrong code; returns the seconds until the next attempt, or nil when now locked.
    @discardableResult
    public mutating func recordFailure(atNanoseconds now: UInt64) -> Int? {
        failures += 1
        if failures >= Self.lockAfter {
            lockedAt = now
            return nil
        }
        let delay = 1 << (failures - 1)
        nextAllowed = now + UInt64(delay) * Self.nanosecondsPerSecond
        return delay
    }

    public mutating func recordSuccess() {
        failures = 0
        nextAllowed = 0
        lockedAt = nil
    }

    /// True when the throttle holds nothing worth keeping at `now`.
    public func isIdle(atNanoseconds now: UInt64) -> Bool {
        lockedAt == nil && (failures == 0 || now >= nextAllowed + Self.forgetAfter)
    }
}
