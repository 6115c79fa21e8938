import Foundation

/// Reads short answers inside a form: yes/no, cancel, back, skip, corrections, names, dates, choices.
/// Everything works on folded text, so "Tak!", "TAK" and "tak." are the same answer.
public enum Answers {
    static let yesWords: Set<String> = [
        "tak", "t", "jasne", "oczywiscie", "zgadzam sie", "zgoda", "ok", "okej", "okay", "dobrze", "potwierdzam",
        "tak zgadzam sie", "tak poprosze", "tak prosze", "yes", "y", "yeah", "yep", "sure", "i agree", "agree",
        "confirm", "correct", "right", "yes please", "of course", "zgadza sie", "wyrazam zgode", "tak jest",
    ]
    static let noWords: Set<String> = [
        "nie", "n", "no", "nope", "nie zgadzam sie", "nie wyrazam zgody", "i disagree", "disagree", "no thanks",
        "nie dziekuje", "not really", "i do not agree", "i don t agree", "nie zgadza sie", "wrong",
    ]
    static let cancelWords: Set<String> = ["anuluj", "cancel", "przerwij", "rezygnuje", "stop", "quit form", "nie chce", "zrezygnuj"]
    static let backWords: Set<String> = ["wstecz", "cofnij", "back", "go back", "wroc", "poprzednie", "previous"]
    static let skipWords: Set<String> = ["pomin", "skip", "nie wiem", "dont know", "don t know", "i don t know", "brak", "none", "nie podam"]

    public static func yesNo(_ text: String) -> Bool? {
        yesNo(folded: TextNormalizer.fold(text))
    }

    /// The same, for text already folded.
    public static func yesNo(folded: String) -> Bool? {
        if yesWords.contains(folded) { return true }
        if noWords.contains(folded) { return false }
        let words = folded.split(separator: " ")
        if let first = words.first, words.count <= 4 {
            if ["tak", "yes", "yeah"].contains(first) { return true }
            if ["nie", "no", "nope"].contains(first) { return false }
        }
        return nil
    }

    /// Phrases that take leave (folded). One of them must be in a line for it to be a goodbye.
    static let farewellPhrases: [[String]] = [
        ["do", "widzenia"], ["dowidzenia"], ["do", "zobaczenia"], ["do", "uslyszenia"], ["na", "razie"], ["narazie"],
        ["pa"], ["papa"], ["zegnam"], ["dobranoc"], ["dobrej", "nocy"], ["to", "wszystko"], ["to", "tyle"],
        ["uciekam"], ["koncze"], ["lece"], ["milego", "dnia"], ["milego", "wieczoru"],
        ["bye"], ["goodbye"], ["good", "bye"], ["byebye"], ["see", "you"], ["see", "ya"], ["cya"], ["good", "night"],
        ["that", "s", "all"], ["that", "is", "all"], ["have", "a", "nice", "day"], ["have", "a", "good", "day"], ["take", "care"],
        ["i", "m", "off"], ["gotta", "go"], ["farewell"], ["cheers"],
    ]
    /// Words that may stand beside a farewell without making the line anything else: thanks,
    /// greetings, politeness, fillers. A line with any other word ("do widzenia, a ile to kosztuje?")
    /// is not a goodbye.
    static let farewellCompanions: Set<String> = [
        "dziekuje", "dziekujemy", "dzieki", "dziekowac", "bardzo", "wielkie", "serdecznie", "pieknie", "za", "pomoc",
        "informacje", "rozmowe", "czesc", "hej", "siema", "no", "i", "a", "ok", "okej", "okay", "dobra", "dobrze",
        "super", "swietnie", "juz", "na", "dzis", "dzisiaj", "tyle", "to", "wszystko", "pani", "panu", "panstwu",
        "wam", "ci", "tobie", "milego", "dnia", "thanks", "thank", "you", "so", "much", "lot", "for", "your", "the",
        "help", "info", "chat", "chatting", "great", "lovely", "nice", "well", "then", "all", "bye", "it", "was",
        "again", "very", "talking", "cheers", "now",
    ]
    /// Lines longer than this are never a bare goodbye.
    static let farewellMaxWords = 12

    /// A line that only takes leave, however it is worded: "dziękuję bardzo, do widzenia",
    /// "to wszystko, cześć", "thanks, bye". Typed in a form it means the resident is leaving.
    public static func isGoodbye(_ text: String) -> Bool {
        isFarewell(words: TextNormalizer.tokens(text))
    }

    static func isFarewell(words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= farewellMaxWords else { return false }
        var covered = [Bool](repeating: false, count: words.count)
        var found = false
        for phrase in farewellPhrases where phrase.count <= words.count {
            for start in 0...(words.count - phrase.count) where Array(words[start..<start + phrase.count]) == phrase {
                found = true
                for index in start..<start + phrase.count { covered[index] = true }
            }
        }
        guard found else { return false }
        return words.indices.allSatisfy { covered[$0] || farewellCompanions.contains(words[$0]) }
    }

