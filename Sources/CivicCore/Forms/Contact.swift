/// A resident's contact: an e-mail address or a Polish phone number, validated and written one way.
public enum Contact: Sendable, Hashable, CustomStringConvertible {
    case email(String)
    /// Nine national digits (the +48 prefix implied).
    case phone(String)

    /// Reads an e-mail address or a Polish phone number as people type them
    /// ("Anna@Example.org", "+48 600-100-200", "0048 600100200", "(13) 474 30 01").
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        if let email = Self.email(trimmed) {
            self = .email(email)
        } else if let phone = Self.phone(trimmed) {
            self = .phone(phone)
        } else {
            return nil
        }
    }

    /// The form stored and compared: lower-case e-mail, or `+48 600 100 200`.
    public var description: String {
        switch self {
        case .email(let address): return address
        case .phone(let digits):
            let characters = Array(digits)
            return "+48 \(String(characters[0..<3])) \(String(characters[3..<6])) \(String(characters[6..<9]))"
        }
    }

    /// Finds the first e-mail address or phone number inside a longer message.
    public static func find(in text: String) -> Contact? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }) {
            let candidate = word.trimmingCharacters(in: "()<>.,;:!?\"'")
            if let email = email(candidate) { return .email(email) }
        }
        // Phone numbers are spread over several words: look at digit runs.
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            if characters[index].isNumber || characters[index] == "+" {
                var end = index
                var digits = 0
                while end < characters.count, characters[end].isNumber || " -+()".contains(characters[end]) {
                    if characters[end].isNumber { digits += 1 }
                    end += 1
                }
                if digits >= 9, let phone = phone(String(characters[index..<end]).trimmingWhitespace()) {
                    return .phone(phone)
                }
                index = end
            } else {
                index += 1
            }
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

    static func phone(_ text: String) -> String? {
        guard text.allSatisfy({ $0.isNumber || " -()+.".contains($0) }) else { return nil }
        var digits = text.filter(\.isNumber).map { String($0) }.joined()
        guard digits.allSatisfy(\.isASCII) else { return nil }
        if text.hasPrefix("+48") || (digits.hasPrefix("48") && digits.count == 11) {
            digits.removeFirst(2)
        } else if digits.hasPrefix("0048") && digits.count == 13 {
            digits.removeFirst(4)
        } else if text.hasPrefix("+") {
            return nil  // a foreign number
        }
        guard digits.count == 9, digits.first != "0" else { return nil }
        return digits
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
