/// Questions and answers outside a form: understanding a line, choosing the reply, starting a
/// form when the intent calls for one.
extension Session {
    mutating func respond(to text: String, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        // The requests about the conversation itself, read from the line's words once.
        let words = TextNormalizer.tokens(text)
        noteRegister(words)
        if Answers.isRepeat(words: words) || Answers.asksToRepeat(words: words) {
            return repeatLast(catalogue: catalogue, today: today)
        }
        if case .conversation = activity, Answers.asksForCommands(words: words) {
            return reply(Messages.help[language])
        }
        // "mozhna ukrainskoiu?": a Latin-typed Ukrainian line asks in the words of its Cyrillic spelling.
        let spelt = cyrillicSpelling(of: text, words: words, catalogue: catalogue)
        if let requested = Answers.languageRequest(words: words) ?? Self.lastSentence(of: text).flatMap({ Answers.languageRequest(words: TextNormalizer.tokens($0)) })
            ?? spelt.flatMap(Answers.languageRequest) {
            // Also at the end of a longer line: "przepraszam, mój polski nie jest dobry. can we continue in English?"
            return switchLanguage(to: requested, catalogue: catalogue, today: today)
        }
        let question = text.contains("?")
        if let asked = Answers.languageQuestion(words: words, question: question) ?? spelt.flatMap({ Answers.languageQuestion(words: $0, question: question) }) {
            // "czy mogę pisać po ukraińsku?", "вы понимаете по-русски?": yes or no, then the switch.
            return answerLanguageQuestion(asked, text: text, words: words, catalogue: catalogue, today: today)
        }
        if case .conversation = activity, let length = Answers.lengthRequest(words: words) {
            return changeLength(length)
        }
        switch activity {
        case .conversation:
            break
        case .loginCode, .form:
            if !languageChosen, text.hasSuffix("?"), let detected = conversationLanguage(of: text, words: words, catalogue: catalogue) {
                language = LanguageDetector.isRussian(text, words: words) ? russianReply : detected
            }
            if Answers.isGoodbye(text) {
                // Leaving in the middle of a form: drop it (nothing stored) and end the session,
                // so a kiosk wipes the screen before the next person.
                let dropped = droppedNotice
                activity = .conversation
                return leave(catalogue: catalogue, today: today, droppedForm: true, dropped: dropped)
            }
            if case .loginCode = activity {
                if Answers.isCancel(text) {
                    activity = .conversation
                    return reply(FormMessages.cancelled[language])
                }
                // Only something shaped like a code is a log-in attempt; "nie mam kodu, jestem
                // mieszkanką" is the conversation going on.
                guard Answers.looksLikeOrganiserCode(text) else {
                    activity = .conversation
                    return respond(to: text, catalogue: catalogue, today: today)
                }
                return verify(code: text)
            }
            return continueForm(text, catalogue: catalogue, today: today)
        }

        var line = catalogue.understand(text)
        if line.language != .uk, conversationLanguage(of: text, words: words, catalogue: catalogue, detected: line.language) == .uk {
            // "jak zapysatysja?" in a Ukrainian conversation: read, and answered, as Ukrainian.
            line = catalogue.understand(text, readAs: .uk)
        }
        if !languageChosen, let detected = line.language {
            language = line.isRussian ? russianReply : detected
        }
        if line.isRussian, !conversation.russianNoted {
            // Once per conversation: Russian is understood, the answer is in one of ours.
            conversation.russianNoted = true
            return withNote(Messages.russianNote[language], respondUnderstood(text, line: line, catalogue: catalogue, today: today))
        }
        return respondUnderstood(text, line: line, catalogue: catalogue, today: today)
    }

    /// The first reply among `actions` with `note` after its text.
    func withNote(_ note: String, _ actions: [SessionAction]) -> [SessionAction] {
        var actions = actions
        guard let index = actions.firstIndex(where: { if case .reply = $0 { true } else { false } }),
              case .reply(var reply, let format, let prompt) = actions[index] else { return actions }
        reply.text += "\n" + note
        actions[index] = .reply(reply, format: format, prompt: prompt)
        return actions
    }

