/// Questions out of scope that still have a better answer than the general fallback
/// (``Referral``, from `intents/`): an ordinary city matter is the city office's, never an NGO
/// centre's; a practical question about a programme's own place is answered with what the
/// materials do not say and that place's contact.
extension Session {
    /// Whom to ask about a city matter (a tax, a dog, a ticket, a pothole), rendered: the office
    /// of the city the line names, else of the conversation's programme, else of a kiosk's
    /// centre, else the catalogue's default (no city known). Nil when the line is no such
    /// question — a line naming one of our programmes is about that programme.
    func cityOffice(asked line: LineUnderstanding, catalogue: Catalogue, today: CalendarDay) -> String? {
        guard let services = catalogue.cityServices, services.isAsked(by: line.words),
              line.mentions.topic == nil || line.mentions.topicByCity else { return nil }
        let place = conversation.topic ?? homeTopic
        let city = line.mentions.city ?? place.flatMap { catalogue.topic($0)?.city }
        guard let office = services.office(for: city) else { return nil }
        return catalogue.render(office[language], language: language, today: today, topic: nil)
    }

    /// The programme whose place a practical question asks about ("jest tam winda?"): the one
    /// the line names (not by a bare city), else — when the line names no city and no city
    /// matter ("parking w strefie płatnej" is the city's) — the conversation's, else a kiosk's
    /// centre. Nil when the line is no such question or no place is known.
    func askedPlace(_ line: LineUnderstanding, catalogue: Catalogue) -> String? {
        guard let questions = catalogue.placeQuestions, questions.isAsked(by: line.words) else { return nil }
        if let named = line.mentions.topic, !line.mentions.topicByCity { return named }
        guard line.mentions.city == nil, catalogue.cityServices?.isAsked(by: line.words) != true else { return nil }
        return conversation.topic ?? homeTopic
    }

    /// The answer to a practical question about `place`: our materials do not say, and the
    /// place's contact (the `human` reply for it).
    func placeAnswer(_ place: String, catalogue: Catalogue, today: CalendarDay) -> String? {
        guard let questions = catalogue.placeQuestions else { return nil }
        var office = formContext(catalogue, today)
        office.topic = place
        return catalogue.render(questions.say[language], language: language, today: today, topic: place) + "\n" + office.humanContact
    }

    /// A line out of scope, or a request of ours — to sign up, join, contact, fund (an intent
    /// with `objects`) — whose object is a city matter and none of ours: "how do I register my
    /// dog?", "як зареєструвати собаку?" ask the city office, and never open a sign-up for the
    /// programme of the city named. Not when the line names a programme or one of our offers.
    func asksForCityMatter(_ line: LineUnderstanding, intent: Intent, catalogue: Catalogue) -> Bool {
        guard intent.id == .fallback || !intent.objects.isEmpty, line.mentions.topic == nil || line.mentions.topicByCity,
              catalogue.cityServices?.isAsked(by: line.words) == true else { return false }
        let ours = intent.objects.map(IntentMatcher.objectPrefix)
        return !line.words.contains { word in ours.contains { word.hasPrefix($0) } }
    }
}
