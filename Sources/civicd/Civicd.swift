import ArgumentParser
import CivicServer

/// `civicd`: the daemon and the tools around it, one binary.
@main
struct Civicd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civicd",
        abstract: "A conversational TLS daemon for community-organising programmes.",
        discussion: """
        Residents connect with any TLS line client (openssl s_client, ncat --ssl, socat) and ask in
        Polish or English. See README.md and docs/PROTOCOL.md.
        """,
        version: BuildInfo.version,
        subcommands: [Serve.self, Chat.self, Kiosk.self, Intents.self, Admin.self]
    )
}

/// Options every command that reads the configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Data directory (default ./var, or $CIVICD_DATA_DIR).", valueName: "DIR"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("PostgreSQL instead of the SQLite file in the data directory: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-full] (or $CIVICD_DATABASE_URL, or database.url).", valueName: "URL"))
    var database: String?
}