    /// The answer to a conversation line already understood.
    mutating func respondUnderstood(_ text: String, line: LineUnderstanding, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        let offered = conversation.signupOffered
        conversation.signupOffered = false
        if conversation.signedUp == nil, Answers.asksWhetherTypedWasSaved(text) {
            // "czy coś się zapisało z tego, co pisałam?" after leaving a form: no, and when we would.
            return reply(Messages.nothingStoredHere[language], intent: .privacy, confidence: 1)
        }
        if line.match.intent == .signup || Answers.asksToSignUp(line.words), Answers.refusesSignup(text) {
            if let question = Self.lastQuestion(of: text), !Answers.refusesSignup(question) {
                // "…Sama nie chcę się nigdzie zapisywać. Kto prowadził szkolenie?": the refusal
                // is told on the way to another question, which is the one answered.
                return respond(to: question, catalogue: catalogue, today: today)
            }
            // "nie chcę się zapisywać", "я не хочу записываться": a refusal, never a form.
            return reply(Messages.notSigningUp[language], intent: .signup, confidence: 1)
        }
        if !offered, Answers.isAcknowledgement(words: line.words) {
            // "dobra", "ok": the resident heard the answer; neither a question nor a goodbye.
            return reply(Messages.anythingElse[language])
        }
        if let yes = line.yesNo(in: language), line.words.count <= 2 {
            // A bare "tak"/"nie" answers the offer, if there was one; otherwise it means nothing yet.
            if offered && yes { return startSignup(catalogue: catalogue, today: today, intro: nil) }
            if offered { return reply(Messages.anythingElse[language]) }
            if let fallback = catalogue.intent(.fallback) {
                return reply(answer(fallback, catalogue: catalogue, today: today).text, intent: fallback.id, confidence: 1)
            }
        }

        let tokens = line.corrected
        var match = line.match
        var followUpAspect: Topic.Aspect?
        if line.mentions.topic == nil, let topic = conversation.topic {
            match = catalogue.match(match, words: line.corrected, inConversationAbout: topic)
            if line.asked == line.corrected, let aspect = catalogue.askedAspect(by: line.corrected, about: topic), let asked = aspect.asks {
                // "which cities was it in?" after a question about Socially Organised: a follow-up
                // asking one of its facts by the aspect's own words, whatever else it reads as;
                // right after that intent's reply, the fact alone, not the same reply again.
                if asked != match.intent {
                    match = IntentMatch(intent: asked, confidence: match.layer == .outOfScope ? 1 - match.confidence : match.confidence,
                                        layer: .scored, candidates: match.candidates)
                }
                if conversation.lastIntent == asked { followUpAspect = aspect }
            }
        }
        if let topic = line.mentions.topic {
            // "a w Krakowie?": a bare new topic after a question re-asks that question for it.
            // A clear new request ("chcę się zapisać do centrum obywatelskiego") wins over it.
            // Never to start a form again ("ile kosztuje Centrum Obywatelskie?" after a sign-up).
            if !line.hasContentBesideNames, !Answers.asksToSignUp(line.words),
               let last = conversation.lastIntent, ![IntentID.signup, .interviewNote, .privacy].contains(last),
               catalogue.intent(last)?.replies[topic] != nil {
                match = IntentMatch(intent: last, confidence: 0.5, layer: .scored, candidates: match.candidates)
            }
            conversation.topic = topic
        } else if conversation.topic == nil, match.layer != .outOfScope, let only = catalogue.matcher.aspectTopic(of: line.asked) {
            // "kto prowadził szkolenie?" with no programme named yet: the one that has trainers.
            conversation.topic = only
        }
        guard var intent = catalogue.intent(match.intent) ?? catalogue.intent(.fallback) else {
            return reply(Messages.help[language])
        }
        // An example's own wording (one staff assigned in the review, `learned.yml`) is what the
        // catalogue says it is, city matter or not.
        let cityMatter = match.layer != .exactPhrase && asksForCityMatter(line, intent: intent, catalogue: catalogue)
        if cityMatter, let fallback = catalogue.intent(.fallback) {
            // "how do I register my dog in Krosno?": a city matter in a request's words — no
            // sign-up for the programme the city stands for.
            intent = fallback
        }
        let courtesies: Set<IntentID> = [.greeting, .thanks, .goodbye]
        if courtesies.contains(intent.id), line.mentions.topic != nil, text.contains("?"), !Answers.isFarewell(words: line.words),
           let other = match.candidates.first(where: { !courtesies.contains($0.intent) && $0.intent != .fallback }),
           let asked = catalogue.intent(other.intent) {
            // "czy akcja O.S. się już skończyła?": a question about a programme, not a goodbye.
            intent = asked
        }
        if Answers.asksIfBot(line.words) || (line.mentions.topic == nil && Answers.asksWhatWeDo(line.words)), let help = catalogue.intent(.help) {
            // "jesteś człowiekiem czy ai?", "w czym wy w ogóle pomagacie?": say what we are, not
            // whom to call nor what a programme offers.
            intent = help
        }
        if [IntentID.greeting, .thanks, .goodbye].contains(intent.id), !Answers.isFarewell(words: line.words),
           let rest = Self.afterSmallTalk(text, catalogue: catalogue), text.contains("?") || Answers.asksSomething(rest),
           ![IntentID.greeting, .thanks, .goodbye, .fallback].contains(catalogue.understand(rest).match.intent) {
            // "Dziękuję. A czy w moim wieku mogę się zgłosić?": the question, not the courtesy.
            return respond(to: rest, catalogue: catalogue, today: today)
        }
        if intent.id == .greeting, let rest = Self.afterSmallTalk(text, catalogue: catalogue),
           TextNormalizer.tokens(rest).contains(where: Answers.seekingWords.contains),
           catalogue.understand(rest).match.intent == .fallback, let fallback = catalogue.intent(.fallback) {
            // "Jestem mieszkanką Krosna, szukam dentysty": what follows the greeting or the
            // introduction asks for something out of scope — refused, never welcomed.
            intent = fallback
        }
        if !cityMatter, intent.id == .signup ? line.mentions.topic == nil : Answers.asksToSignUp(line.words), let signup = catalogue.intent(.signup),
           let topic = Self.signupTopic(named: line, partOf: intent.id, catalogue: catalogue) {
            // "zapisz mnie do kampanii słuchania": a sign-up for the programme the campaign is part of.
            conversation.topic = topic
            intent = signup
        }
        if !cityMatter, [IntentID.fallback, .signup].contains(intent.id)
            || ([IntentID.services, .join].contains(intent.id) && !line.words.contains(where: Self.howWords.contains)),
           Answers.asksToSignUp(line.words),
           let topic = line.mentions.topic ?? conversation.topic,
           catalogue.topic(topic)?.signup == false, let signup = catalogue.intent(.signup), signup.replies[topic] != nil {
            // "czy mogliby Państwo zapisać naszą gminę?" about a programme that takes no sign-up
            // here: where and how to apply (its sign-up reply), no form and no fallback — also
            // when the line alone reads as the services or a bare sign-up.
            conversation.topic = topic
            conversation.fallbacksInRow = 0
            conversation.lastIntent = .signup
            return reply(answer(signup, catalogue: catalogue, today: today).text, intent: .signup, confidence: match.confidence)
        }
        if let followUp = Answers.signupFollowUp(line.words), !Answers.asksToSignUp(line.words) || Answers.saysAlreadySignedUp(line.words),
           followUp == .referenceCode ? !Self.asksForErasure(tokens) && !text.contains(where: \.isNumber)
               : Self.followingUp.contains(intent.id) || line.words.count <= 5,
           line.mentions.topic == nil || line.mentions.topic == conversation.signedUp?.programme,
           let text = followUpText(followUp, catalogue: catalogue, today: today) {
            // Right after a sign-up: "i co teraz?", "a kiedy następna edycja?", "co jak zgubię kod?"
            // are about it — answered, never a second form nor the fallback.
            conversation.fallbacksInRow = 0
            conversation.lastIntent = .signup
            return reply(text, intent: .signup, confidence: match.confidence)
        }
        if let done = conversation.signedUp {
            if Answers.asksAboutBeingContacted(line.words), [.fallback, .contact, .human, .deadlines, .signup].contains(intent.id) {
                // For a programme that has ended only interest was stored: no promise of a call.
                let message = catalogue.hasEnded(done.programme, today: today) ? Messages.afterInterest : Messages.afterSignup
                return reply(signedUpText(message, done, catalogue: catalogue, today: today), intent: .signup, confidence: match.confidence)
            }
            if intent.id == .signup, Answers.saysAlreadySignedUp(line.words), line.mentions.topic == nil || line.mentions.topic == done.programme {
                // "bo się zapisałam": about the sign-up made, not a second one.
                let others = catalogue.topics.filter { $0.signup && $0.id != done.programme }
                    .compactMap { catalogue.topicName($0.id, language: language, today: today) }
                return reply(signedUpText(Messages.alreadySignedUpHere, done, catalogue: catalogue, today: today),
                             intent: .signup, confidence: match.confidence, choices: others)
            }
        }
        if conversation.signedUp == nil, Answers.asksAboutBeingContacted(line.words), Answers.saysAlreadySignedUp(line.words) {
            // "zapisałam się wczoraj, kiedy ktoś się do mnie odezwie?" in a new conversation: no
            // second form; what happens to a sign-up, and whom to ask — this conversation cannot
            // see earlier ones.
            var office = formContext(catalogue, today)
            office.topic = line.mentions.topic ?? conversation.topic
            conversation.lastIntent = .signup
            return reply(Messages.signedUpEarlier.format(language, ["human": office.humanContact]), intent: .signup, confidence: match.confidence)
        }
        if Self.aboutRunning.contains(intent.id),
           Answers.asksIfStillRunning(line.words, question: text.contains("?") || Answers.asksSomething(text)),
           let topic = conversation.topic, let ended = hasEndedAnswer(topic, catalogue: catalogue, today: today) {
            // "czy akcja jeszcze trwa?": "Nie – …" first, the dates after it.
            let details = intent.id == .fallback ? catalogue.intent(.deadlines) ?? intent : intent
            conversation.fallbacksInRow = 0
            conversation.lastIntent = details.id
            let part = shapedPart(ended + "\n" + answer(details, catalogue: catalogue, today: today).text)
            return reply(part.shown + part.hint, intent: details.id, confidence: match.confidence)
        }
        if intent.id == .fallback || Self.informative.contains(intent.id),
           let answers = answerEach(text, catalogue: catalogue, today: today, distinctIntents: intent.id == .fallback ? 1 : 2) {
            // "Ile rozmów muszę zrobić? I do kiedy raport?": two questions, each answered — also
            // when the line as a whole reads as one of them ("ile to kosztuje? I kto to finansuje?"
            // is no less a question of cost than of funding).
            conversation.fallbacksInRow = 0
            return reply(answers.text, intent: answers.intent, confidence: match.confidence)
        }
        if intent.id == .fallback, let foreign = ForeignLanguage.detect(text) {
            // Written in a language we do not speak: one short reply they can read.
            return reply(foreign.languagesSpoken + "\n" + Messages.languagesSpoken, intent: intent.id, confidence: match.confidence)
        }
        if intent.id == .fallback, Answers.isIntroduction(text, words: line.words) {
            // "piszę z fundacji z Wrocławia": who they are, no question yet — a welcome, not a refusal.
            conversation.fallbacksInRow = 0
            conversation.lastIntent = .greeting
            return reply(Messages.introductionWelcome[language], intent: .greeting, confidence: match.confidence)
        }
        if Self.placeAsking.contains(intent.id), let place = askedPlace(line, catalogue: catalogue),
           let text = placeAnswer(place, catalogue: catalogue, today: today) {
            // "czy w Centrum jest winda?", "is there parking there?": not in our materials — said
            // so, with the place's contact; never "I only answer questions about programmes".
            conversation.topic = place
            conversation.fallbacksInRow = 0
            conversation.lastIntent = .contact
            return reply(text, intent: .contact, confidence: match.confidence)
        }
        if intent.id == .fallback {
            // In a row only right after another fallback: a command, a repeat or a language
            // switch in between starts the row again, and "też" is said of another question only.
            conversation.fallbacksInRow = lastReply?.intent == .fallback ? conversation.fallbacksInRow + 1 : 1
            let same = conversation.lastFallbackWords == line.corrected
            conversation.lastFallbackWords = line.corrected
            // A city matter (a tax, a dog, a ticket) is the city office's: it is whom to ask.
            let cityOffice = cityOffice(asked: line, catalogue: catalogue, today: today)
            if let shorter = Messages.fallback(inRow: conversation.fallbacksInRow, sameQuestion: same) {
                // Asked again and still out of scope: shorter each time, and a person to ask.
                let human = cityOffice ?? formContext(catalogue, today).humanContact
                return reply(shorter.format(language, ["human": human]), intent: intent.id, confidence: match.confidence)
            }
            if let cityOffice, let services = catalogue.cityServices {
                let refusal = catalogue.render(services.say[language], language: language, today: today, topic: nil)
                return reply(refusal + "\n" + cityOffice, intent: intent.id, confidence: match.confidence)
            }
        } else {
            conversation.fallbacksInRow = 0
        }
        if intent.id != .fallback {
            conversation.lastIntent = intent.id
        }
        if intent.id == .goodbye || Answers.isFarewell(words: line.words) {
            return leave(catalogue: catalogue, today: today, droppedForm: false)
        }
        var answer = answer(intent, catalogue: catalogue, today: today)
        if let own = answeringAspect(asked: line, intent: intent.id, catalogue: catalogue) {
            // "kontakt dla inwestorów": the investors' number, not the City Hall's main one.
            conversation.topic = own.topic
            answer = (catalogue.render(own.aspect.say[language], language: language, today: today, topic: own.topic), [])
        } else if let followUpAspect, intent.id == followUpAspect.asks {
            answer = (catalogue.render(followUpAspect.say[language], language: language, today: today, topic: conversation.topic), [])
        }
        if organiser == nil, Self.forOrganisers.contains(intent.id) {
            // "ile rozmów muszę przeprowadzić?" from someone not logged in: said to be the
            // organisers' (a resident has no count to keep), and what a resident can do instead.
            answer.text = forOrganisersOnly(answer.text, intent: intent.id, catalogue: catalogue, today: today)
        }
        let part = intent.id == .fallback ? shapedPart(answer.text, lines: 2, keepsEarlierDetails: true) : shapedPart(answer.text)
        answer.text = withAspects(part.shown, asked: line, intent: intent.id, catalogue: catalogue, today: today) + part.hint

        switch intent.id {
        case .signup where line.mentions.topic.flatMap { catalogue.topic($0)?.signup } == false:
            // "gdzie są formularze dla gmin z zachodniopomorskiego?": this programme takes no
            // sign-up here; its reply says where and how, and no form opens.
            return reply(answer.text, intent: intent.id, confidence: match.confidence)
        case .signup:
            // For a programme that has ended, the notice that it has is the first thing said
            // (the form puts it before its first question), not "Zapiszę Cię".
            var form = SignupForm(topic: conversation.topic, catalogue: catalogue)
            let context = formContext(catalogue, today)
            guard let notice = form.endedNotice(context) else {
                return startSignup(catalogue: catalogue, today: today, intro: answer.text, confidence: match.confidence)
            }
            let question = form.questionWithoutNotice(context)
            activity = .form(form)
            return render(question, intent: SignupForm.intent, confidence: match.confidence, intro: notice + "\n" + answer.text)
        case .interviewNote:
            guard let organiser else {
                // The reply (from intents/) explains the log-in; a code-shaped next line is taken as the code.
                activity = .loginCode
                return reply(answer.text, intent: intent.id, confidence: match.confidence, expecting: "code")
            }
            return start(InterviewNoteForm(organiser: organiser), catalogue: catalogue, today: today, confidence: match.confidence)
        case .progress:
            guard let organiser else {
                // Not logged in: the reply from intents/ explains how.
                return reply(answer.text, intent: intent.id, confidence: match.confidence, choices: answer.choices)
            }
            pending = .progress
            return [.store(.countInterviews(organiserID: organiser.id))]
        case .privacy where Self.asksForErasure(tokens):
            return start(ErasureForm(), catalogue: catalogue, today: today, confidence: match.confidence, intro: answer.text)
        case .join where catalogue.topics.contains(where: \.signup)
            && (conversation.topic.flatMap { catalogue.topic($0)?.signup } ?? true):
            conversation.signupOffered = true
            return reply(answer.text + "\n" + Messages.signupOffer[language], intent: intent.id, confidence: match.confidence,
                         choices: [FormMessages.yes[language], FormMessages.no[language]])
        default:
            return reply(answer.text, intent: intent.id, confidence: match.confidence, choices: answer.choices)
        }
    }

