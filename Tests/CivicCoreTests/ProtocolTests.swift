import Foundation
import Testing
@testable import CivicCore

@Suite("Commands")
struct CommandTests {
    @Test(arguments: [
        ("/help", Input.command(.help)),
        ("/pomoc", .command(.help)),
        ("  /HELP  ", .command(.help)),
        ("/lang en", .command(.language(.en))),
        ("/lang PL", .command(.language(.pl))),
        ("/język polski", .command(.language(.pl))),
        ("/lang xx", .command(.language(nil))),
        ("/lang", .command(.language(nil))),
        ("/format json", .command(.format(.json))),
        ("/format TEXT", .command(.format(.text))),
        ("/format xml", .command(.format(nil))),
        ("/reset", .command(.reset)),
        ("/quit", .command(.quit)),
        ("/koniec", .command(.quit)),
        ("/login 1234-5678", .command(.login("1234-5678"))),
        ("/anuluj", .command(.cancel)),
        ("/frobnicate now", .command(.unknown("/frobnicate now"))),
        ("/", .command(.unknown("/"))),
        ("jak się zapisać?", .text("jak się zapisać?")),
        ("  spaces  ", .text("spaces")),
    ])
    func parses(_ line: String, _ expected: Input) {
        #expect(Input(line: line) == expected)
    }
}

@Suite("Reply rendering")
struct ReplyRendererTests {
    @Test("text mode ends with a newline and the two-byte prompt")
    func textMode() {
        let reply = Reply(text: "Dzień dobry", language: .pl)
        #expect(ReplyRenderer.render(reply, format: .text, prompt: true) == "Dzień dobry\n> ")
        #expect(ReplyRenderer.render(reply, format: .text, prompt: false) == "Dzień dobry\n")
    }

    @Test("JSON mode is exactly one line with every field, and no prompt")
    func jsonMode() throws {
        let reply = Reply(
            text: "line one\nline \"two\"\t\\ \u{1B}[2J", language: .en, intent: "contact", confidence: 0.8765,
            expecting: "name", choices: ["Kraków", "Krosno"], error: .invalidValue
        )
        let rendered = ReplyRenderer.render(reply, format: .json, prompt: true)
        #expect(rendered.hasSuffix("}\n"))
        #expect(rendered.filter { $0 == "\n" }.count == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["text", "intent", "confidence", "lang", "expecting", "choices", "error"])
        #expect(object["text"] as? String == reply.text)
        #expect(object["intent"] as? String == "contact")
        #expect(object["confidence"] as? Double == 0.877)
        #expect(object["lang"] as? String == "en")
        #expect(object["expecting"] as? String == "name")
        #expect(object["choices"] as? [String] == ["Kraków", "Krosno"])
        #expect(object["error"] as? String == "invalid_value")
    }

    @Test("escaped characters followed by combining marks round-trip scalar for scalar", arguments: [
        "\"\u{301}", "a\\\u{308}b", "\u{1B}\u{301}[2J", "x\n\u{301}\t\u{200D}y", "Zażółć \"gęślą\" jaźń", "\u{202E}abc\u{2066}", "",
    ])
    func jsonEscapingKeepsScalars(_ text: String) throws {
        let rendered = ReplyRenderer.jsonString(text)
        #expect(!rendered.unicodeScalars.contains { ReplyRenderer.isUnsafeForTerminal($0) })
        let decoded = try #require(JSONSerialization.jsonObject(with: Data("[\(rendered)]".utf8)) as? [String])
        #expect(decoded.first.map { Array($0.unicodeScalars) } == Array(text.unicodeScalars))
    }

    @Test("every character up to U+3000, and the byte-order mark, survives JSON and none reaches a terminal raw")
    func jsonEscapingEveryCharacter() throws {
        let scalars = (0..<0x3000).compactMap { Unicode.Scalar(UInt32($0)) } + ["\u{FEFF}", "\u{FFFD}", "🙂"]
        for scalar in scalars {
            let text = "a\(Character(scalar))b"
            let rendered = ReplyRenderer.jsonString(text)
            #expect(!rendered.unicodeScalars.contains { ReplyRenderer.isUnsafeForTerminal($0) }, "U+\(String(scalar.value, radix: 16))")
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(rendered)]".utf8)) as? [String]
            #expect(decoded.map { $0.map { Array($0.unicodeScalars) } } == [Array(text.unicodeScalars)], "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("absent fields are null, choices an empty array")
    func nulls() throws {
        let rendered = ReplyRenderer.json(Reply(text: "x", language: .pl))
        #expect(rendered == #"{"text":"x","intent":null,"confidence":null,"lang":"pl","expecting":null,"choices":[],"error":null}"#)
    }

    @Test(arguments: [(0.0, "0"), (1.0, "1"), (1.7, "1"), (-3, "0"), (0.5, "0.5"), (0.12345, "0.123"), (0.9999, "1"), (Double.nan, "0")])
    func confidence(_ value: Double, _ expected: String) {
        #expect(ReplyRenderer.formatConfidence(value) == expected)
    }
}

@Suite("Rate limiter")
struct RateLimiterTests {
    let second: UInt64 = 1_000_000_000

    @Test("accepts up to the rate, then refuses and notifies once a second")
    func burst() {
        var limiter = RateLimiter(linesPerSecond: 20, closeAfter: 100)
        for _ in 0..<20 { #expect(limiter.admit(atNanoseconds: second) == .accept) }
        #expect(limiter.admit(atNanoseconds: second) == .refuse(notify: true))
        #expect(limiter.admit(atNanoseconds: second) == .refuse(notify: false))
        // Half a second later ten tokens have come back.
        for _ in 0..<10 { #expect(limiter.admit(atNanoseconds: second + second / 2) == .accept) }
    }

    @Test("sustained abuse closes")
    func flood() {
        var limiter = RateLimiter(linesPerSecond: 20, closeAfter: 30)
        var verdicts: [RateLimiter.Verdict] = []
        for index in 0..<60 { verdicts.append(limiter.admit(atNanoseconds: second + UInt64(index))) }
        #expect(verdicts.prefix(20).allSatisfy { $0 == .accept })
        #expect(verdicts.contains(.close))
        #expect(verdicts.firstIndex(of: .close) == 49)
    }

    @Test("a steady 20 lines a second is never refused")
    func steady() {
        var limiter = RateLimiter(linesPerSecond: 20, closeAfter: 100)
        for index in 0..<1_000 {
            #expect(limiter.admit(atNanoseconds: UInt64(index) * second / 20) == .accept)
        }
    }
}
