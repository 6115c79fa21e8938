import ArgumentParser
import CivicCommandLine
import CivicCore
import CivicServer
import CivicSetup
import CivicStore
import CivicTLS
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `civicd serve`: listen on TLS and hold conversations.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon (default 127.0.0.1:7443, config/civicd.yml).",
        discussion: "Flags override the configuration file. SIGTERM or SIGINT stops it gracefully; SIGHUP reloads intents/ and the TLS certificate and key."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "HOST:PORT"))
    var listen: String?

    @Option(help: ArgumentHelp("Serve /metrics, /healthz and /readyz over plain HTTP here (off by default; keep it on loopback or a private interface).", valueName: "HOST:PORT"))
    var metricsListen: String?

    @Flag(help: "Every connection comes through a TCP proxy and begins with a PROXY header, v1 or v2 (proxy_protocol.enabled).")
    var proxyProtocol = false

    @Option(help: ArgumentHelp("A proxy allowed to connect with --proxy-protocol, an address or a network; repeat for more (replaces proxy_protocol.trusted_proxies).", valueName: "ADDRESS[/BITS]"))
    var trustedProxy: [String] = []

    @Option(help: ArgumentHelp("PEM certificate chain (with --key).", valueName: "FILE"))
    var cert: String?

    @Option(help: ArgumentHelp("PEM private key (with --cert).", valueName: "FILE"))
    var key: String?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
    var logLevel: String?

    @Option(help: ArgumentHelp("The intents directory.", valueName: "DIR"))
    var intents: String?

    @Flag(help: "Start with an empty database even though the data directory has held one (its database is missing).")
    var initDatabase = false

    func run() async throws {
        // SIGHUP means "reload", never "terminate": ignored from the start, so one that arrives
        // before the reloader listens is not fatal.
        signal(SIGHUP, SIG_IGN)
        var configuration = try options.load()
        if let listen { (configuration.host, configuration.port) = try DaemonConfiguration.parseListen(listen) }
        if let logLevel { configuration.logLevel = try DaemonConfiguration.parseLogLevel(logLevel) }
        if let intents { configuration.intentsDirectory = intents }
        if let metricsListen {
            let (host, port) = try DaemonConfiguration.parseListen(metricsListen, at: "--metrics-listen")
            configuration.metricsListen = ListenAddress(host: host, port: port)
        }
        if proxyProtocol { configuration.proxyProtocol = true }
        if !trustedProxy.isEmpty { configuration.trustedProxies = try trustedProxy.map { try DaemonConfiguration.parseTrustedProxy($0) } }
        configuration = try configuration.validated(at: "proxy_protocol")
        if cert != nil || key != nil {
            configuration.certificateFile = cert
            configuration.keyFile = key
        }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "civicd")
        logger.logLevel = level
        // Before any metric is made: metrics made earlier would stay with the no-op backend.
        let renderMetrics = configuration.metricsListen.map { _ in MetricsBootstrap.prometheus() }

        let settings = CatalogueSettings(keepsUnanswered: configuration.keepUnanswered, reviewKeepDays: configuration.reviewKeepDays)
        let catalogue = try CatalogueFiles.load(directory: configuration.intentsDirectory, settings: settings)
        if let centre = configuration.kioskCentre, catalogue.topic(centre) == nil {
            throw CommandFailure("kiosk.centre: no topic '\(centre)' in \(configuration.intentsDirectory)/topics.yml (known: \(catalogue.topics.map(\.id).joined(separator: ", ")))")
        }
        let material = try TLSMaterial.load(
            certificateFile: configuration.certificateFile,
            keyFile: configuration.keyFile,
            dataDirectory: configuration.dataDirectory
        )
        logger.info(material.created ? "created a self-signed certificate" : material.renewed ? "renewed the self-signed certificate (same key)" : "using certificate", metadata: [
            "file": "\(material.certificateFile)",
            "sha256": "\(material.fingerprint)",
            "spki_sha256": "\(material.publicKeyFingerprint)",
        ])
        ensureOpenFileLimit(atLeast: configuration.limits.maxConnections + 256, logger: logger)

        let database = try await Self.openStorage(configuration, initialise: initDatabase, logger: logger)

        let storage = SessionStorage(database: database, logger: logger)
        storage.metrics.recordBuildInfo(version: BuildInfo.version)
        let catalogues = CatalogueStore(catalogue, understandingCacheLines: configuration.limits.understandingCacheLines)
        let readiness = DaemonReadiness(catalogues: catalogues, database: database)
        let notifier = SystemdNotifier.fromEnvironment()
        let server = try CivicServer(
            configuration: ServerConfiguration(
                host: configuration.host,
                port: configuration.port,
                limits: configuration.limits,
                tls: try TLSPolicy.serverConfiguration(
                    certificateChainPEM: material.identity.certificatePEM,
                    privateKeyPEM: material.identity.privateKeyPEM
                ),
                today: Self.today(in: configuration.timeZone),
                kioskTokens: configuration.kioskTokens,
                kioskCentre: configuration.kioskCentre,
                keepUnanswered: configuration.keepUnanswered,
                russianReply: configuration.russianReply,
                proxyProtocol: configuration.proxyProtocol ? ProxyProtocolConfiguration(trustedProxies: configuration.trustedProxies) : nil
            ),
            catalogues: catalogues,
            storage: storage,
            logger: logger,
            onRunning: { _ in
                readiness.markListening()
                notifier.ready()
            }
        )
        if configuration.keepUnanswered {
            logger.notice("keeping unanswered questions for review", metadata: ["keep_days": "\(configuration.reviewKeepDays)"])
        }
        let reloader = ReloadOnHangup(
            directory: configuration.intentsDirectory, settings: settings, store: catalogues,
            certificate: CertificateReloader(configuration: configuration, server: server, fingerprint: material.fingerprint, metrics: storage.metrics),
            metrics: storage.metrics, logger: logger
        )
        // Before the server in the group, so that it stops after it: the sessions' last counts are written.
        let usageWriter = UsageWriter(recorder: storage.usage, database: database, keepDays: configuration.reviewKeepDays,
                                      today: Self.today(in: configuration.timeZone), logger: logger)
        // Stopped in reverse order: the announcer first (not ready, STOPPING=1), the watchdog last.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: SystemdWatchdog(notifier: notifier, logger: logger))]
        if let address = configuration.metricsListen, let renderMetrics {
            services.append(.init(service: MetricsListener(host: address.host, port: address.port, metrics: renderMetrics, readiness: readiness, logger: logger)))
        }
        services += [
            .init(service: usageWriter),
            .init(service: server),
            .init(service: reloader, successTerminationBehavior: .ignore),
            .init(service: StopAnnouncer(readiness: readiness, notifier: notifier, logger: logger)),
        ]
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        do {
            try await group.run()
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    /// The SQLite file in the data directory, or the PostgreSQL database of `database.url`:
    /// opened, checked and migrated. A database that cannot be used stops start-up with one line
    /// (never the URL's password).
    static func openStorage(_ configuration: DaemonConfiguration, initialise: Bool, logger: Logger) async throws -> any CivicStorage {
        if let url = configuration.databaseURL {
            do {
                let location = try PostgresLocation(url: url)
                let store = try await PostgresStore.open(location, migrate: true, logger: logger)
                logger.info("database ready", metadata: ["engine": "postgresql", "database": "\(location)"])
                return store
            } catch let error as StoreError {
                throw ConfigurationError(error.description)
            }
        }
        let databasePath = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("civicd.sqlite").path
        let database: AppDatabase
        do {
            database = try AppDatabase.openForDaemon(path: databasePath, initialise: initialise)
        } catch let error as StoreError {
            throw ConfigurationError(error.description)
        } catch {
            throw ConfigurationError("cannot open database \(databasePath): \(error)")
        }
        logger.info("database ready", metadata: ["engine": "sqlite", "file": "\(databasePath)"])
        return database
    }

    /// "Today" in the configured zone, worked out once a minute rather than for every line.
    static func today(in zone: String) -> @Sendable () -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .current
        let known = Mutex<(day: CalendarDay, until: Date)?>(nil)
        return { [calendar] in
            let now = Date()
            if let cached = known.withLock({ $0 }), now < cached.until { return cached.day }
            let parts = calendar.dateComponents([.year, .month, .day], from: now)
            let day = CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            // Valid until the next whole minute: midnight in any whole-minute zone is one.
            let nextMinute = Date(timeIntervalSinceReferenceDate: (now.timeIntervalSinceReferenceDate / 60).rounded(.down) * 60 + 60)
            known.withLock { $0 = (day, nextMinute) }
            return day
        }
    }


    /// Each connection is a file descriptor: lift the soft limit so `max_connections` can be reached.
    private func ensureOpenFileLimit(atLeast wanted: Int, logger: Logger) {
        let limit = raiseOpenFileLimit()
        if let limit, limit < wanted {
            logger.warning("open-file limit is below max_connections", metadata: ["limit": "\(limit)"])
        }
    }
}

