import CivicCore
import CivicStore
import Logging

/// Performs the sessions' storage requests against the database, off the event loops.
/// Sign-ups go through a group committer: those that arrive together share one transaction,
/// and each resident is answered only after that transaction is on disk.
public final class SessionStorage: Sendable {
    public let database: AppDatabase
    private let committer: SignupCommitter
    private let logger: Logger

    public init(database: AppDatabase, logger: Logger) {
        self.database = database
        self.committer = SignupCommitter(database: database)
        self.logger = logger
    }

    /// Runs `request` for connection `connection` from `peer`; never throws: failures become
    /// `.failed`. Log-in attempts pass through the session's throttle (given, and returned
    /// updated) and the peer address's, kept in the database (``AddressLoginPolicy``).
    func perform(
        _ request: StoreRequest, connection: UInt64, peer: String, catalogue: Catalogue,
        throttle: LoginThrottle, now: @Sendable () -> UInt64
    ) async -> (StoreResponse, LoginThrottle) {
        do {
            switch request {
            case .saveSignup(let draft):
                let city = catalogue.topic(draft.programme)?.city
                return (.signup(try await committer.save(draft, actor: .session(connection), city: city)), throttle)
            case .verifyOrganiser(let code):
                return try await login(code: code, peer: peer, connection: connection, throttle: throttle, now: now)
            case .saveInterviewNote(let note):
                return (.interviewNoteSaved(total: try await database.saveInterviewNote(note, actor: .organiser(note.organiserID))), throttle)
            case .countInterviews(let organiserID):
                return (.interviewCount(try await database.interviewCount(organiserID: organiserID)), throttle)
            case .recordErasureRequest(let draft):
                try await database.recordErasureRequest(draft, actor: .session(connection))
                return (.erasureRequestRecorded, throttle)
            }
        } catch {
            // The database file is gone or replaced: nothing more can be confirmed; staff must act.
            let level: Logger.Level = if case .identityLost = error as? StoreError { .critical } else { .error }
            logger.log(level: level, "storage failed", metadata: ["connection.id": "\(connection)", "error": "\(error)"])
            return (.failed, throttle)
        }
    }

    private func login(code: String, peer: String, connection: UInt64, throttle: LoginThrottle, now: @Sendable () -> UInt64) async throws -> (StoreResponse, LoginThrottle) {
        var session = throttle
        if let refusal = Self.refusal(session.check(atNanoseconds: now())) { return (refusal, session) }
        // The address's delay lives in the database: every connection from it, and every daemon
        // on the same database, sees the same count; staff lift it with `admin organisers unlock`.
        if let wait = try await database.loginWait(address: peer) { return (.loginThrottled(retryAfterSeconds: wait), session) }

        let organiser = try await database.verifyOrganiser(code: code)
        if let organiser {
            // A success clears this session's own count only, never the address's: those
            // failures may be someone else's.
            session.recordSuccess()
            logger.info("organiser logged in", metadata: ["connection.id": "\(connection)", "organiser.id": "\(organiser.id)"])
            return (.loggedIn(organiser), session)
        }
        logger.notice("wrong organiser code", metadata: ["connection.id": "\(connection)", "peer": "\(peer)"])
        let sessionDelay = session.recordFailure(atNanoseconds: now())
        let addressDelay = try await database.recordLoginFailure(address: peer)
        guard let sessionDelay else { return (.loginLocked, session) }
        return (.loginFailed(retryAfterSeconds: max(sessionDelay, addressDelay)), session)
    }

    private static func refusal(_ verdict: LoginThrottle.Verdict) -> StoreResponse? {
        switch verdict {
        case .allowed: return nil
        case .wait(let seconds): return .loginThrottled(retryAfterSeconds: seconds)
        case .locked: return .loginLocked
        }
    }
}
