/// What the forms hand to storage and what storage answers. Plain values: the core never
/// touches the database; the connection performs ``StoreRequest``s and feeds back ``StoreResponse``s.
/// Work for storage. Each leads to exactly one ``StoreResponse`` fed back to the session.
public enum StoreRequest: Sendable, Equatable {
    case saveSignup(SignupDraft)
    case verifyOrganiser(code: String)
    case saveInterviewNote(InterviewNoteDraft)
    case countInterviews(organiserID: Int64)
    case recordErasureRequest(ErasureRequestDraft)
}

public enum StoreResponse: Sendable, Equatable {
    case signup(SignupOutcome)
    case loggedIn(Organiser)
    /// Wrong code; the next attempt is allowed after this many seconds.
    case loginFailed(retryAfterSeconds: Int)
    /// Too early after a wrong code.
    case loginThrottled(retryAfterSeconds: Int)
    case loginLocked
    /// The note is stored; the organiser now has `total` notes.
    case interviewNoteSaved(total: Int)
    case interviewCount(Int)
    case erasureRequestRecorded
    /// Storage failed; nothing was confirmed.
    case failed
}
