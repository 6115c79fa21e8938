/// Stable error codes sent in the `error` field of a reply. Scripts rely on them: never rename one.
public enum ReplyError: String, Sendable, Equatable, CaseIterable {
    case lineTooLong = "line_too_long"
    case badEncoding = "bad_encoding"
    case slowDown = "slow_down"
    case serverBusy = "server_busy"
    case unknownCommand = "unknown_command"
    case badArgument = "bad_argument"
    case idleTimeout = "idle_timeout"
    case shuttingDown = "shutting_down"
    case invalidValue = "invalid_value"
    case notLoggedIn = "not_logged_in"
    case loginFailed = "login_failed"
    case loginLocked = "login_locked"
    case storageUnavailable = "storage_unavailable"
    case tookTooLong = "took_too_long"
}

/// One reply of the daemon, before it is rendered as text or JSON.
public struct Reply: Sendable, Equatable {
    /// The reply as text mode prints it (may hold several lines).
    public var text: String
    /// The intent id the reply answers, if any.
    public var intent: IntentID?
    /// How sure the matcher was, 0...1, when an intent was matched.
    public var confidence: Double?
    public var language: Language
    /// The form slot the dialogue waits for, if any.
    public var expecting: String?
    /// Suggested answers.
    public var choices: [String]
    public var error: ReplyError?
    /// Sent unasked (the idle warning, the server stopping): text mode starts it on a line of its
    /// own, since the prompt is already on the resident's screen.
    public var unsolicited = false

    public init(
        text: String,
        language: Language,
        intent: IntentID? = nil,
        confidence: Double? = nil,
        expecting: String? = nil,
        choices: [String] = [],
        error: ReplyError? = nil
    ) {
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.language = language
        self.expecting = expecting
        self.choices = choices
        self.error = error
    }
}
