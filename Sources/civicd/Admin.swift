import ArgumentParser
import CivicAdmin
import CivicCommandLine
import CivicCore
import CivicSetup
import CivicStore
import Foundation

/// `civicd admin …`: staff work on the database, safely beside the running daemon (WAL readers
/// never block it; writers wait up to the busy timeout).
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Staff tools: sign-ups, interview notes, statistics, unanswered questions, organisers, erasure.",
        subcommands: [Signups.self, Notes.self, Stats.self, Unanswered.self, Organisers.self, Erase.self, ErasureRequests.self, Subject.self, Retention.self, Backup.self, Database.self]
    )
}

/// The database and settings every admin subcommand opens.
struct AdminContext {
    let configuration: DaemonConfiguration
    let database: any CivicStorage

    static func open(_ options: ConfigOptions) async throws -> AdminContext {
        let configuration = try options.load()
        if let url = configuration.databaseURL {
            do {
                let location = try PostgresLocation(url: url)
                return AdminContext(configuration: configuration, database: try await PostgresStore.open(location, migrate: false))
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
        }
        let path = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("civicd.sqlite").path
        do {
            return AdminContext(configuration: configuration, database: try AppDatabase.openExisting(path: path))
        } catch {
            switch StoreError.mapped(error) {
            case StoreError.busy: throw CommandFailure("database \(path) is locked (still busy after 5 s); try again")
            case let error as StoreError: throw CommandFailure(error.description)
            default: throw CommandFailure("cannot open database \(path): \(error)")
            }
        }
    }

    /// Runs a database operation, turning a lock held too long into one clear message.
    func run<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await StoreError.mapping(operation)
        } catch StoreError.busy {
            throw CommandFailure(StoreError.busy.description)
        }
    }

    var timeZone: TimeZone { TimeZone(identifier: configuration.timeZone) ?? .current }

    /// Listings with times in the configured time zone.
    var rows: AdminRows { AdminRows(timeZone: timeZone) }

    /// Programme names (Polish) and facts from `intents/`, when it can be read; empty otherwise.
    var catalogueSummary: (topicNames: [String: String], facts: [String: Fact]) {
        let today = Serve.today(in: configuration.timeZone)()
        return (try? CatalogueFiles.staffSummary(directory: configuration.intentsDirectory, language: .pl, today: today)) ?? ([:], [:])
    }

    /// Asks `question` in the configured staff language; true for "tak", "yes" and the like.
    func confirm(_ question: Localized) -> Bool {
        print(question[configuration.staffLanguage], terminator: " ")
        guard let answer = readLine() else { return false }
        // Read as in English whatever the staff language: a bare "no" never confirms an erasure.
        return Answers.yesNo(answer, language: .en) == true
    }

    /// The start of `day` in the configured time zone.
    func startOf(_ day: CalendarDay) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date()
    }
}

/// `--format`, `--spreadsheet` for every listing.
struct OutputOptions: ParsableArguments {
    @Option(help: "table (fits the terminal, 80 columns when not on one), csv (RFC 4180, UTF-8, header) or json (one array).")
    var format: CivicAdmin.OutputFormat = .table

    @Option(help: "With --format table: its width in columns (default: the terminal's, or 80).")
    var width: Int?

    /// The table's width: as asked, else the terminal's, else 80; never under 40.
    var tableWidth: Int { max(40, width ?? terminalColumns() ?? 80) }

    @Flag(help: "With --format csv: a UTF-8 byte-order mark and ';' separators, for Excel/LibreOffice in Polish.")
    var spreadsheet = false

    func validate() throws {
        if spreadsheet && format != .csv { throw ValidationError("--spreadsheet goes with --format csv") }
        if width != nil && format != .table { throw ValidationError("--width goes with --format table") }
    }
}

extension CivicAdmin.OutputFormat: ExpressibleByArgument {}

/// A date given as YYYY-MM-DD.
struct DayArgument: ExpressibleByArgument {
    let day: CalendarDay

    init?(argument: String) {
        guard let day = CalendarDay(iso: argument) else { return nil }
        self.day = day
    }

    static var defaultValueDescription: String { "YYYY-MM-DD" }
}

// MARK: - Sign-ups

