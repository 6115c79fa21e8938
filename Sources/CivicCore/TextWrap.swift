/// Wraps text for a terminal: each line broken at word boundaries to at most `width` characters
/// (a word longer than that stands alone on its line, never cut). Linear in the text's length.
public enum TextWrap {
    public static func wrap(_ text: String, width: Int) -> String {
        guard width > 0 else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out.append("\n") }
            wrapLine(line, width: width, into: &out)
        }
        return out
    }

    /// The line's words, where a run of digit groups ("13 47 430 01", "+48 600 100 200") is one
    /// unit: a phone number is never broken across lines.
    static func units(of line: Substring) -> [Substring] {
        var units: [Substring] = []
        var lastWasDigits = false
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            let digits = isDigitGroup(word)
            if digits, lastWasDigits, let last = units.last {
                units[units.count - 1] = line[last.startIndex..<word.endIndex]
            } else {
                units.append(word)
            }
            lastWasDigits = digits
        }
        return units
    }

    private static func isDigitGroup(_ word: Substring) -> Bool {
        let core = word.trimmingCharacters(in: ".,;:()")
        return !core.isEmpty && core.count <= 4 && core.allSatisfy { $0.isNumber || $0 == "+" || $0 == "-" || $0 == "/" }
    }

    private static func wrapLine(_ line: Substring, width: Int, into out: inout String) {
        guard line.count > width else {
            out.append(contentsOf: line)
            return
        }
        // Keep the line's indentation on its continuation lines ("  - item" lists).
        let indent = String(line.prefix(while: { $0 == " " }))
        var column = 0
        for word in units(of: line) {
            let length = word.count
            if column == 0 {
                out.append(indent)
                column = indent.count
            } else if column + 1 + length > width {
                out.append("\n")
                out.append(indent)
                column = indent.count
            } else {
                out.append(" ")
                column += 1
            }
            out.append(contentsOf: word)
            column += length
        }
    }
}
