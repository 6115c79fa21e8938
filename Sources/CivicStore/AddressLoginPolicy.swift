import Foundation

/// How wrong organiser codes from one client address slow further attempts from it. Shared by
/// every connection from the address, so a second connection gains no tries; never a long lock,
/// so the genuine organiser in a shared office waits at most `maxDelaySeconds`; a success does
/// not clear the failures (they belong to whoever typed them).
public enum AddressLoginPolicy {
    /// Failures older than this (since the last one) are forgotten.
    public static let forgetAfterSeconds: TimeInterval = 15 * 60
    public static let maxDelaySeconds = 60

    /// The wait after `failures` wrong codes: 1, 2, 4, … seconds, at most `maxDelaySeconds`.
    public static func delay(afterFailures failures: Int) -> Int {
        guard failures > 0 else { return 0 }
        return min(1 << min(failures - 1, 16), maxDelaySeconds)
    }
}
