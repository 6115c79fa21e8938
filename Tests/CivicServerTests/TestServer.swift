import CivicClient
import CivicCore
import CivicServer
import CivicSetup
import CivicStore
import CivicTLS
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Testing

/// A real civicd listener on 127.0.0.1 and an ephemeral port, with a certificate from a CA made
/// for the test. Clients verify it against that CA, as a careful resident's client would.
struct TestServer {
    let port: Int
    let authority: CertificateAuthority
    let server: CivicServer
    let database: AppDatabase
    let shutdown: @Sendable () async -> Void

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let catalogue: Catalogue = {
        do {
            return try CatalogueFiles.load(directory: repositoryRoot.appendingPathComponent("intents").path)
        } catch {
            fatalError("the shipped catalogue does not load: \(error)")
        }
    }()

    /// Runs `body` against a fresh server, then stops the server gracefully.
    static func with(
        limits: Limits = Limits(),
        selfSigned: PEMIdentity? = nil,
        kioskTokens: [String] = [],
        metrics: ServerMetrics = ServerMetrics(),
        proxyProtocol: ProxyProtocolConfiguration? = nil,
        _ body: (TestServer) async throws -> Void
    ) async throws {
        let authority = try CertificateAuthority()
        let identity = try selfSigned ?? authority.issue(commonName: "localhost")
        var logger = Logger(label: "civicd.test")
        logger.logLevel = .critical
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.openForDaemon(path: directory.appendingPathComponent("civicd.sqlite").path)
        let (addresses, continuation) = AsyncStream.makeStream(of: SocketAddress.self)
        let server = try CivicServer(
            configuration: ServerConfiguration(
                host: "127.0.0.1",
                port: 0,
                limits: limits,
                tls: try TLSPolicy.serverConfiguration(certificateChainPEM: identity.certificatePEM, privateKeyPEM: identity.privateKeyPEM),
                today: { CalendarDay(year: 2026, month: 11, day: 21) },
                shutdownGraceSeconds: 2,
                kioskTokens: kioskTokens,
                proxyProtocol: proxyProtocol
            ),
            catalogues: CatalogueStore(catalogue),
            storage: SessionStorage(database: database, logger: logger, metrics: metrics),
            logger: logger,
            onRunning: { continuation.yield($0) }
        )
        let group = ServiceGroup(services: [server], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = addresses.makeAsyncIterator()
            guard let address = await iterator.next(), let port = address.port else {
                throw TestFailure("the server did not report its address")
            }
            let harness = TestServer(port: port, authority: authority, server: server, database: database, shutdown: { await group.triggerGracefulShutdown() })
            do {
                try await body(harness)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// A client that trusts the test CA and checks the name `localhost`.
    /// - Parameter preface: bytes sent before TLS (a PROXY header, as a proxy would send it).
    func client(tls: TLSConfiguration? = nil, preface: [UInt8] = []) async throws -> TLSLineClient {
        try await TLSLineClient.connect(
            host: "127.0.0.1", port: port,
            tls: try tls ?? TLSPolicy.clientConfiguration(trustRootsPEM: authority.certificatePEM),
            serverHostname: "localhost",
            preface: preface
        )
    }

    /// A client past the greeting, at the first prompt.
    func greetedClient(preface: [UInt8] = []) async throws -> TLSLineClient {
        let client = try await client(preface: preface)
        _ = try await client.read(until: "> ")
        return client
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A raw TCP connection, for plaintext and silence on the TLS port.
final class RawConnection: Sendable {
    private let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    init(port: Int) async throws {
        channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Sends `bytes`, then reads until the server closes; returns how long that took.
    func sendAndAwaitClose(_ bytes: [UInt8], timeout: Duration) async throws -> Duration {
        let start = ContinuousClock.now
        return try await withThrowingTaskGroup(of: Duration?.self) { group in
            group.addTask {
                try await self.channel.executeThenClose { inbound, outbound in
                    if !bytes.isEmpty { try await outbound.write(ByteBuffer(bytes: bytes)) }
                    do {
                        for try await _ in inbound {}
                    } catch {
                        // A reset is a close too.
                    }
                }
                return ContinuousClock.now - start
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let first else { throw TestFailure("the server did not close within \(timeout)") }
            return first
        }
    }
}
