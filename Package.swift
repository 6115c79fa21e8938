// swift-tools-version: 6.2
import PackageDescription

let strictSwift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "civicd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "civicd", targets: ["civicd"]),
        .executable(name: "civicd-bench", targets: ["civicd-bench"]),
        // The pure core, for the libFuzzer package in Fuzz/.
        .library(name: "CivicCore", targets: ["CivicCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        // Metrics: the swift-metrics API, with swift-prometheus as the backend served at /metrics.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // PostgreSQL, for several daemons on one database (`database.url`, `--database`).
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure: text, intents, dialogue, protocol framing and rendering. No sockets, files or clocks.
        .target(
            name: "CivicCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift6
        ),
        // Storage behind one protocol, `CivicStorage`, with two engines: GRDB on the system SQLite
        // (`AppDatabase`, the default) and PostgreSQL through PostgresNIO (`PostgresDatabase`).
        .target(
            name: "CivicStore",
            dependencies: [
                "CivicCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift6
        ),
        // Staff output: tables that fit 80 columns, CSV, JSON, charts; nothing raw to the terminal.
        .target(
            name: "CivicAdmin",
            dependencies: ["CivicCore", "CivicStore"],
            swiftSettings: strictSwift6
        ),
        // TLS material: self-signed certificates, test CAs, fingerprints.
        .target(
            name: "CivicTLS",
            dependencies: [
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strictSwift6
        ),
        // Setting up a daemon from files: the configuration, TLS material, the catalogue on disk.
        // Shared by serve, admin, chat and intents, none of which needs the network server for it.
        .target(
            name: "CivicSetup",
            dependencies: [
                "CivicCore",
                "CivicTLS",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift6
        ),
        // The thin network layer: listener service, pipeline, connection loop.
        .target(
            name: "CivicServer",
            dependencies: [
                "CivicCore",
                "CivicStore",
                "CivicTLS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSwift6
        ),
        // A TLS line client used by `civicd chat`, `civicd kiosk`, the load generator and tests.
        .target(
            name: "CivicClient",
            dependencies: [
                "CivicCore",
                "CivicTLS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "civicd",
            dependencies: [
                "CivicCore",
                "CivicStore",
                "CivicAdmin",
                "CivicTLS",
                "CivicSetup",
                "CivicServer",
                "CivicClient",
                "CivicCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift6
        ),
        // What `civicd` and `civicd-bench` share on the command line: how to reach a daemon.
        .target(
            name: "CivicCommandLine",
            dependencies: [
                "CivicClient",
                "CivicSetup",
                "CivicTLS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSwift6
        ),
        // Benchmarks for docs/PERFORMANCE.md (load, handshakes, idle, soak, commits, match, lines).
        .executableTarget(
            name: "civicd-bench",
            dependencies: [
                "CivicCore",
                "CivicStore",
                "CivicSetup",
                "CivicClient",
                "CivicCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "CivicCoreTests",
            dependencies: ["CivicCore"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "CivicStoreTests",
            dependencies: ["CivicStore", "CivicCore", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "AdminTests",
            dependencies: [
                "civicd", "CivicAdmin", "CivicStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "CivicServerTests",
            dependencies: [
                "CivicServer", "CivicSetup", "CivicClient", "CivicTLS", "CivicCore", "CivicStore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "CivicClient", "CivicTLS", "CivicStore", "CivicCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSwift6
        ),
    ]
)
