/// What the session reports for staff's review and the usage counts: per handled line, the
/// ``UsageEvent``s (numbers only) and, with ``Session/keepsUnanswered`` on, the line itself when
/// the catalogue did not answer it well (``ReviewPolicy``). Worked out from what the session
/// did — the replies it chose, the form it entered or left — so the dialogue itself knows
/// nothing of it.
extension Session {
    /// What the review remembers between two lines; forgotten on `/reset`.
    struct Review: Sendable {
        /// The question just answered with an intent (not the fallback), for the rephrase check.
        struct Answered: Sendable {
            var text: String
            var key: [String]
            var intent: IntentID
            var language: Language
            /// It qualifies to be kept (``ReviewPolicy/mayKeep(_:)``) and was not kept already.
            var keepable: Bool
        }

        var answered: Answered?
        /// A sign-up form is open: it has been counted as started and not yet as ended.
        var signupOpen = false
    }

    /// What the session was doing before a line, for telling what the line changed.
    struct ReviewBefore {
        var inConversation: Bool
        var inSignup: Bool
    }

    var reviewBefore: ReviewBefore {
        if case .conversation = activity { return ReviewBefore(inConversation: true, inSignup: false) }
        return ReviewBefore(inConversation: false, inSignup: isInSignupForm)
    }

    var isInSignupForm: Bool {
        if case .form(let form) = activity { return form is SignupForm }
        return false
    }

    /// The usage events and kept lines of one handled line, from the actions it produced.
    mutating func reviewed(_ line: InboundLine, before: ReviewBefore, actions: [SessionAction], catalogue: Catalogue, day: CalendarDay) -> [SessionAction] {
        var events: [UsageEvent] = []
        var kept: [UnansweredLine] = []
        let previous = review.answered
        review.answered = nil
        var isReset = false

        if case .text(let raw) = line {
            switch Input(line: raw) {
            case .command(let command):
                if case .reset = command { isReset = true }
            case .text(let text) where before.inConversation && !text.isEmpty:
                question(text, previous: previous, actions: actions, catalogue: catalogue, day: day, events: &events, kept: &kept)
            case .text:
                break
            }
        }
        if isReset { review.answered = nil }

        // The sign-up funnel: entered, or left without reaching storage.
        let inSignup = isInSignupForm && !isClosed
        if !review.signupOpen, inSignup {
            review.signupOpen = true
            events.append(.signupStarted)
        } else if review.signupOpen, !inSignup, pending != .form {
            review.signupOpen = false
            events.append(isClosed || isReset ? .signupAbandoned : .signupCancelled)
        }
        return events.map { .observe($0, day: day) } + kept.map { .keepUnanswered($0) }
    }

    /// A question in conversation: what it was answered with, whether to keep it, and whether
    /// it asked the previous question again.
    private mutating func question(_ text: String, previous: Review.Answered?, actions: [SessionAction], catalogue: Catalogue,
                                   day: CalendarDay, events: inout [UsageEvent], kept: inout [UnansweredLine]) {
        let words = TextNormalizer.tokens(text)
        // "powtórz" gives the last reply again: it is no new answer.
        guard !Answers.isRepeat(words: words) else { return }
        guard let reply = actions.lazy.compactMap({ action -> Reply? in
            if case .reply(let reply, _, _) = action, reply.intent != nil { return reply }
            return nil
        }).first, let intent = reply.intent else { return }

        if intent == .fallback {
            events.append(.fallback(reply.language))
        } else {
            events.append(.reply(intent, reply.language))
            if !reply.choices.isEmpty, reply.expecting == nil, ![IntentID.join, .signup].contains(intent) {
                events.append(.clarifyingQuestion(intent, reply.language))
            }
        }

        // Without the review nothing more is needed: the counts are in.
        guard keepsUnanswered else { return }
        let trimmed = text.trimmingWhitespace()
        let allowed = ReviewPolicy.mayKeep(trimmed)
        guard allowed || previous?.keepable == true else { return }
        // Understood once already (from the catalogue's cache: no second matching).
        let key = ReviewPolicy.groupKey(catalogue.understand(text))
        let keepable = allowed && !key.isEmpty
        var keptNow = false
        if keepable, intent == .fallback, ForeignLanguage.detect(trimmed) == nil {
            kept.append(UnansweredLine(text: trimmed, words: key, language: reply.language, reason: .fallback, day: day))
            keptNow = true
        } else if keepable, intent != .fallback, let confidence = reply.confidence, confidence < ReviewPolicy.lowConfidence {
            kept.append(UnansweredLine(text: trimmed, words: key, language: reply.language, reason: .lowConfidence, day: day))
            keptNow = true
        }

        if let previous, previous.keepable {
            let names = Self.nameStems(catalogue)
            if ReviewPolicy.isRephrase(previousKey: previous.key.filter { !names.contains($0) }, previousIntent: previous.intent,
                                       nextWords: words, nextKey: key.filter { !names.contains($0) }, nextIntent: intent) {
                kept.append(UnansweredLine(text: previous.text, words: previous.key, language: previous.language, reason: .rephrased, day: day))
            }
        }
        if intent != .fallback {
            review.answered = Review.Answered(text: trimmed, key: key, intent: intent, language: reply.language, keepable: keepable && !keptNow)
        }
    }

    /// The stems of programme and city names: "a w Krakowie?" after a Krosno answer shares a
    /// name, not a question.
    private static func nameStems(_ catalogue: Catalogue) -> Set<String> {
        Set((catalogue.topics.flatMap(\.aliases) + catalogue.cities.flatMap(\.aliases)).flatMap { $0 }.map(TextNormalizer.stem))
    }

    /// The usage events of storage's answer.
    mutating func reviewed(_ response: StoreResponse, _ waiting: Pending, actions: [SessionAction], day: CalendarDay) -> [SessionAction] {
        var events: [UsageEvent] = []
        switch (waiting, response) {
        case (.form, .signup(.saved)):
            events.append(.signupConfirmed)
            review.signupOpen = false
        case (.form, .signup(.alreadySignedUp)):
            events.append(.signupAlreadySignedUp)
            review.signupOpen = false
        case (.form, .interviewNoteSaved):
            events.append(.interviewNote)
        case (.form, .erasureRequestRecorded):
            events.append(.erasureRequest)
        case (.progress, .interviewCount):
            events.append(.reply(.progress, language))
        default:
            break
        }
        return events.map { .observe($0, day: day) }
    }

    /// The connection is gone (the resident left, the idle clock or the server closed it): a
    /// sign-up form still open was abandoned. Only ``SessionAction/observe(_:day:)`` actions.
    public mutating func connectionClosed(at time: SessionTime) -> [SessionAction] {
        guard review.signupOpen, pending != .form else { return [] }
        review.signupOpen = false
        return [.observe(.signupAbandoned, day: time.today)]
    }
}