extension Admin {
    struct Signups: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List and show sign-ups.", subcommands: [List.self, Show.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List sign-ups, filtered.")
            @OptionGroup var options: ConfigOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "Programme: topic id (os_krosno) or any part of its name.") var programme: String?
            @Option(help: "Any part of the district's name.") var district: String?
            @Option(help: "From this day (inclusive).") var since: DayArgument?
            @Option(help: "Up to this day (inclusive).") var until: DayArgument?
            @Option(help: "Any part of the name, contact, reference or id (any case, with or without Polish letters).") var search: String?
            @Flag(help: "Include erased (anonymised) sign-ups.") var includeErased = false

            func run() async throws {
                let context = try await AdminContext.open(options)
                let filter = SignupFilter(
                    programme: programme, district: district,
                    since: since.map { context.startOf($0.day) },
                    until: until.map { context.startOf($0.day.adding(days: 1)) },
                    search: search, includeErased: includeErased,
                    programmeNames: programme == nil ? [:] : context.catalogueSummary.topicNames
                )
                let records = try await context.run { try await context.database.signups(matching: filter) }
                print(context.rows.signups.render(records, format: output.format, spreadsheet: output.spreadsheet, width: output.tableWidth), terminator: "")
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show one sign-up by its reference code.")
            @OptionGroup var options: ConfigOptions
            @Argument(help: "Reference code, e.g. KR-7F3K.") var reference: String

            func run() async throws {
                let context = try await AdminContext.open(options)
                guard let record = try await context.run({ try await context.database.signup(reference: reference) }) else {
                    throw CommandFailure("no sign-up with reference \(TerminalText.escape(reference))")
                }
                for field in context.rows.signups.row(record).fields {
                    print("\(field.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(TerminalText.escape(field.value == .null ? "—" : field.value.plain))")
                }
            }
        }
    }
}


// MARK: - Notes

extension Admin {
    struct Notes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List and export interview notes.", subcommands: [List.self, Export.self])

        struct Filters: ParsableArguments {
            @Option(help: "Organiser id or name.") var organiser: String?
            @Option(help: "District.") var district: String?
            @Option(help: "Interviews from this day.") var since: DayArgument?
            @Option(help: "Interviews up to this day.") var until: DayArgument?

            var filter: NoteFilter { NoteFilter(organiser: organiser, district: district, since: since?.day, until: until?.day) }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List interview notes.")
            @OptionGroup var options: ConfigOptions
            @OptionGroup var filters: Filters
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await Notes.print(options: options, filters: filters, format: output.format, spreadsheet: output.spreadsheet, width: output.tableWidth)
            }
        }

        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Export interview notes (CSV unless --format says otherwise).")
            @OptionGroup var options: ConfigOptions
            @OptionGroup var filters: Filters
            @Option(help: "csv or json.") var format: CivicAdmin.OutputFormat = .csv
            @Flag(help: "A byte-order mark and ';' separators for spreadsheets in Polish.") var spreadsheet = false

            func run() async throws {
                try await Notes.print(options: options, filters: filters, format: format, spreadsheet: spreadsheet && format == .csv)
            }
        }

        static func print(options: ConfigOptions, filters: Filters, format: CivicAdmin.OutputFormat, spreadsheet: Bool, width: Int = 80) async throws {
            let context = try await AdminContext.open(options)
            let records = try await context.run { try await context.database.notes(matching: filters.filter) }
            Swift.print(context.rows.notes.render(records, format: format, spreadsheet: spreadsheet, width: width), terminator: "")
        }
    }
}

// MARK: - Statistics

extension Admin {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign-ups per programme, district and day; interviews against the target; usage: replies per intent and language, fallbacks, the sign-up funnel.",
            discussion: "Usage counts are numbers only, per day in the configured time zone: never a word of what was asked."
        )
        @OptionGroup var options: ConfigOptions
        @Option(help: "From this day.") var since: DayArgument?
        @Option(help: "Up to this day.") var until: DayArgument?
        @Option(help: "table (bar charts), csv (the usage counts per day) or json (one object).")
        var format: CivicAdmin.OutputFormat = .table
        @Flag(help: "Bar charts in ASCII (#) rather than Unicode blocks.") var ascii = false

        func run() async throws {
            let context = try await AdminContext.open(options)
            let statistics = try await context.run {
                try await context.database.statistics(
                    since: since.map { context.startOf($0.day) },
                    until: until.map { context.startOf($0.day.adding(days: 1)) },
                    timeZone: context.timeZone
                )
            }
            let usage = try await context.run { try await context.database.usageCounts(since: since?.day, until: until?.day) }
            // Names and the interview target come from intents/, when it can be read.
            let summary = context.catalogueSummary
            let names = summary.topicNames
            var target = 20
            if case .text(let text)? = summary.facts[FactPath.interviewTarget.rawValue]?.value, let number = Int(text) {
                target = number
            }
            switch format {
            case .table:
                print(StatisticsReport.render(statistics, programmeNames: names, interviewTarget: target, ascii: ascii), terminator: "")
                print("")
                print(UsageReport.text(UsageSummary(usage), ascii: ascii), terminator: "")
            case .csv:
                print(context.rows.usageCounts.render(usage, format: .csv), terminator: "")
            case .json:
                print(UsageReport.json(statistics, usage: usage, since: since?.day, until: until?.day, timeZone: context.timeZone, interviewTarget: target), terminator: "")
            }
        }
    }
}

