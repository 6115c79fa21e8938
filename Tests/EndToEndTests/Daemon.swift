import CivicClient
import CivicTLS
import Foundation
import NIOConcurrencyHelpers
import Testing

/// The built `civicd` binary, run as a real process from the repository root.
final class Daemon: Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `civicd` next to the test bundle (swift test builds it), else in .build/debug.
    static var binary: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory.appendingPathComponent("civicd"),
                          bundleDirectory.deletingLastPathComponent().appendingPathComponent("civicd"),
                          repositoryRoot.appendingPathComponent(".build/debug/civicd")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return repositoryRoot.appendingPathComponent(".build/debug/civicd")
    }

    let process = Process()
    let dataDirectory: URL
    /// Only a directory the daemon made up itself is removed with it; a caller's stays.
    private let ownsDataDirectory: Bool
    private let log = NIOLockedValueBox("")

    /// Starts `civicd serve` on an ephemeral port with `arguments` added; with `launcher`
    /// (e.g. `strace -f -o FILE`), civicd runs under that command; `environment` is added to
    /// the test's own.
    ///
    /// Waits first for a place at the ``StartGate``: the whole suite runs in parallel, and a
    /// debug build's start-up (the catalogue compiled, a key made) is seconds of CPU, so a dozen
    /// daemons started at once on two cores beside the unit tests can each take longer than any
    /// sane timeout (CI saw it). The place is given back once this one listens or has exited.
    init(dataDirectory: URL? = nil, arguments: [String] = [], launcher: [String] = [], environment: [String: String] = [:]) async throws {
        self.dataDirectory = dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("civicd-e2e-\(UUID().uuidString)")
        self.ownsDataDirectory = dataDirectory == nil
        let serve = ["serve", "--listen", "127.0.0.1:0", "--data-dir", self.dataDirectory.path] + arguments
        if let tool = launcher.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = Array(launcher.dropFirst()) + [Self.binary.path] + serve
        } else {
            process.executableURL = Self.binary
            process.arguments = serve
        }
        process.currentDirectoryURL = Self.repositoryRoot
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let log = self.log
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { log.withLockedValue { $0 += String(decoding: data, as: UTF8.self) } }
        }
        await StartGate.shared.enter()
        do {
            try process.run()
        } catch {
            await StartGate.shared.leave()
            throw error
        }
        Task { [process, log] in
            let deadline = ContinuousClock.now.advanced(by: Self.startTimeout)
            while process.isRunning, ContinuousClock.now < deadline,
                  !log.withLockedValue({ $0.contains("listening on ") }) {
                try? await Task.sleep(for: .milliseconds(50))
            }
            await StartGate.shared.leave()
        }
    }

    /// How long a start may take before the test gives up on it (and the gate lets the next one in).
    static let startTimeout: Duration = .seconds(120)

    var logText: String { log.withLockedValue { $0 } }

    /// A resident's connection in JSON mode, trusting the daemon's own certificate, greeting read.
    func jsonClient(port: Int? = nil) async throws -> TLSLineClient {
        let port = if let port { port } else { try await self.port() }
        let certificate = try String(contentsOf: dataDirectory.appendingPathComponent("tls/cert.pem"), encoding: .utf8)
        let client = try await TLSLineClient.connect(host: "127.0.0.1", port: port, tls: try TLSPolicy.clientConfiguration(trustRootsPEM: certificate), serverHostname: "localhost")
        _ = try await client.read(until: "> ")
        try await client.sendLine("/format json")
        _ = try await client.readLine()
        return client
    }

    /// Waits for `listening on HOST:PORT` and returns the port.
    func port(timeout: Duration = Daemon.startTimeout) async throws -> Int {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let line = logText.split(separator: "\n").first(where: { $0.contains("listening on 127.0.0.1:") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                return port
            }
            guard process.isRunning else { throw DaemonError("civicd exited early:\n\(logText)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonError("civicd did not report its address:\n\(logText)")
    }

    /// Waits for `metrics and health on http://HOST:PORT` (`--metrics-listen`) and returns the port.
    func metricsPort(timeout: Duration = Daemon.startTimeout) async throws -> Int {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let line = logText.split(separator: "\n").first(where: { $0.contains("metrics and health on http://") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                return port
            }
            guard process.isRunning else { throw DaemonError("civicd exited early:\n\(logText)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonError("civicd did not report its metrics address:\n\(logText)")
    }

    /// Sends SIGTERM and waits for the exit; returns the status and how long it took.
    func terminate(timeout: Duration = .seconds(10)) async throws -> (status: Int32, took: Duration) {
        let start = ContinuousClock.now
        process.terminate()
        while process.isRunning {
            guard ContinuousClock.now - start < timeout else {
                kill(process.processIdentifier, SIGKILL)
                throw DaemonError("civicd did not exit within \(timeout) of SIGTERM")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return (process.terminationStatus, ContinuousClock.now - start)
    }

    /// Waits for the process to exit by itself (e.g. refusing to start); kills it and throws
    /// after `timeout`, so a daemon that started after all cannot hang the test run.
    func exitStatus(within timeout: Duration = .seconds(60)) async throws -> Int32 {
        let start = ContinuousClock.now
        while process.isRunning {
            guard ContinuousClock.now - start < timeout else {
                kill(process.processIdentifier, SIGKILL)
                throw DaemonError("civicd was expected to exit but was still running after \(timeout):\n\(logText)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        if ownsDataDirectory { try? FileManager.default.removeItem(at: dataDirectory) }
    }
}

/// A counting gate: at most `places` daemons of the test run are starting at any moment; the
/// others wait their turn in order of arrival.
actor StartGate {
    static let shared = StartGate(places: 2)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(places: Int) { free = places }

    func enter() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

struct DaemonError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs an external command with `input` on stdin; returns its exit status and output.
/// The timeout only guards against a hang: with the whole suite running in parallel on two cores,
/// a debug `civicd admin` once took over 20 s to start, so the default is generous.
func run(_ command: String, input: String = "", timeout: Duration = .seconds(90)) async throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stdout
    let output = NIOLockedValueBox(Data())
    stdout.fileHandleForReading.readabilityHandler = { handle in
        let data = handle.availableData
        output.withLockedValue { $0.append(data) }
    }
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let start = ContinuousClock.now
    while process.isRunning {
        guard ContinuousClock.now - start < timeout else {
            process.terminate()
            throw DaemonError("\(command) did not finish within \(timeout)")
        }
        try await Task.sleep(for: .milliseconds(20))
    }
    try await Task.sleep(for: .milliseconds(50))
    stdout.fileHandleForReading.readabilityHandler = nil
    let rest = stdout.fileHandleForReading.readDataToEndOfFile()
    let text = output.withLockedValue { String(decoding: $0 + rest, as: UTF8.self) }
    return (process.terminationStatus, text)
}
