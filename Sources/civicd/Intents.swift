import ArgumentParser
import CivicCore
import CivicSetup
import Foundation

/// `civicd intents …`: check and measure the knowledge in `intents/`.
struct Intents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check and evaluate the intents catalogue.",
        subcommands: [Check.self, Eval.self, Explain.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate intents/: structure, translations, fact references, duplicates, unused facts.",
            discussion: "Prints one file:line message per problem and exits non-zero when there is any."
        )

        @Argument(help: ArgumentHelp("The intents directory.", valueName: "DIR"))
        var directory = "intents"

        func run() async throws {
            do {
                let catalogue = try CatalogueFiles.load(directory: directory)
                let examples = catalogue.matcher.exampleCount
                print("\(directory): OK — \(catalogue.intents.count) intents, \(examples) examples, \(catalogue.facts.count) facts, \(catalogue.topics.count) topics")
            } catch let error as CatalogueError {
                for diagnostic in error.diagnostics {
                    printError(diagnostic.description)
                }
                printError("\(directory): \(error.diagnostics.count) problem(s)")
                throw ExitCode.failure
            }
        }
    }

    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run labelled questions (JSON lines: text, intent) through the matcher and report.",
            discussion: "Per-intent precision/recall/F1, confusions, out-of-scope recall, confident-but-wrong answers and accuracy. Without --learned the examples of intents/learned.yml are left out, so the figures are the hand-written catalogue's; with it, they are what the daemon serves after a reload."
        )

        @Argument(help: ArgumentHelp("JSON-lines file of {\"text\": …, \"intent\": …}.", valueName: "FILE"))
        var file: String

        @Option(help: ArgumentHelp("The intents directory.", valueName: "DIR"))
        var intents = "intents"

        @Flag(help: "List every misclassified question.")
        var verbose = false

        @Flag(help: "Also read intents/learned.yml, the examples staff assigned from the review of unanswered questions, to see their effect before a reload.")
        var learned = false

        @Option(help: ArgumentHelp("Try another fallback threshold (tuning).", valueName: "SCORE"))
        var threshold: Double?

        @Option(help: ArgumentHelp("Try another ambiguity margin (tuning).", valueName: "SCORE"))
        var margin: Double?

        @Option(help: ArgumentHelp("Try another unknown-word penalty (tuning).", valueName: "SCORE"))
        var unknownPenalty: Double?

        @Option(help: ArgumentHelp("Try another keyword bonus (tuning).", valueName: "SCORE"))
        var keywordBonus: Double?

        @Option(help: ArgumentHelp("Try another weight of the linear model (tuning).", valueName: "WEIGHT"))
        var modelWeight: Double?

        @Flag(help: "Leave out the object check of request intents (to measure it).")
        var noObjectCheck = false

        func run() async throws {
            let catalogue = try CatalogueFiles.load(directory: intents, learned: learned)
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            var lineNumber = 0
            let samples = try IntentEvaluation.parseSamples(text) { line in
                lineNumber += 1
                struct Row: Decodable { var text: String; var intent: String; var tag: String?; var expect: [String]?; var lang: String? }
                guard let row = try? JSONDecoder().decode(Row.self, from: Data(line.utf8)) else {
                    throw ValidationError("\(file): sample \(lineNumber) is not {\"text\": …, \"intent\": …}")
                }
                // A Russian question is answered in languages.russian_reply (default uk): that is its reply's language.
                let language = row.lang == "ru" ? Session().russianReply : row.lang.flatMap(Language.init(rawValue:))
                return IntentEvaluation.Sample(text: row.text, intent: row.intent, tag: row.tag, expect: row.expect ?? [],
                                               language: language)
            }
            let unknown = Set(samples.map(\.intent)).subtracting(catalogue.intents.map(\.id.rawValue))
            if !unknown.isEmpty {
                throw ValidationError("\(file): unknown intent ids \(unknown.sorted().joined(separator: ", "))")
            }
            var matcher = catalogue.matcher
            if let threshold { matcher.threshold = threshold }
            if let margin { matcher.margin = margin }
            if let unknownPenalty { matcher.unknownWordPenalty = unknownPenalty }
            if let keywordBonus { matcher.keywordBonus = keywordBonus }
            if let modelWeight { matcher.modelWeight = modelWeight }
            if noObjectCheck { matcher.checksRequestObjects = false }
            let today = Serve.today(in: "Europe/Warsaw")()
            let served = catalogue
            let evaluation = IntentEvaluation(matcher: matcher, samples: samples) { question in
                IntentEvaluation.sessionReply(to: question, catalogue: served, today: today)
            }
            if learned {
                let without = try CatalogueFiles.load(directory: intents, learned: false).matcher.exampleCount
                print("with \(CatalogueFiles.learnedFile): \(catalogue.matcher.exampleCount - without) learned example(s)")
            }
            print(EvaluationReport.render(evaluation, verbose: verbose))
        }
    }
}

