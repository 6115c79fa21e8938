import CivicCore

/// The words of `civicd admin erase`, in the staff language (`staff_language`), so that the
/// plan, the question and the result read in one language.
public enum ErasureTexts {
    public static let willErase = Localized(staffPL: "Zostanie usunięte:", en: "Will erase:")
    public static let signup = Localized(staffPL: "zapis {reference} ({programme}, {created}): imię i nazwisko {name}, kontakt {contact}",
                                         en: "sign-up {reference} ({programme}, {created}): name {name}, contact {contact}")
    public static let note = Localized(staffPL: "notatka {id} ({date}, {organiser}): temat, sprawy i dane do ponownego kontaktu {how}",
                                       en: "note {id} ({date}, {organiser}): topic, concerns and re-contact details {how}")
    public static let request = Localized(staffPL: "wniosek o usunięcie {id} ({reference}): oznaczony jako załatwiony, kontakt usunięty",
                                          en: "erasure request {id} ({reference}): marked handled, contact removed")
    public static let erased = Localized(staffPL: "usunięto zapisy: {signups}{references}; notatki: {notes}",
                                         en: "erased {signups} sign-up(s){references} and {notes} note(s)")

    /// The result line: how many sign-ups (with their codes) and notes lost their personal data.
    public static func erasedLine(signups: [String], notes: Int, language: Language) -> String {
        erased.format(language, [
            "signups": String(signups.count),
            "references": signups.isEmpty ? "" : " (" + signups.joined(separator: ", ") + ")",
            "notes": String(notes),
        ])
    }
}
