import CivicCore
import Logging
import NIOCore

/// What `proxy_protocol` in the configuration asks for: connections come through a TCP proxy
/// (HAProxy `send-proxy-v2`), and each begins with a PROXY header naming the resident's address.
public struct ProxyProtocolConfiguration: Sendable, Equatable {
    /// The proxies allowed to connect; a connection from any other address is refused.
    public var trustedProxies: [AddressRange]

    public init(trustedProxies: [AddressRange]) {
        self.trustedProxies = trustedProxies
    }

    /// Whether a connection from `address` (a socket's peer, as text) may speak for a resident.
    public func trusts(_ address: String) -> Bool {
        guard let parsed = IPAddress(address) else { return false }
        return trustedProxies.contains { $0.contains(parsed) }
    }
}

/// The first handler of a connection when `proxy_protocol` is on: refuses a peer that is not a
/// trusted proxy, reads the PROXY header (at most ``ProxyHeaderDecoder/maxV2Bytes``, within
/// the handshake timeout), then puts the TLS and connection handlers after itself with the
/// resident's address, hands them what followed the header and removes itself. Anything else —
/// no header, a malformed or over-long one, silence — closes the connection before TLS, counted
/// in `civicd_refusals_total` under a `proxy_…` reason. Runs on the channel's event loop.
final class ProxyHeaderHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Adds the handlers that serve the connection once its resident's address is known.
    typealias Install = (ChannelPipeline.SynchronousOperations, _ peer: String, _ proxy: String) throws -> Void

    private let configuration: ProxyProtocolConfiguration
    private let timeout: TimeAmount
    private let metrics: ServerMetrics
    private var logger: Logger
    private let install: Install
    private var buffered: ByteBuffer?
    private var timer: Scheduled<Void>?
    private var done = false
    private var proxy = "unknown"

    init(configuration: ProxyProtocolConfiguration, timeout: TimeAmount, metrics: ServerMetrics, logger: Logger, install: @escaping Install) {
        self.configuration = configuration
        self.timeout = timeout
        self.metrics = metrics
        self.logger = logger
        self.install = install
    }

    func channelActive(context: ChannelHandlerContext) {
        proxy = context.remoteAddress?.ipAddress ?? "unknown"
        logger[metadataKey: "proxy"] = "\(proxy)"
        guard configuration.trusts(proxy) else {
            refuse(.untrusted, context: context)
            return
        }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.refuse(.timeout, context: context)
        }
        // The later handlers are added, and learn the connection is active, after the header.
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        if !done {
            // The proxy (or the client through it) went away before a whole header.
            done = true
            metrics.proxyRefused(.missing)
            logger.debug("connection closed before its PROXY header")
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        var incoming = unwrapInboundIn(data)
        if buffered == nil {
            buffered = incoming
        } else {
            buffered!.writeBuffer(&incoming)
        }
        let bytes = buffered!.readableBytesView
        switch ProxyHeaderDecoder.decode(bytes) {
        case .needMore:
            return
        case .refused(let error):
            refuse(ServerMetrics.ProxyRefusal(error), context: context)
        case .header(let header, let length):
            done = true
            timer?.cancel()
            var rest = buffered!
            rest.moveReaderIndex(forwardBy: length)
            buffered = nil
            let peer: String
            switch header {
            case .proxied(let source, _): peer = source.description
            case .local: peer = proxy
            }
            do {
                try install(context.pipeline.syncOperations, peer, proxy)
            } catch {
                logger.error("could not set up the connection after its PROXY header", metadata: ["error": "\(error)"])
                context.close(promise: nil)
                return
            }
            if rest.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(rest)) }
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    /// Closes the connection before TLS (nothing is written: the peer is not speaking our protocol yet).
    private func refuse(_ reason: ServerMetrics.ProxyRefusal, context: ChannelHandlerContext) {
        guard !done else { return }
        done = true
        timer?.cancel()
        buffered = nil
        metrics.proxyRefused(reason)
        logger.info("connection refused before TLS", metadata: ["reason": "\(reason.rawValue)"])
        context.close(promise: nil)
    }
}
