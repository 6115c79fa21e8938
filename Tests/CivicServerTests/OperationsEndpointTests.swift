import CivicCore
import CivicServer
import CivicSetup
import CivicStore
import Foundation
import Logging
import MetricsTestKit
import NIOCore
import NIOPosix
import ServiceLifecycle
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("The operators' endpoints and the systemd notifier", .timeLimit(.minutes(1)))
struct OperationsEndpointTests {
    /// Sends `request` as raw bytes and reads until the listener closes the connection.
    func exchange(_ port: Int, _ request: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var text = ""
            do {
                try await outbound.write(ByteBuffer(string: request))
                for try await buffer in inbound { text += String(buffer: buffer) }
            } catch {
                // Closed on us mid-request (the size limit): what arrived is the answer.
            }
            return text
        }
    }

    func get(_ port: Int, _ path: String) async throws -> String {
        try await exchange(port, "GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n")
    }

    /// The status line's code and the body of a response.
    func parse(_ response: String) -> String {
        let parts = response.components(separatedBy: "\r\n\r\n")
        let code = parts.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "none"
        return "\(code) \(parts.dropFirst().joined(separator: "\r\n\r\n").trimmingCharacters(in: .newlines))"
    }

    @Test("/readyz: 503 starting, 200 once listening, 503 stopping; /healthz 200 throughout; 404 elsewhere; an oversized request is cut off")
    func readiness() async throws {
        var logger = Logger(label: "civicd.test")
        logger.logLevel = .critical
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civicd-ready-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.openForDaemon(path: directory.appendingPathComponent("civicd.sqlite").path)
        let readiness = DaemonReadiness(catalogues: CatalogueStore(TestServer.catalogue), database: database)
        let (addresses, continuation) = AsyncStream.makeStream(of: SocketAddress.self)
        let listener = MetricsListener(host: "127.0.0.1", port: 0, metrics: { Array("civicd_test 1\n".utf8) }, readiness: readiness,
                                       logger: logger, onRunning: { continuation.yield($0) })
        let group = ServiceGroup(services: [listener], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = addresses.makeAsyncIterator()
            let port = try #require(await iterator.next()?.port)

            #expect(parse(try await get(port, "/readyz")) == "503 starting")
            readiness.markListening()
            #expect(parse(try await get(port, "/readyz")) == "200 ready")
            #expect(parse(try await get(port, "/readyz?verbose=1")) == "200 ready")
            #expect(parse(try await get(port, "/healthz")) == "200 ok")
            #expect(parse(try await get(port, "/metrics")) == "200 civicd_test 1")
            #expect(try await get(port, "/metrics").contains("Content-Type: text/plain; version=0.0.4"))
            #expect(parse(try await get(port, "/")) == "404 not found")
            #expect(parse(try await exchange(port, "DELETE /readyz HTTP/1.1\r\nHost: x\r\n\r\n")) == "405 method not allowed")

            let huge = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "a", count: 20_000))\r\n\r\n"
            #expect(!(try await exchange(port, huge)).contains("200 OK"), "more than the request bound is never answered")

            readiness.markStopping()
            #expect(parse(try await get(port, "/readyz")) == "503 stopping")
            #expect(parse(try await get(port, "/healthz")) == "200 ok")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("the notifier sends one datagram to an abstract-namespace NOTIFY_SOCKET (@name), and nothing without one")
    func abstractNotifySocket() throws {
        let name = "civicd-test-\(UUID().uuidString.prefix(12))"
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = [UInt8(0)] + Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        try #require(bound == 0)

        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "@" + name])
        #expect(notifier.ready())
        #expect(notifier.send("STATUS=serving\nWATCHDOG=1"))
        var buffer = [UInt8](repeating: 0, count: 256)
        var received: [String] = []
        for _ in 0..<2 {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { received.append(String(decoding: buffer[..<count], as: UTF8.self)) }
        }
        #expect(received == ["READY=1", "STATUS=serving\nWATCHDOG=1"])

        let absent = SystemdNotifier(environment: [:])
        #expect(absent.socket == nil && absent.watchdogInterval == nil)
        #expect(!absent.ready())
    }

    @Test("the watchdog interval is half WATCHDOG_USEC, only for this process and only with a socket")
    func watchdogInterval() {
        let socket = "/run/systemd/notify"
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": socket, "WATCHDOG_USEC": "30000000"]).watchdogInterval == .seconds(15))
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": socket, "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid())"]).watchdogInterval == .seconds(15))
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": socket, "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": socket, "WATCHDOG_USEC": "zero"]).watchdogInterval == nil)
    }

    @Test("metrics.listen: HOST:PORT turns the listener on, empty leaves it off, anything else is refused with its line")
    func metricsListenConfiguration() throws {
        #expect(try DaemonConfiguration.parse("listen: 127.0.0.1:7443\n", file: "c.yml").metricsListen == nil)
        #expect(try DaemonConfiguration.parse("metrics:\n  listen:\n", file: "c.yml").metricsListen == nil)
        #expect(try DaemonConfiguration.parse("metrics:\n  listen: 127.0.0.1:9464\n", file: "c.yml").metricsListen == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(try DaemonConfiguration.parse("metrics:\n  listen: \"[::1]:9464\"\n", file: "c.yml").metricsListen == ListenAddress(host: "::1", port: 9464))
        #expect(throws: ConfigurationError("c.yml:2: unknown key 'metrics.port' (known: listen)")) {
            try DaemonConfiguration.parse("metrics:\n  port: 9464\n", file: "c.yml")
        }
        #expect(throws: ConfigurationError.self) { try DaemonConfiguration.parse("metrics:\n  listen: 9464\n", file: "c.yml") }
    }

    @Test("kiosk.centre: a topic id, empty for none; a value with spaces is refused with its line")
    func kioskCentreConfiguration() throws {
        #expect(try DaemonConfiguration.parse("kiosk:\n  tokens: []\n  centre: centrum_obywatelskie\n", file: "c.yml").kioskCentre == "centrum_obywatelskie")
        #expect(try DaemonConfiguration.parse("kiosk:\n  centre:\n", file: "c.yml").kioskCentre == nil)
        #expect(throws: ConfigurationError.self) { try DaemonConfiguration.parse("kiosk:\n  centre: Centrum Obywatelskie\n", file: "c.yml") }
        #expect(throws: ConfigurationError("c.yml:2: unknown key 'kiosk.place' (known: tokens, centre)")) {
            try DaemonConfiguration.parse("kiosk:\n  place: krakow\n", file: "c.yml")
        }
    }

    @Test("connection metrics: a resident and a kiosk counted by kind while open and when closed; an error reply is a refusal by code; plaintext on the TLS port is a handshake failure")
    func connectionMetrics() async throws {
        let factory = TestMetrics()
        let token = "kiosk-token-0123456789"
        func open(_ kind: String) -> Double {
            factory.meters(label: ServerMetrics.Name.connectionsOpen, dimensions: [("kind", kind)]).first?.lastValue ?? 0
        }
        func closed(_ kind: String) -> Int64 {
            factory.counterTotal(label: ServerMetrics.Name.connections, dimensions: [("kind", kind)])
        }
        /// Bounded wait for what the server records after the client has moved on.
        func eventually(_ condition: () -> Bool) async throws {
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            while !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        }
        try await TestServer.with(kioskTokens: [token], metrics: ServerMetrics(factory: factory)) { server in
            let resident = try await server.greetedClient()
            let kiosk = try await server.greetedClient()
            try await kiosk.sendLine("/kiosk \(token)")
            _ = try await kiosk.read(until: "> ")
            #expect(open("resident") == 1 && open("kiosk") == 1)

            try await resident.sendLine("/nosuchcommand")
            _ = try await resident.read(until: "> ")
            #expect(factory.counterTotal(label: ServerMetrics.Name.refusals, dimensions: [("reason", "unknown_command")]) == 1)

            await resident.close()
            await kiosk.close()
            try await eventually { closed("resident") == 1 && closed("kiosk") == 1 }
            #expect(closed("resident") == 1 && closed("kiosk") == 1)
            #expect(open("resident") == 0 && open("kiosk") == 0)

            _ = try await RawConnection(port: server.port).sendAndAwaitClose(Array("hello\r\n".utf8), timeout: .seconds(10))
            try await eventually { factory.counterTotal(label: ServerMetrics.Name.handshakeFailures, dimensions: [("reason", "error")]) == 1 }
            #expect(factory.counterTotal(label: ServerMetrics.Name.handshakeFailures, dimensions: [("reason", "error")]) == 1)
            #expect(closed("resident") == 1, "a failed handshake is no session")
        }
    }
}
