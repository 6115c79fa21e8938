import ArgumentParser
import CivicAdmin
import CivicCommandLine
import CivicStore
import Foundation

extension Admin {
    /// `civicd admin backup FILE`: an online copy of the database, safe while the daemon runs.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database to FILE while the daemon runs (SQLite online backup).",
            discussion: """
            The copy is a consistent snapshot, mode 0600, checked with PRAGMA quick_check. To restore:
            stop civicd, move DATA/civicd.sqlite and its -wal/-shm files aside, copy FILE to
            DATA/civicd.sqlite, start civicd.
            """
        )
        @OptionGroup var options: ConfigOptions
        @Argument(help: ArgumentHelp("The new file to write (must not exist).", valueName: "FILE")) var file: String

        func run() async throws {
            let context = try await AdminContext.open(options)
            guard let sqlite = context.database as? AppDatabase else {
                throw CommandFailure("civicd admin backup copies the SQLite database; back up PostgreSQL with pg_dump (docs/OPERATIONS.md, \"Backups\")")
            }
            let signups: Int
            do {
                signups = try sqlite.backup(to: file)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            print("backed up \(signups) sign-up(s) to \(TerminalText.escape(file))")
        }
    }
}
