import Foundation

/// How wrong organiser codes from one client address slow, and then lock, further attempts from
/// it. Counted in the database, shared by every connection from the address and every daemon on
/// the same database, so a second connection or a second daemon gains no tries. The first four
/// wrong codes slow it (1, 2, 4, 8 s); the fifth locks log-in from the address for
/// `lockSeconds` after the last wrong code, or until staff run `civicd admin organisers unlock`.
/// A success does not clear the failures (they belong to whoever typed them). Pure: both
/// engines store `failures` and `lastFailureAt` and ask this what they mean.
public enum AddressLoginPolicy {
    /// Failures older than this (since the last one) are forgotten.
    public static let forgetAfterSeconds: TimeInterval = 15 * 60
    public static let maxDelaySeconds = 60
    /// The wrong code that locks log-in from the address, as a session's own throttle does.
    public static let lockAfter = 5
    /// How long the lock lasts after the last wrong code: until the failures are forgotten.
    public static let lockSeconds = Int(forgetAfterSeconds)

    /// The wait after `failures` wrong codes: 1, 2, 4, … seconds, at most `maxDelaySeconds`.
    public static func delay(afterFailures failures: Int) -> Int {
        guard failures > 0 else { return 0 }
        return min(1 << min(failures - 1, 16), maxDelaySeconds)
    }

    /// What `failures` wrong codes, the last at `last`, mean at `now`: nil once nothing is owed.
    public static func wait(failures: Int, lastFailureAt last: Date, now: Date) -> AddressLoginWait? {
        // Never negative: a stored time may be rounded a fraction of a millisecond up.
        let since = max(0, now.timeIntervalSince(last))
        guard failures > 0, since < forgetAfterSeconds else { return nil }
        if failures >= lockAfter {
            return .locked(seconds: max(1, Int((TimeInterval(lockSeconds) - since).rounded(.up))))
        }
        let allowedAt = last.addingTimeInterval(TimeInterval(delay(afterFailures: failures)))
        guard now < allowedAt else { return nil }
        return .delayed(seconds: Int(allowedAt.timeIntervalSince(now).rounded(.up)))
    }

    /// What an address must wait right after its `failures`-th wrong code.
    public static func afterFailure(_ failures: Int) -> AddressLoginWait {
        failures >= lockAfter ? .locked(seconds: lockSeconds) : .delayed(seconds: delay(afterFailures: failures))
    }
}