    /// What follows the courtesies at the start of a line ("Dzień dobry,", "Dziękuję.",
    /// "Szanowni Państwo,"), when something of substance does: two words or more.
    static func afterSmallTalk(_ text: String, catalogue: Catalogue) -> String? {
        let clauses = text.split(whereSeparator: { ".,!;:".contains($0) }).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        guard clauses.count > 1 else { return nil }
        let courtesy: Set<IntentID> = [.greeting, .thanks, .goodbye]
        var index = 0
        while index < clauses.count - 1 {
            let clause = catalogue.understand(clauses[index])
            guard courtesy.contains(clause.match.intent) || clause.words.count <= 2 else { break }
            index += 1
        }
        guard index > 0 else { return nil }
        let rest = clauses[index...].joined(separator: ", ")
        return TextNormalizer.tokens(rest).count >= 2 ? rest : nil
    }

    /// The programme a sign-up request names: the topic mentioned, the one whose part the intent
    /// is about (its campaign), or the one whose district is named — when open for sign-up.
    static func signupTopic(named line: LineUnderstanding, partOf intent: IntentID, catalogue: Catalogue) -> String? {
        if let topic = line.mentions.topic, catalogue.topic(topic)?.signup == true { return topic }
        let open = catalogue.topics.filter(\.signup)
        if let owner = open.first(where: { $0.parts.contains(intent) }) { return owner.id }
        // The line names a part by its keywords ("sign me up for the listening campaign").
        let stems = Set(line.corrected.map(TextNormalizer.stem))
        if let owner = open.first(where: { topic in
            topic.parts.contains { part in catalogue.intent(part)?.keywords.contains(where: { stems.contains(TextNormalizer.stem($0)) }) == true }
        }) { return owner.id }
        let text = line.words.joined(separator: " ")
        let byDistrict = open.filter { !$0.districts.isEmpty && Answers.choice(text, among: $0.districts) != nil }
        return byDistrict.count == 1 ? byDistrict[0].id : nil
    }

