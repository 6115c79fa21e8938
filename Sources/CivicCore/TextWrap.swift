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

    private static func wrapLine(_ line: Substring, width: Int, into out: inout String) {
        guard line.count > width else {
            out.append(contentsOf: line)
            return
        }
        // Keep the line's indentation on its continuation lines ("  - item" lists).
        let indent = String(line.prefix(while: { $0 == " " }))
        var column = 0
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
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
