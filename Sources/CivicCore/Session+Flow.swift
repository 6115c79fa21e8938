/// The session's pace: lines held while it waits, long lines understood elsewhere, the idle
/// clock, and stopping once storage has answered.
extension Session {
    /// What the session keeps for the connection's sake, apart from the conversation.
    struct Flow: Sendable {
        /// Lines that arrived while the session waited, handled in order once it no longer does.
        var held: [InboundLine] = []
        /// The ticket of the long line being understood elsewhere, if any.
        var elsewhere: UInt64?
        /// The last ticket handed out: a late result of an abandoned one is dropped.
        var lastTicket: UInt64 = 0
        /// The server asked to stop while storage worked: goodbye once it answers.
        var stopRequested = false
        var idle: IdleClock
    }

    /// The outcome of understanding a long line on a copy of the session.
    public struct Understood: Sendable {
        let ticket: UInt64
        let session: Session
        let actions: [SessionAction]
    }

    /// True while the session waits for storage or for a long line to be understood: lines are
    /// held meanwhile.
    var isWaiting: Bool { pending != nil || flow.elsewhere != nil }

    /// Understands `line` on a copy of the session. Pure and self-contained, so that the
    /// connection can run it on another thread while this session holds later lines.
    public func understand(_ line: InboundLine, ticket: UInt64, catalogue: Catalogue, at time: SessionTime) -> Understood {
        var copy = self
        copy.flow.elsewhere = nil
        let actions = copy.handle(line, catalogue: catalogue, at: time)
        return Understood(ticket: ticket, session: copy, actions: actions)
    }

    /// Takes the result of ``understand(_:ticket:catalogue:at:)``, unless it came too late; then
    /// handles the lines held meanwhile.
    public mutating func adopt(_ understood: Understood, catalogue: Catalogue, at time: SessionTime) -> [SessionAction] {
        guard !isClosed, flow.elsewhere == understood.ticket else { return [] }
        var flow = self.flow
        flow.elsewhere = nil
        flow.idle.activity(at: time.uptimeNanoseconds)
        self = understood.session
        self.flow = flow
        return understood.actions + resume(catalogue: catalogue, at: time)
    }

    /// The long line with `ticket` took too long: the resident is told, the session goes on as
    /// it was, and the held lines are handled. Nothing if that line was already answered.
    public mutating func understandingTimedOut(ticket: UInt64, catalogue: Catalogue, at time: SessionTime) -> [SessionAction] {
        guard !isClosed, flow.elsewhere == ticket else { return [] }
        flow.elsewhere = nil
        flow.idle.activity(at: time.uptimeNanoseconds)
        return reply(Messages.tookTooLong[language], error: .tookTooLong) + resume(catalogue: catalogue, at: time)
    }

    /// After a wait: the goodbye if the server is stopping, else the held lines in order until
    /// the session waits again.
    mutating func resume(catalogue: Catalogue, at time: SessionTime) -> [SessionAction] {
        if flow.stopRequested, !isWaitingForStorage {
            return farewell(Messages.shuttingDown[language], error: .shuttingDown)
        }
        var actions: [SessionAction] = []
        while !isClosed, !isWaiting, !flow.held.isEmpty {
            actions += receive(flow.held.removeFirst(), catalogue: catalogue, at: time)
        }
        return actions
    }

    // MARK: - Idle

    /// When the connection should next call ``idleTick(at:)``; nil while the session waits (the
    /// clock starts again when it is answered) or once it is closed.
    public var idleDeadline: UInt64? {
        isClosed || isWaiting ? nil : flow.idle.nextCheck
    }

    /// The idle clock's verdict at `time`: nothing yet, the warning, or the goodbye and close.
    public mutating func idleTick(at time: SessionTime) -> [SessionAction] {
        guard !isClosed, !isWaiting else { return [] }
        switch flow.idle.check(at: time.uptimeNanoseconds) {
        case .notYet:
            return []
        case .warn(let secondsLeft):
            return reply(Messages.idleWarning.format(language, ["seconds": String(secondsLeft)]), unsolicited: true)
        case .close:
            return farewell(Messages.idleTimeout[language], error: .idleTimeout, unsolicited: true)
        }
    }
}