    /// Intents a question about the sign-up just made may come as ("i co teraz?" is out of scope on
    /// its own); a longer question of another intent is answered as that ("co teraz oferuje
    /// centrum w Krakowie?"). The code's questions are never another's, but for an erasure
    /// ("usuń moje dane, kod KR-7F3K") or a line that gives a code.
    static let followingUp: Set<IntentID> = [.fallback, .signup, .contact, .human, .deadlines, .join]

    /// Intents only a logged-in organiser is served by: their counts and their notes.
    static let forOrganisers: Set<IntentID> = [.progress, .interviewNote]

    /// The reply to an organisers' question from someone not logged in: that it is for trained
    /// organisers (the note's reply from `intents/` says so itself), the reply — how to log in —
    /// and what a resident can do instead, with whom to ask about the campaign.
    func forOrganisersOnly(_ reply: String, intent: IntentID, catalogue: Catalogue, today: CalendarDay) -> String {
        var office = formContext(catalogue, today)
        office.topic = conversation.topic ?? catalogue.topics.first { $0.parts.contains(.listeningCampaign) }?.id
        let instead = Messages.residentsInstead.format(language, ["human": office.humanContact])
        return (intent == .progress ? Messages.organisersOnly[language] + "\n" : "") + reply + "\n" + instead
    }

