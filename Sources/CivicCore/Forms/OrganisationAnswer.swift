/// Reads the organisation a sign-up is made for, for programmes whose topic has
/// `organisations: true` (an NGO joining the coalition): "Stowarzyszenie Sąsiedzki Nadodrze",
/// "w imieniu Fundacji Zielone Podwórko", "tak, Klub Seniora", or "nie, prywatnie". The name is
/// kept as typed (an inflected "Fundacji …" stays so; staff read it, no one parses it).
enum OrganisationAnswer: Equatable {
    /// The sign-up is for the person alone.
    case none
    case named(String)

    /// Longest organisation name kept; a longer line is not a name.
    static let longestName = 120

    /// Answers that mean "no organisation", as whole answers.
    static let noneAnswers: Set<String> = [
        "nie", "nie dotyczy", "brak", "prywatnie", "sam", "sama", "tylko ja", "ja sam", "ja sama", "osobiscie",
        "we wlasnym imieniu", "w swoim imieniu", "w moim imieniu", "nie z organizacji", "nie reprezentuje organizacji",
        "no", "none", "n a", "na", "just me", "myself", "for myself", "only me", "privately", "private", "not an organisation",
        "not an organization", "no organisation", "no organization", "on my own", "just myself",
    ]

    /// Phrases after which the organisation's name follows: "w imieniu Fundacji X".
    static let markers = [
        "w imieniu ", "z ramienia ", "reprezentuję ", "reprezentuje ", "jestem z ", "jesteśmy z ", "jestesmy z ",
        "on behalf of ", "representing ", "i represent ", "we are ", "i'm from ", "i am from ", "we're from ", "we are from ",
    ]

    /// Words that name a kind of organisation (folded): a part of a line that starts with one is
    /// an organisation's name, not a person's.
    static let kindWords: Set<String> = CommonWords.words([
        "stowarzyszenie", "stowarzyszenia", "fundacja", "fundacji", "organizacja", "organizacji", "grupa", "grupy",
        "klub", "klubu", "kolo", "kola", "rada", "rady", "towarzystwo", "towarzystwa", "spoldzielnia", "spoldzielni",
        "zwiazek", "zwiazku", "parafia", "parafii", "ngo", "federacja", "federacji", "forum", "inicjatywa", "inicjatywy",
        "koalicja", "koalicji", "komitet", "komitetu", "wspolnota", "wspolnoty",
        "association", "foundation", "organisation", "organization", "group", "club", "society", "council", "network",
        "federation", "initiative", "cooperative", "co-op", "charity", "coalition", "committee", "trust",
    ], ukrainian: [
        "фонд", "фонду", "громадська", "громадське", "громадської", "громадського", "організація", "організації", "асоціація",
        "асоціації", "спілка", "спілки", "товариство", "товариства", "ініціатива", "ініціативи", "рада", "ради", "клуб", "клубу",
        "коаліція", "коаліції", "благодійний", "благодійна", "благодійного",
        // Russian
        "общественная", "общественной", "организация", "ассоциация", "союз", "благотворительный",
    ])

    /// English kinds that end an organisation's name ("the Nadodrze Residents' Association").
    static let trailingKindWords: Set<String> = [
        "association", "foundation", "society", "council", "coalition", "group", "club", "network", "trust", "charity", "committee",
        "collective", "initiative",
    ]

    /// What introduces the contact person after an organisation's name ("Fundacja X, osoba
    /// kontaktowa Anna Nowak"), as typed in lower case; the longer first.
    static let personMarkers = [
        "osoba kontaktowa", "osoba do kontaktu", "osobą kontaktową jest", "osoba kontaktowa:", "kontaktowa", "kontakt:", "reprezentuje",
        "contact person", "contact person:", "contact:", "represented by",
        "контактна особа", "контактна особа:", "контактное лицо", "представник", "представниця",
    ].sorted { $0.count > $1.count }

    /// Lead-ins before an organisation's name at the start of a line ("w imieniu Fundacji X").
    static let leadingMarkers = [
        "w imieniu ", "z ramienia ", "jestem z ", "jesteśmy z ", "jestesmy z ", "on behalf of ", "representing ", "we are from ",
        "i'm from ", "i am from ", "від імені ", "ми з ", "я з ", "от имени ",
    ]

