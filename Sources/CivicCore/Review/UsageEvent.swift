/// One thing the daemon counts, per day: numbers only, never a word of what was typed, nor who
/// typed it. The session emits them as ``SessionAction/observe(_:day:)``; storage adds one to
/// the day's count of ``name`` (with ``intent`` and ``language`` where they apply).
public enum UsageEvent: Sendable, Hashable {
    /// A question answered with an intent other than the fallback.
    case reply(IntentID, Language)
    /// A question answered with the fallback ("I do not know").
    case fallback(Language)
    /// A question answered by asking which programme it is about (the programmes as choices).
    case clarifyingQuestion(IntentID, Language)
    /// The sign-up funnel.
    case signupStarted
    case signupConfirmed
    /// The form reached storage, which found the resident already signed up.
    case signupAlreadySignedUp
    /// Left with "anuluj" / `/cancel`, or the consent refused.
    case signupCancelled
    /// Left by saying goodbye, `/quit`, `/reset`, silence or a dropped connection.
    case signupAbandoned
    case interviewNote
    case erasureRequest

    /// The stable name storage and `civicd admin stats --format json` use: never rename one.
    public var name: String {
        switch self {
        case .reply: return "reply"
        case .fallback: return "fallback"
        case .clarifyingQuestion: return "clarifying_question"
        case .signupStarted: return "signup_started"
        case .signupConfirmed: return "signup_confirmed"
        case .signupAlreadySignedUp: return "signup_already_signed_up"
        case .signupCancelled: return "signup_cancelled"
        case .signupAbandoned: return "signup_abandoned"
        case .interviewNote: return "interview_note"
        case .erasureRequest: return "erasure_request"
        }
    }

    /// The intent counted, for replies and clarifying questions.
    public var intent: IntentID? {
        switch self {
        case .reply(let intent, _), .clarifyingQuestion(let intent, _): return intent
        case .fallback: return .fallback
        default: return nil
        }
    }

    /// The reply's language, for replies, fallbacks and clarifying questions.
    public var language: Language? {
        switch self {
        case .reply(_, let language), .fallback(let language), .clarifyingQuestion(_, let language): return language
        default: return nil
        }
    }

    /// The sign-up funnel's events, in its order (for reports).
    public static let signupFunnel: [String] = [
        "signup_started", "signup_confirmed", "signup_already_signed_up", "signup_cancelled", "signup_abandoned",
    ]
}