    /// "Nie – ostatni etap … zakończył się w 2023 r." for a topic whose recorded stages have all
    /// passed; nil while any is to come.
    func hasEndedAnswer(_ topic: String, catalogue: Catalogue, today: CalendarDay) -> String? {
        guard catalogue.hasEnded(topic, today: today), let stages = catalogue.topic(topic)?.stagesEnd,
              let name = catalogue.topicName(topic, language: language, today: today) else { return nil }
        let years = stages.compactMap { path -> Int? in
            if case .date(let day)? = catalogue.fact(path)?.value { return day.year }
            return nil
        }
        guard let year = years.max() else { return nil }
        return Messages.hasEndedAnswer.format(language, ["programme": name, "year": String(year)])
    }

    /// The answer to a question about the sign-up this conversation made (``Answers/SignupFollowUp``):
    /// what happens now, a next edition, its code. Only the code is answered without one — that
    /// it is shown once, at the sign-up, and whom to ask.
    func followUpText(_ followUp: Answers.SignupFollowUp, catalogue: Catalogue, today: CalendarDay) -> String? {
        guard let done = conversation.signedUp else {
            guard followUp == .referenceCode else { return nil }
            return Messages.referenceCodeElsewhere.format(language, ["human": formContext(catalogue, today).humanContact])
        }
        let ended = catalogue.hasEnded(done.programme, today: today)
        switch followUp {
        case .whatNext:
            return signedUpText(ended ? Messages.afterInterest : Messages.afterSignup, done, catalogue: catalogue, today: today)
        case .nextEdition:
            return signedUpText(ended ? Messages.afterInterest : Messages.nextEdition, done, catalogue: catalogue, today: today)
        case .referenceCode:
            guard let code = done.reference else {
                var office = formContext(catalogue, today)
                office.topic = done.programme
                return Messages.referenceCodeElsewhere.format(language, ["human": office.humanContact])
            }
            return signedUpText(Messages.referenceCode, done, catalogue: catalogue, today: today).replacingOccurrences(of: "{code}", with: code)
        }
    }

    /// A message about the sign-up this conversation made, with its programme, code and office.
    func signedUpText(_ message: Localized, _ done: Conversation.SignedUp, catalogue: Catalogue, today: CalendarDay) -> String {
        var office = formContext(catalogue, today)
        office.topic = done.programme
        let reference = done.reference.map { Messages.referenceSuffix.format(language, ["reference": $0]) } ?? ""
        return message.format(language, [
            "programme": catalogue.topicName(done.programme, language: language, today: today) ?? done.programme,
            "reference": reference,
            "human": office.humanContact,
        ])
    }

