import CivicCore
import Crypto
import Foundation

/// Organiser access codes: 12 characters of Crockford base 32 (60 bits) shown as
/// `XXXX-XXXX-XXXX`, stored as SHA-256 of a 16-byte random salt and the code. With 60 random bits
/// a fast salted hash is enough offline, and log-in attempts are throttled online.
public enum OrganiserCode {
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<12).map { _ in ReferenceCode.alphabet[Int(generator.next(upperBound: UInt32(32)))] }
        return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    static func salt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Upper case without separators, with the look-alikes Crockford allows (O→0, I/L→1).
    public static func normalize(_ code: String) -> String {
        String(code.uppercased().compactMap { character -> Character? in
            switch character {
            case "O": return "0"
            case "I", "L": return "1"
            case "-", " ": return nil
            default: return character
            }
        })
    }

    /// SHA-256 of the salt and the normalised code: the one salted hash civicd stores.
    static func hash(_ code: String, salt: Data) -> Data {
        hash(normalized: normalize(code), salt: salt)
    }

    static func hash(normalized code: String, salt: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Data(code.utf8))
        return Data(hasher.finalize())
    }

    static func matches(_ normalizedCode: String, salt: Data, hash stored: Data) -> Bool {
        ConstantTime.equal(hash(normalized: normalizedCode, salt: salt), stored)
    }
}
