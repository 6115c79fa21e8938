/// What the forms hand to storage and what storage answers. Plain values: the core never
/// touches the database; the connection performs ``StoreRequest``s and feeds back ``StoreResponse``s.
/// Work for storage. Each leads to exactly one ``StoreResponse`` fed back to the session.
public enum StoreRequest: Sendable, Equatable {
    case saveSignup(SignupDraft)
    /// Correct a sign-up stored in this conversation (name, contact, district).
    case correctSignup(SignupCorrection)
    case verifyOrganiser(code: String)
    case saveInterviewNote(InterviewNoteDraft)
    case countInterviews(organiserID: Int64)
    case recordErasureRequest(ErasureRequestDraft)
}

public enum StoreResponse: Sendable, Equatable {
    case signup(SignupOutcome)
    case signupCorrection(SignupCorrectionOutcome)
    case loggedIn(Organiser)
    /// Wrong code; the address may try again after this many seconds (the session adds its own
    /// delay, and locks after five).
    case loginFailed(retryAfterSeconds: Int)
    /// The address must wait this many seconds after wrong codes (from any of its connections).
    case loginThrottled(retryAfterSeconds: Int)
    /// Five wrong codes from the address (over any of its connections, on any daemon sharing the
    /// database) locked log-in from it for this many seconds; the code was not checked.
    case loginLocked(retryAfterSeconds: Int)
    /// The note is stored; the organiser now has `total` notes.
    case interviewNoteSaved(total: Int)
    case interviewCount(Int)
    case erasureRequestRecorded
    /// Storage failed; nothing was confirmed.
    case failed
}