    /// "powtórz": the last reply again; inside a form, its question.
    mutating func repeatLast(catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        if case .form(let form) = activity {
            return render(form.question(formContext(catalogue, today)), intent: type(of: form).intent)
        }
        guard var again = lastReply else { return reply(Messages.nothingToRepeat[language]) }
        if again.language == .pl, conversation.formal {
            // Said before the resident first wrote formally: in the register of the conversation now.
            again.text = FormalPolish.rewrite(again.text)
        }
        return [.reply(again, format: format, prompt: true)]
    }

    /// Intents a "czy to jeszcze trwa?" may come as: not a contact's or an office's ("czy biuro
    /// jest jeszcze otwarte?" asks about opening hours, not the programme).
    static let aboutRunning: Set<IntentID> = [.fallback, .deadlines, .about, .join, .listeningCampaign, .job]

    /// The last sentence of `text` that asks ("…?"), when it has one and other sentences before it
    /// (``IntentMatcher/sentences(of:)``: "O.S." ends no sentence).
    static func lastQuestion(of text: String) -> String? {
        let sentences = IntentMatcher.sentences(of: text)
        guard sentences.count > 1, let last = sentences.last(where: \.asks) else { return nil }
        return String(last.text)
    }

    /// Intents a question among several may be answered with: they only inform.
    static let informative: Set<IntentID> = [.listeningCampaign, .job, .join, .deadlines, .contact, .cost, .funding, .services, .about]

    /// A line of two or more questions ("…? …?"): each question understood on its own and, when
    /// all are informative and in scope and they ask at least `distinctIntents` different things,
    /// each answered.
    func answerEach(_ text: String, catalogue: Catalogue, today: CalendarDay, distinctIntents: Int = 1) -> (text: String, intent: IntentID)? {
        let questions = text.split(separator: "?").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        guard text.filter({ $0 == "?" }).count >= 2, (2...4).contains(questions.count) else { return nil }
        var answers: [String] = []
        var first: IntentID?
        var asked: Set<IntentID> = []
        for question in questions {
            let intentID = catalogue.understand(question + "?").match.intent
            // The progress reply, before log-in, is the campaign's target: information too.
            guard Self.informative.contains(intentID) || (intentID == .progress && organiser == nil),
                  let intent = catalogue.intent(intentID) else { return nil }
            let answer = answer(intent, catalogue: catalogue, today: today).text
            if !answers.contains(answer) { answers.append(answer) }
            first = first ?? intentID
            asked.insert(intentID)
        }
        guard asked.count >= distinctIntents else { return nil }
        return first.map { (answers.joined(separator: "\n"), $0) }
    }

    /// The reply, with the facts the line asks about by an aspect ("kto prowadził szkolenie?")
    /// that it does not already say, for the conversation's topic.
    func withAspects(_ text: String, asked line: LineUnderstanding, intent: IntentID, catalogue: Catalogue, today: CalendarDay) -> String {
        guard ![IntentID.fallback, .greeting, .thanks, .goodbye, .signup, .interviewNote, .privacy, .human, .help].contains(intent),
              let topicID = conversation.topic, let topic = catalogue.topic(topicID), !topic.aspects.isEmpty else { return text }
        var text = text
        // An aspect that answers is said as the answer (``answeringAspect``), never added.
        for aspect in topic.aspects where !aspect.answers && aspect.isAsked(by: line.asked) {
            // Said already when the reply holds every fact the aspect names, compared as the
            // evaluation's facts check compares them.
            let reply = IntentEvaluation.comparable(text)
            let facts = aspect.say[language].factReferences.compactMap { catalogue.facts[$0]?.value.rendered(in: language, today: today, relative: false) }
            guard !facts.allSatisfy({ reply.contains(IntentEvaluation.comparable($0)) }) else { continue }
            text += "\n" + catalogue.render(aspect.say[language], language: language, today: today, topic: topicID)
        }
        return text
    }

    /// The aspect that is itself the answer to the line (``Topic/Aspect/answers``), with its
    /// topic: the named programme's, else the conversation's, else the one topic that has it.
    func answeringAspect(asked line: LineUnderstanding, intent: IntentID, catalogue: Catalogue) -> (topic: String, aspect: Topic.Aspect)? {
        let found = catalogue.topics.compactMap { topic in
            topic.aspects.first { $0.answers && $0.asks == intent && $0.isAsked(by: line.corrected) }.map { (topic: topic.id, aspect: $0) }
        }
        if let named = line.mentions.topic { return found.first { $0.topic == named } }
        if let current = conversation.topic, let hit = found.first(where: { $0.topic == current }) { return hit }
        return found.count == 1 ? found[0] : nil
    }

    /// "krócej": answers in brief from now on; "więcej": the rest of the last one; "dłużej": whole again.
    mutating func changeLength(_ request: Answers.LengthRequest) -> [SessionAction] {
        switch request {
        case .shorter where conversation.brief:
            // Already in brief: said honestly, and the shortest form of the last answer, its
            // first sentence (the rest on "więcej").
            guard let last = conversation.lastAnswer else { return reply(Messages.briefAlready[language]) }
            let (first, rest) = Self.firstSentence(of: last)
            conversation.details = rest.isEmpty ? nil : rest
            return reply(Messages.briefAlready[language] + "\n" + first + (rest.isEmpty ? "" : "\n" + Messages.moreHint[language]), intent: conversation.lastIntent)
        case .shorter:
            conversation.brief = true
            // The last answer again, short: what the resident found too long.
            guard let last = conversation.lastAnswer else { return reply(Messages.briefOn[language]) }
            let part = shapedPart(last)
            return reply(Messages.briefOn[language] + "\n" + part.shown + part.hint, intent: conversation.lastIntent)
        case .longer:
            conversation.brief = false
            return reply(Messages.briefOff[language])
        case .more:
            guard let details = conversation.details else { return reply(Messages.nothingMore[language]) }
            conversation.details = nil
            return reply(details, intent: conversation.lastIntent)
        }
    }

