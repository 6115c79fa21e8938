/// What a PROXY protocol header says about the connection (HAProxy's proxy-protocol.txt).
public enum ProxyHeader: Sendable, Equatable {
    /// The connection the proxy relayed came from this address and port.
    case proxied(source: IPAddress, port: Int)
    /// `PROXY UNKNOWN`, v2 `LOCAL` (the proxy's own health check) or an address family civicd
    /// does not use (UNIX, unspecified): the proxy's own address stands.
    case local
}

/// Why a connection's first bytes are not an acceptable PROXY header: the closed set of metric
/// reasons (`civicd_refusals_total{reason="proxy_…"}`).
public enum ProxyHeaderError: String, Error, Sendable, Equatable, CaseIterable {
    /// The bytes do not begin with either signature (TLS, plain text, nothing at all).
    case missing = "proxy_header_missing"
    /// A signature, then something the protocol does not allow.
    case malformed = "proxy_header_malformed"
    /// A v1 line with no CRLF in 107 bytes, or a v2 header longer than ``ProxyHeaderDecoder/maxV2Bytes``.
    case tooLong = "proxy_header_too_long"
}

/// Decodes the PROXY header at the start of a connection: v1 (`PROXY TCP4 src dst sport dport\r\n`)
/// and v2 (the 12-byte binary signature, version/command, family, length, addresses, TLVs).
/// Pure and total: any bytes give a value, never a crash; it reads at most
/// ``maxV1Bytes`` or ``maxV2Bytes`` and never looks past the header it returns.
public enum ProxyHeaderDecoder {
    /// The longest v1 line the protocol allows, CRLF included.
    public static let maxV1Bytes = 107
    /// The longest v2 header accepted: the 16 fixed bytes and up to 1 KiB of addresses and TLVs
    /// (HAProxy's `send-proxy-v2` sends 12 or 36 bytes of addresses and a few TLVs at most).
    public static let maxV2Bytes = 16 + 1024

    static let v1Signature = Array("PROXY ".utf8)
    static let v2Signature: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A]

    public enum Result: Sendable, Equatable {
        /// Not enough bytes yet to decide.
        case needMore
        /// A whole header, and how many bytes it took (what follows is the client's own stream).
        case header(ProxyHeader, length: Int)
        case refused(ProxyHeaderError)
    }

    public static func decode(_ bytes: some Collection<UInt8>) -> Result {
        let bytes = Array(bytes.prefix(maxV2Bytes + 1))
        if startsWith(bytes, v2Signature) { return decodeV2(bytes) }
        if startsWith(bytes, v1Signature) { return decodeV1(bytes) }
        // Fewer bytes than a signature, all matching one of them so far: wait.
        if bytes.count < v2Signature.count, bytes.elementsEqual(v2Signature.prefix(bytes.count)) { return .needMore }
        if bytes.count < v1Signature.count, bytes.elementsEqual(v1Signature.prefix(bytes.count)) { return .needMore }
        return .refused(.missing)
    }

    private static func startsWith(_ bytes: [UInt8], _ signature: [UInt8]) -> Bool {
        bytes.count >= signature.count && bytes.prefix(signature.count).elementsEqual(signature)
    }

    // MARK: - v1

    private static func decodeV1(_ bytes: [UInt8]) -> Result {
        let window = bytes.prefix(maxV1Bytes)
        guard let lf = window.firstIndex(of: 0x0A) else {
            return bytes.count >= maxV1Bytes ? .refused(.tooLong) : .needMore
        }
        guard lf > 0, bytes[lf - 1] == 0x0D else { return .refused(.malformed) }
        let line = bytes[..<(lf - 1)]
        // Printable US-ASCII only, single spaces between fields.
        guard line.allSatisfy({ (0x20...0x7E).contains($0) }) else { return .refused(.malformed) }
        let fields = line.split(separator: 0x20, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let length = lf + 1
        guard fields.count >= 2, fields[0] == "PROXY" else { return .refused(.malformed) }
        switch fields[1] {
        case "UNKNOWN":
            // The rest of the line is to be ignored.
            return .header(.local, length: length)
        case "TCP4", "TCP6":
            guard fields.count == 6, let source = IPAddress(fields[2]), let destination = IPAddress(fields[3]),
                  source.isV4 == (fields[1] == "TCP4"), destination.isV4 == source.isV4,
                  let sourcePort = port(fields[4]), port(fields[5]) != nil
            else { return .refused(.malformed) }
            return .header(.proxied(source: source, port: sourcePort), length: length)
        default:
            return .refused(.malformed)
        }
    }

    /// A decimal port, 0 to 65535, without leading zeros.
    private static func port(_ text: String) -> Int? {
        guard (1...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }),
              text.count == 1 || !text.hasPrefix("0"), let value = Int(text), value <= 65535 else { return nil }
        return value
    }

    // MARK: - v2

    private static func decodeV2(_ bytes: [UInt8]) -> Result {
        guard bytes.count >= 16 else {
            // The version and command byte can be refused as soon as it arrives.
            if bytes.count > 12, !validVersionAndCommand(bytes[12]) { return .refused(.malformed) }
            return .needMore
        }
        guard validVersionAndCommand(bytes[12]) else { return .refused(.malformed) }
        let addressLength = Int(bytes[14]) << 8 | Int(bytes[15])
        let length = 16 + addressLength
        guard length <= maxV2Bytes else { return .refused(.tooLong) }
        guard bytes.count >= length else { return .needMore }
        let family = bytes[13] >> 4
        let transport = bytes[13] & 0x0F
        guard family <= 3, transport <= 2 else { return .refused(.malformed) }
        if bytes[12] & 0x0F == 0 {
            // LOCAL: the proxy speaking for itself; whatever follows is skipped.
            return .header(.local, length: length)
        }
        let body = bytes[16..<length]
        switch family {
        case 1, 2:
            let size = family == 1 ? 4 : 16
            // Addresses, then the two ports; TLVs after them are skipped.
            guard transport == 1, body.count >= 2 * size + 4 else { return .refused(.malformed) }
            let start = body.startIndex
            guard let source = IPAddress(bytes: Array(body[start..<(start + size)])) else { return .refused(.malformed) }
            let portIndex = start + 2 * size
            let sourcePort = Int(body[portIndex]) << 8 | Int(body[portIndex + 1])
            return .header(.proxied(source: source, port: sourcePort), length: length)
        default:
            // UNSPEC or UNIX: no address civicd can use.
            return .header(.local, length: length)
        }
    }

    /// Version 2, command LOCAL (0) or PROXY (1).
    private static func validVersionAndCommand(_ byte: UInt8) -> Bool {
        byte >> 4 == 2 && byte & 0x0F <= 1
    }
}
