import ArgumentParser
import CivicCommandLine
import CivicStore
import Foundation
import Logging

extension Admin {
    /// `civicd admin database …`: moving the data between engines.
    struct Database: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move the database between engines.", subcommands: [Copy.self])

        struct Copy: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Copy everything in the SQLite database (DATA/civicd.sqlite) into an empty PostgreSQL database.",
                discussion: """
                One transaction on PostgreSQL: the target is created or migrated to this civicd's schema, must hold no \
                rows, and gets every sign-up, organiser, note, erasure request, audit event, log-in lock, usage count and \
                kept question with their ids; the rows are counted again after the commit. The SQLite file is only read \
                (stop the SQLite daemon first so that nothing is written after the copy). See docs/OPERATIONS.md, \
                "Moving from SQLite to PostgreSQL".
                """
            )
            @OptionGroup var options: ConfigOptions
            @Option(help: ArgumentHelp("The PostgreSQL database to fill (postgres://USER[:PASSWORD]@HOST[:PORT]/DB?sslmode=…; never printed with its password).", valueName: "URL"))
            var to: String

            func run() async throws {
                let configuration = try options.load()
                let path = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("civicd.sqlite").path
                let source: AppDatabase
                do {
                    source = try AppDatabase.openExisting(path: path)
                } catch {
                    switch StoreError.mapped(error) {
                    case let error as StoreError: throw CommandFailure(error.description)
                    default: throw CommandFailure("cannot open database \(path): \(error)")
                    }
                }
                var logger = Logger(label: "civicd.admin")
                logger.logLevel = .warning
                do {
                    let location = try PostgresLocation(url: to)
                    // Creates the schema on an empty database; refuses one from a newer civicd.
                    let target = try await PostgresStore.open(location, migrate: true, logger: logger)
                    let counts: DatabaseCopy.Counts
                    do {
                        counts = try await DatabaseCopy.copy(from: source, to: target)
                    } catch {
                        await target.close()
                        throw error
                    }
                    await target.close()
                    for row in counts.rows {
                        print("\(row.table.padding(toLength: 16, withPad: " ", startingAt: 0)) \(row.count)")
                    }
                    print("copied \(counts.total) row(s) from \(path) to \(location); counts verified on PostgreSQL")
                } catch let error as StoreError {
                    throw CommandFailure(error.description)
                } catch let error as DatabaseCopy.CopyError {
                    throw CommandFailure(error.description)
                }
            }
        }
    }
}
