/// When an event reaches the session, read from the connection's clocks: the calendar day in
/// the configured time zone (dates in replies and forms) and a monotonic reading in nanoseconds
/// (the idle clock, log-in delays). The session reads no clock itself.
public struct SessionTime: Sendable, Equatable {
    public var today: CalendarDay
    public var uptimeNanoseconds: UInt64

    public init(today: CalendarDay, uptimeNanoseconds: UInt64) {
        self.today = today
        self.uptimeNanoseconds = uptimeNanoseconds
    }

    /// The monotonic clock's unit: every timeout and delay of the session is counted in it.
    public static let nanosecondsPerSecond: UInt64 = 1_000_000_000
}
