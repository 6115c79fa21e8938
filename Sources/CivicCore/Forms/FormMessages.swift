/// The words of the forms (sign-up, interview note, erasure request, organiser log-in).
public enum FormMessages {
    // MARK: Sign-up
    public static let askProgramme = Localized(pl: "Do którego programu chcesz się zapisać?", en: "Which programme would you like to sign up for?")
    public static let askName = Localized(pl: "Jak się nazywasz? Podaj imię i nazwisko.", en: "What is your name? Please give your first name and surname.")
    public static let askContact = Localized(
        pl: "Jak możemy się z Tobą skontaktować? Podaj e-mail albo numer telefonu.",
        en: "How can we contact you? Give an e-mail address or a phone number."
    )
    public static let askDistrict = Localized(
        pl: "W której dzielnicy mieszkasz lub chcesz działać? ({choices}; albo „pomiń”)",
        en: "Which district do you live in or want to work in? ({choices}; or \"skip\")"
    )
    public static let askConsent = Localized(
        pl: "{notice} (wersja informacji: {version})\nCzy zgadzasz się na przetwarzanie tych danych? (tak/nie)",
        en: "{notice} (notice version: {version})\nDo you agree to this processing of your data? (yes/no)"
    )
    public static let summary = Localized(
        pl: "Sprawdź, proszę:\n  program: {programme}\n  imię i nazwisko: {name}\n  kontakt: {contact}\n  dzielnica: {district}\nCzy wszystko się zgadza i mam Cię zapisać? (tak/nie; możesz też napisać np. „zmień kontakt”)",
        en: "Please check:\n  programme: {programme}\n  name: {name}\n  contact: {contact}\n  district: {district}\nIs everything right, shall I sign you up? (yes/no; or e.g. \"change contact\")"
    )
    public static let nextEditionSuffix = Localized(pl: " – zgłoszenie zainteresowania kolejną edycją", en: " – interest in a next edition")
    public static let savedInterest = Localized(
        pl: "Gotowe – zapisaliśmy Twoje zainteresowanie kolejną edycją (program: {programme}). Twój kod referencyjny: {reference}. Jeśli ruszy nowa edycja, organizatorzy mogą się odezwać przez podany kontakt.",
        en: "Done – your interest in a next edition is recorded (programme: {programme}). Your reference code: {reference}. If a new edition starts, the organisers may get in touch through the contact you gave."
    )
    public static let noDistrict = Localized(pl: "—", en: "—")
    public static let saved = Localized(
        pl: "Gotowe – zapis przyjęty (program: {programme}). Twój kod referencyjny: {reference}. Zachowaj go; przyda się, gdybyś chciał(a) zmienić lub usunąć dane.",
        en: "Done – you are signed up for: {programme}. Your reference code: {reference}. Keep it; you will need it to change or erase your data."
    )
    public static let alreadySignedUp = Localized(
        pl: "Ten kontakt jest już zapisany (program: {programme}), więc nie zapisuję go drugi raz. Kod referencyjny podaliśmy przy tamtym zapisie. Jeśli go nie masz albo to nie Twój zapis, zapytaj:\n{human}",
        en: "This contact is already signed up for: {programme}, so I am not signing it up twice. The reference code was given at that sign-up. If you do not have it, or the sign-up is not yours, ask:\n{human}"
    )
    public static let consentRefused = Localized(
        pl: "Rozumiem. Bez zgody nie mogę Cię zapisać i niczego nie zapisałem. Możesz zapytać o coś innego.",
        en: "Understood. Without your consent I cannot sign you up, and nothing has been stored. Feel free to ask something else."
    )
    public static let signupNotConfirmed = Localized(
        pl: "Co mam poprawić? Napisz np. „zmień kontakt”, „zmień imię”, „zmień dzielnicę” – albo /anuluj.",
        en: "What should I correct? Write e.g. \"change contact\", \"change name\", \"change district\" – or /cancel."
    )
    public static let programmeNotForSignup = Localized(
        pl: "Do tego programu nie prowadzę zapisów w rozmowie. Wybierz jeden z: {choices}.",
        en: "I do not take sign-ups for that programme in this chat. Choose one of: {choices}."
    )

