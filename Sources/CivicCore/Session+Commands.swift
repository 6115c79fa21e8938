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
            return [.identifyKiosk(token: token)]
        case .kiosk(nil):
            return reply(Messages.kioskUsage[language], error: .badArgument)
        case .quit:
            return farewell(Messages.goodbye[language], error: nil)
        case .unknown(let name):
            return reply(Messages.unknownCommand.format(language, ["command": name]), error: .unknownCommand)
        }
    }

    /// A log-in attempt: storage checks the code (and the throttles).
    mutating func verify(code: String) -> [SessionAction] {
        pending = .login
        return [.store(.verifyOrganiser(code: code))]
    }
}
