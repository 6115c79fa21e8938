/// Forms: starting one, handing it each line, turning its steps into replies. The session does
/// not know which form it holds; each says what it expects (``ConversationForm``).
extension Session {
    mutating func startSignup(catalogue: Catalogue, today: CalendarDay, intro: String?, confidence: Double? = nil) -> [SessionAction] {
        start(SignupForm(topic: conversation.topic, catalogue: catalogue), catalogue: catalogue, today: today, confidence: confidence, intro: intro)
    }

    mutating func start(_ form: some ConversationForm, catalogue: Catalogue, today: CalendarDay, confidence: Double?, intro: String? = nil) -> [SessionAction] {
        var form = form
        let question = form.asked(formContext(catalogue, today))
        activity = .form(form)
        conversation.leaveOffered = false
        conversation.stopOffered = false
        return render(question, intent: type(of: form).intent, confidence: confidence, intro: intro)
    }

    /// What leaving the form in hand leaves unstored, when it is not the form's answers: a
    /// correction not confirmed leaves its stored sign-up as it was.
    var droppedNotice: String? {
        guard case .form(let form) = activity, let correction = form as? SignupCorrectionForm else { return nil }
        return FormMessages.correctionDropped.format(language, ["reference": correction.reference])
    }

    mutating func continueForm(_ text: String, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        guard case .form(var form) = activity else { return [] }
        let context = formContext(catalogue, today)
        if Answers.isCancel(text) {
            activity = .conversation
            return reply(FormMessages.cancelled[language])
        }
        if Answers.signsOff(text) {
            // "ok dzięki, pozdrawiam": leaving, as with "do widzenia" — nothing stored, goodbye; a
            // correction not confirmed leaves its sign-up as it was, and says so.
            let dropped = droppedNotice
            activity = .conversation
            return leave(catalogue: catalogue, today: today, droppedForm: true, dropped: dropped)
        }
        let intent = type(of: form).intent
        if conversation.stopOffered {
            // A bare "nie" was asked about: "tak" stops, "nie" goes on, anything else is an answer.
            conversation.stopOffered = false
            switch Answers.yesNo(text, language: language) {
            case true?:
                activity = .conversation
                return reply(FormMessages.cancelled[language])
            case false?:
                let question = form.asked(context)
                activity = .form(form)
                return render(question, intent: intent, prefix: FormMessages.goingOn[language])
            case nil:
                break
            }
        }
        if conversation.leaveOffered {
            // The form asked whether to go on: "nie", "to wyjdź" leave it, "tak" asks its question
            // again, and anything else is an answer to that question.
            conversation.leaveOffered = false
            let answer = Answers.yesNo(text, language: language)
            if answer == false || Answers.isLeave(text) {
                activity = .conversation
                return reply(FormMessages.cancelled[language])
            }
            if answer == true {
                let question = form.asked(context)
                activity = .form(form)
                return render(question, intent: intent)
            }
        }
        if Answers.asksWhetherSaved(text), !(form is SignupForm && conversation.signedUp != nil && Answers.declinesSecondSignup(TextNormalizer.tokens(text))) {
            // "czy to, co wpisałam, zostało zapisane?": not yet — said, and the question again.
            // ("czy już jestem zapisana?" after a sign-up stored here is about that one: below.)
            let question = form.asked(context)
            activity = .form(form)
            return render(question, intent: intent, prefix: form.nothingSavedYet(context))
        }
        if let signup = form as? SignupForm, Answers.declinesSecondSignup(TextNormalizer.tokens(text)) {
            // "ja już się zapisałam": no value for the slot, but about this sign-up.
            conversation.leaveOffered = true
            return reply(secondSignupDeclined(signup, catalogue: catalogue, today: today), intent: intent, expecting: form.expecting,
                         choices: [FormMessages.yes[language], FormMessages.no[language]])
        }
        if withdraws(text, from: form) {
            // "nie chcę podawać danych", "never mind", "ні, передумала": the form ends unstored.
            activity = .conversation
            return reply(FormMessages.cancelled[language])
        }
        if Answers.isBareNo(text, language: language), !form.asksYesOrNo {
            // "nie" to "what is your name?" is no name: asked, once, whether to stop.
            conversation.stopOffered = true
            return reply(FormMessages.stopQuestion[language], intent: intent, expecting: form.expecting,
                         choices: [FormMessages.yes[language], FormMessages.no[language]])
        }
        if form is SignupForm, text.hasSuffix("?") || Answers.asksSomething(text),
           Answers.signupFollowUp(TextNormalizer.tokens(text)) == .whatNext {
            // "i co teraz? kiedy ktoś się odezwie?" before the confirmation: what happens after it.
            let question = form.asked(context)
            activity = .form(form)
            return render(question, intent: intent, prefix: FormMessages.whatHappensAfterConfirming[language])
        }
        // A question in the middle of the form is answered, then the form asks again.
        // "a ile to kosztuje" asks, with or without its question mark.
        if text.hasSuffix("?") || Answers.asksSomething(text), form.answersAside(text) {
            let question = form.asked(context)
            activity = .form(form)
            return answerAside(text, catalogue: catalogue, today: today, question: question, intent: intent)
        }
        let step = form.handle(text, context)
        activity = .form(form)
        return render(step, intent: intent)
    }