    /// The shape of an organiser code as typed: twelve letters or digits, alone or in groups of
    /// four separated by a dash or a space ("7F3K-Q9ZD-M2XA", "7f3k q9zd m2xa"). Nothing else a
    /// resident writes counts as a log-in attempt.
    public static func looksLikeOrganiserCode(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        let groups = trimmed.split(whereSeparator: { $0 == "-" || $0 == " " })
        guard groups.count == 1 || groups.count == 3, groups.allSatisfy({ groups.count == 1 || $0.count == 4 }) else { return false }
        let characters = groups.joined()
        return characters.count == 12 && characters.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    public static func isCancel(_ text: String) -> Bool { cancelWords.contains(TextNormalizer.fold(text)) }
    public static func isBack(_ text: String) -> Bool { backWords.contains(TextNormalizer.fold(text)) }
    public static func isSkip(_ text: String) -> Bool { skipWords.contains(TextNormalizer.fold(text)) }

    /// "zmień kontakt", "popraw imię", "change my email", "wrong name": the field to correct.
    public static func correction(_ text: String) -> String? {
        let words = TextNormalizer.tokens(text)
        guard let verb = words.first, ["zmien", "popraw", "change", "correct", "fix", "edit", "wrong", "zly", "zle", "bledny", "bledne"].contains(verb) || words.contains("zmien") else {
            return nil
        }
        let fields: [(String, [String])] = [
            ("name", ["imie", "nazwisko", "name", "imienia", "nazwiska"]),
            ("contact", ["kontakt", "email", "mail", "telefon", "numer", "contact", "phone", "kontaktu", "adres"]),
            ("district", ["dzielnica", "dzielnice", "district", "osiedle"]),
            ("programme", ["program", "programme", "program", "projekt"]),
        ]
        for (field, names) in fields where words.contains(where: { names.contains($0) }) {
            return field
        }
        return nil
    }

    /// A name introduced inside a sentence: "Jestem Anna Kowalska", "nazywam się …", "my name is …".
    public static func introducedName(in text: String) -> String? {
        let lowered = text.lowercased()
        let markers = ["nazywam się ", "nazywam sie ", "mam na imię ", "mam na imie ", "jestem ", "my name is ", "i am ", "i'm ", "name: ", "imię i nazwisko: ", "imie i nazwisko: "]
        for marker in markers {
            guard let range = lowered.range(of: marker) else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            let rest = text.dropFirst(offset)
            var words: [Substring] = []
            for word in rest.split(separator: " ") {
                let cleaned = word[...].trimmingCharacters(in: ",.;:!?")
                guard isNameWord(cleaned, capitalised: true), words.count < 4 else { break }
                words.append(Substring(cleaned))
                if word.hasSuffix(",") || word.hasSuffix(".") || word.hasSuffix(";") { break }
            }
            if words.count >= 2 { return words.joined(separator: " ") }
        }
        return nil
    }

    /// A whole answer that is a name: letters, spaces, hyphens and apostrophes, two words or more.
    public static func plainName(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()[...].trimmingCharacters(in: ".!")
        let words = trimmed.split(separator: " ")
        guard (2...5).contains(words.count), trimmed.count <= 80, words.allSatisfy({ isNameWord(String($0)) }) else { return nil }
        return words.joined(separator: " ")
    }

    static func isNameWord(_ word: String, capitalised: Bool = false) -> Bool {
        guard let first = word.first, first.isLetter, !capitalised || first.isUppercase else { return false }
        return word.count >= 2 && word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" }
    }

    /// "dziś", "wczoraj", "przedwczoraj", "2026-11-20", "20.11.2026", "20/11/2026"; nil for anything else.
    public static func date(_ text: String, today: CalendarDay) -> CalendarDay? {
        let folded = TextNormalizer.fold(text)
        switch folded {
        case "dzis", "dzisiaj", "today", "": return today
        case "wczoraj", "yesterday": return today.adding(days: -1)
        case "przedwczoraj", "day before yesterday": return today.adding(days: -2)
        default: break
        }
        let trimmed = text.trimmingWhitespace()
        if let iso = CalendarDay(iso: trimmed) { return iso }
        let parts = trimmed.split(whereSeparator: { $0 == "." || $0 == "/" || $0 == "-" })
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 else {
            return nil
        }
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return CalendarDay(iso: "\(year)-\(pad(month))-\(pad(day))")
    }

    /// The choice a reply names: by number ("2"), by name, or by a distinctive word of it.
    public static func choice(_ text: String, among choices: [String]) -> Int? {
        let folded = TextNormalizer.fold(text)
        if let number = Int(folded), (1...choices.count).contains(number) { return number - 1 }
        let words = TextNormalizer.tokens(text)
        let generic: Set<String> = ["osiedle", "dzielnica", "district", "estate", "the", "program", "programme", "centrum"]
        for (index, choice) in choices.enumerated() where TextNormalizer.fold(choice) == folded {
            return index
        }
        for (index, choice) in choices.enumerated() {
            let distinctive = TextNormalizer.tokens(choice).filter { $0.count >= 4 && !generic.contains($0) }
            if distinctive.contains(where: { word in words.contains { $0 == word || ($0.count >= 5 && word.count >= 5 && TextNormalizer.stem($0) == TextNormalizer.stem(word)) } }) {
                return index
            }
        }
        return nil
    }
}
