/// What the connection must do after the session handled an event. The session itself does no I/O.
public enum SessionAction: Sendable, Equatable {
    /// Write the reply in `format`, followed by the prompt when `prompt` is true.
    case reply(Reply, format: OutputFormat, prompt: Bool)
    /// Write the prompt alone (text mode, after an empty line).
    case prompt
    /// Perform `request` and hand the response to ``Session/complete(_:catalogue:at:)``.
    /// Lines that arrive meanwhile are held by the session and handled after the response.
    case store(StoreRequest)
    /// `line` is long: run ``Session/understand(_:ticket:catalogue:at:)`` away from the
    /// connection's thread and hand the result to ``Session/adopt(_:catalogue:at:)``; if it has not
    /// come within ``Limits/understandingDeadlineMilliseconds``, call
    /// ``Session/understandingTimedOut(ticket:catalogue:at:)``. Lines meanwhile are held.
    case understandElsewhere(InboundLine, ticket: UInt64)
    /// A kiosk token was checked. Accepted: the connection no longer counts against its address's
    /// cap (the session has taken the kiosk's limits itself). Either way, worth a log line.
    case kioskIdentified(accepted: Bool)
    /// What the log may say about a line (only when ``Session/tracesLines`` is on).
    case trace(LineLog)
    /// Count `event` for `day` (numbers only): hand it to storage off the event loop; a failure
    /// there never touches the conversation.
    case observe(UsageEvent, day: CalendarDay)
    /// Keep `line` for staff's review of unanswered questions (only with
    /// ``Session/keepsUnanswered`` on): off the event loop, fire-and-forget.
    case keepUnanswered(UnansweredLine)
    /// Close the connection once everything before has been written.
    case close
}
