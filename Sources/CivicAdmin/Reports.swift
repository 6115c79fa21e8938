import CivicCore
import CivicStore
import Foundation

/// How a list is printed.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Fits 80 columns; long values are shortened with "…".
    case table
    /// RFC 4180, UTF-8, with a header row.
    case csv
    /// One JSON array, one object per line.
    case json
}

/// A flat record for output: ordered fields, each text, number, flag or null.
public struct OutputRow: Sendable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Int64)
        case flag(Bool)
        /// A share or a confidence, 0…1, with at most three decimals ("0.42").
        case fraction(Double)
        case null

        /// The value as CSV and tables show it (null is empty).
        public var plain: String {
            switch self {
            case .text(let text): return text
            case .number(let number): return String(number)
            case .flag(let flag): return flag ? "yes" : "no"
            case .fraction(let value): return ReplyRenderer.formatConfidence(value)
            case .null: return ""
            }
        }
    }

    public var fields: [(name: String, value: Value)]

    public init(_ fields: [(String, Value)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }
}

/// Renders rows as a table, CSV or JSON. Nothing a resident typed reaches the terminal raw.
public struct RowPrinter {
    public var format: OutputFormat
    public var spreadsheet: Bool
    /// Table columns: field name, minimum width, whether it may shrink. Other fields are not shown in the table.
    public var tableColumns: [(field: String, title: String, minWidth: Int, flexible: Bool)]
    /// Table columns left out when no row has a value in them (the organisation, for listings of
    /// residents only), so that the others keep their room.
    public var optionalColumns: Set<String>
    /// The table's width in columns.
    public var width: Int

    public init(format: OutputFormat, spreadsheet: Bool = false, tableColumns: [(field: String, title: String, minWidth: Int, flexible: Bool)],
                optionalColumns: Set<String> = [], width: Int = 80) {
        self.format = format
        self.spreadsheet = spreadsheet
        self.tableColumns = tableColumns
        self.optionalColumns = optionalColumns
        self.width = width
    }

    public func render(_ rows: [OutputRow], header: [String]) -> String {
        switch format {
        case .table:
            func cell(_ row: OutputRow, _ field: String) -> String { row.fields.first { $0.name == field }?.value.plain ?? "" }
            let shown = tableColumns.filter { column in
                !optionalColumns.contains(column.field) || rows.contains { !cell($0, column.field).isEmpty }
            }
            let columns = shown.map { TextTable.Column($0.title, minWidth: $0.minWidth, flexible: $0.flexible) }
            let cells = rows.map { row in shown.map { cell(row, $0.field) } }
            let table = TextTable(columns: columns, rows: cells).render(width: width)
            return table + "\n(\(rows.count) \(rows.count == 1 ? "row" : "rows"))\n"
        case .csv:
            return CSVWriter(spreadsheet: spreadsheet).render(header: header, rows: rows.map { $0.fields.map(\.value.plain) })
        case .json:
            guard !rows.isEmpty else { return "[]\n" }
            return "[\n" + rows.map(Self.jsonObject).joined(separator: ",\n") + "\n]\n"
        }
    }

    static func jsonObject(_ row: OutputRow) -> String {
        "  {" + row.fields.map { field in
            let value: String
            switch field.value {
            case .text(let text): value = ReplyRenderer.jsonString(text)
            case .number(let number): value = String(number)
            case .flag(let flag): value = flag ? "true" : "false"
            case .fraction(let fraction): value = ReplyRenderer.formatConfidence(fraction)
            case .null: value = "null"
            }
            return ReplyRenderer.jsonString(field.name) + ": " + value
        }.joined(separator: ", ") + "}"
    }

}

/// One kind of record as a listing: its fields in order (the CSV/JSON header, even when there are
/// no rows) and the few that fit the 80-column table.
public struct RecordTable<Record>: Sendable {
    public let fields: [(name: String, value: @Sendable (Record) -> OutputRow.Value)]
    public let columns: [(field: String, title: String, minWidth: Int, flexible: Bool)]
    public var optionalColumns: Set<String> = []

    public func row(_ record: Record) -> OutputRow {
        OutputRow(fields.map { ($0.name, $0.value(record)) })
    }

    /// The records as a table, CSV or JSON.
    public func render(_ records: [Record], format: OutputFormat, spreadsheet: Bool = false, width: Int = 80) -> String {
        RowPrinter(format: format, spreadsheet: spreadsheet, tableColumns: columns, optionalColumns: optionalColumns, width: width)
            .render(records.map(row), header: fields.map(\.name))
    }
}

/// Dates and times as staff read them: in the configured time zone, `yyyy-MM-dd HH:mm`.
public struct StaffClock: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public func string(from date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }
}

/// The rows of each admin listing, with times in the configured time zone.
public struct AdminRows: Sendable {
    public let clock: StaffClock

    public init(timeZone: TimeZone) {
        self.clock = StaffClock(timeZone: timeZone)
    }

    static func time(_ date: Date?, _ clock: StaffClock) -> OutputRow.Value {
        date.map { .text(clock.string(from: $0)) } ?? .null
    }

    static func text(_ value: String?) -> OutputRow.Value { value.map(OutputRow.Value.text) ?? .null }

