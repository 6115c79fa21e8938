/// A token bucket per connection: `linesPerSecond` lines a second, bursts up to the same number.
/// Pure: the caller passes the time (monotonic nanoseconds).
public struct RateLimiter: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// Handle the line.
        case accept
        /// Drop the line; `notify` is true for the first refusal in a second, so a flood
        /// does not turn into a flood of replies.
        case refuse(notify: Bool)
        /// Too many refusals: close the connection.
        case close
    }

    private let capacity: Double
    private let refillPerNanosecond: Double
    private let closeAfter: Int
    private var tokens: Double
    private var lastRefill: UInt64?
    private var refusals = 0
    private var lastNotice: UInt64?

    public init(linesPerSecond: Int, closeAfter: Int) {
        self.capacity = Double(max(linesPerSecond, 1))
        self.refillPerNanosecond = Double(max(linesPerSecond, 1)) / Double(SessionTime.nanosecondsPerSecond)
        self.closeAfter = max(closeAfter, 1)
        self.tokens = capacity
    }

    public mutating func admit(atNanoseconds now: UInt64) -> Verdict {
        if let lastRefill, now > lastRefill {
            tokens = min(capacity, tokens + Double(now - lastRefill) * refillPerNanosecond)
        }
        lastRefill = now
        if tokens >= 1 {
            tokens -= 1
            // Good behaviour slowly earns forgiveness.
            if refusals > 0 && tokens >= capacity - 1 { refusals -= 1 }
            return .accept
        }
        refusals += 1
        if refusals >= closeAfter { return .close }
        let notify = lastNotice.map { now &- $0 >= SessionTime.nanosecondsPerSecond } ?? true
        if notify { lastNotice = now }
        return .refuse(notify: notify)
    }
}
