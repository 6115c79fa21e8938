import ArgumentParser
import CivicClient
import CivicCommandLine
import CivicCore
import Foundation
import NIOConcurrencyHelpers

extension Bench {
    /// `civicd bench soak`: a long, bounded, mixed load against a running daemon, watching its
    /// memory. Every kind of traffic is paced, so the load is the same at minute 1 and minute 30.
    struct Soak: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bounded mixed load for a long time (questions, sign-ups, idle sessions, reconnects), sampling the server's RSS.",
            discussion: """
            Prints a sample line every --sample seconds and a final line:
            requests=… signups=… reconnects=… errors=… rss_peak_first_kb=… rss_peak_last_kb=… growth_after_warmup_pct=…
            (the peak RSS in the --window seconds after --warmup against the peak in the last --window seconds).
            Sign-ups use unique contacts ending in @soak.invalid. The server must allow --idle + --askers + a few
            connections from this address (limits.max_connections_per_peer).
            """
        )

        @OptionGroup var server: ServerOptions
        @Option(help: "Seconds of load.") var duration = 1800
        @Option(help: "The server's process id (its RSS is read from /proc).") var serverPid: Int32
        @Option(help: "Connections asking questions, each at --rate lines a second.") var askers = 20
        @Option(help: "Questions per second per asker (the daemon's default limit is 20).") var rate = 10
        @Option(help: "Residents signing up one after another, each on a new connection, once a second each.") var residents = 4
        @Option(help: "Idle sessions held open (reopened when the server closes them).") var idle = 500
        @Option(help: "Short visits per second: connect, ask one question, leave.") var reconnects = 10
        @Option(help: "Seconds between RSS samples.") var sample = 10
        @Option(help: "Seconds of warm-up before the memory baseline (caches filling, the allocator reaching its working size).") var warmup = 300
        @Option(help: "Seconds at the start (after warm-up) and at the end whose peak RSS is compared.") var window = 180
        @Option(help: ArgumentHelp("Questions to ask (JSON lines with a text field).", valueName: "FILE"))
        var questions = "Tests/CivicCoreTests/Fixtures/heldout.jsonl"

        func validate() throws {
            guard duration >= warmup + 2 * window else { throw ValidationError("--duration must be at least --warmup plus two --window") }
            guard (1...20).contains(rate) else { throw ValidationError("--rate must be 1…20") }
            guard askers >= 0, residents >= 0, idle >= 0 else { throw ValidationError("--askers, --residents and --idle cannot be negative") }
            guard (0...1000).contains(reconnects) else { throw ValidationError("--reconnects must be 0…1000") }
            guard sample >= 1, window >= sample else { throw ValidationError("--sample must be at least 1 and --window at least --sample") }
        }

        func run() async throws {
            raiseOpenFileLimit()
            let texts = try Load.loadQuestions(questions)
            let counters = SoakCounters()
            let started = ContinuousClock.now
            let stop = started.advanced(by: .seconds(duration))
            let server = self.server
            guard let rssStart = ProcessStats.residentBytes(serverPid) else { throw CommandFailure("cannot read /proc/\(serverPid)/status") }

            var idleClients = try await openIdle(idle, server: server)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<askers {
                    group.addTask { try await Self.ask(server, texts, first: index, rate: rate, until: stop, counters) }
                }
                for index in 0..<residents {
                    group.addTask { await Self.signUp(server, resident: index, until: stop, counters) }
                }
                if reconnects > 0 {
                    group.addTask { await Self.visit(server, texts, perSecond: reconnects, until: stop, counters) }
                }

                // (seconds since start, RSS, anonymous RSS) of every sample.
                var samples: [(elapsed: Int, rss: Int, anon: Int)] = []
                while ContinuousClock.now < stop {
                    try await Task.sleep(for: .seconds(sample))
                    let elapsed = Int(Load.milliseconds(ContinuousClock.now - started) / 1000)
                    // Idle sessions the server closed (idle timeout) are reopened, as kiosks and residents do.
                    let closed = idleClients.filter(\.isDisconnected)
                    if !closed.isEmpty {
                        for client in closed { await client.close() }
                        idleClients.removeAll { $0.isDisconnected }
                        idleClients += (try? await openIdle(closed.count, server: server)) ?? []
                        counters.add(reconnects: closed.count)
                    }
                    guard let rss = ProcessStats.residentBytes(serverPid) else { throw CommandFailure("the server (pid \(serverPid)) is gone") }
                    let anon = ProcessStats.residentBytes(serverPid, "RssAnon") ?? 0
                    let file = ProcessStats.residentBytes(serverPid, "RssFile") ?? 0
                    samples.append((elapsed, rss, anon))
                    let snapshot = counters.snapshot
                    FileHandle.standardError.write(Data("t=\(elapsed) rss_kb=\(rss / 1024) anon_kb=\(anon / 1024) file_kb=\(file / 1024) requests=\(snapshot.requests) signups=\(snapshot.signups) reconnects=\(snapshot.reconnects) idle=\(idleClients.count) errors=\(snapshot.errors)\n".utf8))
                }
                try await group.waitForAll()
                let alive = idleClients.filter { !$0.isDisconnected }.count
                for client in idleClients { await client.close() }
                // Peaks rather than single samples: freed memory is returned to the system every
                // 30 s, so RSS saw-tooths; a leak shows as a higher peak at the end than at the start.
                let first = samples.filter { $0.elapsed >= warmup && $0.elapsed < warmup + window }
                let last = samples.filter { $0.elapsed > duration - window }
                let rssFirst = first.map(\.rss).max() ?? 0, rssLast = last.map(\.rss).max() ?? 0
                let anonFirst = first.map(\.anon).max() ?? 0, anonLast = last.map(\.anon).max() ?? 0
                func growth(_ from: Int, _ to: Int) -> Double { Double(to - from) / Double(max(from, 1)) * 100 }
                let snapshot = counters.snapshot
                print(String(
                    format: "duration_s=%d requests=%d signups=%d reconnects=%d idle_alive=%d errors=%d rss_start_kb=%d rss_peak_first_kb=%d rss_peak_last_kb=%d rss_max_kb=%d growth_after_warmup_pct=%.1f anon_peak_first_kb=%d anon_peak_last_kb=%d anon_growth_after_warmup_pct=%.1f",
                    duration, snapshot.requests, snapshot.signups, snapshot.reconnects, alive, snapshot.errors,
                    rssStart / 1024, rssFirst / 1024, rssLast / 1024, (samples.map(\.rss).max() ?? 0) / 1024, growth(rssFirst, rssLast),
                    anonFirst / 1024, anonLast / 1024, growth(anonFirst, anonLast)
                ))
            }
        }

        private func openIdle(_ count: Int, server: ServerOptions) async throws -> [TLSLineClient] {
            var clients: [TLSLineClient] = []
            for _ in 0..<count {
                clients.append(try await server.openSession(json: false))
            }
            return clients
        }

        /// One connection in JSON mode asking questions at a steady pace; reconnects if dropped.
        private static func ask(_ server: ServerOptions, _ texts: [String], first: Int, rate: Int, until stop: ContinuousClock.Instant, _ counters: SoakCounters) async throws {
            var next = first
            let interval = Duration.milliseconds(1000 / rate)
            while ContinuousClock.now < stop {
                do {
                    let client = try await server.openSession(json: true)
                    do {
                        var tick = ContinuousClock.now
                        while ContinuousClock.now < stop {
                            try await client.sendLine(texts[next % texts.count])
                            next += 7
                            if isAnswer(try await client.readLine(timeout: .seconds(30))) {
                                counters.add(requests: 1)
                            } else {
                                counters.add(errors: 1)
                            }
                            tick = tick.advanced(by: interval)
                            try await Task.sleep(until: tick, clock: .continuous)
                        }
                    } catch {
                        await client.close()
                        throw error
                    }
                    await client.close()
                } catch is CancellationError {
                    return
                } catch {
                    counters.add(errors: 1)
                    try await Task.sleep(for: .seconds(1))
                }
            }
        }

        /// Residents signing up one after another, each on a connection of their own, answering
        /// whatever the form's `expecting` asks; counted once the reply carries a reference.
        private static func signUp(_ server: ServerOptions, resident: Int, until stop: ContinuousClock.Instant, _ counters: SoakCounters) async {
            var serial = 0
            while ContinuousClock.now < stop {
                let began = ContinuousClock.now
                serial += 1
                do {
                    let client = try await server.openSession(json: true)
                    let confirmed = (try? await Self.completeSignup(client, contact: "r\(resident)-\(serial)-\(UInt32.random(in: 0...UInt32.max))@soak.invalid")) ?? false
                    try? await client.sendLine("/quit")
                    await client.close()
                    counters.add(signups: confirmed ? 1 : 0, errors: confirmed ? 0 : 1)
                } catch {
                    counters.add(errors: 1)
                }
                try? await Task.sleep(until: began.advanced(by: .seconds(1)), clock: .continuous)
            }
        }

        /// Answers the sign-up form by its `expecting` field; true once a reply carries a reference.
        private static func completeSignup(_ client: TLSLineClient, contact: String) async throws -> Bool {
            var reply = try await Self.json(client, "chcę się zapisać")
            for _ in 0..<10 {
                guard let expecting = reply["expecting"] as? String else {
                    let text = reply["text"] as? String ?? ""
                    return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).contains {
                        ReferenceCode.parse(String($0).trimmingCharacters(in: .punctuationCharacters)) != nil
                    }
                }
                let answer: String
                switch expecting {
                case "programme", "district": answer = (reply["choices"] as? [String])?.first ?? ""
                case "name": answer = "Soak Resident"
                case "contact": answer = contact
                default: answer = "tak"
                }
                reply = try await Self.json(client, answer)
            }
            return false
        }

        /// Short visits: connect, ask one question in text mode, leave.
        private static func visit(_ server: ServerOptions, _ texts: [String], perSecond: Int, until stop: ContinuousClock.Instant, _ counters: SoakCounters) async {
            var next = 3
            var tick = ContinuousClock.now
            let interval = Duration.milliseconds(1000 / perSecond)
            while ContinuousClock.now < stop {
                let question = texts[next % texts.count]
                next += 11
                do {
                    let client = try await server.openSession(json: false)
                    let answered: Bool
                    do {
                        try await client.sendLine(question)
                        _ = try await client.read(until: "> ", timeout: .seconds(30))
                        answered = true
                    } catch {
                        answered = false
                    }
                    await client.close()
                    counters.add(requests: answered ? 1 : 0, reconnects: 1, errors: answered ? 0 : 1)
                } catch {
                    counters.add(errors: 1)
                }
                tick = tick.advanced(by: interval)
                try? await Task.sleep(until: tick, clock: .continuous)
            }
        }

        private static func json(_ client: TLSLineClient, _ line: String) async throws -> [String: Any] {
            try await client.sendLine(line)
            let reply = try await client.readLine(timeout: .seconds(30))
            guard let object = try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any] else {
                throw CommandFailure("not a JSON reply: \(reply.prefix(80))")
            }
            return object
        }
    }
}

/// What the soak's tasks have done, shared between them.
final class SoakCounters: Sendable {
    struct Snapshot { var requests = 0, signups = 0, reconnects = 0, errors = 0 }
    private let state = NIOLockedValueBox(Snapshot())

    func add(requests: Int = 0, signups: Int = 0, reconnects: Int = 0, errors: Int = 0) {
        state.withLockedValue {
            $0.requests += requests
            $0.signups += signups
            $0.reconnects += reconnects
            $0.errors += errors
        }
    }

    var snapshot: Snapshot { state.withLockedValue { $0 } }
}
