import CivicCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
#if canImport(Glibc)
import Glibc
#endif
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// The TLS line-protocol listener, run as a swift-service-lifecycle `Service`.
///
/// On graceful shutdown it stops accepting, sends every session its goodbye, waits up to
/// ``ServerConfiguration/shutdownGraceSeconds`` for them to close, then returns.
public final class CivicServer: Service, Sendable {
    /// Connections the kernel may queue before they are accepted (bursts of thousands at once).
    static let listenBacklog: Int32 = 4096
    /// The least output queued before a connection stops being read.
    static let minimumWriteHighWater = 1024

    private let configuration: ServerConfiguration
    private let catalogues: CatalogueStore
    private let storage: SessionStorage
    /// The TLS context new connections get: read once per accepted connection, replaced whole
    /// by ``replaceTLS(_:)`` (connections already open keep the one they started with).
    private let sslContext: NIOLockedValueBox<NIOSSLContext>
    private let group: any EventLoopGroup
    private let logger: Logger
    private let onRunning: @Sendable (SocketAddress) async -> Void
    private let registry: ConnectionRegistry

    /// - Parameters:
    ///   - onRunning: called once the socket is bound, with its address (tests bind port 0).
    public init(
        configuration: ServerConfiguration,
        catalogues: CatalogueStore,
        storage: SessionStorage,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        onRunning: @escaping @Sendable (SocketAddress) async -> Void = { _ in }
    ) throws {
        self.configuration = configuration
        self.catalogues = catalogues
        self.storage = storage
        self.sslContext = NIOLockedValueBox(try NIOSSLContext(configuration: configuration.tls))
        self.group = group
        self.logger = logger
        self.onRunning = onRunning
        self.registry = ConnectionRegistry(
            maxConnections: configuration.limits.maxConnections,
            maxPerPeer: configuration.limits.maxConnectionsPerPeer
        )
    }

    /// glibc's `malloc_trim`, looked up at run time (Swift's Glibc module does not declare it;
    /// other C libraries may not have it, and then nothing is trimmed).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Closed connections after which freed memory is handed back to the system.
    static let closedConnectionsBeforeTrim = 100

    /// glibc keeps the memory of closed sessions in its per-thread arenas, and new sessions do not
    /// always reuse it: 10,000 sessions opened and closed left ~300 MB resident, and 500 idle
    /// sessions expiring and reconnecting added ~8 MB each time, until `malloc_trim` gave it back
    /// (docs/PERFORMANCE.md). Every 30 seconds, if at least ``closedConnectionsBeforeTrim``
    /// connections have closed since the last trim, free memory is returned (2–23 ms measured,
    /// off the event loops).
    private func returnFreedMemory() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(30))
            guard !Task.isCancelled, registry.closedSinceTrim >= Self.closedConnectionsBeforeTrim, let trim = Self.mallocTrim else { continue }
            registry.noteTrimmed()
            let start = ContinuousClock.now
            _ = trim(0)
            logger.debug("returned freed memory to the system", metadata: ["took": "\(ContinuousClock.now - start)"])
        }
    }

    public func run() async throws {
        let channel = try await bind()
        guard let address = channel.localAddress else {
            throw CivicServerError.bindFailed("no local address")
        }
        logger.info("listening on \(Self.describe(address))", metadata: ["address": "\(Self.describe(address))"])
        if let proxy = configuration.proxyProtocol {
            logger.notice("connections must come through a trusted proxy and begin with a PROXY header",
                          metadata: ["trusted_proxies": "\(proxy.trustedProxies.map(\.description).joined(separator: ", "))"])
        }
        await onRunning(address)

        // Wait for the signal (or cancellation) to stop.
        let reclaimer = Task { await self.returnFreedMemory() }
        try? await gracefulShutdown()
        reclaimer.cancel()
        logger.info("stopping: no new connections")
        try? await channel.close()
        await sayGoodbyeToEveryone()
        logger.info("stopped")
    }

    /// Serves new connections with `tls` (a reloaded certificate and key). Throws, leaving the
    /// current context in place, when it does not make a context (a broken or mismatched pair).
    public func replaceTLS(_ tls: TLSConfiguration) throws {
        let fresh = try NIOSSLContext(configuration: tls)
        sslContext.withLockedValue { $0 = fresh }
    }

    private func bind() async throws -> Channel {
        let sslContext = self.sslContext
        let configuration = self.configuration
        let registry = self.registry
        let catalogues = self.catalogues
        let storage = self.storage
        let logger = self.logger
        // Reading stops once half the output bound is queued (see channelWritabilityChanged).
        let highWater = max(configuration.limits.maxPendingOutputBytes / 2, Self.minimumWriteHighWater)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: Self.listenBacklog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: highWater / 2, high: highWater))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    guard let proxyProtocol = configuration.proxyProtocol else {
                        try sync.addHandler(NIOSSLServerHandler(context: sslContext.withLockedValue { $0 }))
                        try sync.addHandler(ConnectionHandler(
                            configuration: configuration, registry: registry, catalogues: catalogues, storage: storage, logger: logger
                        ))
                        return
                    }
                    // Behind a proxy: TLS and the session start once the PROXY header has named the resident.
                    let header = ProxyHeaderHandler(
                        configuration: proxyProtocol, timeout: .seconds(Int64(configuration.limits.handshakeTimeoutSeconds)),
                        metrics: storage.metrics, logger: logger
                    ) { pipeline, peer, proxy in
                        try pipeline.addHandler(NIOSSLServerHandler(context: sslContext.withLockedValue { $0 }))
                        try pipeline.addHandler(ConnectionHandler(
                            configuration: configuration, registry: registry, catalogues: catalogues, storage: storage, logger: logger,
                            proxied: (peer, proxy)
                        ))
                    }
                    try sync.addHandler(header)
                }
            }
        do {
            return try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch let error as IOError {
            throw CivicServerError.bindFailed("cannot listen on \(configuration.host):\(configuration.port): \(error.description)")
        } catch {
            throw CivicServerError.bindFailed("cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
    }

    private func sayGoodbyeToEveryone() async {
        let channels = registry.stopAccepting()
        guard !channels.isEmpty else { return }
        logger.info("saying goodbye", metadata: ["sessions": "\(channels.count)"])
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(ServerShutdownEvent())
        }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(configuration.shutdownGraceSeconds * 1000)))
        while registry.count > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if registry.count > 0 {
            logger.warning("closing sessions that did not finish in time", metadata: ["sessions": "\(registry.count)"])
            for channel in channels { channel.close(promise: nil) }
        }
    }

    /// `HOST:PORT` for IPv4, `[HOST]:PORT` for IPv6.
    public static func describe(_ address: SocketAddress) -> String {
        let host = address.ipAddress ?? "?"
        let port = address.port.map(String.init) ?? "?"
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

public enum CivicServerError: Error, CustomStringConvertible {
    case bindFailed(String)

    public var description: String {
        switch self {
        case .bindFailed(let message): return message
        }
    }
}
