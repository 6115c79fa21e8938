import GRDB

extension AppDatabase {
    /// For the daemon's readiness: a trivial read through the pool (the schema's first row), and,
    /// for the daemon's own database, the file at its path still the one it opened. Throws when
    /// either fails; reads nothing of the residents' data.
    public func answerTrivialRead() async throws {
        if let problem = identityGuard?.problem() { throw StoreError.identityLost(problem) }
        try await StoreError.mapping {
            try await writer.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        }
    }
}
