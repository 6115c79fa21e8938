/// Turns replies into the bytes protocol v1 sends.
public enum ReplyRenderer {
    /// The prompt text mode sends after every reply: two bytes, no newline.
    public static let prompt = "> "

    /// Renders a reply. Text mode: the text wrapped to `width` at word boundaries (0: not
    /// wrapped), a newline, and the prompt when `prompt` is true; an unsolicited reply starts on a
    /// new line, after the prompt already shown. JSON mode: exactly one line holding one object,
    /// never a prompt, never wrapped.
    public static func render(_ reply: Reply, format: OutputFormat, prompt: Bool, width: Int = 0) -> String {
        switch format {
        case .text:
            var out = reply.unsolicited ? "\n" : ""
            out.append(TextWrap.wrap(reply.text, width: width))
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
        appendOptional(reply.intent?.rawValue, to: &out)
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
        // Over the UTF-8 bytes: runs that need no escape are copied whole. Every escaped character
        // starts at an ASCII byte or a lead byte (C2, E2, EF), so each run is whole characters.
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                var length = 1
                var scalar: UInt32?
                switch bytes[index] {
                case 0x00..<0x20, 0x22, 0x5C, 0x7F:
                    scalar = UInt32(bytes[index])
                case 0xC2 where index + 1 < bytes.count:
                    scalar = (UInt32(0xC2 & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                    length = 2
                case 0xE2 where index + 2 < bytes.count, 0xEF where index + 2 < bytes.count:
                    scalar = (UInt32(bytes[index] & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                    length = 3
                default:
                    break
                }
                guard let value = scalar, let escape = jsonEscape(value) else {
                    index += 1
                    continue
                }
                out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self))
                out.append(escape)
                index += length
                runStart = index
            }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]), as: UTF8.self))
        }
        out.append("\"")
    }

    /// How a character is written inside a JSON string, or nil when it is written as itself.
    private static func jsonEscape(_ value: UInt32) -> String? {
        switch value {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default:
            guard let scalar = Unicode.Scalar(value), isUnsafeForTerminal(scalar) else { return nil }
            let hex = String(value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
