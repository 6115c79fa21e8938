import NIOConcurrencyHelpers
import NIOCore

/// Contents shared between a producer on another thread (an event loop receiving bytes, the
/// thread reading the terminal) and an async reader: the producer changes them and wakes the
/// reader; the reader takes what it needs or waits for the next change, up to a deadline.
/// Used by ``TLSLineClient`` (received bytes) and `civicd chat` (typed lines).
public final class Inbox<Contents: Sendable>: Sendable {
    private struct State {
        var contents: Contents
        /// Bumped on every change, so a reader never misses one that came just before it waited.
        var version: UInt64 = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: NIOLockedValueBox<State>

    public init(_ contents: Contents) {
        state = NIOLockedValueBox(State(contents: contents))
    }

    /// The producer's side: changes the contents and wakes whoever waits.
    public func update(_ change: (inout Contents) -> Void) {
        let waiters = state.withLockedValue { state in
            change(&state.contents)
            state.version &+= 1
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// The reader's side: looks at (and may take from) the contents without waking anyone, and
    /// says which version it saw, for ``waitForChange(after:until:on:)``.
    public func read<Result>(_ body: (inout Contents) -> Result) -> (result: Result, version: UInt64) {
        state.withLockedValue { state in (body(&state.contents), state.version) }
    }

    /// Waits until the contents change after `version`, or until `deadline` (never, if nil). The
    /// deadline is a timer on `eventLoop`: cheaper than a sleeping task for every wait.
    public func waitForChange(after version: UInt64, until deadline: ContinuousClock.Instant?, on eventLoop: any EventLoop) async {
        let timer = deadline.map { deadline in
            eventLoop.scheduleTask(in: .nanoseconds(Self.nanoseconds(until: deadline))) { self.wakeAll() }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLockedValue { state in
                if state.version != version { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
        timer?.cancel()
    }

    private func wakeAll() {
        let waiters = state.withLockedValue { state in
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    private static func nanoseconds(until deadline: ContinuousClock.Instant) -> Int64 {
        let remaining = deadline - ContinuousClock.now
        return max(0, remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000)
    }
}
