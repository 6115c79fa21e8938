import Testing
@testable import CivicCore

/// One input and the lines it must produce.
struct DecoderFixture: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var expected: [InboundLine]
    var maxLineBytes = 16

    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8], _ expected: [InboundLine], maxLineBytes: Int = 16) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
        self.maxLineBytes = maxLineBytes
    }

    init(_ name: String, _ text: String, _ expected: [InboundLine], maxLineBytes: Int = 16) {
        self.init(name, Array(text.utf8), expected, maxLineBytes: maxLineBytes)
    }
}

let iac: UInt8 = 255

let decoderFixtures: [DecoderFixture] = [
    // Line endings
    .init("LF", "tak\n", [.text("tak")]),
    .init("CRLF", "tak\r\nnie\r\n", [.text("tak"), .text("nie")]),
    .init("CR NUL", [0x74, 0x61, 0x6B, 0x0D, 0x00, 0x6E, 0x0A], [.text("tak"), .text("n")]),
    .init("lone CR", "tak\rnie\r", [.text("tak"), .text("nie")]),
    .init("LF CR is two endings", "a\n\rb\n", [.text("a"), .text(""), .text("b")]),
    .init("empty lines", "\n\r\n", [.text(""), .text("")]),
    .init("no ending yet", "tak", []),
    // UTF-8
    .init("Polish letters", "Zażółć gęślą jaźń\n", [.text("Zażółć gęślą jaźń")], maxLineBytes: 64),
    .init("invalid UTF-8", [0x61, 0xC3, 0x28, 0x0A, 0x62, 0x0A], [.badEncoding, .text("b")]),
    .init("truncated UTF-8", [0xC5, 0x0A], [.badEncoding]),
    .init("overlong encoding", [0xC0, 0xAF, 0x0A], [.badEncoding]),
    .init("surrogate in UTF-8", [0xED, 0xA0, 0x80, 0x0A], [.badEncoding]),
    // Length
    .init("exactly the limit", String(repeating: "x", count: 16) + "\n", [.text(String(repeating: "x", count: 16))]),
    .init("one over the limit", String(repeating: "x", count: 17) + "\nok\n", [.tooLong, .text("ok")]),
    .init("far over the limit reports once", String(repeating: "x", count: 100) + "\nok\n", [.tooLong, .text("ok")]),
    .init("over the limit without an ending", String(repeating: "x", count: 40), [.tooLong]),
    // Telnet
    .init("IAC DO option", [iac, 253, 1] + Array("hej\n".utf8), [.text("hej")]),
    .init("IAC WILL inside a line", Array("h".utf8) + [iac, 251, 31] + Array("ej\n".utf8), [.text("hej")]),
    .init("IAC two-byte command", [iac, 241] + Array("ok\n".utf8), [.text("ok")]),
    .init("IAC SB … IAC SE", [iac, 250, 24, 0, 0x78, 0x74, iac, 240] + Array("ok\n".utf8), [.text("ok")]),
    .init("IAC IAC inside SB", [iac, 250, 24, iac, iac, 0x41, iac, 240] + Array("ok\n".utf8), [.text("ok")]),
    .init("newline inside SB is not a line", [iac, 250, 0x0A, 0x0D, iac, 240] + Array("ok\n".utf8), [.text("ok")]),
    .init("IAC IAC is data 0xFF", Array("a".utf8) + [iac, iac] + [0x0A], [.badEncoding]),
    .init("Ctrl-C as telnet IP", [iac, 244, iac, 253, 6] + Array("x\n".utf8), [.text("x")]),
    // Control characters and escape sequences
    .init("tab becomes space", "a\tb\n", [.text("a b")]),
    .init("C0 controls dropped", [0x61, 0x01, 0x07, 0x08, 0x7F, 0x62, 0x0A], [.text("ab")]),
    .init("CSI clear screen", "\u{1B}[2Jhej\n", [.text("hej")]),
    .init("CSI with parameters", "a\u{1B}[1;31mb\u{1B}[0m\n", [.text("ab")]),
    .init("arrow key", "ab\u{1B}[Dc\n", [.text("abc")]),
    .init("OSC title with BEL", "\u{1B}]0;pwned\u{07}ok\n", [.text("ok")]),
    .init("OSC title with ST", "\u{1B}]0;pwned\u{1B}\\ok\n", [.text("ok")]),
    .init("two-byte escape", "\u{1B}cok\n", [.text("ok")]),
    .init("newline ends an unfinished CSI", "a\u{1B}[12\nb\n", [.text("a"), .text("b")]),
    .init("C1 controls dropped", "a\u{85}b\u{9B}c\n", [.text("abc")]),
    .init("bidi override dropped", "a\u{202E}b\n", [.text("ab")]),
    // SQL-looking text is just text
    .init("SQL-looking text", "'; DROP TABLE x;--\n", [.text("'; DROP TABLE x;--")], maxLineBytes: 64),
]

