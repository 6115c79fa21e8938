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
    private let inbox: Inbox<Received>

    private init(channel: Channel, inbox: Inbox<Received>) {
        self.channel = channel
        self.inbox = inbox
    }

    /// Connects and completes the TLS handshake.
    /// - Parameters:
    ///   - serverHostname: the name to verify and send as SNI (nil for an IP address).
    ///   - preface: bytes sent in the clear before the handshake: a PROXY header, as a TCP proxy
    ///     in front of the daemon would send it (tests and benchmarks of `proxy_protocol`).
    public static func connect(
        host: String,
        port: Int,
        tls: TLSConfiguration,
        serverHostname: String?,
        verification: (@Sendable (NIOSSLCertificate) -> Bool)? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        connectTimeout: TimeAmount = .seconds(10),
        preface: [UInt8] = []
    ) async throws -> TLSLineClient {
        let context = try NIOSSLContext(configuration: tls)
        let inbox = Inbox(Received())
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
                    if !preface.isEmpty { try channel.pipeline.syncOperations.addHandler(PrefaceHandler(bytes: preface)) }
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
            let (take, version) = inbox.read { $0.take(through: marker) }
            switch take {
            case .found(let received):
                return received
            case .closed(let received):
                throw ClientError.closed(received: String(decoding: received, as: UTF8.self))
            case .waiting:
                guard ContinuousClock.now < deadline else { throw ClientError.timedOut(waitingFor: description) }
                await inbox.waitForChange(after: version, until: deadline, on: channel.eventLoop)
            }
        }
    }

    /// Everything until the server closes the connection.
    public func readToEnd(timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            let (all, version) = inbox.read { received -> [UInt8]? in
                guard received.closed else { return nil }
                defer { received.bytes.removeAll() }
                return received.bytes
            }
            if let all { return String(decoding: all, as: UTF8.self) }
            guard ContinuousClock.now < deadline else { throw ClientError.timedOut(waitingFor: "close") }
            await inbox.waitForChange(after: version, until: deadline, on: channel.eventLoop)
        }
    }

    /// True once the server has closed the connection and everything it sent has been read.
    public var isClosed: Bool { inbox.read { $0.closed && $0.bytes.isEmpty }.result }

    /// True once the server has closed the connection, whether or not all it sent was read.
    public var isDisconnected: Bool { inbox.read { $0.closed }.result }

    /// Bytes received and not read yet.
    public var unread: String { inbox.read { String(decoding: $0.bytes, as: UTF8.self) }.result }

    /// Drops whatever was received and not read yet.
    public func discardUnread() {
        _ = inbox.read { $0.bytes.removeAll() }
    }

    public func close() async {
        try? await channel.close()
    }
}

// MARK: - Received bytes

/// What the server sent and the client has not read yet, and whether it has closed.
struct Received: Sendable {
    enum Take {
        case found([UInt8])
        case closed([UInt8])
        case waiting
    }

    var bytes: [UInt8] = []
    var closed = false

    /// Everything up to and including the first `marker`; all that is left once closed.
    mutating func take(through marker: [UInt8]) -> Take {
        if let end = Self.find(marker, in: bytes) {
            let taken = Array(bytes[..<end])
            bytes.removeFirst(end)
            return .found(taken)
        }
        if closed {
            defer { bytes.removeAll() }
            return .closed(bytes)
        }
        return .waiting
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

    private let inbox: Inbox<Received>
    private let handshake: EventLoopPromise<Void>
    private var handshakeDone = false

    init(inbox: Inbox<Received>, handshake: EventLoopPromise<Void>) {
        self.inbox = inbox
        self.handshake = handshake
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        inbox.update { $0.bytes.append(contentsOf: buffer.readableBytesView) }
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
        inbox.update { $0.closed = true }
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // A connection that never became active (refused, timed out) ends here.
        if !handshakeDone {
            handshakeDone = true
            handshake.fail(ChannelError.ioOnClosedChannel)
        }
        inbox.update { $0.closed = true }
    }
}

/// Writes its bytes as soon as the connection is up, before the TLS handler after it starts the
/// handshake, then leaves the pipeline.
private final class PrefaceHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        context.fireChannelActive()
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
