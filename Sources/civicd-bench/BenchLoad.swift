import ArgumentParser
import CivicClient
import CivicCommandLine
import CivicCore
import Foundation
import NIOConcurrencyHelpers

/// Load measurements against civicd or, with `--redis`, against `redis-server --tls-port` with the
/// same client, so the two can be compared as ratios on the same machine in the same run.
/// Traffic goes only where HOST:PORT says; docs/bench.sh uses 127.0.0.1.
struct BenchTarget: ParsableArguments {
    @OptionGroup var server: ServerOptions

    @Flag(help: "Speak Redis inline (PING → +PONG) instead of civicd's protocol.")
    var redis = false

    /// Opens one connection ready for requests: past civicd's greeting and in JSON mode.
    func open() async throws -> TLSLineClient {
        redis ? try await server.connect() : try await server.openSession(json: true)
    }

    /// One request and its reply; false when the reply is not the expected kind.
    func request(_ client: TLSLineClient, _ question: String) async throws -> Bool {
        if redis {
            try await client.send("PING\r\n")
            return try await client.read(until: "\r\n", timeout: .seconds(30)) == "+PONG\r\n"
        }
        try await client.sendLine(question)
        return isAnswer(try await client.readLine(timeout: .seconds(30)))
    }
}

extension ServerOptions {
    /// A civicd connection past its greeting, switched to JSON mode when `json`; closed again if
    /// either step fails.
    func openSession(json: Bool) async throws -> TLSLineClient {
        let client = try await connect()
        do {
            _ = try await client.read(until: "> ", timeout: .seconds(30))
            if json {
                try await client.sendLine("/format json")
                _ = try await client.readLine(timeout: .seconds(30))
            }
            return client
        } catch {
            await client.close()
            throw error
        }
    }
}

/// A JSON-mode reply that answers, rather than reporting an error.
func isAnswer(_ line: String) -> Bool {
    line.utf8.starts(with: "{\"text\":".utf8) && line.utf8.reversed().starts(with: "\"error\":null}".utf8.reversed())
}

