/// What the line decoder makes of the bytes a client sends.
public enum InboundLine: Sendable, Equatable {
    /// A complete line of valid UTF-8, without its line ending, telnet negotiation,
    /// escape sequences or control characters.
    case text(String)
    /// The line grew past ``Limits/maxLineBytes``; the rest of it up to the next line
    /// ending is discarded. Reported once, as soon as the limit is crossed.
    case tooLong
    /// The line was not valid UTF-8; it is dropped.
    case badEncoding
}

/// Splits a byte stream into lines: the whole of protocol v1's input side, with no I/O.
///
/// - Line endings: LF, CRLF, CR NUL and a lone CR each end a line.
/// - Telnet negotiation (`IAC` commands, `IAC WILL/WONT/DO/DONT opt`, `IAC SB … IAC SE`, an
///   unterminated subnegotiation dropped after ``maxSubnegotiationBytes``)
///   is removed statefully, so a sequence split across reads is still removed whole.
///   `IAC IAC` stands for the byte 0xFF, which is never valid UTF-8.
/// - ANSI escape sequences (`ESC [ … final`, `ESC ] … BEL|ST`, `ESC x`) and other C0
///   control characters are dropped; TAB becomes a space. C1 controls are dropped after decoding.
/// - A line longer than `maxLineBytes` yields one ``InboundLine/tooLong`` and is
///   discarded up to its end; the decoder never holds more than `maxLineBytes` bytes.
public struct LineDecoder: Sendable {
    private enum Telnet: Sendable {
        case data, command, option, subnegotiation, subnegotiationCommand
    }

    private enum Escape: Sendable {
        case none, start, controlSequence, string, stringEscape
    }

    // Telnet's command bytes (RFC 854).
    private static let iac: UInt8 = 255
    private static let subnegotiationBegin: UInt8 = 250
    private static let subnegotiationEnd: UInt8 = 240
    private static let will: UInt8 = 251
    private static let dont: UInt8 = 254
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let escape: UInt8 = 0x1B

    public let maxLineBytes: Int
    private var line: [UInt8] = []
    private var telnet = Telnet.data
    private var escape = Escape.none
    private var afterCarriageReturn = false
    private var discarding = false
    /// Bytes seen inside the current `IAC SB …` (the longest real one is a few dozen).
    private var subnegotiationBytes = 0
    /// A subnegotiation longer than this is abandoned: it is dropped with the rest of its line and
    /// the next line is data again, so an `IAC SB` that never ends cannot swallow the session.
    public static let maxSubnegotiationBytes = 512

    public init(maxLineBytes: Int = Limits().maxLineBytes) {
        precondition(maxLineBytes > 0, "maxLineBytes must be positive")
        self.maxLineBytes = maxLineBytes
        self.line.reserveCapacity(min(maxLineBytes, 256))
    }

    /// True when bytes of an unfinished line are held.
    public var hasPartialLine: Bool { !line.isEmpty || discarding }

    /// Feeds bytes as they arrived and returns the lines they complete, in order.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [InboundLine] where Bytes.Element == UInt8 {
        var events: [InboundLine] = []
        for byte in bytes {
            if let event = consume(byte) {
                events.append(event)
            }
        }
        return events
    }

    // MARK: - Byte by byte

    private mutating func consume(_ byte: UInt8) -> InboundLine? {
        // Telnet negotiation comes first: it may appear anywhere, even inside an escape sequence.
        switch telnet {
        case .data:
            if byte == Self.iac {
                telnet = .command
                return nil
            }
        case .command:
            switch byte {
            case Self.iac:
                telnet = .data  // IAC IAC: a literal 0xFF data byte
            case Self.subnegotiationBegin:
                telnet = .subnegotiation
                subnegotiationBytes = 0
                return nil
            case Self.will...Self.dont:  // WILL, WONT, DO, DON'T: one option byte follows
                telnet = .option
                return nil
            default:
                telnet = .data  // a two-byte command (NOP, AYT, IP, GA, …)
                return nil
            }
        case .option:
            telnet = .data
            return nil
        case .subnegotiation:
            subnegotiationBytes += 1
            if byte == Self.iac {
                telnet = .subnegotiationCommand
            } else if subnegotiationBytes > Self.maxSubnegotiationBytes {
                // Unterminated: dropped with the rest of its line; the next line is read as usual.
                telnet = .data
                discarding = true
                line.removeAll(keepingCapacity: true)
            }
            return nil
        case .subnegotiationCommand:
            subnegotiationBytes += 1
            telnet = byte == Self.subnegotiationEnd ? .data : .subnegotiation
            return nil
        }
        return consumeData(byte)
    }

    private mutating func consumeData(_ byte: UInt8) -> InboundLine? {
        if afterCarriageReturn {
            afterCarriageReturn = false
            if byte == Self.lineFeed || byte == 0 { return nil }
        }
        if byte == Self.lineFeed || byte == Self.carriageReturn {
            afterCarriageReturn = byte == Self.carriageReturn
            escape = .none
            return endLine()
        }
        switch escape {
        case .none:
            break
        case .start:
            switch byte {
            case UInt8(ascii: "["): escape = .controlSequence
            case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                escape = .string
            default: escape = .none
            }
            return nil
        case .controlSequence:
            if (0x20...0x3F).contains(byte) { return nil }
            escape = .none
            if (0x40...0x7E).contains(byte) { return nil }
        case .string:
            if byte == 0x07 { escape = .none } else if byte == Self.escape { escape = .stringEscape }
            return nil
        case .stringEscape:
            escape = byte == UInt8(ascii: "\\") ? .none : .string
            return nil
        }
        if byte == Self.escape {
            escape = .start
            return nil
        }
        if byte == 0x09 { return append(UInt8(ascii: " ")) }
        if byte < 0x20 || byte == 0x7F { return nil }
        return append(byte)
    }

    private mutating func append(_ byte: UInt8) -> InboundLine? {
        if discarding { return nil }
        if line.count >= maxLineBytes {
            discarding = true
            line.removeAll(keepingCapacity: false)
            return .tooLong
        }
        line.append(byte)
        return nil
    }

    private mutating func endLine() -> InboundLine? {
        if discarding {
            discarding = false
            return nil
        }
        defer { line.removeAll(keepingCapacity: true) }
        guard let text = String(validating: line, as: UTF8.self) else {
            return .badEncoding
        }
        return .text(Self.droppingUnicodeControls(text))
    }

    /// Drops C1 controls and the bidirectional overrides that could disguise text on a staff terminal.
    static func droppingUnicodeControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnwantedScalar) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isUnwantedScalar($0) })
        return String(scalars)
    }

    private static func isUnwantedScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
