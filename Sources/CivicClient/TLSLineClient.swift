import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// A TLS client for line protocols: used by `civicd chat`, `civicd kiosk`, the load generator and
/// the tests. It verifies the server (a CA, the system roots or a pinned fingerprint; never
/// nothing) and reads bytes as they come, so prompts without a newline can be awaited.
public final class TLSLineClient: Sendable {
    public enum ClientError: Error, Equatable, CustomStringConvertible {
        case timedOut(waitingFor: String)
        case closed(received: String)

        public var description: String {
            switch self {
            case .timedOut(let marker): return "timed out waiting for \(marker.debugDescription)"
            case .closed(let received): return "connection closed (received \(received.debugDescription))"
            }
        }
    }

    private let channel: Channel
    private let inbox: Inbox

    private init(channel: Channel, inbox: Inbox) {
        self.channel = channel
        self.inbox = inbox
    }

    /// Connects and completes the TLS handshake.
    /// - Parameter serverHostname: the name to verify and send as SNI (nil for an IP address).
    public static func connect(
        host: String,
        port: Int,
        tls: TLSConfiguration,
        serverHostname: String?,
        verification: (@Sendable (NIOSSLCertificate) -> Bool)? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        connectTimeout: TimeAmount = .seconds(10)
    ) async throws -> TLSLineClient {
        let context = try NIOSSLContext(configuration: tls)
        let inbox = Inbox()
        // Made with the handler that completes it, so a failed connect never leaks it.
        let handshakeFuture = NIOLockedValueBox<EventLoopFuture<Void>?>(nil)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sslHandler: NIOSSLClientHandler
                    if let verification {
                        sslHandler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname) { certificates, promise in
                            promise.succeed(certificates.first.map(verification) == true ? .certificateVerified : .failed)
                        }
                    } else {
                        sslHandler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
                    }
                    let handshake = channel.eventLoop.makePromise(of: Void.self)
                    handshakeFuture.withLockedValue { $0 = handshake.futureResult }
                    try channel.pipeline.syncOperations.addHandler(sslHandler)
                    try channel.pipeline.syncOperations.addHandler(InboxHandler(inbox: inbox, handshake: handshake))
                }
            }
            .connect(host: host, port: port)
            .get()
        do {
            guard let handshake = handshakeFuture.withLockedValue({ $0 }) else { throw ChannelError.ioOnClosedChannel }
            try await handshake.get()
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return TLSLineClient(channel: channel, inbox: inbox)
    }

    // MARK: - Writing

    public func send(_ text: String) async throws {
        try await send(bytes: Array(text.utf8))
    }

    public func send(bytes: [UInt8]) async throws {
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        try await channel.writeAndFlush(buffer)
    }

    /// Sends `text` and a newline.
    public func sendLine(_ text: String) async throws {
        try await send(text + "\n")
    }

    // MARK: - Reading

    /// Everything received up to and including the first `marker`; the rest stays for later reads.
    public func read(until marker: String, timeout: Duration = .seconds(10)) async throws -> String {
        String(decoding: try await readBytes(through: Array(marker.utf8), timeout: timeout, description: marker), as: UTF8.self)
    }

    /// One line, without its newline.
    public func readLine(timeout: Duration = .seconds(10)) async throws -> String {
        String(decoding: try await readBytes(through: [0x0A], timeout: timeout, description: "\n").dropLast(), as: UTF8.self)
    }

    private func readBytes(through marker: [UInt8], timeout: Duration, description: String) async throws -> [UInt8] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            switch inbox.take(through: marker) {
            case .found(let received):
                return received
            case .closed(let received):
                throw ClientError.closed(received: String(decoding: received, as: UTF8.self))
            case .waiting(let version):
                guard ContinuousClock.now < deadline else { throw ClientError.timedOut(waitingFor: description) }
                await inbox.waitForData(after: version, until: deadline, on: channel.eventLoop)
            }
        }
    }

    /// Everything until the server closes the connection.
    public func readToEnd(timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            let version = inbox.version
            if let all = inbox.takeAllIfClosed() { return String(decoding: all, as: UTF8.self) }
            guard ContinuousClock.now < deadline else { throw ClientError.timedOut(waitingFor: "close") }
            await inbox.waitForData(after: version, until: deadline, on: channel.eventLoop)
        }
    }

    /// True once the server has closed the connection and everything it sent has been read.
    public var isClosed: Bool { inbox.isClosed }

    /// True once the server has closed the connection, whether or not all it sent was read.
    public var isDisconnected: Bool { inbox.isDisconnected }

    /// Bytes received and not read yet.
    public var unread: String { inbox.peek() }

    /// Drops whatever was received and not read yet.
    public func discardUnread() {
        inbox.discardAll()
    }

    public func close() async {
        try? await channel.close()
    }
}

