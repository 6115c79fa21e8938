import CivicAdmin
import Foundation
import Testing

@Suite("Admin output")
struct AdminOutputTests {
    @Test("escape sequences and controls a resident typed are shown escaped, never raw")
    func escaping() {
        #expect(TerminalText.escape("Evil\u{1B}[2J") == "Evil\\x1b[2J")
        #expect(TerminalText.escape("bell\u{07}\r\n") == "bell\\x07\\x0d\\x0a")
        #expect(TerminalText.escape("a\u{9B}b\u{202E}c") == "a\\x9bb\\u{202e}c")
        #expect(TerminalText.escape("Zażółć gęślą jaźń") == "Zażółć gęślą jaźń")
    }

    @Test("the table fits 80 columns however long the values")
    func tableWidth() {
        let table = TextTable(
            columns: [.init("REF", minWidth: 7), .init("NAME", minWidth: 10, flexible: true), .init("CONTACT", minWidth: 12, flexible: true)],
            rows: [["KR-7F3K", String(repeating: "Bardzo Długie Nazwisko ", count: 10), "anna.kowalska.z.bardzo.dlugim.adresem@example.org"]]
        ).render(width: 80)
        for line in table.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(table.contains("…"))
        #expect(!table.contains("\u{1B}"))
    }

    @Test("CSV follows RFC 4180: CRLF, a header, quotes doubled, separators quoted")
    func csv() {
        let csv = CSVWriter().render(header: ["name", "note"], rows: [["Kowalska, Anna", "powiedziała \"tak\""], ["Nowak", "x\u{1B}[2J"]])
        #expect(csv == "name,note\r\n\"Kowalska, Anna\",\"powiedziała \"\"tak\"\"\"\r\nNowak,x\\x1b[2J\r\n")
    }

    @Test("spreadsheet CSV starts with a BOM and uses semicolons")
    func spreadsheet() {
        let csv = CSVWriter(spreadsheet: true).render(header: ["a", "b"], rows: [["1;2", "3"]])
        #expect(csv.hasPrefix("\u{FEFF}a;b\r\n"))
        #expect(csv.contains("\"1;2\";3"))
    }

    @Test("JSON is one array, every control character escaped")
    func json() throws {
        let printer = RowPrinter(format: .json, tableColumns: [])
        let text = printer.render([OutputRow([("name", .text("Evil\u{1B}[2J\u{9B}")), ("notes", .number(3)), ("erased", .null), ("ok", .flag(true))])], header: [])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array[0]["name"] as? String == "Evil\u{1B}[2J\u{9B}")
        #expect(array[0]["notes"] as? Int == 3)
        #expect(array[0]["erased"] is NSNull)
        #expect(printer.render([], header: []) == "[]\n")
    }

    @Test("bar charts scale to the largest value or the target")
    func bars() {
        let chart = BarChart.render([("Ewa", 10), ("Jan", 5)], target: 20, width: 20)
        let lines = chart.split(separator: "\n")
        #expect(lines[0].contains(String(repeating: "█", count: 10) + String(repeating: "·", count: 10) + " 10/20"))
        #expect(lines[1].contains(String(repeating: "█", count: 5) + String(repeating: "·", count: 15) + " 5/20"))
        #expect(BarChart.render([]) == "(none)")
    }
}
