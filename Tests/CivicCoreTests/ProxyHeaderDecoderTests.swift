import Testing
@testable import CivicCore

/// One input and what the decoder must say of it, whole.
struct ProxyFixture: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var expected: ProxyHeaderDecoder.Result
    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8], _ expected: ProxyHeaderDecoder.Result) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }

    init(_ name: String, _ text: String, _ expected: ProxyHeaderDecoder.Result) {
        self.init(name, Array(text.utf8), expected)
    }
}

func ip(_ text: String) -> IPAddress { IPAddress(text)! }

let v2Signature: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A]

/// A v2 header: command (0 LOCAL, 1 PROXY), family/transport byte, then the body.
func v2(command: UInt8 = 1, family: UInt8, _ body: [UInt8]) -> [UInt8] {
    v2Signature + [0x20 | command, family, UInt8(body.count >> 8), UInt8(body.count & 0xff)] + body
}

let v4Body: [UInt8] = [192, 0, 2, 10, 198, 51, 100, 1, 0xDB, 0xF4, 0x1D, 0x13]   // 192.0.2.10:56308 → 198.51.100.1:7443
let v6Body: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [0x07]
    + [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [0x01] + [0x30, 0x39, 0x1D, 0x13]
/// Two TLVs (ALPN "h2", a NOOP of 3 bytes) after the addresses.
let tlvs: [UInt8] = [0x01, 0x00, 0x02, 0x68, 0x32, 0x04, 0x00, 0x03, 0, 0, 0]

let proxyFixtures: [ProxyFixture] = [
    // v1
    .init("v1 TCP4", "PROXY TCP4 192.0.2.10 198.51.100.1 56308 7443\r\n", .header(.proxied(source: ip("192.0.2.10"), port: 56308), length: 47)),
    .init("v1 TCP6, upper case, printed canonical", "PROXY TCP6 2001:DB8:0:0::7 2001:db8::1 12345 7443\r\n",
          .header(.proxied(source: ip("2001:db8::7"), port: 12345), length: 51)),
    .init("v1 UNKNOWN: the proxy's own address", "PROXY UNKNOWN\r\n", .header(.local, length: 15)),
    .init("v1 UNKNOWN with addresses ignored", "PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n", .header(.local, length: 35)),
    .init("v1 then TLS bytes: only the line is the header", Array("PROXY TCP4 192.0.2.10 198.51.100.1 1 2\r\n".utf8) + [0x16, 0x03, 0x01],
          .header(.proxied(source: ip("192.0.2.10"), port: 1), length: 40)),
    .init("v1 truncated", "PROXY TCP4 192.0.2.10 198.51", .needMore),
    .init("v1 signature only in part", "PROX", .needMore),
    .init("v1 LF without CR", "PROXY TCP4 192.0.2.10 198.51.100.1 1 2\n", .refused(.malformed)),
    .init("v1 TCP4 with an IPv6 address", "PROXY TCP4 2001:db8::1 198.51.100.1 1 2\r\n", .refused(.malformed)),
    .init("v1 an address out of range", "PROXY TCP4 192.0.2.300 198.51.100.1 1 2\r\n", .refused(.malformed)),
    .init("v1 a leading zero", "PROXY TCP4 192.0.2.010 198.51.100.1 1 2\r\n", .refused(.malformed)),
    .init("v1 a port out of range", "PROXY TCP4 192.0.2.10 198.51.100.1 65536 2\r\n", .refused(.malformed)),
    .init("v1 a missing field", "PROXY TCP4 192.0.2.10 198.51.100.1 1\r\n", .refused(.malformed)),
    .init("v1 two spaces", "PROXY TCP4  192.0.2.10 198.51.100.1 1 2\r\n", .refused(.malformed)),
    .init("v1 an unknown protocol", "PROXY UDP4 192.0.2.10 198.51.100.1 1 2\r\n", .refused(.malformed)),
    .init("v1 a control byte", Array("PROXY TCP4 192.0.2.10 198.51.100.1 1 2".utf8) + [0x00, 0x0D, 0x0A], .refused(.malformed)),
    .init("v1 over 107 bytes without CRLF", "PROXY TCP6 " + String(repeating: "f", count: 100), .refused(.tooLong)),
    .init("v1 CRLF after byte 107 is too late", "PROXY UNKNOWN " + String(repeating: "x", count: 93) + "\r\n", .refused(.tooLong)),
    .init("v1 the longest allowed line", "PROXY UNKNOWN " + String(repeating: "x", count: 91) + "\r\n", .header(.local, length: 107)),
    // v2
    .init("v2 IPv4", v2(family: 0x11, v4Body), .header(.proxied(source: ip("192.0.2.10"), port: 56308), length: 28)),
    .init("v2 IPv6", v2(family: 0x21, v6Body), .header(.proxied(source: ip("2001:db8::7"), port: 12345), length: 52)),
    .init("v2 IPv4 with TLVs skipped", v2(family: 0x11, v4Body + tlvs) + [0x16, 0x03],
          .header(.proxied(source: ip("192.0.2.10"), port: 56308), length: 28 + tlvs.count)),
    .init("v2 LOCAL: the proxy's own address", v2(command: 0, family: 0x00, []), .header(.local, length: 16)),
    .init("v2 LOCAL with addresses ignored", v2(command: 0, family: 0x11, v4Body), .header(.local, length: 28)),
    .init("v2 UNSPEC family", v2(family: 0x00, []), .header(.local, length: 16)),
    .init("v2 UNIX family", v2(family: 0x31, Array(repeating: 0x41, count: 216)), .header(.local, length: 232)),
    .init("v2 truncated in the fixed part", Array(v2(family: 0x11, v4Body).prefix(14)), .needMore),
    .init("v2 truncated in the addresses", Array(v2(family: 0x11, v4Body).prefix(20)), .needMore),
    .init("v2 signature in part", Array(v2Signature.prefix(5)), .needMore),
    .init("v2 version 1", v2Signature + [0x11, 0x11, 0, 12] + v4Body, .refused(.malformed)),
    .init("v2 bad version refused at once", v2Signature + [0x31], .refused(.malformed)),
    .init("v2 command 2", v2Signature + [0x22, 0x11, 0, 12] + v4Body, .refused(.malformed)),
    .init("v2 addresses shorter than the family needs", v2(family: 0x21, v4Body), .refused(.malformed)),
    .init("v2 UDP", v2(family: 0x12, v4Body), .refused(.malformed)),
    .init("v2 family 4", v2(family: 0x41, v4Body), .refused(.malformed)),
    .init("v2 longer than 1 KiB", v2Signature + [0x21, 0x11, 0x04, 0x01], .refused(.tooLong)),
    // Not a header
    .init("TLS ClientHello", [0x16, 0x03, 0x01, 0x02, 0x00, 0x01], .refused(.missing)),
    .init("plain text", "hello\r\n", .refused(.missing)),
    .init("lower-case proxy", "proxy TCP4 192.0.2.10 198.51.100.1 1 2\r\n", .refused(.missing)),
    .init("nothing yet", [], .needMore),
]

@Suite("PROXY header decoder")
struct ProxyHeaderDecoderTests {
    @Test("fixtures, whole", arguments: proxyFixtures)
    func whole(_ fixture: ProxyFixture) {
        #expect(ProxyHeaderDecoder.decode(fixture.bytes) == fixture.expected)
    }

    @Test("fixtures, every prefix: wait, or the same refusal, never a different header", arguments: proxyFixtures)
    func prefixes(_ fixture: ProxyFixture) {
        for cut in 0..<fixture.bytes.count {
            let partial = ProxyHeaderDecoder.decode(fixture.bytes.prefix(cut))
            switch (partial, fixture.expected) {
            case (.needMore, _): continue
            case (.refused(let early), .refused(let whole)): #expect(early == whole, "cut at \(cut)")
            case (.header(let header, let length), .header(let expected, let expectedLength)):
                // A complete header in a prefix is the same header (the bytes after it are the client's).
                #expect(header == expected && length == expectedLength && length <= cut, "cut at \(cut)")
            default: Issue.record("cut at \(cut): \(partial), whole: \(fixture.expected)")
            }
        }
    }

    @Test("random bytes after either signature never crash and never ask for more than the bound")
    func garbage() {
        var random = SplitMix64(seed: 18)
        for round in 0..<5_000 {
            let count = Int(random.next() % 300)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            switch round % 3 {
            case 0: bytes = Array("PROXY ".utf8) + bytes
            case 1: bytes = v2Signature + bytes
            default: break
            }
            let result = ProxyHeaderDecoder.decode(bytes)
            if case .header(_, let length) = result { #expect(length <= bytes.count) }
            if case .needMore = result {
                #expect(bytes.count < ProxyHeaderDecoder.maxV2Bytes, "a bounded read: \(bytes.count) bytes and still waiting")
            }
        }
        // A v1 line never waits past 107 bytes.
        #expect(ProxyHeaderDecoder.decode(Array("PROXY ".utf8) + Array(repeating: 0x41, count: 101)) == .refused(.tooLong))
    }

    @Test("addresses print as inet_ntop does", arguments: [
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"), ("::", "::"), ("::1", "::1"),
        ("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"), ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:1:1:1:1:1:0", "2001:db8:1:1:1:1:1:0"), ("::ffff:192.0.2.1", "::ffff:192.0.2.1"), ("0.0.0.0", "0.0.0.0"),
    ])
    func printing(_ text: String, _ printed: String) {
        #expect(IPAddress(text)?.description == printed)
    }

    @Test("not addresses", arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.1.1.1", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "::g", "1.2.3.4/8", " 1.2.3.4"])
    func notAddresses(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("trusted proxies: addresses and networks, IPv4 peers seen as IPv4-mapped IPv6")
    func ranges() throws {
        let network = try #require(AddressRange("10.0.0.0/8"))
        #expect(network.contains(ip("10.200.3.4")) && !network.contains(ip("11.0.0.1")))
        #expect(network.contains(ip("::ffff:10.1.2.3")), "a listener on :: sees IPv4 peers mapped")
        let one = try #require(AddressRange("192.0.2.7"))
        #expect(one.contains(ip("192.0.2.7")) && !one.contains(ip("192.0.2.8")))
        let six = try #require(AddressRange("2001:db8::/32"))
        #expect(six.contains(ip("2001:db8:ffff::1")) && !six.contains(ip("2001:db9::1")) && !six.contains(ip("10.0.0.1")))
        let odd = try #require(AddressRange("192.0.2.128/25"))
        #expect(odd.contains(ip("192.0.2.200")) && !odd.contains(ip("192.0.2.127")))
        #expect(AddressRange("10.0.0.1/8") == nil, "bits after the prefix")
        #expect(AddressRange("10.0.0.0/33") == nil && AddressRange("10.0.0.0/") == nil && AddressRange("nonsense") == nil)
        #expect(AddressRange("0.0.0.0/0")?.contains(ip("203.0.113.9")) == true)
    }
}
