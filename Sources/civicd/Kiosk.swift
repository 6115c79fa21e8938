import ArgumentParser
import CivicClient
import CivicCommandLine
import CivicCore
import Foundation

/// `civicd kiosk`: the unattended terminal in the citizen centre. One resident follows another:
/// each gets a fresh session, and when they say goodbye, type /quit or walk away, the screen and
/// the scroll-back are wiped before the next greeting.
struct Kiosk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run an unattended kiosk terminal against a civicd daemon.",
        discussion: """
        Ctrl-C, Ctrl-\\ and Ctrl-Z are ignored. Staff leave the kiosk by typing the line
        `/staff-exit CODE`, where CODE is the --exit-code given at start (or $CIVICD_KIOSK_EXIT_CODE).
        """
    )

    @OptionGroup var server: ServerOptions

    @Option(name: .customLong("token-file"), help: ArgumentHelp("File holding the kiosk token the daemon knows (kiosk.tokens).", valueName: "FILE"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("Seconds without typing before the screen is wiped for the next resident.", valueName: "SECONDS"))
    var idle: Int = 90

    @Option(name: .customLong("exit-code"), help: ArgumentHelp("The staff code that ends the kiosk (/staff-exit CODE).", valueName: "CODE"))
    var exitCode: String?

    /// Home, clear the screen, clear the scroll-back (xterm, tmux, the Linux console).
    static let wipe = "\u{1B}[H\u{1B}[2J\u{1B}[3J"
    /// What a resident at the kiosk reads while the daemon is away, in every language it speaks.
    static let reconnecting = "Łączenie z serwerem… Proszę chwilę poczekać.\nReconnecting… Please wait a moment.\nПідключення до сервера… Зачекайте, будь ласка.\n"

    func validate() throws {
        guard idle >= 5 else { throw ValidationError("--idle must be at least 5 seconds") }
    }

    func run() async throws {
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGHUP] { Foundation.signal(signal, SIG_IGN) }
        let staffCode = exitCode ?? ProcessInfo.processInfo.environment["CIVICD_KIOSK_EXIT_CODE"]
        guard let staffCode, staffCode.count >= 4 else {
            throw ValidationError("give --exit-code (at least 4 characters) or set CIVICD_KIOSK_EXIT_CODE: staff need a way out")
        }
        let token = try tokenFile.map { try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
        let input = TerminalInput()
        var backoff = 1
        while true {
            show(Self.wipe)
            let client: TLSLineClient
            do {
                client = try await server.connect()
                backoff = 1
            } catch {
                show(Self.reconnecting)
                try await Task.sleep(for: .seconds(backoff))
                backoff = min(backoff * 2, 30)
                continue
            }
            let outcome = await resident(client, token: token, staffCode: staffCode, input: input)
            await client.close()
            if outcome == .staffExit {
                show(Self.wipe)
                return
            }
            if outcome == .serverGone {
                show(Self.wipe + Self.reconnecting)
                try await Task.sleep(for: .seconds(backoff))
                backoff = min(backoff * 2, 30)
            }
        }
    }

    enum Outcome {
        case nextResident
        case serverGone
        case staffExit
    }

    /// One resident's conversation, in JSON mode so the kiosk knows when they said goodbye.
    func resident(_ client: TLSLineClient, token: String?, staffCode: String, input: TerminalInput) async -> Outcome {
        do {
            let greeting = try await client.read(until: "> ")
            if let token {
                try await client.sendLine("/kiosk \(token)")
                _ = try await client.read(until: "> ")
            }
            try await client.sendLine("/format json")
            _ = try await client.readLine()
            show(String(greeting.dropLast(2)) + "\n\n> ")
            while true {
                // Wait for a line, watching the connection and the idle time.
                let idleSince = ContinuousClock.now
                var typedLine: String??
                while typedLine == nil {
                    typedLine = await input.next(timeout: .seconds(1))
                    if typedLine == nil {
                        if client.isDisconnected { return .serverGone }
                        if ContinuousClock.now - idleSince >= .seconds(idle) { return .nextResident }
                    }
                }
                let typed = (typedLine ?? nil) ?? ""
                if typed.trimmingCharacters(in: .whitespaces) == "/staff-exit \(staffCode)" { return .staffExit }
                if typed.trimmingCharacters(in: .whitespaces).isEmpty {
                    show("> ")
                    continue
                }
                client.discardUnread()  // an idle warning sent meanwhile is not this line's reply
                try await client.sendLine(typed)
                let reply = try JSONSerialization.jsonObject(with: Data(try await client.readLine(timeout: .seconds(30)).utf8)) as? [String: Any] ?? [:]
                let text = reply["text"] as? String ?? ""
                show(TextWrap.wrap(text, width: terminalWidth()) + "\n")
                let intent = reply["intent"] as? String
                if intent == IntentID.goodbye.rawValue || typed.lowercased().hasPrefix("/quit") || typed.lowercased().hasPrefix("/koniec") || typed.lowercased().hasPrefix("/кінець") || client.isDisconnected {
                    try? await Task.sleep(for: .seconds(3))
                    return .nextResident
                }
                show("\n> ")
            }
        } catch {
            return .serverGone
        }
    }

    /// The terminal's width now (it may be resized), less one column so that a full line does
    /// not wrap on its own; 78 when it cannot be told (not a terminal).
    func terminalWidth() -> Int {
        terminalColumns().map { $0 - 1 } ?? 78
    }

    func show(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
