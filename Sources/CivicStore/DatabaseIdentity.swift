import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The device and inode of a file: what stays the same while it is the same file, whatever
/// is written to it, and changes when the path is deleted, replaced or moved away.
struct FileIdentity: Equatable, Sendable, CustomStringConvertible {
    let device: UInt64
    let inode: UInt64

    /// The identity of the file at `path` now, or nil when there is none.
    static func of(_ path: String) -> FileIdentity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    var description: String { "device \(device) inode \(inode)" }
}

/// Refuses every commit on the writing connection once the file at the database's path is no
/// longer the file that was opened: SQLite would go on writing into a deleted or moved inode,
/// and the resident would be told "saved" for a row nobody will ever read. Checked in
/// `databaseWillCommit`, right before each commit (one `stat`): throwing there makes GRDB roll
/// the transaction back and the write fail with ``StoreError/identityLost(_:)``.
///
/// Immutable after `init`, so it is `Sendable` without locks.
final class IdentityGuard: TransactionObserver, Sendable {
    let path: String
    let identity: FileIdentity

    init(path: String, identity: FileIdentity) {
        self.path = path
        self.identity = identity
    }

    /// Records the identity of the file at `path` and watches every later commit of `pool`'s writer.
    @discardableResult
    static func install(on pool: DatabasePool, path: String) throws -> IdentityGuard {
        guard let identity = FileIdentity.of(path) else {
            throw StoreError.identityLost("database \(path) disappeared while it was being opened")
        }
        let guardian = IdentityGuard(path: path, identity: identity)
        try pool.barrierWriteWithoutTransaction { db in
            db.add(transactionObserver: guardian, extent: .databaseLifetime)
        }
        return guardian
    }

    /// Why the file at the path is not the one opened, or nil when it still is.
    func problem() -> String? {
        guard let now = FileIdentity.of(path) else {
            return "database \(path) was deleted or moved while civicd had it open (\(identity)); nothing more is confirmed until civicd restarts"
        }
        guard now == identity else {
            return "database \(path) was replaced while civicd had it open (\(identity), now \(now)); nothing more is confirmed until civicd restarts"
        }
        return nil
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) {}
    func databaseDidRollback(_ db: Database) {}

    func databaseWillCommit() throws {
        if let problem = problem() { throw StoreError.identityLost(problem) }
    }
}

extension AppDatabase {
    /// Copies the whole database to a new file at `destination` while the daemon keeps running
    /// (SQLite's online backup: a consistent snapshot, writers are not blocked for long). The copy
    /// is mode 0600, checked with `PRAGMA quick_check`, and opens as a civicd database. Returns
    /// the number of sign-ups it holds. An existing, non-empty `destination` is refused.
    public func backup(to destination: String) throws -> Int {
        if let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size]) as? NSNumber, size.intValue > 0 {
            throw StoreError.unavailable("\(destination) already exists; choose a new file name")
        }
        try Self.createPrivateFile(destination)
        let copy = try DatabaseQueue(path: destination)
        try writer.backup(to: copy)
        return try copy.read { db in
            let problems = try String.fetchAll(db, sql: "PRAGMA quick_check")
            guard problems == ["ok"] else {
                throw StoreError.damaged(destination, problems.prefix(3).joined(separator: "; "))
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signup") ?? 0
        }
    }
}