/// Reloads `intents/` and the TLS certificate and key on SIGHUP. An invalid catalogue, or a
/// broken pair, is refused with a log line and the old one keeps serving; each on its own.
struct ReloadOnHangup: Service {
    let directory: String
    let settings: CatalogueSettings
    let store: CatalogueStore
    let certificate: CertificateReloader
    let metrics: ServerMetrics
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            // The certificate first: it takes milliseconds, the catalogue seconds.
            certificate.reload(logger: logger)
            switch await loadCatalogue() {
            case .success(let catalogue):
                store.replace(with: catalogue)
                metrics.catalogueReloaded(ok: true)
                logger.notice("reloaded intents", metadata: ["intents": "\(catalogue.intents.count)", "examples": "\(catalogue.matcher.exampleCount)"])
            case .failure(let error):
                metrics.catalogueReloaded(ok: false)
                logger.error("refused to reload intents; the previous catalogue keeps serving", metadata: ["error": "\(error)"])
            case nil:
                return
            }
        }
    }

    /// Loads `intents/` away from this task, so that a stop is not held up by a reload under way
    /// (seconds for the whole catalogue): nil when the daemon began to stop first, and the
    /// catalogue, whenever it is ready, is dropped.
    private func loadCatalogue() async -> Result<Catalogue, any Error>? {
        let (results, continuation) = AsyncStream.makeStream(of: Result<Catalogue, any Error>.self)
        let directory = self.directory
        let settings = self.settings
        Task.detached {
            continuation.yield(Result { try CatalogueFiles.load(directory: directory, settings: settings) })
            continuation.finish()
        }
        for await result in results.cancelOnGracefulShutdown() {
            return result
        }
        return nil
    }
}

