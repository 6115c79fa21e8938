/// Reference codes: two letters, a dash and four characters of Crockford's base 32 (no I, L, O, U).
public enum ReferenceCode {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make(prefix: String, randomBits: UInt32) -> String {
        var value = randomBits
        var suffix = ""
        for _ in 0..<4 {
            suffix.append(alphabet[Int(value % 32)])
            value /= 32
        }
        return "\(prefix)-\(suffix)"
    }

    /// Reads a code as typed ("kr-7f3k", "KR 7F3K", "KR7F3K"); nil when it cannot be one.
    public static func parse(_ text: String) -> String? {
        let cleaned = text.uppercased().filter { $0.isLetter || $0.isNumber }
        guard cleaned.count == 6 else { return nil }
        let letters = cleaned.prefix(2)
        let rest = cleaned.dropFirst(2)
        guard letters.allSatisfy({ $0.isASCII && $0.isLetter }),
              rest.allSatisfy({ alphabet.contains($0) })
        else { return nil }
        return "\(letters)-\(rest)"
    }

    /// The prefix for a programme: the first letters of its city, e.g. "KR" for Kraków and Krosno.
    public static func prefix(forTopic topic: String, city: String?) -> String {
        let source = TextNormalizer.fold(city ?? topic).uppercased().filter { $0.isLetter }
        return String((source + "XX").prefix(2))
    }
}
