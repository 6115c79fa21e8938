/// What the conversation so far is about.
public struct Conversation: Sendable, Equatable {
    /// The programme the resident is asking about, once named.
    public var topic: String?
    /// The intent of the last answered question, for follow-ups such as "a w Krakowie?".
    public var lastIntent: IntentID?
    /// A sign-up was just offered (after `join`): "tak" starts it.
    public var signupOffered = false
    /// The sign-up form, told a second sign-up is not wanted, asked whether to go on: a "nie"
    /// or "to wyjdź" next leaves it.
    public var leaveOffered = false
    /// A form, given a bare "nie" where it wanted a value, asked whether to stop: "tak" stops it.
    public var stopOffered = false
    /// Fallback replies in a row: the second and later are short and offer a person.
    public var fallbacksInRow = 0
    /// The programme of the sign-up waiting for storage's answer.
    var programmeBeingSaved: String?
    /// The sign-up waiting for storage's answer, whole: once saved, it may be corrected.
    var signupBeingSaved: SignupDraft?
    /// The correction waiting for storage's answer: once stored, the sign-up as it now is.
    var correctionBeingSaved: SignupCorrection?
    /// The sign-up this conversation made (or found already made): what "bo się zapisałam" and
    /// "kiedy zadzwonicie?" are about.
    public var signedUp: SignedUp?
    /// The resident writes formally ("Szanowni Państwo", "uprzejmie proszę"): Polish replies use
    /// the "Państwo" form, for good.
    public var formal = false
    /// The resident's own words showed the register (formal or with "ty"): it no longer changes.
    public var registerShown = false
    /// The words of the last question answered with the fallback: the same again is no other question.
    var lastFallbackWords: [String]?
    /// The resident was told, once, that Russian is understood but answered in our languages.
    public var russianNoted = false
    /// Answers in brief: only their first line (the answer), the rest on "więcej".
    public var brief = false
    /// The whole of the last answer cut short, for "więcej"/"more".
    var details: String?
    /// The last intent's answer as written (before it was cut short), for "krócej" to shorten.
    var lastAnswer: String?

    public struct SignedUp: Sendable, Equatable {
        public var programme: String
        /// Nil when the contact was already signed up: that code is never shown again.
        public var reference: String?
        /// What was stored, for a correction in this conversation; nil when nothing was stored.
        public var draft: SignupDraft? = nil
    }

    public init(topic: String? = nil, lastIntent: IntentID? = nil) {
        self.topic = topic
        self.lastIntent = lastIntent
    }
}
