/// Slash commands: the same in every state of the session.
extension Session {
    mutating func handle(_ command: Command, catalogue: Catalogue, today: CalendarDay) -> [SessionAction] {
        switch command {
        case .help:
            return reply(Messages.help[language])
        case .language(let chosen?):
            language = chosen
            languageChosen = true
            return reply(Messages.languageSet[language])
        case .language(nil):
            return reply(Messages.languageUsage[language], error: .badArgument)
        case .format(let chosen?):
            format = chosen
            return reply(Messages.formatSet.format(language, ["format": chosen.rawValue]))
        case .format(nil):
            return reply(Messages.formatUsage[language], error: .badArgument)
        case .reset:
            // Forget everything a next person could see: the conversation, any form, the log-in.
            conversation = Conversation()
            activity = .conversation
            organiser = nil
            lastReply = nil
            return reply(Messages.reset[language])
        case .cancel:
            if case .conversation = activity {
                return reply(Messages.nothingToCancel[language])
            }
            activity = .conversation
            return reply(FormMessages.cancelled[language])
        case .login(let code?):
            return verify(code: code)
        case .login(nil):
            return reply(FormMessages.loginUsage[language], error: .badArgument)
        case .kiosk(let token?):
            return identifyKiosk(token)
        case .kiosk(nil):
            return reply(Messages.kioskUsage[language], error: .badArgument)
        case .quit:
            return farewell(Messages.goodbye[language], error: nil)
        case .unknown(let name):
            return reply(Messages.unknownCommand.format(language, ["command": name]), error: .unknownCommand)
        }
    }

    /// A kiosk terminal identifies itself: with a known token the session takes the kiosk's
    /// limits (its shorter idle timeout applies from now). A kiosk session forgets everything on
    /// `/reset` as any session does.
    mutating func identifyKiosk(_ token: String) -> [SessionAction] {
        // Every token is compared, in constant time: the reply's timing says nothing of them.
        let accepted = kioskTokens.reduce(false) { $0 || ConstantTime.equal($1, token) }
        guard accepted else {
            return [.kioskIdentified(accepted: false)] + reply(Messages.kioskRefused[language], error: .badArgument)
        }
        isKiosk = true
        homeTopic = kioskCentre
        limits = limits.forKiosk
        flow.idle.use(limits)
        return [.kioskIdentified(accepted: true)] + reply(Messages.kioskAccepted[language])
    }

    /// A log-in attempt: this session's throttle first, then storage checks the address's delay
    /// and the code.
    mutating func verify(code: String) -> [SessionAction] {
        switch loginThrottle.check(atNanoseconds: now) {
        case .allowed:
            pending = .login
            return [.store(.verifyOrganiser(code: code))]
        case .wait(let seconds):
            activity = .conversation
            return reply(FormMessages.loginWait.format(language, ["seconds": String(seconds)]), error: .loginFailed)
        case .locked:
            activity = .conversation
            return reply(FormMessages.loginLocked[language], error: .loginLocked)
        }
    }

    /// Storage's verdict on a code.
    mutating func loggedIn(_ response: StoreResponse) -> [SessionAction] {
        activity = .conversation
        switch response {
        case .loggedIn(let who):
            // Clears this session's count only; the address's failures may be someone else's.
            loginThrottle.recordSuccess()
            organiser = who
            return reply(FormMessages.loggedIn.format(language, ["name": who.name]), intent: .interviewNote)
        case .loginFailed(let addressDelay):
            guard let sessionDelay = loginThrottle.recordFailure(atNanoseconds: now) else {
                return reply(FormMessages.loginLocked[language], error: .loginLocked)
            }
            let seconds = max(sessionDelay, addressDelay)
            return reply(FormMessages.loginFailed.format(language, ["seconds": String(seconds)]), error: .loginFailed)
        case .loginThrottled(let seconds):
            return reply(FormMessages.loginWait.format(language, ["seconds": String(seconds)]), error: .loginFailed)
        case .loginLocked(let seconds):
            let minutes = String(max(1, (seconds + 59) / 60))
            return reply(FormMessages.addressLoginLocked.format(language, ["minutes": minutes]), error: .loginLocked)
        default:
            return reply(FormMessages.storageFailed[language], error: .storageUnavailable)
        }
    }
}