// MARK: - Organisers

extension Admin {
    struct Organisers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue, list and revoke organiser access codes; lift log-in delays.", subcommands: [Add.self, List.self, Revoke.self, Unlock.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an organiser and print their access code once.")
            @OptionGroup var options: ConfigOptions
            @Argument(help: "The organiser's name.") var name: String

            func validate() throws {
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100,
                      !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw ValidationError("give the organiser's name (up to 100 characters, no control characters)")
                }
            }

            func run() async throws {
                let context = try await AdminContext.open(options)
                let (organiser, code) = try await context.run { try await context.database.addOrganiser(name: name) }
                print("organiser \(organiser.id): \(TerminalText.escape(organiser.name))")
                print("access code: \(code)")
                print("Give the code to the organiser now: it is not stored and cannot be shown again.")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List organisers and their note counts.")
            @OptionGroup var options: ConfigOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let context = try await AdminContext.open(options)
                let records = try await context.run { try await context.database.organisers() }
                print(context.rows.organisers.render(records, format: output.format, spreadsheet: output.spreadsheet, width: output.tableWidth), terminator: "")
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke an organiser's code (their notes stay).")
            @OptionGroup var options: ConfigOptions
            @Argument(help: "The organiser's id (see organisers list).") var id: Int64

            func run() async throws {
                let context = try await AdminContext.open(options)
                guard try await context.run({ try await context.database.revokeOrganiser(id: id) }) else {
                    throw CommandFailure("no active organiser with id \(id)")
                }
                print("organiser \(id): code revoked")
            }
        }

        struct Unlock: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Lift the log-in delay or lock wrong codes put on a client address (all addresses unless --address).",
                discussion: "Wrong organiser codes slow further attempts from the same address (1, 2, 4, 8 s); the fifth locks log-in from it for 15 minutes, on every daemon sharing the database. An office whose organisers are held up can be freed here; a session's own lock ends with that connection."
            )
            @OptionGroup var options: ConfigOptions
            @Option(help: "The client address (as in the daemon's log), e.g. 192.0.2.10.") var address: String?

            func run() async throws {
                let context = try await AdminContext.open(options)
                let slowed = try await context.run { try await context.database.lockedLoginAddresses() }
                for entry in slowed where address == nil || entry.address == address {
                    print("\(TerminalText.escape(entry.address)): \(entry.failures) wrong code(s), waiting \(entry.waitSeconds) s")
                }
                let lifted = try await context.run { try await context.database.unlockLogins(address: address) }
                print(lifted == 0 ? "no log-in delay to lift" : "lifted the log-in delay or lock of \(lifted) address(es)")
            }
        }
    }
}

// MARK: - Erasure and retention

