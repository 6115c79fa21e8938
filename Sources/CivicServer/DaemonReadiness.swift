import CivicStore
import Synchronization

/// Whether the daemon is ready for residents, for `/readyz` and the service manager: listening,
/// a catalogue in force, the database answering a trivial read (and still the file it opened),
/// and not stopping.
public final class DaemonReadiness: Sendable {
    private struct State {
        var listening = false
        var stopping = false
    }

    private let state = Mutex(State())
    private let catalogues: CatalogueStore
    private let database: any CivicStorage

    public init(catalogues: CatalogueStore, database: any CivicStorage) {
        self.catalogues = catalogues
        self.database = database
    }

    /// The TLS listener is bound.
    public func markListening() {
        state.withLock { $0.listening = true }
    }

    /// Graceful shutdown has begun: no longer ready, whatever else holds.
    public func markStopping() {
        state.withLock { $0.stopping = true }
    }

    public var isStopping: Bool { state.withLock { $0.stopping } }

    /// Nil when ready; otherwise one word: `stopping`, `starting`, `catalogue` or `database`.
    public func notReadyReason() async -> String? {
        let now = state.withLock { $0 }
        if now.stopping { return "stopping" }
        if !now.listening { return "starting" }
        if catalogues.current.intents.isEmpty { return "catalogue" }
        do {
            try await database.answerTrivialRead()
        } catch {
            return "database"
        }
        return nil
    }
}