    /// An answer as the resident asked for it: whole, or in brief its first line (the answer
    /// itself, by the catalogue's rule) and a hint, with the rest kept for "więcej".
    /// `lines` is how many lines the brief form keeps: two for the fallback, whose second line
    /// says whom to ask — a resident told only "nie pomogę" has nowhere to go.
    /// A fallback with nothing held back of its own leaves the last answer's rest for "więcej"
    /// (`keepsEarlierDetails`): "powtórz ostatnie" misread in between takes nothing away.
    mutating func shapedPart(_ text: String, lines: Int = 1, keepsEarlierDetails: Bool = false) -> (shown: String, hint: String) {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        if keepsEarlierDetails, !conversation.brief || all.count <= lines { return (text, "") }
        conversation.details = nil
        conversation.lastAnswer = text
        guard conversation.brief, all.count > lines else { return (text, "") }
        conversation.details = all[lines...].joined(separator: "\n")
        return (all[..<lines].joined(separator: "\n"), "\n" + Messages.moreHint[language])
    }

    /// "po polsku", "in English please": the language changes for good (as with `/lang`) and a
    /// form asks its question again in it. `answer` (in the language asked in) comes first.
    mutating func switchLanguage(to requested: Language, answer: String? = nil, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        language = requested
        languageChosen = true
        let said = [answer, Messages.languageSet[language]].compactMap { $0 }.joined(separator: "\n")
        return withFormQuestion(said, catalogue: catalogue, today: today)
    }

    /// `text`, and inside a form its question asked again after it.
    mutating func withFormQuestion(_ text: String, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        if case .form(let form) = activity {
            return render(form.question(formContext(catalogue, today)), intent: type(of: form).intent, prefix: text)
        }
        return reply(text)
    }

    /// "czy mogę pisać po ukraińsku?", "rozumiesz po rosyjsku?", "do you speak German?": the yes
    /// or no first, in the language the question was asked in; for one of our languages other
    /// than that one, the conversation then switches to it as "po ukraińsku" would.
    mutating func answerLanguageQuestion(_ asked: Answers.AskedLanguage, text: String, words: [String], catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        let russian = Answers.asksInRussian(text, words: words)
        if !languageChosen, let detected = conversationLanguage(of: text, words: words, catalogue: catalogue) {
            language = russian ? russianReply : detected
        }
        switch asked {
        case .spoken(let requested):
            let yes = Messages.languageYes.format(language, ["language": Messages.languageNamed(requested)[language]])
            guard requested != language else { return withFormQuestion(yes, catalogue: catalogue, today: today) }
            return switchLanguage(to: requested, answer: yes, catalogue: catalogue, today: today)
        case .russian:
            conversation.russianNoted = true
            return withFormQuestion(Messages.russianYes.format(language, ["language": Messages.languageNamed(russianReply)[language]]),
                                    catalogue: catalogue, today: today)
        case .foreign(let other):
            if russian { conversation.russianNoted = true }
            return withFormQuestion(Messages.languageNo.format(language, ["language": Messages.foreignNamed(other)[language]]),
                                    catalogue: catalogue, today: today)
        }
    }

    /// The line's language read in the light of the conversation: a Latin-typed line with no
    /// Polish letter in a Ukrainian conversation is Ukrainian when at least as many of its words
    /// are Ukrainian spelt in Latin letters ("zapysatysja") as are Polish or English ("jak") —
    /// the matcher alone, which knows no conversation, calls such a tie Polish. Otherwise what
    /// the matcher detects (`detected`, when the caller has it).
    func conversationLanguage(of text: String, words: [String], catalogue: Catalogue, detected: Language?? = nil) -> Language? {
        let detected = detected ?? catalogue.matcher.language(of: text, words: words)
        guard language == .uk, detected != .uk, !text.contains(where: LanguageDetector.polishLetters.contains),
              !LanguageDetector.isCyrillic(text) else { return detected }
        let matcher = catalogue.matcher
        var ukrainian = 0
        var latin = 0
        for word in words {
            if CommonWords.ukrainianLatin.contains(word) || (word.count >= 3 && !matcher.isKnownWord(word) && matcher.isKnownWord(Cyrillic.fromLatin(word))) {
                ukrainian += 1
            } else if matcher.isKnownWord(word) || CommonWords.polish.contains(word) || CommonWords.english.contains(word) {
                latin += 1
            }
        }
        return ukrainian > 0 && ukrainian >= latin ? .uk : detected
    }

    /// The words of a Latin-typed Ukrainian line spelt in Cyrillic ("mozhna ukrainskoiu" →
    /// "можна українською"), for the requests read from words; nil for any other line.
    func cyrillicSpelling(of text: String, words: [String], catalogue: Catalogue) -> [String]? {
        guard !words.isEmpty, !LanguageDetector.isCyrillic(text), conversationLanguage(of: text, words: words, catalogue: catalogue) == .uk else { return nil }
        return catalogue.matcher.transliterated(words)
    }

