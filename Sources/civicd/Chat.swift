import ArgumentParser
import CivicClient
import CivicServer
import CivicTLS
import Foundation
import NIOConcurrencyHelpers
import NIOSSL

/// How `chat` and `kiosk` find and trust the server.
struct ServerOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The daemon's address.", valueName: "HOST:PORT"))
    var address: String

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM file of the CA (or the server's own self-signed certificate) to trust.", valueName: "FILE"))
    var caFile: String?

    @Option(help: ArgumentHelp("The SHA-256 to pin: of the server's public key (spki_sha256, survives renewal) or of its certificate (sha256), as the daemon logs them.", valueName: "SHA256"))
    var fingerprint: String?

    func validate() throws {
        _ = try DaemonConfiguration.parseListen(address, at: "HOST:PORT")
        if caFile != nil && fingerprint != nil { throw ValidationError("give --ca-file or --fingerprint, not both") }
        if let fingerprint, CertificateFactory.normalizedFingerprint(fingerprint) == nil {
            throw ValidationError("'\(fingerprint)' is not a SHA-256 fingerprint (64 hex digits, colons optional)")
        }
    }

    var hostAndPort: (String, Int) { (try? DaemonConfiguration.parseListen(address, at: "HOST:PORT")) ?? ("127.0.0.1", 7443) }

    func trust() throws -> ClientTrust {
        if let caFile {
            do {
                return .caFile(pem: try String(contentsOfFile: caFile, encoding: .utf8))
            } catch {
                throw AdminFailure("cannot read --ca-file \(caFile): \(error.localizedDescription)")
            }
        }
        if let fingerprint { return .fingerprint(fingerprint) }
        return .system
    }

    /// Connects, turning certificate problems into a sentence a resident or staffer can act on.
    func connect() async throws -> TLSLineClient {
        let (host, port) = hostAndPort
        let trust = try trust()
        let (tls, verification) = try trust.tlsConfiguration()
        do {
            return try await TLSLineClient.connect(host: host, port: port, tls: tls, serverHostname: Self.isIPAddress(host) ? nil : host, verification: verification)
        } catch let error as NIOSSLError {
            switch trust {
            case .fingerprint(let expected):
                throw AdminFailure("the server's certificate does not match the pinned fingerprint \(expected) (\(error)); do not continue")
            default:
                throw AdminFailure("the server's certificate could not be verified (\(error)); check --ca-file or --fingerprint")
            }
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}

/// Lines typed at the terminal, read on their own thread so the conversation can wait for a line
/// and for a deadline at once. The terminal's line discipline edits the line (UTF-8 aware).
final class TerminalInput: Sendable {
    private struct State {
        /// Typed lines not taken yet; nil marks end of input.
        var lines: [String?] = []
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    init() {
        let state = self.state
        Thread.detachNewThread {
            while true {
                let line = readLine(strippingNewline: true)
                let waiters = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
                    state.lines.append(line)
                    defer { state.waiters.removeAll() }
                    return state.waiters
                }
                waiters.forEach { $0.resume() }
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
            let taken = state.withLockedValue { state -> String?? in
                state.lines.isEmpty ? nil : .some(state.lines.removeFirst())
            }
            if let taken { return taken }
            if let deadline, ContinuousClock.now >= deadline { return nil }
            let timer = deadline.map { deadline in
                Task {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    self.wakeAll()
                }
            }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLockedValue { state -> Bool in
                    if !state.lines.isEmpty { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
            timer?.cancel()
        }
    }

    private func wakeAll() {
        let waiters = state.withLockedValue { state in
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
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
