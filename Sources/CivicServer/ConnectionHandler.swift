import CivicCore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Sent down every connection's pipeline when the server stops: say goodbye and close.
struct ServerShutdownEvent: Sendable {}

/// One connection: feeds bytes to the line decoder, lines to the session, and performs the
/// session's actions. It owns the timers (handshake, idle) and the per-connection limits.
/// Everything here runs on the channel's event loop.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        /// TCP accepted, TLS handshake under way.
        case handshaking
        /// Admitted and talking.
        case open
        /// Over capacity: after the handshake the client reads one "server busy" line.
        case refused
        /// Goodbye sent or the peer went away; nothing more is read.
        case closing
    }

    private let configuration: ServerConfiguration
    private let registry: ConnectionRegistry
    private let catalogues: CatalogueStore
    private let storage: SessionStorage
    private var logger: Logger

    private var state = State.handshaking
    /// The limits in force: the configured ones, or the kiosk's once a kiosk identified itself.
    private var limits: Limits
    private var connectionID: UInt64 = 0
    private var admitted = false
    private var peer = "unknown"
    private var decoder: LineDecoder
    private var session: Session
    private var limiter: RateLimiter
    private var handshakeTimeout: Scheduled<Void>?
    private var idleTimer: Scheduled<Void>?
    /// When the resident last sent a line (or a reply from storage was sent).
    private var lastActivity = NIODeadline.now()
    /// Whether the idle warning for the current silence has been sent.
    private var idleWarned = false
    private var pendingOutputBytes = 0
    private var lastWrite: EventLoopFuture<Void>?
    private var linesReceived = 0
    private var closeReason = "peer closed"
    /// Lines that arrived while the session waited for storage, handled once it answers.
    private var heldLines: [InboundLine] = []
    /// The session's own organiser log-in throttle (locks for good after five wrong codes).
    private var loginThrottle = LoginThrottle(lockSeconds: nil)
    /// The server asked to stop while storage was in flight: goodbye once it answers.
    private var stopWhenStored = false
    /// A long line is being understood off the event loop; later lines wait in `heldLines`.
    private var understanding = false
    /// Which off-loop understanding is current: a late result of an abandoned one is dropped.
    private var understandingToken: UInt64 = 0
    /// The most lines held back while storage works; more are refused with `slow_down`.
    static let maxHeldLines = 64

    init(configuration: ServerConfiguration, registry: ConnectionRegistry, catalogues: CatalogueStore, storage: SessionStorage, logger: Logger) {
        self.configuration = configuration
        self.registry = registry
        self.catalogues = catalogues
        self.storage = storage
        self.logger = logger
        self.limits = configuration.limits
        self.decoder = LineDecoder(maxLineBytes: configuration.limits.maxLineBytes)
        self.session = Session(limits: configuration.limits)
        self.limiter = RateLimiter(linesPerSecond: configuration.limits.linesPerSecond, closeAfter: configuration.limits.floodCloseAfter)
    }

    // MARK: - Lifecycle

    func channelActive(context: ChannelHandlerContext) {
        peer = context.remoteAddress?.ipAddress ?? "unknown"
        switch registry.admit(context.channel, peer: peer) {
        case .admitted(let id, let evicting):
            connectionID = id
            admitted = true
            if let evicting {
                logger.debug("closing the oldest unfinished handshake from this address")
                evicting.close(promise: nil)
            }
        case .refused(let id):
            connectionID = id
            state = .refused
        }
        logger[metadataKey: "connection.id"] = "\(connectionID)"
        logger[metadataKey: "peer"] = "\(peer)"
        logger.info("connection opened", metadata: state == .refused ? ["refused": "capacity"] : [:])
        let timeout = TimeAmount.seconds(Int64(configuration.limits.handshakeTimeoutSeconds))
        handshakeTimeout = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.logger.debug("TLS handshake timed out")
            self.closeReason = "handshake timeout"
            context.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeTimeout?.cancel()
        idleTimer?.cancel()
        if admitted {
            registry.release(id: connectionID, peer: peer)
            admitted = false
        }
        state = .closing
        logger.info("connection closed", metadata: ["reason": "\(closeReason)", "lines": "\(linesReceived)"])
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            handshakeTimeout?.cancel()
            handshakeTimeout = nil
            switch state {
            case .handshaking where !registry.establish(id: connectionID, peer: peer):
                // This address has its fill of sessions (kiosks apart).
                state = .refused
                closeReason = "server busy"
                perform(Session.busy(), context: context)
            case .handshaking:
                state = .open
                perform(session.start(), context: context)
                armIdleTimer(context: context)
            case .refused:
                closeReason = "server busy"
                perform(Session.busy(), context: context)
            case .open, .closing:
                break
            }
            return
        }
        if event is ServerShutdownEvent {
            switch state {
            case .open where session.isWaitingForStorage:
                // Finish the in-flight write and answer it first: a confirmed sign-up is never cut off.
                closeReason = "server stopping"
                stopWhenStored = true
            case .open:
                closeReason = "server stopping"
                perform(session.shutdown(), context: context)
            case .handshaking, .refused:
                closeReason = "server stopping"
                state = .closing
                context.close(promise: nil)
            case .closing:
                break
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Plaintext on the TLS port, a broken handshake or a reset: this connection only.
        if state == .handshaking || state == .refused {
            logger.debug("TLS handshake failed", metadata: ["error": "\(error)"])
            closeReason = "handshake failed"
        } else if case .uncleanShutdown = error as? NIOSSLError {
            closeReason = "peer closed without close_notify"
        } else {
            logger.debug("connection error", metadata: ["error": "\(error)"])
            closeReason = "error"
        }
        state = .closing
        context.close(promise: nil)
    }

    // MARK: - Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state == .open else { return }
        let buffer = unwrapInboundIn(data)
        let lines = decoder.feed(buffer.readableBytesView)
        guard !lines.isEmpty else { return }
        for line in lines {
            guard state == .open else { break }
            linesReceived += 1
            switch limiter.admit(atNanoseconds: NIODeadline.now().uptimeNanoseconds) {
            case .accept:
                if session.isWaitingForStorage || understanding || !heldLines.isEmpty {
                    if heldLines.count < Self.maxHeldLines {
                        heldLines.append(line)
                    } else {
                        perform(session.refuse(.slowDown), flush: false, context: context)
                    }
                } else {
                    handle(line, context: context)
                }
            case .refuse(let notify):
                if notify { perform(session.refuse(.slowDown), flush: false, context: context) }
            case .close:
                logger.notice("closing a flooding connection")
                closeReason = "flood"
                perform(session.refuse(.slowDown, close: true), flush: false, context: context)
            }
        }
        context.flush()
        if state == .open { armIdleTimer(context: context) }
    }

    /// Hands one line to the session and performs what it asks.
    private func handle(_ line: InboundLine, context: ChannelHandlerContext) {
        // Never the text a resident typed, at any level: the session says what may be logged
        // (length, kind, command name, the catalogue's words). Decided before the session moves on.
        let view = logger.logLevel <= .trace ? session.logView(of: line, catalogue: catalogues.current) : nil
        if case .text(let text) = line, text.utf8.count > limits.offLoopLineBytes {
            understandOffLoop(line, view: view, context: context)
            return
        }
        let actions = session.receive(line, catalogue: catalogues.current, today: configuration.today())
        if let view { logLine(view, actions) }
        logReplies(actions)
        perform(actions, flush: false, context: context)
    }

    /// Runs the session's step for a long line on the blocking-work thread pool, never on the
    /// event loop, with a deadline: past it the resident is told `took_too_long`, the session goes
    /// on as it was, and a late result is dropped. Lines that arrive meanwhile wait, in order.
    private func understandOffLoop(_ line: InboundLine, view: LineLog?, context: ChannelHandlerContext) {
        understanding = true
        understandingToken &+= 1
        let token = understandingToken
        let session = self.session
        let catalogue = catalogues.current
        let today = configuration.today()
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        configuration.understandingPool.submit { _ in
            var working = session
            let actions = working.receive(line, catalogue: catalogue, today: today)
            let result = (session: working, actions: actions)
            loop.execute {
                bound.value.handler.finishUnderstanding(token, result, view: view, context: bound.value.context)
            }
        }
        let deadline = TimeAmount.milliseconds(Int64(limits.understandingDeadlineMilliseconds))
        _ = loop.assumeIsolated().scheduleTask(in: deadline) {
            self.finishUnderstanding(token, nil, view: nil, context: context)
        }
    }

    /// The off-loop step finished (`result`), or its deadline passed (nil); the first one counts.
    private func finishUnderstanding(_ token: UInt64, _ result: (session: Session, actions: [SessionAction])?, view: LineLog?, context: ChannelHandlerContext) {
        guard understanding, token == understandingToken else { return }
        understanding = false
        guard state == .open else { return }
        if let result {
            session = result.session
            if let view { logLine(view, result.actions) }
            logReplies(result.actions)
            perform(result.actions, context: context)
        } else {
            logger.notice("a line took too long to understand", metadata: ["deadline_ms": "\(limits.understandingDeadlineMilliseconds)"])
            perform(session.refuse(.tookTooLong), context: context)
        }
        if stopWhenStored, !session.isWaitingForStorage, !understanding {
            perform(session.shutdown(), context: context)
            return
        }
        handleHeldLines(context: context)
        if state == .open { armIdleTimer(context: context) }
    }

    /// Handles held lines until the session waits for storage (or a long line) again or none are left.
    private func handleHeldLines(context: ChannelHandlerContext) {
        while state == .open, !session.isWaitingForStorage, !understanding, !heldLines.isEmpty {
            handle(heldLines.removeFirst(), context: context)
        }
        context.flush()
    }

    // MARK: - Storage

    private func store(_ request: StoreRequest, context: ChannelHandlerContext) {
        let storage = self.storage
        let connection = connectionID
        let peer = self.peer
        let catalogue = catalogues.current
        let throttle = loginThrottle
        let promise = context.eventLoop.makePromise(of: (StoreResponse, LoginThrottle).self)
        promise.completeWithTask {
            await storage.perform(request, connection: connection, peer: peer, catalogue: catalogue, throttle: throttle,
                                  now: { NIODeadline.now().uptimeNanoseconds })
        }
        promise.futureResult.assumeIsolated().whenSuccess { response, throttle in
            self.loginThrottle = throttle
            guard self.state == .open else { return }
            let actions = self.session.complete(response, catalogue: self.catalogues.current, today: self.configuration.today())
            self.logReplies(actions)
            self.perform(actions, context: context)
            if self.stopWhenStored, !self.session.isWaitingForStorage {
                self.perform(self.session.shutdown(), context: context)
                return
            }
            self.handleHeldLines(context: context)
            if self.state == .open { self.armIdleTimer(context: context) }
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // A client that does not read its replies stops being read: output stays bounded.
        let writable = context.channel.isWritable
        try? context.channel.syncOptions?.setOption(.autoRead, value: writable)
        if writable { context.read() }
        context.fireChannelWritabilityChanged()
    }

    private func logLine(_ view: LineLog, _ actions: [SessionAction]) {
        var metadata: Logger.Metadata = ["kind": "\(view.kind.rawValue)", "bytes": "\(view.bytes)"]
        if let command = view.command { metadata["command"] = "\(command)" }
        if view.kind == .question {
            metadata["known_words"] = "\(view.knownWords.joined(separator: " "))"
            if case .reply(let reply, _, _)? = actions.first(where: { if case .reply = $0 { return true } else { return false } }) {
                metadata["intent"] = "\(reply.intent ?? "-")"
                metadata["confidence"] = "\(reply.confidence.map { ReplyRenderer.formatConfidence($0) } ?? "-")"
            }
        }
        logger.trace("line received", metadata: metadata)
    }

    private func logReplies(_ actions: [SessionAction]) {
        guard logger.logLevel <= .debug else { return }
        for case .reply(let reply, _, _) in actions {
            logger.debug("reply", metadata: [
                "intent": "\(reply.intent ?? "-")",
                "confidence": "\(reply.confidence.map { ReplyRenderer.formatConfidence($0) } ?? "-")",
                "error": "\(reply.error?.rawValue ?? "-")",
            ])
        }
    }

    // MARK: - Writing

    private func perform(_ actions: [SessionAction], flush: Bool = true, context: ChannelHandlerContext) {
        for action in actions {
            switch action {
            case .reply(let reply, let format, let prompt):
                write(ReplyRenderer.render(reply, format: format, prompt: prompt), context: context)
            case .prompt:
                write(ReplyRenderer.prompt, context: context)
            case .store(let request):
                store(request, context: context)
            case .identifyKiosk(let token):
                let accepted = configuration.kioskTokens.contains { ConstantTime.equal($0, token) }
                logger.info(accepted ? "kiosk identified" : "unknown kiosk token")
                if accepted {
                    registry.exemptFromPeerCap(id: connectionID, peer: peer)
                    limits = configuration.limits.forKiosk
                    // The kiosk's shorter timeout applies from now: the next line schedules afresh.
                    idleTimer?.cancel()
                    idleTimer = nil
                }
                perform(session.kioskChecked(accepted), flush: false, context: context)
            case .close:
                state = .closing
                idleTimer?.cancel()
                context.flush()
                let done = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
                done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
                return
            }
        }
        if flush { context.flush() }
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        let size = buffer.readableBytes
        pendingOutputBytes += size
        if pendingOutputBytes > configuration.limits.maxPendingOutputBytes {
            logger.notice("closing a connection that does not read its replies")
            closeReason = "output limit"
            state = .closing
            context.close(promise: nil)
            return
        }
        let promise = context.eventLoop.makePromise(of: Void.self)
        promise.futureResult.assumeIsolated().whenComplete { _ in self.pendingOutputBytes -= size }
        lastWrite = promise.futureResult
        context.write(wrapOutboundOut(buffer), promise: promise)
    }

    // MARK: - Idle timeout

    /// The resident did something: the idle clock starts again. The timer is not rescheduled for
    /// every line (a cancel and a schedule each); when it fires it looks at how long the session
    /// has really been silent, warns or closes if it is time, and otherwise waits for the rest.
    private func armIdleTimer(context: ChannelHandlerContext) {
        lastActivity = .now()
        idleWarned = false
        if idleTimer == nil { scheduleIdleCheck(context: context) }
    }

    /// Schedules the next look at the idle clock: the warning (if due to be sent) or the close.
    private func scheduleIdleCheck(context: ChannelHandlerContext) {
        let stage: Int
        if !idleWarned, let warnAfter = limits.idleWarningAfterSeconds {
            stage = warnAfter
        } else {
            stage = max(limits.idleTimeoutSeconds, 1)
        }
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: lastActivity + .seconds(Int64(stage))) {
            self.idleTimer = nil
            self.checkIdle(context: context)
        }
    }

    private func checkIdle(context: ChannelHandlerContext) {
        guard state == .open else { return }
        let silent = NIODeadline.now() - lastActivity
        if !idleWarned, let warnAfter = limits.idleWarningAfterSeconds {
            if silent >= .seconds(Int64(warnAfter)) {
                idleWarned = true
                perform(session.idleWarning(secondsLeft: limits.idleWarningSeconds), context: context)
            }
        } else if silent >= .seconds(Int64(max(limits.idleTimeoutSeconds, 1))) {
            idleTimeout(context: context)
            return
        }
        if state == .open { scheduleIdleCheck(context: context) }
    }

    private func idleTimeout(context: ChannelHandlerContext) {
        guard state == .open, !session.isWaitingForStorage else { return }
        closeReason = "idle"
        perform(session.idleTimeout(), context: context)
    }
}