/// Reloads the TLS certificate and key (the configured files, or the self-signed pair in
/// `DATA/tls/`) for new connections; open connections keep theirs. A pair that does not load
/// or whose key does not match is refused and the old one keeps serving. The log names files
/// and fingerprints, never key material.
final class CertificateReloader: Sendable {
    private let certificateFile: String?
    private let keyFile: String?
    private let dataDirectory: String
    private let server: CivicServer
    private let metrics: ServerMetrics
    /// The fingerprint being served.
    private let serving: Mutex<String>

    init(configuration: DaemonConfiguration, server: CivicServer, fingerprint: String, metrics: ServerMetrics) {
        self.certificateFile = configuration.certificateFile
        self.keyFile = configuration.keyFile
        self.dataDirectory = configuration.dataDirectory
        self.server = server
        self.metrics = metrics
        self.serving = Mutex(fingerprint)
    }

    func reload(logger: Logger) {
        do {
            let material = try TLSMaterial.load(certificateFile: certificateFile, keyFile: keyFile, dataDirectory: dataDirectory)
            let previous = serving.withLock { $0 }
            if material.fingerprint != previous {
                try server.replaceTLS(try TLSPolicy.serverConfiguration(
                    certificateChainPEM: material.identity.certificatePEM,
                    privateKeyPEM: material.identity.privateKeyPEM
                ))
                serving.withLock { $0 = material.fingerprint }
                logger.notice("reloaded the certificate; new connections use it", metadata: [
                    "file": "\(material.certificateFile)", "sha256": "\(material.fingerprint)",
                    "spki_sha256": "\(material.publicKeyFingerprint)", "previous_sha256": "\(previous)",
                ])
            } else {
                logger.info("certificate unchanged", metadata: ["sha256": "\(previous)"])
            }
            metrics.certificateReloaded(ok: true)
        } catch {
            metrics.certificateReloaded(ok: false)
            logger.error("refused to reload the certificate; the previous one keeps serving", metadata: ["error": "\(error)"])
        }
    }
}