    // MARK: Validation
    public static let invalidName = Localized(
        pl: "To nie wygląda na imię i nazwisko. Napisz je literami, np. „Anna Kowalska”.",
        en: "That does not look like a name. Please write it in letters, e.g. \"Anna Smith\"."
    )
    public static let invalidContact = Localized(
        pl: "Nie rozpoznaję tego kontaktu. Podaj e-mail (np. anna@example.org) albo polski numer telefonu (9 cyfr, np. 600 100 200 lub +48 600 100 200).",
        en: "I do not recognise that contact. Give an e-mail (e.g. anna@example.org) or a Polish phone number (9 digits, e.g. 600 100 200 or +48 600 100 200)."
    )
    public static let invalidChoice = Localized(pl: "Wybierz, proszę, jedną z opcji: {choices}.", en: "Please choose one of: {choices}.")
    public static let invalidYesNo = Localized(pl: "Odpowiedz, proszę, „tak” albo „nie”.", en: "Please answer \"yes\" or \"no\".")
    public static let tooManyAttempts = Localized(
        pl: "Coś nie idzie. Możesz napisać /anuluj, aby przerwać, albo porozmawiać z człowiekiem:\n{human}",
        en: "This is not working. You can type /cancel to stop, or talk to a person:\n{human}"
    )
    public static let cancelled = Localized(pl: "Przerwałem formularz; nic nie zostało zapisane.", en: "Form cancelled; nothing has been stored.")
    public static let cannotSkip = Localized(pl: "Tego pola nie można pominąć.", en: "This field cannot be skipped.")
    public static let consentReminder = Localized(
        pl: "Czy zgadzasz się na przetwarzanie danych według informacji powyżej (wersja {version})? Odpowiedz „tak” albo „nie”.",
        en: "Do you agree to the processing of your data as described above (version {version})? Answer \"yes\" or \"no\"."
    )
    public static let noteNotConfirmed = Localized(
        pl: "Co mam poprawić? Napisz np. „popraw datę na wczoraj”, „zmień dzielnicę”, „popraw notatkę” – albo /anuluj, żeby nie zapisywać.",
        en: "What should I correct? Write e.g. \"change the date to yesterday\", \"change district\", \"change note\" – or /cancel to save nothing."
    )
    public static let noDistricts = Localized(pl: "Ten program nie pyta o dzielnicę.", en: "This programme does not ask for a district.")
    public static let corrected = Localized(pl: "Poprawione.", en: "Changed.")
    /// Says what a correction changed, so that a screen-reader user need not re-read the summary.
    public static let correctedField = Localized(pl: "Poprawione – {field}: {value}.", en: "Changed – {field}: {value}.")
    public static let correctedFieldOnly = Localized(pl: "Poprawione – {field}.", en: "Changed – {field}.")
    /// A longer new value (a note's concerns) is not repeated: the summary shows it.
    static let longestRepeatedValue = 60
    /// The names of the forms' fields, as their summaries print them.
    public static let fieldNames: [String: Localized] = [
        "programme": Localized(pl: "program", en: "programme"),
        "name": Localized(pl: "imię i nazwisko", en: "name"),
        "contact": Localized(pl: "kontakt", en: "contact"),
        "district": Localized(pl: "dzielnica", en: "district"),
        "date": Localized(pl: "data", en: "date"),
        "topic": Localized(pl: "temat", en: "topic"),
        "concerns": Localized(pl: "sprawy", en: "concerns"),
        "recontact_how": Localized(pl: "ponowny kontakt", en: "contact again"),
    ]

    /// "Poprawione – kontakt: +48 600 123 456." (or "Poprawione." for a field without a name here).
    public static func corrected(field: String, value: String, language: Language) -> String {
        guard let name = fieldNames[field] else { return corrected[language] }
        guard !value.isEmpty, value.count <= longestRepeatedValue else { return correctedFieldOnly.format(language, ["field": name[language]]) }
        return correctedField.format(language, ["field": name[language], "value": value])
    }
    public static let nothingBack = Localized(pl: "To pierwsze pytanie – nie ma dokąd wrócić.", en: "This is the first question – there is nothing to go back to.")
    public static let storageFailed = Localized(
        pl: "Przepraszam, nie udało się zapisać (problem techniczny). Nic nie zostało potwierdzone. Spróbuj ponownie („tak”) albo /anuluj.",
        en: "Sorry, saving failed (a technical problem). Nothing has been confirmed. Try again (\"yes\") or /cancel."
    )