extension Intents {
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how the matcher reads a message: words, corrections, unknown words, names and scores."
        )

        @Argument(help: "The message, as a resident would type it.")
        var message: String

        @Option(help: ArgumentHelp("The intents directory.", valueName: "DIR"))
        var intents = "intents"

        @Flag(help: "Leave out the object check of request intents.")
        var noObjectCheck = false

        func run() async throws {
            let catalogue = try CatalogueFiles.load(directory: intents)
            var matcher = catalogue.matcher
            matcher.checksRequestObjects = !noObjectCheck
            let raw = matcher.readingWords(message)
            let corrected = matcher.corrected(raw)
            print("words:     \(raw.joined(separator: " "))")
            let changes = zip(raw, corrected).filter { $0 != $1 }.map { "\($0)→\($1)" }
            print("corrected: \(changes.isEmpty ? "-" : changes.joined(separator: ", "))")
            let unknown = matcher.unknownWords(in: corrected)
            print("unknown:   \(unknown.isEmpty ? "-" : unknown.joined(separator: ", "))")
            let mentions = matcher.mentions(tokens: corrected)
            print("topic:     \(mentions.topic ?? "-")   city: \(mentions.city ?? "-")")
            let russian = LanguageDetector.isRussian(message, words: raw) ? " (written in Russian)" : ""
            print("language:  \(matcher.language(of: message, words: TextNormalizer.tokens(message))?.rawValue ?? "-")\(russian)")
            let whole = matcher.match(tokens: corrected)
            let match = matcher.questionSentence(of: message, whole: whole) ?? whole
            print("intent:    \(match.intent) (confidence \(ReplyRenderer.formatConfidence(match.confidence)), \(match.layer.rawValue))")
            for candidate in match.candidates {
                print("           \(EvaluationReport.pad(candidate.intent.rawValue, 20))\(EvaluationReport.fixed(candidate.score))")
            }
        }
    }
}

/// The text report of an evaluation.
enum EvaluationReport {
    static func render(_ evaluation: IntentEvaluation, verbose: Bool) -> String {
        var lines: [String] = []
        lines.append(pad("intent", 20) + pad("precision", 11) + pad("recall", 9) + pad("f1", 8) + "support")
        for score in evaluation.scores {
            lines.append(pad(score.intent, 20) + pad(fixed(score.precision), 11) + pad(fixed(score.recall), 9) + pad(fixed(score.f1), 8) + "\(score.support)")
        }
        lines.append("")
        if evaluation.confusions.isEmpty {
            lines.append("confusions: none")
        } else {
            lines.append("confusions (expected -> predicted: count):")
            for confusion in evaluation.confusions {
                lines.append("  \(confusion.expected) -> \(confusion.predicted): \(confusion.count)")
                if verbose {
                    for example in confusion.examples { lines.append("      \(example)") }
                }
            }
        }
        lines.append("")
        lines.append("questions: \(evaluation.total) (\(evaluation.inScopeTotal) in scope, \(evaluation.outOfScopeTotal) out of scope)")
        lines.append("accuracy: \(percent(evaluation.accuracy)) (\(evaluation.correct)/\(evaluation.total))")
        if evaluation.sessionIntent.total > 0 {
            lines.append("intent of the session's reply: \(tally(evaluation.sessionIntent))")
            if verbose {
                for miss in evaluation.sessionMisses { lines.append("      \(miss)") }
            }
        }
        lines.append("questions equal to an example: \(evaluation.exactMatches); accuracy on the others: \(percent(evaluation.accuracyBeyondExact)) (\(evaluation.correctBeyondExact)/\(evaluation.total - evaluation.exactMatches))")
        lines.append("out-of-scope recall: \(percent(evaluation.outOfScopeRecall)) (\(evaluation.outOfScopeCaught)/\(evaluation.outOfScopeTotal))")
        lines.append("in-scope lost to fallback: \(percent(evaluation.inScopeFallbackRate)) (\(evaluation.inScopeLostToFallback)/\(evaluation.inScopeTotal))")
        lines.append("confident but wrong (confidence >= \(IntentEvaluation.confidentThreshold)): \(evaluation.confidentButWrong)")
        lines.append("out of scope answered as in scope: \(percent(1 - evaluation.outOfScopeRecall)) (\(evaluation.outOfScopeTotal - evaluation.outOfScopeCaught)/\(evaluation.outOfScopeTotal))")
        if evaluation.smallTalk.total > 0 {
            lines.append("small talk: \(tally(evaluation.smallTalk))")
        }
        if evaluation.replyLanguage.total > 0 {
            lines.append("reply in the question's language: \(tally(evaluation.replyLanguage))")
            if verbose {
                for miss in evaluation.languageMisses { lines.append("      \(miss)") }
            }
        }
        if evaluation.facts.total > 0 {
            lines.append("facts in the reply: \(tally(evaluation.facts))")
            if verbose {
                for miss in evaluation.factMisses { lines.append("      \(miss.text)  (missing: \(miss.missing.joined(separator: " | ")))") }
            }
            lines.append("facts in the reply, in any form: \(tally(evaluation.factsInAnyForm))")
            if verbose {
                for miss in evaluation.factMissesInAnyForm { lines.append("      \(miss.text)  (missing: \(miss.missing.joined(separator: " | ")))") }
            }
        }
        if Set(evaluation.byTag.keys) != ["untagged"] {
            lines.append("")
            lines.append(pad("tag", 14) + "accuracy")
            for (tag, tally) in evaluation.byTag.sorted(by: { $0.key < $1.key }) {
                lines.append(pad(tag, 14) + self.tally(tally))
            }
        }
        lines.append("")
        lines.append(pad("confidence", 14) + pad("answers", 9) + "accuracy")
        for bucket in evaluation.calibration where bucket.tally.total > 0 {
            let range = String(format: "%.2f–%.2f", bucket.lower, min(bucket.upper, 1))
            lines.append(pad(range, 14) + pad("\(bucket.tally.total)", 9) + percent(bucket.tally.rate))
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func tally(_ tally: IntentEvaluation.Tally) -> String { "\(percent(tally.rate)) (\(tally.correct)/\(tally.total))" }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
