/// What the conversation so far is about.
public struct Conversation: Sendable, Equatable {
    /// The programme the resident is asking about, once named.
    public var topic: String?
    /// The intent of the last answered question, for follow-ups such as "a w Krakowie?".
    public var lastIntent: IntentID?
    /// A sign-up was just offered (after `join`): "tak" starts it.
    public var signupOffered = false
    /// Fallback replies in a row: the second and later are short and offer a person.
    public var fallbacksInRow = 0

    public init(topic: String? = nil, lastIntent: IntentID? = nil) {
        self.topic = topic
        self.lastIntent = lastIntent
    }
}