extension Bench {
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request/reply load over N TLS connections; prints throughput and latency percentiles.",
            discussion: "Prints a final line: throughput=<req/s> p50_ms=… p99_ms=… max_ms=… errors=…"
        )

        @OptionGroup var target: BenchTarget

        @Option(help: "Concurrent connections.") var connections = 50
        @Option(help: "Seconds of load after all connections are open.") var duration = 10
        @Option(help: ArgumentHelp("Questions to send (JSON lines with a text field).", valueName: "FILE"))
        var questions = "Tests/CivicCoreTests/Fixtures/heldout.jsonl"
        @Option(help: "The server's process id: adds its CPU time per request, and this client's, to the final line.")
        var serverPid: Int32?

        func validate() throws {
            guard (1...20_000).contains(connections) else { throw ValidationError("--connections must be 1…20000") }
            guard (1...3_600).contains(duration) else { throw ValidationError("--duration must be 1…3600 seconds") }
        }

        func run() async throws {
            raiseOpenFileLimit()
            let texts = target.redis ? ["PING"] : try Self.loadQuestions(questions)
            let clients = try await openAll(connections, target)
            let serverCPUBefore = serverPid.flatMap(ProcessStats.cpuSeconds)
            let clientCPUBefore = ProcessStats.ownCPUSeconds()
            let stop = ContinuousClock.now.advanced(by: .seconds(duration))
            let latencies = NIOLockedValueBox([Double]())
            let errors = NIOLockedValueBox(0)
            let started = ContinuousClock.now
            await withTaskGroup(of: Void.self) { group in
                for (index, client) in clients.enumerated() {
                    group.addTask {
                        var mine: [Double] = []
                        var failed = 0
                        var next = index
                        while ContinuousClock.now < stop {
                            let question = texts[next % texts.count]
                            next += 7
                            let begin = ContinuousClock.now
                            do {
                                if try await target.request(client, question) {
                                    mine.append(Self.milliseconds(ContinuousClock.now - begin))
                                } else {
                                    failed += 1
                                }
                            } catch {
                                failed += 1
                                break
                            }
                        }
                        latencies.withLockedValue { $0.append(contentsOf: mine) }
                        errors.withLockedValue { $0 += failed }
                    }
                }
            }
            let elapsed = Self.milliseconds(ContinuousClock.now - started) / 1000
            let clientCPU = ProcessStats.ownCPUSeconds() - clientCPUBefore
            var serverCPU: Double?
            if let before = serverCPUBefore, let pid = serverPid, let after = ProcessStats.cpuSeconds(pid) { serverCPU = after - before }
            for client in clients { await client.close() }
            let sorted = latencies.withLockedValue { $0 }.sorted()
            var line = String(format: "throughput=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d",
                              Double(sorted.count) / elapsed, Self.percentile(sorted, 0.50), Self.percentile(sorted, 0.99),
                              sorted.last ?? 0, errors.withLockedValue { $0 })
            if let serverCPU, !sorted.isEmpty {
                line += String(format: " server_cpu_us_per_req=%.1f client_cpu_us_per_req=%.1f",
                               serverCPU / Double(sorted.count) * 1e6, clientCPU / Double(sorted.count) * 1e6)
            }
            print(line)
        }

        /// Questions that each get one self-contained answer: lines labelled with an intent that
        /// starts a form (sign-up, interview note, erasure) are left out, or the next question
        /// would be taken as a form answer; so are goodbyes, which end the session (each client
        /// used to stop at its first goodbye, counted as one error).
        static func loadQuestions(_ path: String) throws -> [String] {
            let formIntents: Set<String> = Set([IntentID.signup, .interviewNote, .privacy, .goodbye].map(\.rawValue))
            let texts = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                if let intent = object["intent"] as? String, formIntents.contains(intent) { return nil }
                return object["text"] as? String
            }
            guard !texts.isEmpty else { throw ValidationError("no questions in \(path)") }
            return texts
        }

        static func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }

        static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        }
    }

    struct Handshakes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Full TLS handshakes per second (new connection each time), and server CPU per handshake.",
            discussion: "With --server-pid the server's CPU time is read from /proc before and after."
        )

        @OptionGroup var target: BenchTarget
        @Option(help: "Concurrent handshakers.") var concurrency = 8
        @Option(help: "Seconds.") var duration = 10
        @Option(help: "The server's process id, to measure its CPU time.") var serverPid: Int32?

        func run() async throws {
            let cpuBefore = serverPid.flatMap(ProcessStats.cpuSeconds)
            let stop = ContinuousClock.now.advanced(by: .seconds(duration))
            let count = NIOLockedValueBox(0)
            let errors = NIOLockedValueBox(0)
            let started = ContinuousClock.now
            let server = target.server
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        while ContinuousClock.now < stop {
                            do {
                                let client = try await server.connect()
                                await client.close()
                                count.withLockedValue { $0 += 1 }
                            } catch {
                                errors.withLockedValue { $0 += 1 }
                            }
                        }
                    }
                }
            }
            let elapsed = Load.milliseconds(ContinuousClock.now - started) / 1000
            let handshakes = count.withLockedValue { $0 }
            var line = String(format: "handshakes_per_s=%.0f handshakes=%d errors=%d", Double(handshakes) / elapsed, handshakes, errors.withLockedValue { $0 })
            if let cpuBefore, let pid = serverPid, let cpuAfter = ProcessStats.cpuSeconds(pid), handshakes > 0 {
                line += String(format: " server_cpu_us_per_handshake=%.1f", (cpuAfter - cpuBefore) / Double(handshakes) * 1e6)
            }
            print(line)
        }
    }

    struct Idle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open N idle TLS sessions and report the server's resident memory per session.",
            discussion: "Needs --server-pid (reads VmRSS from /proc). The server's per-peer and total limits must allow N."
        )

        @OptionGroup var target: BenchTarget
        @Option(help: "Idle sessions to open.") var connections = 10_000
        @Option(help: "The server's process id.") var serverPid: Int32
        @Option(help: "Seconds to hold the sessions open before measuring.") var settle = 3

        func run() async throws {
            raiseOpenFileLimit()
            guard let before = ProcessStats.residentBytes(serverPid) else { throw CommandFailure("cannot read /proc/\(serverPid)/status") }
            let clients = try await openAll(connections, target)
            try await Task.sleep(for: .seconds(settle))
            guard let after = ProcessStats.residentBytes(serverPid) else { throw CommandFailure("cannot read /proc/\(serverPid)/status") }
            let alive = clients.filter { !$0.isDisconnected }.count
            for client in clients { await client.close() }
            print(String(format: "sessions=%d alive=%d rss_before_kb=%d rss_after_kb=%d rss_per_session_kb=%.2f errors=%d",
                         clients.count, alive, before / 1024, after / 1024, Double(after - before) / 1024 / Double(max(clients.count, 1)),
                         connections - alive))
        }
    }
}

/// Opens `count` connections, 64 at a time.
func openAll(_ count: Int, _ target: BenchTarget) async throws -> [TLSLineClient] {
    var clients: [TLSLineClient] = []
    var remaining = count
    while remaining > 0 {
        let batch = min(64, remaining)
        let opened = try await withThrowingTaskGroup(of: TLSLineClient.self) { group in
            for _ in 0..<batch { group.addTask { try await target.open() } }
            var result: [TLSLineClient] = []
            for try await client in group { result.append(client) }
            return result
        }
        clients += opened
        remaining -= batch
    }
    return clients
}

/// Reads a process's CPU time and resident memory from /proc (Linux).
enum ProcessStats {
    static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state(0) … utime(11) stime(12), in clock ticks.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// User and system CPU seconds this process has used.
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Resident memory (`VmRSS`), or one of its parts (`RssAnon`: private memory such as the heap;
    /// `RssFile`: mapped files such as code and libraries, shared with the page cache).
    static func residentBytes(_ pid: Int32, _ field: String = "VmRSS") -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kilobytes * 1024
    }
}