    /// An organisation's name at the head of an answer to the name question — "Fundacja Podwórko
    /// Nadodrze, osoba kontaktowa Agnieszka Wróbel", "Громадська організація «Сусіди»", "the
    /// Riverside Residents' Association" — and what follows it, where the contact person's name
    /// may be. Nil when the line does not start with (or, in English, end with) a kind of organisation.
    static func leading(in text: String) -> (organisation: String, rest: String)? {
        var body = text.trimmingWhitespace()
        let lowered = body.lowercased()
        if let marker = leadingMarkers.first(where: { lowered.hasPrefix($0) }) {
            body = String(body.dropFirst(marker.count))
        }
        let words = TextNormalizer.tokens(body)
        guard let first = words.first else { return nil }
        let startsWithKind = kindWords.contains(first) || (first == "the" && words.count > 1 && kindWords.contains(words[1]))
        // The first clause is the organisation, up to a comma or a dash — or a marker of the person.
        let end = body.firstIndex { ",;(–—".contains($0) } ?? body.endIndex
        var part = String(body[..<end])
        var rest = String(body[end...])
        let lowerPart = part.lowercased()
        if let marker = personMarkers.first(where: { lowerPart.contains(" " + $0 + " ") }), let range = lowerPart.range(of: " " + marker + " ") {
            let offset = lowerPart.distance(from: lowerPart.startIndex, to: range.lowerBound)
            rest = String(part.dropFirst(offset)) + rest
            part = String(part.prefix(offset))
        }
        let partWords = part.split(separator: " ")
        let endsWithKind = partWords.count >= 2 && partWords.allSatisfy { $0.first?.isUppercase == true || $0 == "the" }
            && TextNormalizer.tokens(part).last.map(trailingKindWords.contains) == true
        guard startsWithKind || endsWithKind, let organisation = name(Substring(part)) else { return nil }
        rest = rest.trimmingWhitespace()[...].trimmingCharacters(in: ",;:()–—- ")
        let lowerRest = rest.lowercased()
        if let marker = personMarkers.first(where: { lowerRest.hasPrefix($0) }) {
            rest = String(rest.dropFirst(marker.count))[...].trimmingCharacters(in: ",;:()–—- ")
        }
        return (organisation, rest)
    }

    /// Reads a whole answer to "on behalf of which organisation?". Nil when the line gives no
    /// usable name (a bare "tak", a contact, a line too long to be a name).
    static func read(_ text: String) -> OrganisationAnswer? {
        let folded = TextNormalizer.fold(text)
        if noneAnswers.contains(folded) || Answers.isSkip(text) { return OrganisationAnswer.none }
        let words = TextNormalizer.tokens(text)
        // "nie, tylko ja" / "no, just me": a no followed by nothing that is a name.
        if let first = words.first, ["nie", "no"].contains(first), noneAnswers.contains(words.dropFirst().joined(separator: " ")) {
            return OrganisationAnswer.none
        }
        if let marked = afterMarker(text) { return .named(marked) }
        var rest = Substring(text.trimmingWhitespace())
        // "tak, Stowarzyszenie X" / "yes: Club Y": the yes is not part of the name.
        if let first = words.first, Answers.yesWords.contains(first), words.count > 1,
           let separator = rest.firstIndex(where: { $0 == "," || $0 == ":" || $0 == "-" || $0 == "–" || $0 == " " }) {
            rest = rest[rest.index(after: separator)...]
        }
        return name(rest).map(OrganisationAnswer.named)
    }

    /// The organisation named inside another answer: after a marker ("…, w imieniu Fundacji X"),
    /// or a comma-separated part that starts with a kind of organisation ("Magdalena Kowalczyk,
    /// Stowarzyszenie Sąsiedzki Nadodrze"). `text` has had its contact taken out.
    static func mentioned(in text: String) -> String? {
        if let marked = afterMarker(text) { return marked }
        for part in text.split(separator: ",").dropFirst() {
            let trimmed = String(part).trimmingWhitespace()
            if let first = TextNormalizer.tokens(trimmed).first, kindWords.contains(first), let found = name(Substring(trimmed)) {
                return found
            }
        }
        return nil
    }

    /// What follows a marker, up to the end of its clause.
    private static func afterMarker(_ text: String) -> String? {
        let lowered = text.lowercased()
        for marker in markers {
            guard let range = lowered.range(of: marker) else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            let clause = text.dropFirst(offset).prefix { $0 != "," && $0 != ";" && $0 != "." && $0 != "?" && $0 != "!" }
            // "jestem z Krosna" names a town, not an organisation: the marker needs a kind word
            // unless it says "on behalf of" outright.
            let strong = ["w imieniu ", "z ramienia ", "on behalf of ", "representing ", "i represent ", "reprezentuję ", "reprezentuje "].contains(marker)
            guard strong || TextNormalizer.tokens(String(clause)).first.map(kindWords.contains) == true else { continue }
            if let found = name(clause) { return found }
        }
        return nil
    }

    /// A part of a line as an organisation's name: letters in it, no contact, not too long.
    private static func name(_ text: Substring) -> String? {
        let trimmed = String(text).trimmingWhitespace()[...].trimmingCharacters(in: ",;:.!-– ")
        guard !trimmed.isEmpty, trimmed.count <= longestName, trimmed.contains(where: \.isLetter),
              !trimmed.contains("@"), Contact.find(in: trimmed) == nil else { return nil }
        let words = TextNormalizer.tokens(trimmed)
        // A bare yes or no is not a name.
        guard !(words.count == 1 && (Answers.yesWords.contains(words[0]) || Answers.noWords.contains(words[0]))) else { return nil }
        return trimmed
    }
}
