import CivicCore
import Foundation

/// Stored text made safe for a staff terminal: control characters, escape sequences and
/// bidirectional overrides a resident typed are shown escaped (`\x1b[2J`), never passed raw.
public enum TerminalText {
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                out += scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        ReplyRenderer.isUnsafeForTerminal(scalar)
    }

    /// Shortens to `width` characters with an ellipsis, or pads with spaces to `width`.
    public static func fit(_ text: String, _ width: Int) -> String {
        if text.count > width { return String(text.prefix(max(width - 1, 0))) + "…" }
        return text + String(repeating: " ", count: width - text.count)
    }
}

/// A plain-text table. Every cell is escaped; columns marked flexible shrink so the table fits
/// `width` characters.
public struct TextTable {
    public struct Column {
        public var title: String
        public var minWidth: Int
        public var flexible: Bool

        public init(_ title: String, minWidth: Int, flexible: Bool = false) {
            self.title = title
            self.minWidth = minWidth
            self.flexible = flexible
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]]) {
        self.columns = columns
        self.rows = rows.map { $0.map(TerminalText.escape) }
    }

    public func render(width: Int = 80) -> String {
        let gap = 2
        var widths = columns.indices.map { index in
            max(columns[index].title.count, rows.map { $0[index].count }.max() ?? 0)
        }
        var total = widths.reduce(0, +) + gap * (columns.count - 1)
        // Shrink flexible columns, widest first, down to their minimum.
        while total > width {
            guard let index = widths.indices.filter({ columns[$0].flexible && widths[$0] > columns[$0].minWidth })
                .max(by: { widths[$0] < widths[$1] }) else { break }
            widths[index] -= 1
            total -= 1
        }
        func line(_ cells: [String]) -> String {
            var text = zip(cells, widths).map { TerminalText.fit($0, $1) }.joined(separator: String(repeating: " ", count: gap))
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines = [line(columns.map(\.title)), line(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}

/// RFC 4180 CSV: CRLF line ends, fields quoted when they hold the separator, a quote or a line end.
/// `spreadsheet` adds the UTF-8 byte-order mark and uses `;`, which Polish Excel and LibreOffice
/// open correctly by double-click. Control characters are escaped as on the terminal.
public struct CSVWriter {
    public var separator: Character
    public var byteOrderMark: Bool

    public init(spreadsheet: Bool = false) {
        separator = spreadsheet ? ";" : ","
        byteOrderMark = spreadsheet
    }

    public func render(header: [String], rows: [[String]]) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        for row in [header] + rows {
            out += row.map(field).joined(separator: String(separator)) + "\r\n"
        }
        return out
    }

    func field(_ value: String) -> String {
        // Line ends inside a field are legal CSV, but escaped like every control character.
        var safe = TerminalText.escape(value)
        // CSV injection (CWE-1236, OWASP's guidance): a cell a spreadsheet would read as a formula
        // is made text by a leading apostrophe, and quoted.
        let formula = Self.startsFormula(value)
        if formula { safe = "'" + safe }
        guard formula || safe.contains(separator) || safe.contains("\"") || safe.hasPrefix(" ") || safe.hasSuffix(" ") else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The characters OWASP lists as starting a formula: `=`, `+`, `-`, `@`, tab and carriage
    /// return (also after leading spaces, which spreadsheets skip). Full-width look-alikes too.
    static func startsFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first(where: { $0 != " " }) else { return false }
        return ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"].contains(first)
    }
}

/// A horizontal bar chart: Unicode blocks, or plain ASCII (`#`, `.`) for terminals and logs
/// that show nothing else.
public enum BarChart {
    public static func render(_ items: [(label: String, value: Int)], target: Int? = nil, width: Int = 40, ascii: Bool = false) -> String {
        guard !items.isEmpty else { return "(none)" }
        let full = ascii ? "#" : "█"
        let rest = ascii ? "." : "·"
        let labelWidth = min(items.map { TerminalText.escape($0.label).count }.max() ?? 0, 24)
        let maximum = max(items.map(\.value).max() ?? 0, target ?? 0, 1)
        func label(_ text: String) -> String {
            let fitted = TerminalText.fit(TerminalText.escape(text), labelWidth)
            return ascii ? fitted.replacingOccurrences(of: "…", with: "~") : fitted
        }
        return items.map { item in
            let filled = Int((Double(item.value) / Double(maximum) * Double(width)).rounded())
            var bar = String(repeating: full, count: filled)
            if let target {
                let mark = Int((Double(target) / Double(maximum) * Double(width)).rounded())
                bar += String(repeating: rest, count: max(mark - filled, 0))
                return "\(label(item.label))  \(bar) \(item.value)/\(target)"
            }
            return "\(label(item.label))  \(bar) \(item.value)"
        }.joined(separator: "\n")
    }
}
