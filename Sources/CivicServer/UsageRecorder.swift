import CivicCore
import CivicStore
import Logging
import ServiceLifecycle
import Synchronization

/// The usage counts and kept lines of every connection, gathered in memory — adding one is a
/// lock and a dictionary update, fit for an event loop — and written to the database in one
/// transaction by ``UsageWriter``, away from the event loops. Nothing here can affect a
/// conversation: a failed write is logged with its counts, never a word of the lines.
public final class UsageRecorder: Sendable {
    /// Lines waiting for the next write at most; more are dropped (and counted in the log).
    public static let maxPendingLines = 2_000

    struct Pending {
        var counts: [UsageKey: Int] = [:]
        var lines: [UnansweredLine] = []
        var droppedLines = 0
    }

    private let pending = Mutex(Pending())

    public init() {}

    /// Counts one event (the session's ``SessionAction/observe(_:day:)``).
    public func observe(_ event: UsageEvent, day: CalendarDay) {
        pending.withLock { $0.counts[UsageKey(event, day: day), default: 0] += 1 }
    }

    /// Keeps one line for the review (the session's ``SessionAction/keepUnanswered(_:)``).
    public func keep(_ line: UnansweredLine) {
        pending.withLock { pending in
            guard pending.lines.count < Self.maxPendingLines else {
                pending.droppedLines += 1
                return
            }
            pending.lines.append(line)
        }
    }

    /// Takes what is pending, leaving nothing.
    func take() -> Pending {
        pending.withLock { pending in
            let taken = pending
            pending = Pending()
            return taken
        }
    }

    /// Writes what is pending in one transaction. Never throws: a failure is logged (how many
    /// counts and lines were lost, never their text) and the daemon goes on.
    public func flush(to database: any CivicStorage, logger: Logger) async {
        let batch = take()
        if batch.droppedLines > 0 {
            logger.warning("review lines dropped: too many waiting to be written", metadata: ["lines": "\(batch.droppedLines)"])
        }
        guard !batch.counts.isEmpty || !batch.lines.isEmpty else { return }
        do {
            try await database.recordUsage(batch.counts, unanswered: batch.lines)
        } catch {
            logger.error("usage counts not written", metadata: [
                "events": "\(batch.counts.values.reduce(0, +))", "lines": "\(batch.lines.count)", "error": "\(Self.describe(error))",
            ])
        }
    }

    /// The error without anything it might quote: its type and, for the store's own, the case.
    static func describe(_ error: any Error) -> String {
        if let error = StoreError.mapped(error) as? StoreError, case .busy = error { return "busy" }
        return String(describing: type(of: error))
    }
}

/// Writes the ``UsageRecorder``'s batch every ``interval``, and once more on shutdown (it stops
/// after the server, so the sessions' last counts are in); purges kept lines older than
/// `keepDays` at start and whenever the day changes.
public struct UsageWriter: Service {
    let recorder: UsageRecorder
    let database: any CivicStorage
    /// Days a kept line stays (`review.keep_days`).
    let keepDays: Int
    let today: @Sendable () -> CalendarDay
    let logger: Logger
    let interval: Duration

    public init(recorder: UsageRecorder, database: any CivicStorage, keepDays: Int, today: @escaping @Sendable () -> CalendarDay,
                logger: Logger, interval: Duration = .seconds(2)) {
        self.recorder = recorder
        self.database = database
        self.keepDays = keepDays
        self.today = today
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        var purgedOn: CalendarDay?
        while !Task.isShuttingDownGracefully {
            let day = today()
            if purgedOn != day {
                await purge(day)
                purgedOn = day
            }
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                break
            }
            await recorder.flush(to: database, logger: logger)
        }
        await recorder.flush(to: database, logger: logger)
    }

    func purge(_ day: CalendarDay) async {
        do {
            let removed = try await database.purgeUnanswered(before: day.adding(days: -keepDays))
            if removed > 0 { logger.info("purged kept review lines", metadata: ["lines": "\(removed)", "keep_days": "\(keepDays)"]) }
        } catch {
            logger.error("review lines not purged", metadata: ["error": "\(UsageRecorder.describe(error))"])
        }
    }
}