extension Admin {
    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a resident's personal data (by reference or contact); counts stay right.",
            discussion: "Sign-ups keep an anonymised row; notes whose re-contact details name the contact lose the resident's words. Asks for confirmation unless --yes."
        )
        @OptionGroup var options: ConfigOptions
        @Option(name: .customLong("ref"), help: "Reference code, e.g. KR-7F3K.") var reference: String?
        @Option(help: "E-mail or phone used in the sign-up.") var contact: String?
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func validate() throws {
            guard (reference == nil) != (contact == nil) else { throw ValidationError("give exactly one of --ref or --contact") }
            if let reference, ReferenceCode.parse(reference) == nil { throw ValidationError("'\(TerminalText.escape(reference))' is not a reference code like KR-7F3K") }
            if let contact, Contact(parsing: contact) == nil { throw ValidationError("'\(TerminalText.escape(contact))' is not an e-mail or a Polish phone number") }
        }

        func run() async throws {
            let context = try await AdminContext.open(options)
            let parsedContact = contact.flatMap(Contact.init(parsing:))
            let plan = try await context.run { try await context.database.erasurePlan(reference: reference, contact: parsedContact) }
            if plan.isEmpty {
                throw CommandFailure(reference.map { "no live sign-up with reference \(TerminalText.escape($0))" }
                                   ?? "no live sign-up or note names \(TerminalText.escape(parsedContact?.description ?? ""))")
            }
            print(Self.describe(plan, rows: context.rows, language: context.configuration.staffLanguage), terminator: "")
            if !yes {
                guard context.confirm(Localized(staffPL: "Usunąć te dane osobowe? Wpisz „tak”, aby kontynuować:",
                                                en: "Erase this personal data? Type \"yes\" to continue:")) else {
                    throw CommandFailure("nothing erased")
                }
            }
            let result = try await context.run { try await context.database.erase(reference: reference, contact: parsedContact) }
            print(ErasureTexts.erasedLine(signups: result.signups, notes: result.notes, language: context.configuration.staffLanguage))
        }

        /// Exactly what will go: each sign-up's personal fields, each note's words, each request.
        static func describe(_ plan: ErasurePlan, rows: AdminRows, language: Language) -> String {
            var lines: [String] = []
            for signup in plan.signups {
                lines.append(ErasureTexts.signup.format(language, [
                    "reference": signup.reference, "programme": signup.programme, "created": rows.clock.string(from: signup.createdAt),
                    "name": TerminalText.escape(signup.name ?? "—"), "contact": TerminalText.escape(signup.contact ?? "—"),
                ]))
            }
            for note in plan.notes {
                lines.append(ErasureTexts.note.format(language, [
                    "id": "\(note.id)", "date": "\(note.interviewDate)", "organiser": TerminalText.escape(note.organiserName),
                    "how": TerminalText.escape(note.recontactHow ?? ""),
                ]))
            }
            for request in plan.requests {
                lines.append(ErasureTexts.request.format(language, ["id": "\(request.id)", "reference": request.reference]))
            }
            return ErasureTexts.willErase[language] + "\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
    }

    struct ErasureRequests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "erasure-requests", abstract: "List residents' erasure requests (pending unless --all).")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: "Include handled requests.") var all = false

        func run() async throws {
            let context = try await AdminContext.open(options)
            let records = try await context.run { try await context.database.erasureRequests(includeHandled: all) }
            print(context.rows.erasureRequests.render(records, format: output.format, spreadsheet: output.spreadsheet, width: output.tableWidth), terminator: "")
        }
    }

    struct Subject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A resident's right of access: everything held about one contact.",
            subcommands: [Export.self]
        )

        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print, as JSON, everything held about a contact: sign-ups, notes naming it, erasure requests, audit events."
            )
            @OptionGroup var options: ConfigOptions
            @Option(help: "E-mail or phone, as the resident gives it.") var contact: String

            func validate() throws {
                if Contact(parsing: contact) == nil { throw ValidationError("'\(TerminalText.escape(contact))' is not an e-mail or a phone number") }
            }

            func run() async throws {
                let context = try await AdminContext.open(options)
                guard let parsed = Contact(parsing: contact) else { return }
                let data = try await context.run { try await context.database.subjectData(contact: parsed) }
                print(SubjectReport.json(data, rows: context.rows), terminator: "")
            }
        }
    }

    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply the retention period.", subcommands: [Purge.self])

        struct Purge: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Anonymise sign-ups and notes older than the retention period (default: retention_months from config); delete kept unanswered questions older than review.keep_days.")
            @OptionGroup var options: ConfigOptions
            @Option(name: .customLong("older-than"), help: "Age such as 18mo, 90d or 2y.") var olderThan: RetentionAge?
            @Flag(help: "Do not ask for confirmation.") var yes = false

            func run() async throws {
                let context = try await AdminContext.open(options)
                let age = olderThan ?? RetentionAge(months: context.configuration.retentionMonths)
                let cutoff = age.cutoff(from: Date())
                let when = context.rows.clock.string(from: cutoff)
                if !yes {
                    guard context.confirm(Localized(staffPL: "Zanonimizować wszystko, co powstało przed \(when)? Wpisz „tak”, aby kontynuować:",
                                                    en: "Anonymise everything created before \(when)? Type \"yes\" to continue:")) else {
                        throw CommandFailure("nothing purged")
                    }
                }
                let (signups, notes) = try await context.run { try await context.database.purge(before: cutoff) }
                print("anonymised \(signups) sign-up(s) and \(notes) note(s) created before \(when)")
                // The review's kept lines have their own, shorter period: review.keep_days.
                let keepDays = context.configuration.reviewKeepDays
                let lines = try await context.run { try await context.database.purgeUnanswered(before: context.today.adding(days: -keepDays)) }
                print("deleted \(lines) kept unanswered question(s) older than \(keepDays) days")
            }
        }
    }
}

/// An age like `18mo`, `90d`, `2y`.
struct RetentionAge: ExpressibleByArgument, Equatable {
    var months = 0
    var days = 0

    init(months: Int) { self.months = months }

    init?(argument: String) {
        let text = argument.lowercased()
        let digits = text.prefix(while: \.isNumber)
        guard let number = Int(digits), number > 0 else { return nil }
        switch text.dropFirst(digits.count) {
        case "mo", "m", "month", "months": months = number
        case "d", "day", "days": days = number
        case "y", "year", "years": months = number * 12
        default: return nil
        }
    }

    func cutoff(from now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: DateComponents(month: -months, day: -days), to: now) ?? now
    }
}