    /// The register of the conversation is the resident's: the first Polish line that shows one
    /// — formally ("Szanowni Państwo", "uprzejmie proszę", "czy mogłaby Pani") or with "ty"
    /// ("możesz mi powiedzieć", "cześć", "zapisz mnie") — decides it for the rest of it, so that
    /// "proszę o numer" from a resident who wrote "możesz" turns nothing formal, and "możesz
    /// powtórzyć?" from one who wrote "Szanowni Państwo" nothing informal. Before such a line
    /// the replies are informal, as `intents/` writes them.
    mutating func noteRegister(_ words: [String]) {
        guard !conversation.registerShown else { return }
        if FormalPolish.addressesFormally(words: words) {
            conversation.formal = true
            conversation.registerShown = true
        } else if FormalPolish.addressesInformally(words: words) {
            conversation.registerShown = true
        }
    }

    /// The first sentence of `text` and what follows it: a sentence ends at ".", "!" or "?"
    /// before a capital letter, not after an abbreviation ("ul.", "tel.", "np.") or an initial ("O.S.").
    static func firstSentence(of text: String) -> (first: String, rest: String) {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\n" { break }
            if ".!?".contains(character), index + 2 < characters.count, characters[index + 1] == " ", characters[index + 2].isUppercase {
                var start = index
                while start > 0, characters[start - 1].isLetter { start -= 1 }
                let before = String(characters[start..<index])
                let abbreviation = character == "." && !before.isEmpty && (before.count == 1 || Self.abbreviations.contains(before.lowercased()))
                if !abbreviation { break }
            }
            index += 1
        }
        let end = min(index + 1, characters.count)
        let first = String(characters[..<end]).trimmingWhitespace()
        let rest = String(characters[end...]).trimmingWhitespace()
        return (first, rest)
    }

    /// Abbreviations a sentence of our replies never ends with.
    static let abbreviations: Set<String> = ["ul", "tel", "np", "nr", "al", "ok", "godz", "dr", "prof", "ks", "św", "tj", "tzw", "m.in", "wg", "st", "e.g", "i.e", "vs"]

    /// The resident takes leave: the goodbye from `intents/`, then the session ends (the
    /// connection closes; a kiosk wipes its screen). A half-filled form is dropped unstored.
    /// - Parameter dropped: what was left unstored, said before the goodbye (a form's answers
    ///   by default; for a correction, that the sign-up stays as it was).
    mutating func leave(catalogue: Catalogue, today: CalendarDay, droppedForm: Bool, dropped: String? = nil) -> [SessionAction] {
        let goodbye = catalogue.intent(.goodbye).map { answer($0, catalogue: catalogue, today: today).text } ?? Messages.goodbye[language]
        return farewell(droppedForm ? (dropped ?? FormMessages.cancelled[language]) + "\n" + goodbye : goodbye, intent: .goodbye, error: nil)
    }

    /// The intent's reply for the conversation's topic (or its default, with the topics as choices).
    func answer(_ intent: Intent, catalogue: Catalogue, today: CalendarDay) -> (text: String, choices: [String]) {
        var choices: [String] = []
        let template: LocalizedTemplate
        // Whom to ask follows where the session is (a kiosk's centre) until a topic is named.
        let topic = conversation.topic ?? (Self.placeBound.contains(intent.id) ? homeTopic : nil)
        if let topic, let specific = intent.replies[topic] {
            template = specific
        } else {
            template = intent.replies[Intent.defaultReply] ?? LocalizedTemplate(ReplyTemplate())
            // The fallback's topics only say where to ask; they are no choice to offer.
            choices = intent.id == .fallback ? [] : catalogue.topics.filter { intent.replies[$0.id] != nil }
                .compactMap { catalogue.topicName($0.id, language: language, today: today) }
        }
        return (catalogue.render(template[language], language: language, today: today, topic: topic), choices)
    }

    /// The line's last sentence when it has more than one ("…nie jest dobry. can we continue in English?").
    static func lastSentence(of text: String) -> String? {
        let sentences = text.split(whereSeparator: { ".!?".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return sentences.count > 1 ? sentences.last : nil
    }

    /// "jak samorząd mógł się zgłosić?": a question about applying, answered by its own intent,
    /// not a request to be signed up.
    static let howWords: Set<String> = CommonWords.words(["jak", "how", "kto", "who", "kiedy", "when", "gdzie", "where"], ukrainian: ["як", "хто", "коли", "де"])

    /// Intents a practical question about a programme's place may come as: out of scope ("czy
    /// jest tam winda?"), or any that only informs ("is there a lift at the Civic Centre?" reads
    /// as its job, "gdzie można zaparkować przy Centrum?" as its contact) — none of whose replies
    /// would say anything of a lift.
    static let placeAsking: Set<IntentID> = informative.union([.fallback])

    /// Intents whose reply says whom to ask or where to go: at a kiosk, those of its centre.
    static let placeBound: Set<IntentID> = [.fallback, .human]

    /// "usuń moje dane", "delete my data": a privacy question that asks for erasure.
    static func asksForErasure(_ tokens: [String]) -> Bool {
        let verbs: Set<String> = CommonWords.words(["usun", "usunac", "usuniecie", "skasuj", "skasowac", "wymaz", "wymazac", "erase", "delete", "remove", "erasure", "forget"],
                                                   ukrainian: ["видалити", "видаліть", "видали", "видалення", "стерти", "зітріть", "знищити", "удалить", "удалите"])
        return tokens.contains { verbs.contains($0) }
    }
}
