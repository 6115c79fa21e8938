import ArgumentParser
import CivicCore
import CivicSetup
import Foundation

/// `civicd-bench …`: measurements for docs/PERFORMANCE.md, a binary of its own beside `civicd`.
/// Build with `swift build -c release` first.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civicd-bench",
        abstract: "Measure civicd (and, for comparison, Redis over TLS); see docs/PERFORMANCE.md.",
        subcommands: [Match.self, Load.self, Handshakes.self, Idle.self, Commits.self, Soak.self, Lines.self]
    )

    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "p50/p99 match time on the shipped catalogue and on generated catalogues of 100 and 1,000 intents."
        )

        @Option(help: ArgumentHelp("The intents directory.", valueName: "DIR"))
        var intents = "intents"

        @Option(help: ArgumentHelp("Questions to time (JSON lines with a text field).", valueName: "FILE"))
        var questions = "Tests/CivicCoreTests/Fixtures/heldout.jsonl"

        @Option(help: "Timed matches per catalogue.")
        var iterations = 20_000

        @Option(parsing: .upToNextOption, help: "Sizes of the generated catalogues, in intents.")
        var generated: [Int] = [100, 1000]

        func run() async throws {
            let catalogue = try CatalogueFiles.load(directory: intents)
            let texts = try String(contentsOfFile: questions, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
            }
            guard !texts.isEmpty else { throw ValidationError("no questions in \(questions)") }
            print("catalogue            intents  examples  build_ms  p50_us  p99_us  max_us")
            report("shipped", catalogue.intents.count, catalogue.matcher, buildTime: .zero, texts)
            for size in generated {
                let generator = CatalogueGenerator(intents: size, examplesPerIntent: 20)
                let start = ContinuousClock.now
                let matcher = IntentMatcher(intents: generator.intents)
                let build = ContinuousClock.now - start
                report("generated-\(size)", size, matcher, buildTime: build, generator.questions(count: 500))
            }
        }

        func report(_ name: String, _ intents: Int, _ matcher: IntentMatcher, buildTime: Duration, _ texts: [String]) {
            // Warm up, then time each match on its own.
            for text in texts.prefix(200) { _ = matcher.match(text) }
            var samples: [Double] = []
            samples.reserveCapacity(iterations)
            let clock = ContinuousClock()
            for index in 0..<iterations {
                let text = texts[index % texts.count]
                let elapsed = clock.measure { _ = matcher.match(text) }
                samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            }
            samples.sort()
            let p50 = samples[samples.count / 2]
            let p99 = samples[Int(Double(samples.count) * 0.99)]
            let buildMS = Double(buildTime.components.seconds) * 1000 + Double(buildTime.components.attoseconds) / 1e15
            let padded = name.padding(toLength: 20, withPad: " ", startingAt: 0)
            print(padded + String(format: " %7d  %8d  %8.0f  %6.1f  %6.1f  %6.0f", intents, matcher.exampleCount, buildMS, p50, p99, samples.last ?? 0))
        }
    }
}

/// A deterministic synthetic catalogue: intents whose examples are drawn from a shared
/// vocabulary of made-up words, with a few words particular to each intent.
struct CatalogueGenerator {
    let intents: [Intent]
    private let vocabulary: [String]
    private let particular: [[String]]

    init(intents count: Int, examplesPerIntent: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        // 120 consonant–vowel syllables: words with as varied trigrams as real vocabulary.
        let syllables = Array("bcdfghjklmnprstwzv").flatMap { consonant in Array("aeiouy").map { "\(consonant)\($0)" } }
        func word() -> String { (0..<Int.random(in: 2...4, using: &generator)).map { _ in syllables.randomElement(using: &generator)! }.joined() }
        let vocabulary = (0..<3000).map { _ in word() }
        let particular = (0..<count).map { _ in (0..<6).map { _ in word() } }
        var intents: [Intent] = []
        for index in 0..<count {
            var examples: [Intent.Example] = []
            for _ in 0..<examplesPerIntent {
                let words = (0..<Int.random(in: 3...8, using: &generator)).map { _ in
                    Bool.random(using: &generator) ? particular[index].randomElement(using: &generator)! : vocabulary.randomElement(using: &generator)!
                }
                examples.append(Intent.Example(text: words.joined(separator: " "), location: SourceLocation(file: "generated", line: index)))
            }
            intents.append(Intent(id: IntentID("intent_\(index)"), examples: [.pl: examples, .en: []], location: SourceLocation(file: "generated", line: index)))
        }
        self.intents = intents
        self.vocabulary = vocabulary
        self.particular = particular
    }

    /// Questions resembling the examples, none identical to one.
    func questions(count: Int) -> [String] {
        var generator = SplitMix64(seed: 7)
        return (0..<count).map { _ in
            let intent = Int.random(in: 0..<particular.count, using: &generator)
            return (0..<Int.random(in: 3...10, using: &generator)).map { _ in
                Bool.random(using: &generator) ? particular[intent].randomElement(using: &generator)! : vocabulary.randomElement(using: &generator)!
            }.joined(separator: " ") + " xq"
        }
    }
}