@Suite("Line decoder")
struct LineDecoderTests {
    @Test("decodes in one piece", arguments: decoderFixtures)
    func wholeInput(_ fixture: DecoderFixture) {
        var decoder = LineDecoder(maxLineBytes: fixture.maxLineBytes)
        #expect(decoder.feed(fixture.bytes) == fixture.expected)
    }

    @Test("decodes the same when split at every position", arguments: decoderFixtures)
    func everySplit(_ fixture: DecoderFixture) {
        for split in 0...fixture.bytes.count {
            var decoder = LineDecoder(maxLineBytes: fixture.maxLineBytes)
            let lines = decoder.feed(fixture.bytes[..<split]) + decoder.feed(fixture.bytes[split...])
            #expect(lines == fixture.expected, "split at \(split)")
        }
    }

    @Test("decodes the same byte by byte", arguments: decoderFixtures)
    func byteByByte(_ fixture: DecoderFixture) {
        var decoder = LineDecoder(maxLineBytes: fixture.maxLineBytes)
        let lines = fixture.bytes.flatMap { decoder.feed([$0]) }
        #expect(lines == fixture.expected)
    }

    @Test("never holds more than the limit")
    func boundedMemory() {
        var decoder = LineDecoder(maxLineBytes: 8)
        let events = decoder.feed([UInt8](repeating: 0x61, count: 100_000))
        #expect(events == [.tooLong])
        #expect(decoder.hasPartialLine)
        #expect(decoder.feed(Array("\nok\n".utf8)) == [.text("ok")])
        #expect(!decoder.hasPartialLine)
    }

    @Test("an IAC SB that never ends is dropped after a bounded length; the lines after it are read")
    func unterminatedSubnegotiation() {
        var decoder = LineDecoder(maxLineBytes: 64)
        // IAC SB TTYPE, then the resident types on and never sends IAC SE.
        var bytes: [UInt8] = [255, 250, 24]
        bytes += [UInt8](repeating: 0x78, count: LineDecoder.maxSubnegotiationBytes + 10)
        #expect(decoder.feed(bytes) == [])
        #expect(decoder.feed(Array("\ndzien dobry\n".utf8)) == [.text("dzien dobry")])
        // A terminated one, however it is split, is still removed whole.
        var whole = LineDecoder(maxLineBytes: 64)
        #expect(whole.feed([255, 250, 31, 0, 80, 0, 24, 255, 240] + Array("ok\n".utf8)) == [.text("ok")])
    }

    @Test("a pseudo-random byte soup never traps and every line is valid UTF-8")
    func randomBytes() {
        var generator = SplitMix64(seed: 42)
        var decoder = LineDecoder(maxLineBytes: 64)
        for _ in 0..<2_000 {
            let chunk = (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for line in decoder.feed(chunk) {
                if case .text(let text) = line {
                    #expect(text.utf8.count <= 64)
                    #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                }
            }
        }
    }
}

