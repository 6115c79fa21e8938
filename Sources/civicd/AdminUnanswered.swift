import ArgumentParser
import CivicAdmin
import CivicCommandLine
import CivicCore
import CivicSetup
import CivicStore
import Foundation

// MARK: - The weekly review of unanswered questions

extension Admin {
    struct Unanswered: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review the questions the daemon did not answer well (review.keep_unanswered: true).",
            discussion: "Kept lines are grouped when they fold to nearly the same words. Assign a group to the intent it should have had (its wording becomes an example in intents/learned.yml; SIGHUP serves it), or ignore it for good. See docs/OPERATIONS.md.",
            subcommands: [List.self, Assign.self, Ignore.self]
        )

        /// The intents directory: `--intents`, else `intents_dir` from the configuration.
        struct IntentsOption: ParsableArguments {
            @Option(help: ArgumentHelp("The intents directory (default: intents_dir from the configuration).", valueName: "DIR"))
            var intents: String?

            func directory(_ context: AdminContext) -> String { intents ?? context.configuration.intentsDirectory }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List groups of unanswered questions, most frequent first, with the nearest intent."
            )
            @OptionGroup var options: ConfigOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var intents: IntentsOption
            @Option(help: "Lines asked from this day (inclusive).") var since: DayArgument?
            @Option(help: "Lines asked up to this day (inclusive).") var until: DayArgument?
            @Flag(help: "Also the groups already assigned or ignored.") var all = false

            func run() async throws {
                let context = try await AdminContext.open(options)
                let groups = try await context.run {
                    try await context.database.unansweredGroups(since: since?.day, until: until?.day, includeDecided: all)
                }
                // The nearest intent by the catalogue in force now (learned examples included).
                var catalogue: Catalogue?
                do {
                    catalogue = groups.isEmpty ? nil : try CatalogueFiles.load(directory: intents.directory(context), settings: context.catalogueSettings)
                } catch {
                    printError("intents/ could not be read, so no nearest intent is shown: \(error)")
                }
                let listings = groups.map { group in
                    let nearest = catalogue.flatMap { UnansweredListing.nearest(group.wording, catalogue: $0) }
                    return UnansweredListing(group: group, nearestIntent: nearest?.intent, confidence: nearest?.confidence)
                }
                print(context.rows.unanswered.render(listings, format: output.format, spreadsheet: output.spreadsheet, width: output.tableWidth), terminator: "")
                if !context.configuration.keepUnanswered {
                    printError("note: review.keep_unanswered is off in the configuration: no new lines are kept")
                }
            }
        }

        struct Assign: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a group's wording as an example of INTENT (intents/learned.yml); SIGHUP serves it.",
                discussion: "The whole catalogue is checked with the new example first, as `civicd intents check` does: an unknown intent, or a wording the catalogue already has, is refused with the reason and nothing changes."
            )
            @OptionGroup var options: ConfigOptions
            @OptionGroup var intents: IntentsOption
            @Argument(help: "The group's id (see unanswered list).") var id: Int64
            @Argument(help: "The intent id it should have been answered with, e.g. cost.") var intent: String

            func validate() throws {
                guard !intent.isEmpty, intent.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                    throw ValidationError("'\(TerminalText.escape(intent))' is not an intent id (letters, digits, _ and -)")
                }
            }

            func run() async throws {
                let context = try await AdminContext.open(options)
                guard let group = try await context.run({ try await context.database.unansweredGroup(id: id) }) else {
                    throw CommandFailure("no group \(id) of unanswered questions (see civicd admin unanswered list)")
                }
                switch group.status {
                case .open: break
                case .assigned: throw CommandFailure("group \(id) is already assigned to intent \(group.intent ?? "?")")
                case .ignored: throw CommandFailure("group \(id) is ignored; nothing of it is left to assign")
                }
                // The example's language: the wording's own, else the language it was answered in.
                let language = LanguageDetector.detect(group.wording) ?? Language(rawValue: group.language) ?? .pl
                let added: LearnedExamples.Added
                do {
                    added = try LearnedExamples.add(group.wording, intent: IntentID(intent), language: language,
                                                    directory: intents.directory(context), settings: context.catalogueSettings)
                } catch let error as CatalogueError {
                    throw CommandFailure("not assigned: the catalogue would not load with it:\n" + error.diagnostics.map { "  " + TerminalText.escape($0.description) }.joined(separator: "\n"))
                } catch let error as ConfigurationError {
                    throw CommandFailure("not assigned: \(error.description)")
                }
                _ = try await context.run { try await context.database.assignUnansweredGroup(id: id, intent: IntentID(intent), day: context.today) }
                print("group \(id): \"\(TerminalText.escape(added.text))\" added as a \(language.rawValue) example of intent \(intent) to \(added.file)")
                print("The running daemon serves it after a reload: systemctl reload civicd (or kill -HUP its process).")
            }
        }

        struct Ignore: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Hide a group for good: its kept lines are deleted, and lines like them are no longer kept."
            )
            @OptionGroup var options: ConfigOptions
            @Argument(help: "The group's id (see unanswered list).") var id: Int64
            @Flag(help: "Do not ask for confirmation.") var yes = false

            func run() async throws {
                let context = try await AdminContext.open(options)
                guard let group = try await context.run({ try await context.database.unansweredGroup(id: id) }) else {
                    throw CommandFailure("no group \(id) of unanswered questions (see civicd admin unanswered list)")
                }
                if !yes {
                    let wording = TerminalText.escape(group.wording)
                    guard context.confirm(Localized(staffPL: "Ukryć na stałe grupę \(id) („\(wording)”)? Jej zapisane pytania zostaną usunięte. Wpisz „tak”, aby kontynuować:",
                                                    en: "Hide group \(id) (\"\(wording)\") for good? Its kept questions will be deleted. Type \"yes\" to continue:")) else {
                        throw CommandFailure("nothing ignored")
                    }
                }
                _ = try await context.run { try await context.database.ignoreUnansweredGroup(id: id, day: context.today) }
                print("group \(id): ignored for good (\(group.count) kept line(s) deleted)")
            }
        }
    }
}

extension AdminContext {
    /// What the catalogue shows of the configuration (the privacy notice's review sentence).
    var catalogueSettings: CatalogueSettings {
        CatalogueSettings(keepsUnanswered: configuration.keepUnanswered, reviewKeepDays: configuration.reviewKeepDays)
    }

    /// Today in the configured time zone.
    var today: CalendarDay { Serve.today(in: configuration.timeZone)() }
}
