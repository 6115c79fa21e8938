/// Comparison of secrets (kiosk tokens, code hashes) whose time does not depend on where the
/// two first differ, so that timing tells an attacker nothing about how close a guess was.
public enum ConstantTime {
    /// True when both byte sequences are equal; takes as long for any two of the same length.
    public static func equal(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The same for two texts, over their UTF-8 bytes.
    public static func equal(_ left: String, _ right: String) -> Bool {
        equal(Array(left.utf8), Array(right.utf8))
    }
}
