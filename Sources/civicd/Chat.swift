import ArgumentParser
import CivicClient
import CivicCommandLine
import CivicSetup
import CivicTLS
import Foundation
import NIOPosix
import NIOSSL

/// Lines typed at the terminal, read on their own thread so the conversation can wait for a line
/// and for a deadline at once. The terminal's line discipline edits the line (UTF-8 aware).
final class TerminalInput: Sendable {
    /// Typed lines not taken yet; nil marks end of input.
    private let inbox = Inbox<[String?]>([])

    init() {
        let inbox = self.inbox
        Thread.detachNewThread {
            while true {
                let line = readLine(strippingNewline: true)
                inbox.update { $0.append(line) }
                if line == nil {
                    // A terminal's Ctrl-D is not the end; a closed pipe is.
                    if isatty(STDIN_FILENO) == 0 { return }
                    Thread.sleep(forTimeInterval: 0.2)
                }
            }
        }
    }

    /// The next line (nil at end of input), or nil when `timeout` passes first.
    func next(timeout: Duration? = nil) async -> String?? {
        let deadline = timeout.map { ContinuousClock.now.advanced(by: $0) }
        while true {
            let (taken, version) = inbox.read { lines -> String?? in lines.isEmpty ? nil : .some(lines.removeFirst()) }
            if let taken { return taken }
            if let deadline, ContinuousClock.now >= deadline { return nil }
            await inbox.waitForChange(after: version, until: deadline, on: MultiThreadedEventLoopGroup.singleton.next())
        }
    }
}

/// `civicd chat`: the friendly resident's client.
struct Chat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Talk to a civicd daemon over verified TLS.",
        discussion: "Trusts --ca-file (a CA, or the daemon's self-signed cert.pem) or a pinned --fingerprint; otherwise the system roots. Never connects unverified."
    )

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let client = try await server.connect()
        let input = TerminalInput()
        // Print what the server sends as it arrives (the prompt has no newline).
        let printer = Task {
            while true {
                do {
                    let chunk = try await client.read(until: " ", timeout: .seconds(3600))
                    FileHandle.standardOutput.write(Data(chunk.utf8))
                } catch TLSLineClient.ClientError.closed(let rest) {
                    FileHandle.standardOutput.write(Data(rest.utf8))
                    return
                } catch TLSLineClient.ClientError.timedOut {
                    continue
                } catch {
                    return
                }
            }
        }
        let sender = Task {
            while case let line?? = await input.next() {
                try? await client.sendLine(line)
            }
            await client.close()
        }
        await printer.value
        sender.cancel()
        print("\nPołączenie zakończone. / Connection closed.")
    }
}
