/// Turns replies into the bytes protocol v1 sends.
public enum ReplyRenderer {
    /// The prompt text mode sends after every reply: two bytes, no newline.
    public static let prompt = "> "

    /// Renders a reply. Text mode: the text, a newline, and the prompt when `prompt` is true.
    /// JSON mode: exactly one line holding one object, never a prompt.
    public static func render(_ reply: Reply, format: OutputFormat, prompt: Bool) -> String {
        switch format {
        case .text:
            var out = reply.text
            out.append("\n")
            if prompt { out.append(Self.prompt) }
            return out
        case .json:
            return json(reply) + "\n"
        }
    }

    /// The JSON object of a reply, on one line, with keys in a fixed order.
    public static func json(_ reply: Reply) -> String {
        var out = "{\"text\":"
        appendJSONString(reply.text, to: &out)
        out.append(",\"intent\":")
        appendOptional(reply.intent, to: &out)
        out.append(",\"confidence\":")
        if let confidence = reply.confidence {
            out.append(formatConfidence(confidence))
        } else {
            out.append("null")
        }
        out.append(",\"lang\":\"\(reply.language.rawValue)\"")
        out.append(",\"expecting\":")
        appendOptional(reply.expecting, to: &out)
        out.append(",\"choices\":[")
        for (index, choice) in reply.choices.enumerated() {
            if index > 0 { out.append(",") }
            appendJSONString(choice, to: &out)
        }
        out.append("],\"error\":")
        appendOptional(reply.error?.rawValue, to: &out)
        out.append("}")
        return out
    }

    /// A confidence with at most three decimals, clamped to 0...1.
    public static func formatConfidence(_ value: Double) -> String {
        let clamped = value.isFinite ? min(max(value, 0), 1) : 0
        let thousandths = Int((clamped * 1000).rounded())
        if thousandths == 1000 { return "1" }
        if thousandths == 0 { return "0" }
        var digits = String(thousandths)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }

    private static func appendOptional(_ value: String?, to out: inout String) {
        if let value { appendJSONString(value, to: &out) } else { out.append("null") }
    }

    /// Characters never sent raw to a terminal or in JSON: C0 and C1 controls, DEL, line and
    /// paragraph separators, bidirectional marks and overrides, the byte-order mark.
    public static func isUnsafeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// `value` as a JSON string (RFC 8259): quotes and backslashes escaped, and every character
    /// unsafe for a terminal as `\uXXXX`, so no reply or export can carry an escape sequence.
    public static func jsonString(_ value: String) -> String {
        var out = ""
        appendJSONString(value, to: &out)
        return out
    }

    static func appendJSONString(_ value: String, to out: inout String) {
        out.append("\"")
        // Runs of characters that need no escape are copied whole. Slices are of the scalar view:
        // a String slice would round to grapheme boundaries, and a quote followed by a combining
        // mark is one grapheme.
        let scalars = value.unicodeScalars
        var runStart = scalars.startIndex
        var index = runStart
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default:
                if isUnsafeForTerminal(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escape = nil
                }
            }
            let next = scalars.index(after: index)
            if let escape {
                out.append(contentsOf: Substring(scalars[runStart..<index]))
                out.append(escape)
                runStart = next
            }
            index = next
        }
        out.append(contentsOf: Substring(scalars[runStart..<scalars.endIndex]))
        out.append("\"")
    }
}
