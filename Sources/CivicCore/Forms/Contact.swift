/// A resident's contact: an e-mail address or a phone number, validated and written one way.
public enum Contact: Sendable, Hashable, CustomStringConvertible {
    case email(String)
    /// Nine national digits (the +48 prefix implied).
    case phone(String)
    /// A number abroad, in E.164: the country code and the number, digits only ("380501234567").
    case internationalPhone(String)

    /// The two-digit starts of Polish mobile (and non-geographic) numbers, written 3-3-3; every
    /// other start is a landline's area code, written 2-3-2-2 as its owners write it.
    static let mobilePrefixes: Set<String> = ["45", "50", "51", "53", "57", "60", "66", "69", "70", "72", "73", "78", "79", "80", "88"]
    /// E.164's longest number, in digits with the country code.
    static let maxInternationalDigits = 15
    static let minInternationalDigits = 8

    /// Reads an e-mail address or a phone number as people type them ("Anna@Example.org",
    /// "+48 600-100-200", "0048 600100200", "(13) 474 30 01", "+380 50 123 4567").
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        if let email = Self.email(trimmed) {
            self = .email(email)
        } else if let phone = Self.parsePhone(trimmed) {
            self = phone
        } else {
            return nil
        }
    }

    /// The form stored, compared and shown: lower-case e-mail; a Polish mobile
    /// `+48 600 100 200`, a landline `+48 12 634 56 78`; a number abroad `+380501234567`.
    public var description: String {
        switch self {
        case .email(let address): return address
        case .phone(let digits):
            let d = Array(digits)
            func part(_ range: Range<Int>) -> String { String(d[range]) }
            if Self.mobilePrefixes.contains(part(0..<2)) {
                return "+48 \(part(0..<3)) \(part(3..<6)) \(part(6..<9))"
            }
            return "+48 \(part(0..<2)) \(part(2..<5)) \(part(5..<7)) \(part(7..<9))"
        case .internationalPhone(let digits):
            return "+" + digits
        }
    }

    /// Finds the first e-mail address or phone number inside a longer message.
    public static func find(in text: String) -> Contact? {
        locate(in: text)?.contact
    }

    /// The first e-mail address or phone number inside a message, and the message without it
    /// ("Anna Kowalska, anna@example.org" → the address and "Anna Kowalska, ").
    public static func locate(in text: String) -> (contact: Contact, rest: String)? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }) {
            let candidate = word.trimmingCharacters(in: "()<>.,;:!?\"'")
            if let email = email(candidate) {
                return (.email(email), String(text[..<word.startIndex] + text[word.endIndex...]))
            }
        }
        // Phone numbers are spread over several words: look at digit runs.
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isNumber || text[index] == "+" else {
                index = text.index(after: index)
                continue
            }
            var end = index
            var digits = 0
            while end < text.endIndex, text[end].isNumber || " -+()".contains(text[end]) {
                if text[end].isNumber { digits += 1 }
                end = text.index(after: end)
            }
            if digits >= 9, let phone = parsePhone(String(text[index..<end]).trimmingWhitespace()) {
                return (phone, String(text[..<index] + text[end...]))
            }
            index = end
        }
        return nil
    }

    static func email(_ text: String) -> String? {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, lowered.count <= 254 else { return nil }
        let local = parts[0]
        let domain = parts[1]
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?^_`{|}~-")
        guard !local.isEmpty, local.count <= 64, local.allSatisfy({ localAllowed.contains($0) }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return nil }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return nil }
        }
        return lowered
    }

    static func parsePhone(_ text: String) -> Contact? {
        guard text.allSatisfy({ $0.isNumber || " -()+.".contains($0) }) else { return nil }
        var digits = text.filter(\.isNumber).map { String($0) }.joined()
        guard digits.allSatisfy(\.isASCII) else { return nil }
        if text.hasPrefix("+48") || (digits.hasPrefix("48") && digits.count == 11) {
            digits.removeFirst(2)
        } else if digits.hasPrefix("0048") && digits.count == 13 {
            digits.removeFirst(4)
        } else if text.hasPrefix("+") || (text.hasPrefix("00") && digits.count > 11) {
            // A number abroad: E.164, a country code (not 0) and at most 15 digits in all.
            if text.hasPrefix("00") { digits.removeFirst(2) }
            guard (Self.minInternationalDigits...Self.maxInternationalDigits).contains(digits.count), digits.first != "0" else { return nil }
            return .internationalPhone(digits)
        }
        guard digits.count == 9, digits.first != "0" else { return nil }
        return .phone(digits)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var view = self[...]
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