// MARK: - Inbox

/// Received bytes, shared between the event loop (writer) and the reading task.
private final class Inbox: Sendable {
    enum Take {
        case found([UInt8])
        case closed([UInt8])
        case waiting(version: UInt64)
    }

    private struct State {
        var bytes: [UInt8] = []
        /// Bumped on every arrival, so a waiter never misses bytes that came just before it waited.
        var version: UInt64 = 0
        var closed = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    func append(_ buffer: ByteBuffer) {
        let waiters = state.withLockedValue { state in
            state.bytes.append(contentsOf: buffer.readableBytesView)
            state.version &+= 1
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    func close() {
        let waiters = state.withLockedValue { state in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    var isClosed: Bool { state.withLockedValue { $0.closed && $0.bytes.isEmpty } }

    var version: UInt64 { state.withLockedValue { $0.version } }

    var isDisconnected: Bool { state.withLockedValue { $0.closed } }

    func peek() -> String { state.withLockedValue { String(decoding: $0.bytes, as: UTF8.self) } }

    func discardAll() { state.withLockedValue { $0.bytes.removeAll() } }

    func take(through marker: [UInt8]) -> Take {
        state.withLockedValue { state in
            if let end = Self.find(marker, in: state.bytes) {
                let taken = Array(state.bytes[..<end])
                state.bytes.removeFirst(end)
                return .found(taken)
            }
            if state.closed {
                let rest = state.bytes
                state.bytes.removeAll()
                return .closed(rest)
            }
            return .waiting(version: state.version)
        }
    }

    func takeAllIfClosed() -> [UInt8]? {
        state.withLockedValue { state in
            guard state.closed else { return nil }
            defer { state.bytes.removeAll() }
            return state.bytes
        }
    }

    /// Waits until bytes arrive, the connection closes, or `deadline` passes. The deadline is a
    /// timer on the connection's event loop: cheaper than a sleeping task for every wait.
    func waitForData(after version: UInt64, until deadline: ContinuousClock.Instant, on eventLoop: any EventLoop) async {
        let remaining = deadline - ContinuousClock.now
        let nanoseconds = max(0, remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000)
        let timer = eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { self.wakeAll() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLockedValue { state in
                if state.closed || state.version != version { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
        timer.cancel()
    }

    private func wakeAll() {
        let waiters = state.withLockedValue { state in
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// The index just past the first occurrence of `marker`.
    static func find(_ marker: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !marker.isEmpty, bytes.count >= marker.count else { return nil }
        let first = marker[0]
        var index = 0
        while index <= bytes.count - marker.count {
            if bytes[index] == first && bytes[index..<index + marker.count].elementsEqual(marker) {
                return index + marker.count
            }
            index += 1
        }
        return nil
    }
}

private final class InboxHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let inbox: Inbox
    private let handshake: EventLoopPromise<Void>
    private var handshakeDone = false

    init(inbox: Inbox, handshake: EventLoopPromise<Void>) {
        self.inbox = inbox
        self.handshake = handshake
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        inbox.append(unwrapInboundIn(data))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event, !handshakeDone {
            handshakeDone = true
            handshake.succeed()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if !handshakeDone {
            handshakeDone = true
            handshake.fail(error)
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !handshakeDone {
            handshakeDone = true
            handshake.fail(ChannelError.ioOnClosedChannel)
        }
        inbox.close()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // A connection that never became active (refused, timed out) ends here.
        if !handshakeDone {
            handshakeDone = true
            handshake.fail(ChannelError.ioOnClosedChannel)
        }
        inbox.close()
    }
}
