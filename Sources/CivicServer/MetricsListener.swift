import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// The operators' HTTP/1.1 listener (`metrics.listen`, `--metrics-listen`): `GET /metrics`
/// (Prometheus text), `GET /healthz` (200 while the process runs) and `GET /readyz` (200 when
/// ``DaemonReadiness`` says ready, else 503 with a one-word reason). Anything else is 404.
/// Plaintext, one request per connection, at most ``maxRequestBytes`` read and
/// ``requestTimeout`` allowed per connection: keep it on loopback or a private interface.
///
/// Put it first in the service group, so that it stops last: `/readyz` answers 503 while the
/// daemon says goodbye to its sessions.
public final class MetricsListener: Service, Sendable {
    /// Bytes a connection may send (request line and headers; a body is refused).
    static let maxRequestBytes = 8 * 1024
    /// A connection that has not sent its request by then is closed.
    static let requestTimeout = TimeAmount.seconds(10)

    private let host: String
    private let port: Int
    private let group: any EventLoopGroup
    private let logger: Logger
    private let metrics: @Sendable () -> [UInt8]
    private let readiness: DaemonReadiness
    private let onRunning: @Sendable (SocketAddress) async -> Void

    /// - Parameters:
    ///   - metrics: the Prometheus text exposition, rendered per scrape.
    ///   - onRunning: called once the socket is bound, with its address (tests bind port 0).
    public init(
        host: String,
        port: Int,
        metrics: @escaping @Sendable () -> [UInt8],
        readiness: DaemonReadiness,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        onRunning: @escaping @Sendable (SocketAddress) async -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.metrics = metrics
        self.readiness = readiness
        self.group = group
        self.logger = logger
        self.onRunning = onRunning
    }

    public func run() async throws {
        let metrics = self.metrics
        let readiness = self.readiness
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(RequestSizeLimitHandler(maxBytes: Self.maxRequestBytes))
                    try sync.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
                    try sync.addHandler(MetricsHTTPHandler(metrics: metrics, readiness: readiness, timeout: Self.requestTimeout))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            throw CivicServerError.bindFailed("cannot listen for metrics on \(host):\(port): \(error)")
        }
        guard let address = channel.localAddress else { throw CivicServerError.bindFailed("no local address for metrics") }
        logger.info("metrics and health on http://\(CivicServer.describe(address))", metadata: ["address": "\(CivicServer.describe(address))"])
        if !Self.isLoopback(address) {
            logger.notice("the metrics listener is not on loopback: it has no authentication, keep it on a private interface")
        }
        await onRunning(address)
        try? await gracefulShutdown()
        try? await channel.close()
    }
}

extension MetricsListener {
    static func isLoopback(_ address: SocketAddress) -> Bool {
        guard let ip = address.ipAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1"
    }
}

/// Closes a connection that sends more than `maxBytes` in all: requests here are one line and a
/// few headers, and nothing is read without bound.
final class RequestSizeLimitHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let maxBytes: Int
    private var received = 0

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += unwrapInboundIn(data).readableBytes
        guard received <= maxBytes else {
            context.close(promise: nil)
            return
        }
        context.fireChannelRead(data)
    }
}

/// Answers one request, then closes the connection.
final class MetricsHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let metrics: @Sendable () -> [UInt8]
    private let readiness: DaemonReadiness
    private let timeout: TimeAmount
    private var head: HTTPRequestHead?
    private var hasBody = false
    private var answered = false
    private var deadline: Scheduled<Void>?

    init(metrics: @escaping @Sendable () -> [UInt8], readiness: DaemonReadiness, timeout: TimeAmount) {
        self.metrics = metrics
        self.readiness = readiness
        self.timeout = timeout
    }

    func channelActive(context: ChannelHandlerContext) {
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            context.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            hasBody = true
        case .end:
            guard let head, !answered else { return }
            answered = true
            answer(head, context: context)
        }
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? head.uri
        guard head.method == .GET || head.method == .HEAD else {
            respond(.methodNotAllowed, "method not allowed\n", head: head, context: context)
            return
        }
        guard !hasBody else {
            respond(.payloadTooLarge, "no body expected\n", head: head, context: context)
            return
        }
        switch path {
        case "/metrics":
            respond(.ok, metrics(), contentType: "text/plain; version=0.0.4; charset=utf-8", head: head, context: context)
        case "/healthz":
            respond(.ok, "ok\n", head: head, context: context)
        case "/readyz":
            let readiness = self.readiness
            let promise = context.eventLoop.makePromise(of: String?.self)
            promise.completeWithTask { await readiness.notReadyReason() }
            promise.futureResult.assumeIsolated().whenSuccess { reason in
                if let reason {
                    self.respond(.serviceUnavailable, reason + "\n", head: head, context: context)
                } else {
                    self.respond(.ok, "ready\n", head: head, context: context)
                }
            }
        default:
            respond(.notFound, "not found\n", head: head, context: context)
        }
    }

    private func respond(_ status: HTTPResponseStatus, _ text: String, head: HTTPRequestHead, context: ChannelHandlerContext) {
        respond(status, Array(text.utf8), contentType: "text/plain; charset=utf-8", head: head, context: context)
    }

    private func respond(_ status: HTTPResponseStatus, _ body: [UInt8], contentType: String, head request: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: "\(body.count)")
        headers.add(name: "Connection", value: "close")
        headers.add(name: "Cache-Control", value: "no-store")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
