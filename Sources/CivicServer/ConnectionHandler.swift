import CivicCore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Sent down every connection's pipeline when the server stops: say goodbye and close.
struct ServerShutdownEvent: Sendable {}

/// One connection, as a byte pump: bytes → line decoder → rate limiter → ``Session``, and the
/// session's actions → writes, storage, off-loop understanding and timers. The conversation,
/// the held lines, the idle clock, kiosk and log-in rules are the session's; this handler owns
/// the TLS handshake timeout, the connection caps and the output bound. It runs on the channel's
/// event loop.
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
    private var connectionID: UInt64 = 0
    private var admitted = false
    private var peer = "unknown"
    private var decoder: LineDecoder
    private var session: Session
    private var limiter: RateLimiter
    private var handshakeTimeout: Scheduled<Void>?
    /// The timer that next asks the session's idle clock, and when it fires.
    private var idleTimer: (task: Scheduled<Void>, deadline: UInt64)?
    private var pendingOutputBytes = 0
    private var lastWrite: EventLoopFuture<Void>?
    private var linesReceived = 0
    private var closeReason = "peer closed"
    /// The TLS handshake finished (a later error is not a handshake failure).
    private var handshakeCompleted = false
    /// The kind of the session, once one started (for the connection metrics).
    private var sessionKind: ServerMetrics.ConnectionKind?

    /// The resident's address from a PROXY header, and the proxy's: set when the handler is
    /// added after ``ProxyHeaderHandler`` has read the header (the connection already active).
    private let proxied: (peer: String, proxy: String)?

    init(configuration: ServerConfiguration, registry: ConnectionRegistry, catalogues: CatalogueStore, storage: SessionStorage, logger: Logger,
         proxied: (peer: String, proxy: String)? = nil) {
        self.proxied = proxied
        self.configuration = configuration
        self.registry = registry
        self.catalogues = catalogues
        self.storage = storage
        self.logger = logger
        self.decoder = LineDecoder(maxLineBytes: configuration.limits.maxLineBytes)
        self.session = Session(limits: configuration.limits, kioskTokens: configuration.kioskTokens, kioskCentre: configuration.kioskCentre)
        self.session.tracesLines = logger.logLevel <= .trace
        self.session.keepsUnanswered = configuration.keepUnanswered
        self.session.russianReply = configuration.russianReply
        self.limiter = RateLimiter(linesPerSecond: configuration.limits.linesPerSecond, closeAfter: configuration.limits.floodCloseAfter)
    }

    private var now: SessionTime {
        SessionTime(today: configuration.today(), uptimeNanoseconds: NIODeadline.now().uptimeNanoseconds)
    }

    // MARK: - Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        // Behind a proxy the connection was active before this handler was added: start now.
        if proxied != nil, context.channel.isActive { begin(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if proxied == nil { begin(context: context) }
        context.fireChannelActive()
    }

    /// Admits the connection by its address (the resident's, from the PROXY header when there is
    /// one) and starts the TLS handshake timeout.
    private func begin(context: ChannelHandlerContext) {
        peer = proxied?.peer ?? context.remoteAddress?.ipAddress ?? "unknown"
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
        if let proxied { logger[metadataKey: "proxy"] = "\(proxied.proxy)" }
        logger.info("connection opened", metadata: state == .refused ? ["refused": "capacity"] : [:])
        let timeout = TimeAmount.seconds(Int64(configuration.limits.handshakeTimeoutSeconds))
        handshakeTimeout = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.logger.debug("TLS handshake timed out")
            self.closeReason = "handshake timeout"
            self.storage.metrics.handshakeFailed(.timeout)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeTimeout?.cancel()
        idleTimer?.task.cancel()
        if admitted {
            registry.release(id: connectionID, peer: peer)
            admitted = false
        }
        state = .closing
        record(session.connectionClosed(at: now))
        if let sessionKind { storage.metrics.sessionClosed(kind: sessionKind) }
        logger.info("connection closed", metadata: ["reason": "\(closeReason)", "lines": "\(linesReceived)"])
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            handshakeTimeout?.cancel()
            handshakeTimeout = nil
            handshakeCompleted = true
            switch state {
            case .handshaking where !registry.establish(id: connectionID, peer: peer):
                // This address has its fill of sessions (kiosks apart).
                state = .refused
                closeReason = "server busy"
                perform(Session.busy(), context: context)
            case .handshaking:
                state = .open
                sessionKind = .resident
                storage.metrics.sessionOpened()
                perform(session.start(at: now), context: context)
            case .refused:
                closeReason = "server busy"
                perform(Session.busy(), context: context)
            case .open, .closing:
                break
            }
            return
        }
        if event is ServerShutdownEvent {
            closeReason = "server stopping"
            switch state {
            case .open:
                // The session says goodbye now, or once storage has answered it.
                perform(session.shutdown(), context: context)
            case .handshaking, .refused:
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
            if !handshakeCompleted { storage.metrics.handshakeFailed(.error) }
        } else if case .uncleanShutdown = error as? NIOSSLError {
            closeReason = "peer closed without close_notify"
        } else {
            logger.debug("connection error", metadata: ["error": "\(error)"])
            closeReason = "error"
        }
        state = .closing
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // A client that does not read its replies stops being read: output stays bounded.
        let writable = context.channel.isWritable
        try? context.channel.syncOptions?.setOption(.autoRead, value: writable)
        if writable { context.read() }
        context.fireChannelWritabilityChanged()
    }

    // MARK: - Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state == .open else { return }
        let lines = decoder.feed(unwrapInboundIn(data).readableBytesView)
        guard !lines.isEmpty else { return }
        for line in lines {
            guard state == .open else { break }
            linesReceived += 1
            let time = now
            switch limiter.admit(atNanoseconds: time.uptimeNanoseconds) {
            case .accept:
                let start = ContinuousClock.now
                let actions = session.receive(line, catalogue: catalogues.current, at: time)
                storage.metrics.recordUnderstanding(ContinuousClock.now - start)
                perform(actions, flush: false, context: context)
            case .refuse(let notify):
                if notify { perform(session.refuseForSpeed(at: time), flush: false, context: context) }
            case .close:
                logger.notice("closing a flooding connection")
                closeReason = "flood"
                perform(session.refuseForSpeed(close: true, at: time), flush: false, context: context)
            }
        }
        context.flush()
    }

    // MARK: - Performing the session's actions

    private func perform(_ actions: [SessionAction], flush: Bool = true, context: ChannelHandlerContext) {
        for action in actions {
            switch action {
            case .reply(let reply, let format, let prompt):
                logger.reply(reply)
                if let error = reply.error { storage.metrics.refused(error) }
                // The busy line stays one line: it is the whole conversation of a refused client.
                let width = state == .refused ? 0 : session.limits.textWidth
                write(ReplyRenderer.render(reply, format: format, prompt: prompt, width: width), context: context)
            case .prompt:
                write(ReplyRenderer.prompt, context: context)
            case .store(let request):
                store(request, context: context)
            case .understandElsewhere(let line, let ticket):
                understandElsewhere(line, ticket: ticket, context: context)
            case .kioskIdentified(let accepted):
                logger.info(accepted ? "kiosk identified" : "unknown kiosk token")
                if accepted {
                    registry.exemptFromPeerCap(id: connectionID, peer: peer)
                    if sessionKind == .resident {
                        sessionKind = .kiosk
                        storage.metrics.sessionBecameKiosk()
                    }
                }
            case .trace(let line):
                logger.line(line)
            case .observe, .keepUnanswered:
                record([action])
            case .close:
                state = .closing
                idleTimer?.task.cancel()
                idleTimer = nil
                context.flush()
                let done = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
                done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
                return
            }
        }
        if flush { context.flush() }
        scheduleIdleTick(context: context)
    }

    /// Hands counts and kept lines to the recorder: in memory, written later off the event loop.
    private func record(_ actions: [SessionAction]) {
        for action in actions {
            switch action {
            case .observe(let event, let day):
                storage.usage.observe(event, day: day)
                storage.metrics.observe(event)
            case .keepUnanswered(let line): storage.usage.keep(line)
            default: break
            }
        }
    }

    private func store(_ request: StoreRequest, context: ChannelHandlerContext) {
        let storage = self.storage
        let connection = connectionID
        let peer = self.peer
        let catalogue = catalogues.current
        let promise = context.eventLoop.makePromise(of: StoreResponse.self)
        promise.completeWithTask {
            await storage.perform(request, connection: connection, peer: peer, catalogue: catalogue)
        }
        promise.futureResult.assumeIsolated().whenSuccess { response in
            guard self.state == .open else { return }
            self.perform(self.session.complete(response, catalogue: self.catalogues.current, at: self.now), context: context)
        }
    }

    /// Runs the session's step for a long line on the blocking-work thread pool, never on the
    /// event loop, with a deadline; the session holds later lines and drops a late result.
    private func understandElsewhere(_ line: InboundLine, ticket: UInt64, context: ChannelHandlerContext) {
        let session = self.session
        let catalogue = catalogues.current
        let time = now
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        let metrics = storage.metrics
        configuration.understandingPool.submit { _ in
            let start = ContinuousClock.now
            let understood = session.understand(line, ticket: ticket, catalogue: catalogue, at: time)
            metrics.recordUnderstanding(ContinuousClock.now - start)
            loop.execute {
                let (handler, context) = bound.value
                guard handler.state == .open else { return }
                handler.perform(handler.session.adopt(understood, catalogue: handler.catalogues.current, at: handler.now), context: context)
            }
        }
        let deadline = TimeAmount.milliseconds(Int64(session.limits.understandingDeadlineMilliseconds))
        _ = loop.assumeIsolated().scheduleTask(in: deadline) {
            guard self.state == .open else { return }
            let actions = self.session.understandingTimedOut(ticket: ticket, catalogue: self.catalogues.current, at: self.now)
            guard !actions.isEmpty else { return }
            self.logger.notice("a line took too long to understand", metadata: ["deadline_ms": "\(self.session.limits.understandingDeadlineMilliseconds)"])
            self.perform(actions, context: context)
        }
    }

    /// Makes sure the session's idle clock is looked at by its deadline. The timer is not moved
    /// for every line (a cancel and a schedule each): a tick that comes early finds nothing due
    /// and schedules the next one; it is only brought forward (a kiosk's shorter timeout).
    private func scheduleIdleTick(context: ChannelHandlerContext) {
        guard state == .open, let deadline = session.idleDeadline else { return }
        if let idleTimer {
            if idleTimer.deadline <= deadline { return }
            idleTimer.task.cancel()
        }
        let task = context.eventLoop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(deadline)) {
            self.idleTimer = nil
            guard self.state == .open else { return }
            let actions = self.session.idleTick(at: self.now)
            if actions.contains(.close) { self.closeReason = "idle" }
            self.perform(actions, context: context)
        }
        idleTimer = (task, deadline)
    }

    // MARK: - Writing

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
}