    // MARK: Organisers
    public static let loginUsage = Localized(pl: "Użycie: /login KOD", en: "Usage: /login CODE")
    public static let loggedIn = Localized(
        pl: "Zalogowano: {name}. Napisz „nowa notatka”, aby zapisać rozmowę, albo „postęp”, aby zobaczyć licznik.",
        en: "Logged in: {name}. Write \"new note\" to record an interview, or \"progress\" to see your count."
    )
    public static let loginFailed = Localized(
        pl: "Nieprawidłowy kod. Kolejna próba możliwa za {seconds} s. Jeśli kod nie działa, poproś koordynatora programu o nowy.",
        en: "Wrong code. You can try again in {seconds} s. If your code does not work, ask the programme's coordinator for a new one."
    )
    public static let loginWait = Localized(
        pl: "Za szybko po nieudanej próbie logowania. Spróbuj ponownie za {seconds} s. Jeśli to blokuje Twoją pracę, koordynator programu może odblokować logowanie.",
        en: "Too soon after a failed log-in. Try again in {seconds} s. If this blocks your work, the programme's coordinator can unlock log-in."
    )
    public static let loginLocked = Localized(
        pl: "Zbyt wiele nieudanych prób logowania w tej rozmowie – tu logowanie jest już zablokowane. Połącz się ponownie; jeśli kod nie działa, poproś koordynatora programu o nowy.",
        en: "Too many failed log-in attempts in this conversation – log-in is now locked here. Connect again; if your code does not work, ask the programme's coordinator for a new one."
    )
    public static let addressLoginLocked = Localized(
        pl: "Zbyt wiele nieudanych prób logowania z tego adresu – logowanie jest zablokowane na {minutes} min; odblokować je może koordynator programu.",
        en: "Too many failed log-in attempts from this address – log-in is locked for {minutes} min; the programme's coordinator can unlock it."
    )
    public static let askNoteDistrict = Localized(pl: "W której dzielnicy była rozmowa? ({choices})", en: "In which district was the interview? ({choices})")
    public static let askNoteDate = Localized(
        pl: "Kiedy była rozmowa? (np. „dziś”, „wczoraj”, „2026-11-20” albo „20.11.2026”; domyślnie dziś)",
        en: "When was the interview? (e.g. \"today\", \"yesterday\", \"2026-11-20\" or \"20.11.2026\"; default today)"
    )
    public static let invalidDate = Localized(
        pl: "Nie rozumiem tej daty. Napisz „dziś”, „wczoraj” albo datę jak 20.11.2026 (nie z przyszłości).",
        en: "I do not understand that date. Write \"today\", \"yesterday\" or a date like 2026-11-20 (not in the future)."
    )
    public static let askNoteTopic = Localized(pl: "Jaki był temat rozmowy? (krótko)", en: "What was the topic of the conversation? (briefly)")
    public static let askNoteConcerns = Localized(
        pl: "Jakie sprawy i problemy zgłosił mieszkaniec? (do {limit} znaków)",
        en: "What concerns did the resident raise? (up to {limit} characters)"
    )
    public static let concernsTooLong = Localized(
        pl: "To za długie ({count} znaków; limit {limit}). Skróć, proszę.",
        en: "That is too long ({count} characters; limit {limit}). Please shorten it."
    )
    public static let askRecontact = Localized(pl: "Czy mieszkaniec zgodził się na ponowny kontakt? (tak/nie)", en: "Did the resident agree to be contacted again? (yes/no)")
    public static let askRecontactHow = Localized(pl: "Jak można się z nim skontaktować?", en: "How can they be contacted?")
    public static let noteSummary = Localized(
        pl: "Notatka:\n  dzielnica: {district}\n  data: {date}\n  temat: {topic}\n  sprawy: {concerns}\n  ponowny kontakt: {recontact}\nZapisać? (tak/nie)",
        en: "Note:\n  district: {district}\n  date: {date}\n  topic: {topic}\n  concerns: {concerns}\n  contact again: {recontact}\nSave it? (yes/no)"
    )
    public static let noteSaved = Localized(
        pl: "Notatka zapisana (nr {number}). {progress}",
        en: "Note saved (no. {number}). {progress}"
    )
    public static let progress = Localized(
        pl: "{done} z {target} rozmów; raport do {deadline}",
        en: "{done} of {target} interviews; report due {deadline}"
    )
    public static let notLoggedIn = Localized(
        pl: "Postęp widzą zalogowani organizatorzy. Zaloguj się: /login KOD",
        en: "Progress is shown to logged-in organisers. Log in: /login CODE"
    )
    public static let yes = Localized(pl: "tak", en: "yes")
    public static let no = Localized(pl: "nie", en: "no")

    // MARK: Erasure
    public static let askErasureReference = Localized(
        pl: "Aby poprosić o usunięcie danych, podaj kod referencyjny z zapisu (np. KR-7F3K).",
        en: "To ask for your data to be erased, give the reference code from your sign-up (e.g. KR-7F3K)."
    )
    public static let askErasureContact = Localized(
        pl: "Podaj też kontakt (e-mail lub telefon), który był w zapisie.",
        en: "Also give the contact (e-mail or phone) used in the sign-up."
    )
    public static let invalidReference = Localized(
        pl: "Kod ma postać dwóch liter, myślnika i czterech znaków, np. KR-7F3K.",
        en: "A code looks like two letters, a dash and four characters, e.g. KR-7F3K."
    )
    public static let erasureRecorded = Localized(
        pl: "Przyjąłem prośbę o usunięcie danych. Pracownik ją rozpatrzy; dane zostaną usunięte, jeśli kod i kontakt się zgadzają.",
        en: "Your erasure request is recorded. Staff will handle it; the data will be erased if the code and contact match."
    )
}
