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
        case null

        /// The value as CSV and tables show it (null is empty).
        public var plain: String {
            switch self {
            case .text(let text): return text
            case .number(let number): return String(number)
            case .flag(let flag): return flag ? "yes" : "no"
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

    public init(format: OutputFormat, spreadsheet: Bool = false, tableColumns: [(field: String, title: String, minWidth: Int, flexible: Bool)]) {
        self.format = format
        self.spreadsheet = spreadsheet
        self.tableColumns = tableColumns
    }

    public func render(_ rows: [OutputRow], header: [String]) -> String {
        switch format {
        case .table:
            let columns = tableColumns.map { TextTable.Column($0.title, minWidth: $0.minWidth, flexible: $0.flexible) }
            let cells = rows.map { row in
                tableColumns.map { column in row.fields.first { $0.name == column.field }?.value.plain ?? "" }
            }
            let table = TextTable(columns: columns, rows: cells).render(width: 80)
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
            case .null: value = "null"
            }
            return ReplyRenderer.jsonString(field.name) + ": " + value
        }.joined(separator: ", ") + "}"
    }

}

/// The rows of each admin listing.
public enum AdminRows {
    public static let timestamp: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Warsaw")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    public static func time(_ date: Date?) -> OutputRow.Value {
        date.map { .text(timestamp.string(from: $0)) } ?? .null
    }

    static func text(_ value: String?) -> OutputRow.Value { value.map(OutputRow.Value.text) ?? .null }

    public static func signup(_ record: SignupRecord) -> OutputRow {
        OutputRow([
            ("reference", .text(record.reference)),
            ("created", time(record.createdAt)),
            ("programme", .text(record.programme)),
            ("district", text(record.district)),
            ("name", text(record.name)),
            ("contact", text(record.contact)),
            ("consent_version", .text(record.consentVersion)),
            ("language", .text(record.language)),
            ("erased", time(record.erasedAt)),
        ])
    }

    public static let signupColumns: [(field: String, title: String, minWidth: Int, flexible: Bool)] = [
        ("reference", "REF", 7, false),
        ("created", "CREATED", 16, false),
        ("programme", "PROGRAMME", 9, true),
        ("district", "DISTRICT", 8, true),
        ("name", "NAME", 12, true),
        ("contact", "CONTACT", 14, true),
    ]

    public static func note(_ record: InterviewNoteRecord) -> OutputRow {
        OutputRow([
            ("id", .number(record.id)),
            ("organiser", .text(record.organiserName)),
            ("organiser_id", .number(record.organiserId)),
            ("date", .text(record.interviewDate)),
            ("district", text(record.district)),
            ("topic", text(record.topic)),
            ("concerns", text(record.concerns)),
            ("recontact", .flag(record.recontact)),
            ("recontact_how", text(record.recontactHow)),
            ("created", time(record.createdAt)),
            ("erased", time(record.erasedAt)),
        ])
    }

    public static let noteColumns: [(field: String, title: String, minWidth: Int, flexible: Bool)] = [
        ("id", "ID", 3, false),
        ("date", "DATE", 10, false),
        ("organiser", "ORGANISER", 8, true),
        ("district", "DISTRICT", 8, true),
        ("topic", "TOPIC", 10, true),
        ("concerns", "CONCERNS", 12, true),
    ]

    public static func organiser(_ record: OrganiserRecord) -> OutputRow {
        OutputRow([
            ("id", .number(record.id)),
            ("name", .text(record.name)),
            ("notes", .number(Int64(record.notes))),
            ("created", time(record.createdAt)),
            ("revoked", time(record.revokedAt)),
        ])
    }

    public static let organiserColumns: [(field: String, title: String, minWidth: Int, flexible: Bool)] = [
        ("id", "ID", 3, false), ("name", "NAME", 10, true), ("notes", "NOTES", 5, false),
        ("created", "CREATED", 16, false), ("revoked", "REVOKED", 16, false),
    ]

    public static func erasureRequest(_ record: ErasureRequestRecord) -> OutputRow {
        OutputRow([
            ("id", .number(record.id)),
            ("reference", .text(record.reference)),
            ("contact", .text(record.contact)),
            ("requested", time(record.createdAt)),
            ("handled", time(record.handledAt)),
        ])
    }

    public static let erasureRequestColumns: [(field: String, title: String, minWidth: Int, flexible: Bool)] = [
        ("id", "ID", 3, false), ("reference", "REF", 7, false), ("contact", "CONTACT", 14, true),
        ("requested", "REQUESTED", 16, false), ("handled", "HANDLED", 16, false),
    ]

    /// The field names of the rows, or `names` when there are none.
    public static func header(of rows: [OutputRow], or names: [String]) -> [String] {
        rows.first?.fields.map(\.name) ?? names
    }

    public static let signupFields = ["reference", "created", "programme", "district", "name", "contact", "consent_version", "language", "erased"]
    public static let noteFields = ["id", "organiser", "organiser_id", "date", "district", "topic", "concerns", "recontact", "recontact_how", "created", "erased"]
    public static let organiserFields = ["id", "name", "notes", "created", "revoked"]
    public static let erasureRequestFields = ["id", "reference", "contact", "requested", "handled"]
}

/// `civicd admin stats` as text: tables of counts and bar charts.
public enum StatisticsReport {
    public static func render(_ statistics: Statistics, programmeNames: [String: String], interviewTarget: Int) -> String {
        var sections: [String] = []
        let total = statistics.byProgramme.reduce(0) { $0 + $1.count }
        sections.append("Sign-ups: \(total)")
        sections.append("By programme\n" + BarChart.render(statistics.byProgramme.map { (programmeNames[$0.key] ?? $0.key, $0.count) }))
        sections.append("By district\n" + BarChart.render(statistics.byDistrict.map { ($0.key, $0.count) }))
        sections.append("By day\n" + BarChart.render(statistics.byDay.suffix(31).map { ($0.key, $0.count) }))
        sections.append("Interviews against the target of \(interviewTarget)\n"
            + BarChart.render(statistics.interviews.map { ($0.organiser, $0.count) }, target: interviewTarget))
        return sections.joined(separator: "\n\n") + "\n"
    }
}