    /// True when `text` takes back the wish to fill `form` in or refuses its data. "nie podam" is
    /// the skip of an optional question, and a plain "no thanks" answers a yes-or-no question.
    func withdraws(_ text: String, from form: any ConversationForm) -> Bool {
        guard Answers.withdraws(text), !Answers.isSkip(text) else { return false }
        return !(form.asksYesOrNo && Answers.noWords.contains(TextNormalizer.fold(text)))
    }

    /// After a sign-up stored in this conversation, a line that corrects it ("pomyliłem numer,
    /// poprawny to 601 234 576", "zmień kontakt") opens the correction; a conversation that
    /// stored none (a later connection) is told to give its code to staff. Nil for any other line.
    mutating func correctingStoredSignup(_ text: String, catalogue: Catalogue, today: CalendarDay) -> [SessionAction]? {
        guard case .conversation = activity else { return nil }
        // At a kiosk the next resident may be at the keyboard: a stored sign-up is never shown
        // again there; corrections go through staff, as from another connection.
        if !isKiosk, let done = conversation.signedUp, let reference = done.reference, let stored = done.draft {
            guard let form = SignupCorrectionForm(text, reference: reference, stored: stored, catalogue: catalogue) else { return nil }
            detectLanguage(of: text, catalogue: catalogue)
            return start(form, catalogue: catalogue, today: today, confidence: 1)
        }
        guard SignupCorrectionForm.correctsEarlierSignup(text) else { return nil }
        detectLanguage(of: text, catalogue: catalogue)
        var office = formContext(catalogue, today)
        office.topic = conversation.signedUp?.programme ?? conversation.topic
        return reply(FormMessages.correctionElsewhere.format(language, ["human": office.humanContact]), intent: .signup, confidence: 1)
    }

    /// The line's language becomes the reply's, unless `/lang` fixed it.
    mutating func detectLanguage(of text: String, catalogue: Catalogue) {
        // Read without the contact: "x@example.org" is in no language.
        let plain = Contact.locate(in: text)?.rest ?? text
        let words = TextNormalizer.tokens(plain)
        guard !languageChosen, let detected = catalogue.matcher.language(of: plain, words: words) else { return }
        language = LanguageDetector.isRussian(plain, words: words) ? russianReply : detected
    }

    /// What the resident is told who wants no second sign-up: the one this conversation stored
    /// for the programme, if there is one; otherwise that a repeat is never stored.
    func secondSignupDeclined(_ form: SignupForm, catalogue: Catalogue, today: CalendarDay) -> String {
        guard let done = conversation.signedUp, form.programme == nil || form.programme == done.programme else {
            return FormMessages.noSecondSignup[language]
        }
        return signedUpText(FormMessages.signedUpInThisConversation, done, catalogue: catalogue, today: today)
    }

    mutating func answerAside(_ text: String, catalogue: Catalogue, today: CalendarDay, question: FormStep, intent formIntent: IntentID) -> [SessionAction] {
        let match = catalogue.matcher.match(text)
        guard let intent = catalogue.intent(match.intent), isWorthAnsweringAside(intent.id) else {
            return render(question, intent: formIntent, prefix: nil)
        }
        return render(question, intent: formIntent, prefix: answer(intent, catalogue: catalogue, today: today).text)
    }

    /// Intents worth answering in the middle of a form (not those that would start another one).
    func isWorthAnsweringAside(_ id: IntentID) -> Bool {
        ![.signup, .interviewNote, .progress, .greeting, .goodbye, .thanks].contains(id)
    }

    func formContext(_ catalogue: Catalogue, _ today: CalendarDay) -> FormContext {
        FormContext(catalogue: catalogue, language: language, today: today, topic: conversation.topic, sessionKind: isKiosk ? .kiosk : .remote,
                    homeTopic: homeTopic)
    }

    mutating func render(_ step: FormStep, intent: IntentID, confidence: Double? = nil, intro: String? = nil, prefix: String? = nil) -> [SessionAction] {
        switch step {
        case .ask(let text, let expecting, let choices, let error):
            let full = [intro, prefix, text].compactMap { $0 }.joined(separator: "\n")
            return reply(full, intent: intent, confidence: confidence, expecting: expecting, choices: choices, error: error)
        case .store(let request, _):
            switch request {
            case .saveSignup(let draft):
                conversation.programmeBeingSaved = draft.programme
                conversation.signupBeingSaved = draft
            case .correctSignup(let correction):
                conversation.correctionBeingSaved = correction
            default: break
            }
            pending = .form
            return [.store(request)]
        case .finished(let text):
            activity = .conversation
            return reply(text, intent: intent, confidence: confidence)
        }
    }
}
