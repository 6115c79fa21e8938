import CivicCore
import CivicStore
import Logging

/// Performs the sessions' storage requests against the database, off the event loops.
/// Sign-ups go through a group committer: those that arrive together share one transaction,
/// and each resident is answered only after that transaction is on disk.
public final class SessionStorage: Sendable {
    public let database: any CivicStorage
    /// Usage counts and kept review lines, written in batches by ``UsageWriter``.
    public let usage: UsageRecorder
    /// The daemon's metrics; the connections record theirs here too.
    public let metrics: ServerMetrics
    private let committer: SignupCommitter
    private let logger: Logger

    public init(database: any CivicStorage, logger: Logger, usage: UsageRecorder = UsageRecorder(), metrics: ServerMetrics = ServerMetrics()) {
        self.database = database
        self.usage = usage
        self.metrics = metrics
        self.committer = SignupCommitter(database: database)
        self.logger = logger
    }

    /// Runs `request` for connection `connection` from `peer`; never throws: failures become
    /// `.failed`. A log-in attempt first passes the peer address's delay, kept in the database
    /// (``AddressLoginPolicy``); the session applies its own throttle before and after.
    func perform(_ request: StoreRequest, connection: UInt64, peer: String, catalogue: Catalogue) async -> StoreResponse {
        do {
            switch request {
            case .saveSignup(let draft):
                let city = catalogue.topic(draft.programme)?.city
                let start = ContinuousClock.now
                let saved = try await committer.save(draft, actor: .session(connection), city: city)
                metrics.recordSignupCommit(ContinuousClock.now - start)
                return .signup(saved)
            case .correctSignup(let correction):
                return .signupCorrection(try await database.correctSignup(correction, actor: .session(connection)))
            case .verifyOrganiser(let code):
                return try await login(code: code, peer: peer, connection: connection)
            case .saveInterviewNote(let note):
                return .interviewNoteSaved(total: try await database.saveInterviewNote(note, actor: .organiser(note.organiserID)))
            case .countInterviews(let organiserID):
                return .interviewCount(try await database.interviewCount(organiserID: organiserID))
            case .recordErasureRequest(let draft):
                try await database.recordErasureRequest(draft, actor: .session(connection))
                return .erasureRequestRecorded
            }
        } catch {
            // The database file is gone or replaced: nothing more can be confirmed; staff must act.
            let level: Logger.Level = if case .identityLost = error as? StoreError { .critical } else { .error }
            logger.log(level: level, "storage failed", metadata: ["connection.id": "\(connection)", "error": "\(error)"])
            metrics.storageFailed()
            return .failed
        }
    }

    private func login(code: String, peer: String, connection: UInt64) async throws -> StoreResponse {
        // The address's delay lives in the database: every connection from it, and every daemon
        // on the same database, sees the same count; staff lift it with `admin organisers unlock`.
        switch try await database.loginWait(address: peer) {
        case .delayed(let seconds): return .loginThrottled(retryAfterSeconds: seconds)
        case .locked(let seconds): return .loginLocked(retryAfterSeconds: seconds)
        case nil: break
        }
        if let organiser = try await database.verifyOrganiser(code: code) {
            logger.info("organiser logged in", metadata: ["connection.id": "\(connection)", "organiser.id": "\(organiser.id)"])
            return .loggedIn(organiser)
        }
        logger.notice("wrong organiser code", metadata: ["connection.id": "\(connection)", "peer": "\(peer)"])
        switch try await database.recordLoginFailure(address: peer) {
        case .delayed(let seconds): return .loginFailed(retryAfterSeconds: seconds)
        case .locked(let seconds):
            logger.warning("organiser log-in locked for the address", metadata: ["connection.id": "\(connection)", "peer": "\(peer)"])
            return .loginLocked(retryAfterSeconds: seconds)
        }
    }
}
