import CivicCore

/// Group commit for sign-ups, on either engine: while one transaction is being written, new
/// sign-ups queue; the next transaction takes them all. Each caller resumes only after its own
/// transaction committed.
public actor SignupCommitter {
    private typealias Item = (draft: SignupDraft, actor: AuditActor, city: String?, continuation: CheckedContinuation<SignupOutcome, Error>)

    private let database: any CivicStorage
    private var queue: [Item] = []
    private var writing = false
    /// The most sign-ups one transaction takes.
    private let maxBatch = 256

    public init(database: any CivicStorage) {
        self.database = database
    }

    /// Saves one sign-up; returns once the transaction holding it has committed.
    public func save(_ draft: SignupDraft, actor: AuditActor, city: String?) async throws -> SignupOutcome {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((draft, actor, city, continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(maxBatch))
            queue.removeFirst(batch.count)
            do {
                let results = try await database.saveSignups(batch.map { ($0.draft, $0.actor, $0.city) })
                for (item, result) in zip(batch, results) {
                    item.continuation.resume(with: result)
                }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        writing = false
    }
}