    // Contacts are never shortened in the table: a cut phone number is a wrong one. The other
    // text columns give way.
    public var signups: RecordTable<SignupRecord> {
        let clock = self.clock
        return RecordTable(
            fields: [
                ("reference", { .text($0.reference) }),
                ("created", { Self.time($0.createdAt, clock) }),
                ("programme", { .text($0.programme) }),
                ("next_edition", { .flag($0.nextEdition) }),
                ("district", { Self.text($0.district) }),
                ("name", { Self.text($0.name) }),
                ("organisation", { Self.text($0.organisation) }),
                ("contact", { Self.text($0.contact) }),
                ("consent_version", { .text($0.consentVersion) }),
                ("language", { .text($0.language) }),
                ("erased", { Self.time($0.erasedAt, clock) }),
            ],
            columns: [
                ("reference", "REF", 7, false),
                ("created", "CREATED", 16, false),
                ("programme", "PROGRAMME", 6, true),
                ("district", "DISTRICT", 6, true),
                ("name", "NAME", 8, true),
                ("organisation", "ORGANISATION", 6, true),
                ("contact", "CONTACT", 7, false),
            ],
            optionalColumns: ["organisation"]
        )
    }

    public var notes: RecordTable<InterviewNoteRecord> {
        let clock = self.clock
        return RecordTable(
            fields: [
                ("id", { .number($0.id) }),
                ("organiser", { .text($0.organiserName) }),
                ("organiser_id", { .number($0.organiserId) }),
                ("date", { .text($0.interviewDate) }),
                ("district", { Self.text($0.district) }),
                ("topic", { Self.text($0.topic) }),
                ("concerns", { Self.text($0.concerns) }),
                ("recontact", { .flag($0.recontact) }),
                ("recontact_how", { Self.text($0.recontactHow) }),
                ("created", { Self.time($0.createdAt, clock) }),
                ("erased", { Self.time($0.erasedAt, clock) }),
            ],
            columns: [
                ("id", "ID", 3, false),
                ("date", "DATE", 10, false),
                ("organiser", "ORGANISER", 8, true),
                ("district", "DISTRICT", 8, true),
                ("topic", "TOPIC", 10, true),
                ("concerns", "CONCERNS", 12, true),
            ]
        )
    }

    public var organisers: RecordTable<OrganiserRecord> {
        let clock = self.clock
        return RecordTable(
            fields: [
                ("id", { .number($0.id) }),
                ("name", { .text($0.name) }),
                ("notes", { .number(Int64($0.notes)) }),
                ("created", { Self.time($0.createdAt, clock) }),
                ("revoked", { Self.time($0.revokedAt, clock) }),
            ],
            columns: [
                ("id", "ID", 3, false), ("name", "NAME", 10, true), ("notes", "NOTES", 5, false),
                ("created", "CREATED", 16, false), ("revoked", "REVOKED", 16, false),
            ]
        )
    }

    public var erasureRequests: RecordTable<ErasureRequestRecord> {
        let clock = self.clock
        return RecordTable(
            fields: [
                ("id", { .number($0.id) }),
                ("reference", { .text($0.reference) }),
                ("contact", { Self.text($0.contact) }),
                ("matched", { .flag($0.matched) }),
                ("session", { .text($0.sessionKind) }),
                ("requested", { Self.time($0.createdAt, clock) }),
                ("handled", { Self.time($0.handledAt, clock) }),
            ],
            columns: [
                ("id", "ID", 3, false), ("reference", "REF", 7, false), ("contact", "CONTACT", 7, false),
                ("matched", "MATCH", 5, false), ("session", "SESSION", 7, false),
                ("requested", "REQUESTED", 16, false), ("handled", "HANDLED", 16, false),
            ]
        )
    }
}

/// `civicd admin subject export`: everything held about one contact, as one JSON object.
public enum SubjectReport {
    public static func json(_ data: SubjectData, rows: AdminRows) -> String {
        let audit = RecordTable<AuditEventRecord>(
            fields: [
                ("at", { AdminRows.time($0.at, rows.clock) }),
                ("action", { .text($0.action) }),
                ("subject", { AdminRows.text($0.subject) }),
                ("actor", { .text($0.actor) }),
            ],
            columns: []
        )
        func list<Record>(_ table: RecordTable<Record>, _ records: [Record]) -> String {
            guard !records.isEmpty else { return "[]" }
            return "[\n" + records.map { "  " + RowPrinter.jsonObject(table.row($0)) }.joined(separator: ",\n") + "\n  ]"
        }
        return """
            {
              "contact": \(ReplyRenderer.jsonString(data.contact)),
              "time_zone": \(ReplyRenderer.jsonString(rows.clock.timeZone.identifier)),
              "signups": \(list(rows.signups, data.signups)),
              "interview_notes": \(list(rows.notes, data.notes)),
              "erasure_requests": \(list(rows.erasureRequests, data.erasureRequests)),
              "audit_events": \(list(audit, data.auditEvents))
            }

            """
    }
}

/// `civicd admin stats` as text: tables of counts and bar charts.
public enum StatisticsReport {
    public static func render(_ statistics: Statistics, programmeNames: [String: String], interviewTarget: Int, ascii: Bool = false) -> String {
        var sections: [String] = []
        let total = statistics.byProgramme.reduce(0) { $0 + $1.count }
        sections.append("Sign-ups: \(total)")
        sections.append("By programme\n" + BarChart.render(statistics.byProgramme.map { (programmeNames[$0.key] ?? $0.key, $0.count) }, ascii: ascii))
        sections.append("By district\n" + BarChart.render(statistics.byDistrict.map { ($0.key, $0.count) }, ascii: ascii))
        sections.append("By day\n" + BarChart.render(statistics.byDay.suffix(31).map { ($0.key, $0.count) }, ascii: ascii))
        sections.append("Interviews against the target of \(interviewTarget)\n"
            + BarChart.render(statistics.interviews.map { ($0.organiser, $0.count) }, target: interviewTarget, ascii: ascii))
        return sections.joined(separator: "\n\n") + "\n"
    }
}
