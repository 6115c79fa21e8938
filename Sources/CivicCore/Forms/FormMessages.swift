/// The words of the forms (sign-up, interview note, erasure request, organiser log-in).
public enum FormMessages {
    // MARK: Sign-up
    public static let askProgramme = Localized(pl: "Do którego programu chcesz się zapisać?", en: "Which programme would you like to sign up for?", uk: "На яку програму ви хочете записатися?")
    public static let askName = Localized(pl: "Jak się nazywasz? Podaj imię i nazwisko.", en: "What is your name? Please give your first name and surname.", uk: "Як вас звати? Вкажіть ім’я та прізвище.")
    public static let askContact = Localized(
        pl: "Jak możemy się z Tobą skontaktować? Podaj e-mail albo numer telefonu.",
        en: "How can we contact you? Give an e-mail address or a phone number.",
        uk: "Як з вами зв’язатися? Вкажіть e-mail або номер телефону."
    )
    public static let askDistrict = Localized(
        pl: "W której dzielnicy mieszkasz lub chcesz działać? ({choices}; albo „pomiń”)",
        en: "Which district do you live in or want to work in? ({choices}; or \"skip\")",
        uk: "У якому районі ви живете або хочете діяти? ({choices}; або «пропустити»)"
    )
    public static let askConsent = Localized(
        pl: "{notice} (wersja informacji: {version})\nCzy zgadzasz się na przetwarzanie tych danych? (tak/nie)",
        en: "{notice} (notice version: {version})\nDo you agree to this processing of your data? (yes/no)",
        uk: "{notice} (версія інформації: {version})\nЧи погоджуєтеся ви на обробку цих даних? (так/ні)"
    )
    public static let summary = Localized(
        pl: "Sprawdź, proszę:\n  program: {programme}\n  imię i nazwisko: {name}\n{organisation}  kontakt: {contact}\n{district}Czy wszystko się zgadza i mam Cię zapisać? (tak/nie; możesz też napisać np. „zmień kontakt”)",
        en: "Please check:\n  programme: {programme}\n  name: {name}\n{organisation}  contact: {contact}\n{district}Is everything right, shall I sign you up? (yes/no; or e.g. \"change contact\")",
        uk: "Перевірте, будь ласка:\n  програма: {programme}\n  ім’я та прізвище: {name}\n{organisation}  контакт: {contact}\n{district}Чи все правильно і чи записати вас? (так/ні; можна також написати, напр., «змінити контакт»)"
    )
    /// The summary's line for the district, only for programmes that have districts.
    public static let summaryDistrict = Localized(pl: "  dzielnica: {district}\n", en: "  district: {district}\n", uk: "  район: {district}\n")
    /// The summary's line for the organisation, only for programmes that ask for one.
    public static let summaryOrganisation = Localized(pl: "  organizacja: {organisation}\n", en: "  organisation: {organisation}\n", uk: "  організація: {organisation}\n")
    /// The name question answered with an organisation's name ("Fundacja Podwórko Nadodrze"):
    /// the organisation is kept, and the contact person asked for.
    public static let askContactPerson = Localized(
        pl: "Organizacja: {organisation} – dodam ją do zgłoszenia. Jak nazywa się osoba do kontaktu? Podaj imię i nazwisko.",
        en: "Organisation: {organisation} – I will add it to the sign-up. Who is the contact person? Please give their first name and surname.",
        uk: "Організація: {organisation} — я додам її до заявки. Хто контактна особа? Вкажіть ім’я та прізвище."
    )
    public static let askOrganisation = Localized(
        pl: "Czy zapisujesz się w imieniu organizacji (stowarzyszenia, fundacji, grupy)? Podaj jej nazwę albo napisz „pomiń”, jeśli tylko we własnym imieniu.",
        en: "Are you signing up on behalf of an organisation (an association, foundation or group)? Give its name, or write \"skip\" if it is just for yourself.",
        uk: "Ви записуєтеся від імені організації (асоціації, фонду, групи)? Напишіть її назву або «пропустити», якщо лише від себе."
    )
    public static let invalidOrganisation = Localized(
        pl: "Podaj, proszę, samą nazwę organizacji (np. „Stowarzyszenie Sąsiedzkie”) albo napisz „pomiń”.",
        en: "Please give just the organisation's name (e.g. \"Neighbours' Association\"), or write \"skip\".",
        uk: "Напишіть, будь ласка, лише назву організації (напр., «Stowarzyszenie Sąsiedzkie») або «пропустити»."
    )
    public static let noOrganisations = Localized(pl: "Ten program nie pyta o organizację.", en: "This programme does not ask for an organisation.", uk: "Ця програма не питає про організацію.")
    public static let nextEditionSuffix = Localized(pl: " – zgłoszenie zainteresowania kolejną edycją", en: " – interest in a next edition", uk: " – заява про зацікавленість наступним випуском")
    public static let savedInterest = Localized(
        pl: "Gotowe – zapisaliśmy Twoje zainteresowanie kolejną edycją (program: {programme}). Twój kod referencyjny: {reference}. Jeśli ruszy nowa edycja, organizatorzy mogą się odezwać przez podany kontakt.",
        en: "Done – your interest in a next edition is recorded (programme: {programme}). Your reference code: {reference}. If a new edition starts, the organisers may get in touch through the contact you gave.",
        uk: "Готово — ми записали вашу зацікавленість наступним випуском (програма: {programme}). Ваш код: {reference}. Якщо почнеться новий випуск, організатори можуть зв’язатися з вами через вказаний контакт."
    )
    public static let noDistrict = Localized(pl: "—", en: "—", uk: "—")
    public static let saved = Localized(
        pl: "Gotowe – zapis przyjęty (program: {programme}). Twój kod referencyjny: {reference}. Zachowaj go; przyda się, gdybyś chciał(a) zmienić lub usunąć dane.",
        en: "Done – you are signed up for: {programme}. Your reference code: {reference}. Keep it; you will need it to change or erase your data.",
        uk: "Готово — запис прийнято (програма: {programme}). Ваш код: {reference}. Збережіть його; він знадобиться, якщо ви захочете змінити або видалити дані."
    )
    public static let alreadySignedUp = Localized(
        pl: "Ten kontakt jest już zapisany (program: {programme}), więc nie zapisuję go drugi raz. Kod referencyjny podaliśmy przy tamtym zapisie. Jeśli go nie masz albo to nie Twój zapis, zapytaj:\n{human}",
        en: "This contact is already signed up for: {programme}, so I am not signing it up twice. The reference code was given at that sign-up. If you do not have it, or the sign-up is not yours, ask:\n{human}",
        uk: "Цей контакт уже записано (програма: {programme}), тому вдруге я його не записую. Код ми надали під час того запису. Якщо у вас його немає або це не ваш запис, зверніться:\n{human}"
    )
    /// Inside a sign-up, "ja już się zapisałam" when this conversation has stored a sign-up for
    /// the programme: said plainly, and the form offers to be left ("nie" leaves it).
    public static let signedUpInThisConversation = Localized(
        pl: "W tej rozmowie już Cię zapisałem na: {programme}{reference} – drugi raz nie trzeba. Kontynuować ten formularz? Napisz „nie”, a z niego wyjdę.",
        en: "You were already signed up in this conversation for: {programme}{reference} – there is no need to do it twice. Go on with this form? Write \"no\" and I will leave it.",
        uk: "У цій розмові я вже записав вас на: {programme}{reference} — удруге не потрібно. Продовжити цю форму? Напишіть «ні», і я з неї вийду."
    )
    /// Inside a sign-up, "nie chcę się zapisywać drugi raz" when this conversation has stored
    /// none for the programme: a repeat is found only at the end, by storage, and never stored.
    public static let noSecondSignup = Localized(
        pl: "Jeśli ten kontakt jest już zapisany na ten program, drugiego zapisu nie zrobię – powiem o tym na końcu. Kontynuować formularz? Napisz „tak”, żeby kontynuować, albo „nie”, żeby wyjść.",
        en: "If this contact is already signed up for this programme, I will not sign it up again – I will say so at the end. Go on with the form? Write \"yes\" to go on or \"no\" to leave.",
        uk: "Якщо цей контакт уже записано на цю програму, вдруге я його не запишу — скажу про це наприкінці. Продовжити форму? Напишіть «так», щоб продовжити, або «ні», щоб вийти."
    )
    public static let consentRefused = Localized(
        pl: "Rozumiem. Bez zgody nie mogę Cię zapisać i niczego nie zapisałem. Możesz zapytać o coś innego.",
        en: "Understood. Without your consent I cannot sign you up, and nothing has been stored. Feel free to ask something else.",
        uk: "Зрозуміло. Без згоди я не можу вас записати, і нічого не збережено. Можете запитати про щось інше."
    )
    public static let signupNotConfirmed = Localized(
        pl: "Co mam poprawić? Napisz np. „zmień kontakt”, „zmień imię”, „zmień dzielnicę” – albo /anuluj.",
        en: "What should I correct? Write e.g. \"change contact\", \"change name\", \"change district\" – or /cancel.",
        uk: "Що виправити? Напишіть, напр., «змінити контакт», «змінити ім’я», «змінити район» — або /скасувати."
    )
    public static let programmeNotForSignup = Localized(
        pl: "Do tego programu nie prowadzę zapisów w rozmowie. Wybierz jeden z: {choices}.",
        en: "I do not take sign-ups for that programme in this chat. Choose one of: {choices}.",
        uk: "На цю програму я не записую в розмові. Виберіть одну з: {choices}."
    )

    // MARK: Correcting a stored sign-up
    public static let askCorrectedName = Localized(
        pl: "Podaj poprawne imię i nazwisko do zgłoszenia {reference}.",
        en: "Please give the correct name for sign-up {reference}.",
        uk: "Вкажіть правильні ім’я та прізвище для запису {reference}."
    )
    public static let askCorrectedContact = Localized(
        pl: "Podaj poprawny kontakt do zgłoszenia {reference}: e-mail albo numer telefonu.",
        en: "Please give the correct contact for sign-up {reference}: an e-mail address or a phone number.",
        uk: "Вкажіть правильний контакт для запису {reference}: e-mail або номер телефону."
    )
    public static let askCorrectedDistrict = Localized(
        pl: "Podaj poprawną dzielnicę do zgłoszenia {reference} ({choices}).",
        en: "Please give the correct district for sign-up {reference} ({choices}).",
        uk: "Вкажіть правильний район для запису {reference} ({choices})."
    )
    public static let correctionSummary = Localized(
        pl: "Poprawka do zgłoszenia {reference} – jeszcze niezapisana:\n  program: {programme}\n  imię i nazwisko: {name}\n  kontakt: {contact}\n{district}Zapisać tę poprawkę? (tak/nie)",
        en: "Correction to sign-up {reference} – not stored yet:\n  programme: {programme}\n  name: {name}\n  contact: {contact}\n{district}Store this correction? (yes/no)",
        uk: "Виправлення запису {reference} — ще не збережене:\n  програма: {programme}\n  ім’я та прізвище: {name}\n  контакт: {contact}\n{district}Зберегти це виправлення? (так/ні)"
    )
    public static let signupCorrected = Localized(
        pl: "Gotowe – poprawka zapisana w zgłoszeniu {reference}. Kod referencyjny się nie zmienia.",
        en: "Done – the correction is stored in sign-up {reference}. The reference code stays the same.",
        uk: "Готово — виправлення збережено в записі {reference}. Код не змінюється."
    )
    public static let correctionDropped = Localized(
        pl: "Dobrze – zgłoszenie {reference} zostaje bez zmian.",
        en: "All right – sign-up {reference} stays as it was.",
        uk: "Добре — запис {reference} залишається без змін."
    )
    public static let correctionNotSavedYet = Localized(
        pl: "Poprawki jeszcze nie zapisałem – zapiszę ją dopiero po Twoim potwierdzeniu; do tego czasu zgłoszenie {reference} jest takie, jak je zapisaliśmy.",
        en: "The correction is not stored yet – I will store it only after you confirm; until then sign-up {reference} stays as it was stored.",
        uk: "Виправлення ще не збережено — збережу його лише після вашого підтвердження; доти запис {reference} залишається таким, як його збережено."
    )
    public static let correctionContactTaken = Localized(
        pl: "Tego kontaktu nie wpiszę: jest już zapisany na ten program. Zgłoszenie {reference} zostaje bez zmian. W razie wątpliwości zapytaj:\n{human}",
        en: "I cannot use that contact: it is already signed up for this programme. Sign-up {reference} stays as it was. If in doubt, ask:\n{human}",
        uk: "Цей контакт я не впишу: його вже записано на цю програму. Запис {reference} залишається без змін. Якщо є сумніви, зверніться:\n{human}"
    )
    public static let correctionNotFound = Localized(
        pl: "Zgłoszenia {reference} nie mogę już zmienić (nie ma go wśród aktualnych zapisów). Zapytaj, proszę:\n{human}",
        en: "I can no longer change sign-up {reference} (it is not among the current sign-ups). Please ask:\n{human}",
        uk: "Запис {reference} я вже не можу змінити (його немає серед чинних записів). Зверніться, будь ласка:\n{human}"
    )
    /// A correction asked for in a conversation that stored no sign-up (a later connection).
    public static let correctionElsewhere = Localized(
        pl: "W tej rozmowie nie ma zapisu, który mógłbym poprawić – innych rozmów nie widzę. Aby poprawić dane we wcześniejszym zgłoszeniu, podaj jego kod referencyjny (np. KR-7F3K) pracownikom programu:\n{human}",
        en: "This conversation holds no sign-up I could correct – I cannot see other conversations. To correct the data of an earlier sign-up, give its reference code (e.g. KR-7F3K) to the programme's staff:\n{human}",
        uk: "У цій розмові немає запису, який я міг би виправити, — інших розмов я не бачу. Щоб виправити дані давнішого запису, повідомте його код (напр. KR-7F3K) працівникам програми:\n{human}"
    )

    // MARK: Validation
    /// Before the name question again, after a bare "tak"/"ok" at it: no failed answer, just the question.
    public static let nameAfterAssent = Localized(pl: "Dobrze.", en: "All right.", uk: "Добре.")
    public static let invalidName = Localized(
        pl: "To nie wygląda na imię i nazwisko. Napisz je literami, np. „Anna Kowalska”.",
        en: "That does not look like a name. Please write it in letters, e.g. \"Anna Smith\".",
        uk: "Це не схоже на ім’я та прізвище. Напишіть їх літерами, напр., «Олена Коваленко»."
    )
    public static let invalidContact = Localized(
        pl: "Nie rozpoznaję tego kontaktu. Podaj e-mail (np. anna@example.org) albo polski numer telefonu (9 cyfr, np. 600 100 200 lub +48 600 100 200).",
        en: "I do not recognise that contact. Give an e-mail (e.g. anna@example.org) or a Polish phone number (9 digits, e.g. 600 100 200 or +48 600 100 200).",
        uk: "Не розпізнаю цей контакт. Вкажіть e-mail (напр., olena@example.org) або польський номер телефону (9 цифр, напр., 600 100 200 або +48 600 100 200)."
    )
    public static let invalidChoice = Localized(pl: "Wybierz, proszę, jedną z opcji: {choices}.", en: "Please choose one of: {choices}.", uk: "Виберіть, будь ласка, один із варіантів: {choices}.")
    public static let invalidYesNo = Localized(pl: "Odpowiedz, proszę, „tak” albo „nie”.", en: "Please answer \"yes\" or \"no\".", uk: "Дайте, будь ласка, відповідь «так» або «ні».")
    public static let tooManyAttempts = Localized(
        pl: "Coś nie idzie. Możesz napisać /anuluj, aby przerwać, albo porozmawiać z człowiekiem:\n{human}",
        en: "This is not working. You can type /cancel to stop, or talk to a person:\n{human}",
        uk: "Щось не виходить. Можете написати /скасувати, щоб перервати, або поговорити з людиною:\n{human}"
    )
    /// Said with the first rejected answer: how to leave the form.
    public static let howToStop = Localized(
        pl: "Albo napisz „anuluj”, aby przerwać.",
        en: "Or write \"cancel\" to stop.",
        uk: "Або напишіть «скасувати», щоб перервати."
    )
    /// A bare "nie" where no yes or no was asked: no value; the form asks, once, whether to stop.
    public static let stopQuestion = Localized(
        pl: "Przerwać wypełnianie? Nic nie zostało zapisane. (tak – przerwij / nie – kontynuuj)",
        en: "Stop filling this in? Nothing has been stored. (yes – stop / no – go on)",
        uk: "Перервати заповнення? Нічого не збережено. (так — перервати / ні — продовжити)"
    )
    /// Before the question again, after "nie" to "Przerwać?".
    public static let goingOn = Localized(pl: "Dobrze, kontynuujemy.", en: "All right, let us go on.", uk: "Добре, продовжуємо.")
    /// "czy to, co wpisałam, zostało zapisane?" inside a form that stores after its summary.
    public static let nothingSavedYet = Localized(
        pl: "Nic jeszcze nie zapisałem – zapiszę dopiero po Twoim potwierdzeniu.",
        en: "Nothing has been stored yet – I will store it only after you confirm.",
        uk: "Я ще нічого не зберіг — збережу лише після вашого підтвердження."
    )
    /// The same inside the erasure request, which is recorded once code and contact are given.
    public static let nothingSavedYetErasure = Localized(
        pl: "Nic jeszcze nie zapisałem – prośbę zapiszę po podaniu kodu i kontaktu.",
        en: "Nothing has been stored yet – I will record the request once you give the code and the contact.",
        uk: "Я ще нічого не зберіг — прохання збережу, коли ви вкажете код і контакт."
    )
    /// "i co teraz? kiedy ktoś się odezwie?" before the sign-up is confirmed.
    public static let whatHappensAfterConfirming = Localized(
        pl: "Nic jeszcze nie zapisałem. Po potwierdzeniu („tak”) zapiszę zgłoszenie i podam kod referencyjny; organizatorzy odezwą się przez podany kontakt.",
        en: "Nothing is stored yet. Once you confirm (\"yes\"), I will store the sign-up and give you a reference code; the organisers will get in touch through the contact you gave.",
        uk: "Я ще нічого не зберіг. Коли ви підтвердите («так»), я збережу запис і дам код; організатори зв’яжуться з вами через вказаний контакт."
    )
    public static let cancelled = Localized(pl: "Przerwałem formularz; nic nie zostało zapisane.", en: "Form cancelled; nothing has been stored.", uk: "Форму перервано; нічого не збережено.")
    public static let cannotSkip = Localized(pl: "Tego pola nie można pominąć.", en: "This field cannot be skipped.", uk: "Це поле не можна пропустити.")
    public static let consentReminder = Localized(
        pl: "Czy zgadzasz się na przetwarzanie danych według informacji powyżej (wersja {version})? Odpowiedz „tak” albo „nie”.",
        en: "Do you agree to the processing of your data as described above (version {version})? Answer \"yes\" or \"no\".",
        uk: "Чи погоджуєтеся ви на обробку даних згідно з інформацією вище (версія {version})? Дайте відповідь «так» або «ні»."
    )
    public static let noteNotConfirmed = Localized(
        pl: "Co mam poprawić? Napisz np. „popraw datę na wczoraj”, „zmień dzielnicę”, „popraw notatkę” – albo /anuluj, żeby nie zapisywać.",
        en: "What should I correct? Write e.g. \"change the date to yesterday\", \"change district\", \"change note\" – or /cancel to save nothing.",
        uk: "Що виправити? Напишіть, напр., «змінити дату на вчора», «змінити район», «виправити нотатку» — або /скасувати, щоб нічого не зберігати."
    )
    public static let noDistricts = Localized(pl: "Ten program nie pyta o dzielnicę.", en: "This programme does not ask for a district.", uk: "Ця програма не питає про район.")
    public static let corrected = Localized(pl: "Poprawione.", en: "Changed.", uk: "Виправлено.")
    /// Says what a correction changed, so that a screen-reader user need not re-read the summary.
    public static let correctedField = Localized(pl: "Poprawione – {field}: {value}.", en: "Changed – {field}: {value}.", uk: "Виправлено — {field}: {value}.")
    public static let correctedFieldOnly = Localized(pl: "Poprawione – {field}.", en: "Changed – {field}.", uk: "Виправлено — {field}.")
    /// A longer new value (a note's concerns) is not repeated: the summary shows it.
    static let longestRepeatedValue = 60
    /// The names of the forms' fields, as their summaries print them.
    public static let fieldNames: [String: Localized] = [
        "programme": Localized(pl: "program", en: "programme", uk: "програма"),
        "name": Localized(pl: "imię i nazwisko", en: "name", uk: "ім’я та прізвище"),
        "organisation": Localized(pl: "organizacja", en: "organisation", uk: "організація"),
        "contact": Localized(pl: "kontakt", en: "contact", uk: "контакт"),
        "district": Localized(pl: "dzielnica", en: "district", uk: "район"),
        "date": Localized(pl: "data", en: "date", uk: "дата"),
        "topic": Localized(pl: "temat", en: "topic", uk: "тема"),
        "concerns": Localized(pl: "sprawy", en: "concerns", uk: "справи"),
        "recontact_how": Localized(pl: "ponowny kontakt", en: "contact again", uk: "повторний контакт"),
    ]

    /// "Poprawione – kontakt: +48 600 123 456." (or "Poprawione." for a field without a name here).
    public static func corrected(field: String, value: String, language: Language) -> String {
        guard let name = fieldNames[field] else { return corrected[language] }
        guard !value.isEmpty, value.count <= longestRepeatedValue else { return correctedFieldOnly.format(language, ["field": name[language]]) }
        return correctedField.format(language, ["field": name[language], "value": value])
    }
    public static let nothingBack = Localized(pl: "To pierwsze pytanie – nie ma dokąd wrócić.", en: "This is the first question – there is nothing to go back to.", uk: "Це перше питання — повертатися нікуди.")
    public static let storageFailed = Localized(
        pl: "Przepraszam, nie udało się zapisać (problem techniczny). Nic nie zostało potwierdzone. Spróbuj ponownie („tak”) albo /anuluj.",
        en: "Sorry, saving failed (a technical problem). Nothing has been confirmed. Try again (\"yes\") or /cancel.",
        uk: "Вибачте, зберегти не вдалося (технічна проблема). Нічого не підтверджено. Спробуйте ще раз («так») або /скасувати."
    )

    // MARK: Organisers
    public static let loginUsage = Localized(pl: "Użycie: /login KOD", en: "Usage: /login CODE", uk: "Використання: /login КОД")
    public static let loggedIn = Localized(
        pl: "Zalogowano: {name}. Napisz „nowa notatka”, aby zapisać rozmowę, albo „postęp”, aby zobaczyć licznik.",
        en: "Logged in: {name}. Write \"new note\" to record an interview, or \"progress\" to see your count.",
        uk: "Ви увійшли: {name}. Напишіть «нова нотатка», щоб записати розмову, або «прогрес», щоб побачити лічильник."
    )
    public static let loginFailed = Localized(
        pl: "Nieprawidłowy kod. Kolejna próba możliwa za {seconds} s. Jeśli kod nie działa, poproś koordynatora programu o nowy.",
        en: "Wrong code. You can try again in {seconds} s. If your code does not work, ask the programme's coordinator for a new one.",
        uk: "Неправильний код. Наступна спроба можлива через {seconds} с. Якщо код не працює, попросіть новий у координатора програми."
    )
    public static let loginWait = Localized(
        pl: "Za szybko po nieudanej próbie logowania. Spróbuj ponownie za {seconds} s. Jeśli to blokuje Twoją pracę, koordynator programu może odblokować logowanie.",
        en: "Too soon after a failed log-in. Try again in {seconds} s. If this blocks your work, the programme's coordinator can unlock log-in.",
        uk: "Занадто швидко після невдалої спроби входу. Спробуйте ще раз через {seconds} с. Якщо це заважає вашій роботі, координатор програми може розблокувати вхід."
    )
    public static let loginLocked = Localized(
        pl: "Zbyt wiele nieudanych prób logowania w tej rozmowie – tu logowanie jest już zablokowane. Połącz się ponownie; jeśli kod nie działa, poproś koordynatora programu o nowy.",
        en: "Too many failed log-in attempts in this conversation – log-in is now locked here. Connect again; if your code does not work, ask the programme's coordinator for a new one.",
        uk: "Забагато невдалих спроб входу в цій розмові — тут вхід уже заблоковано. Під’єднайтеся знову; якщо код не працює, попросіть новий у координатора програми."
    )
    public static let addressLoginLocked = Localized(
        pl: "Zbyt wiele nieudanych prób logowania z tego adresu – logowanie jest zablokowane na {minutes} min; odblokować je może koordynator programu.",
        en: "Too many failed log-in attempts from this address – log-in is locked for {minutes} min; the programme's coordinator can unlock it.",
        uk: "Забагато невдалих спроб входу з цієї адреси — вхід заблоковано на {minutes} хв; розблокувати його може координатор програми."
    )
    public static let askNoteDistrict = Localized(pl: "W której dzielnicy była rozmowa? ({choices})", en: "In which district was the interview? ({choices})", uk: "У якому районі була розмова? ({choices})")
    public static let askNoteDate = Localized(
        pl: "Kiedy była rozmowa? (np. „dziś”, „wczoraj”, „2026-11-20” albo „20.11.2026”; domyślnie dziś)",
        en: "When was the interview? (e.g. \"today\", \"yesterday\", \"2026-11-20\" or \"20.11.2026\"; default today)",
        uk: "Коли була розмова? (напр., «сьогодні», «вчора», «2026-11-20» або «20.11.2026»; типово сьогодні)"
    )
    public static let invalidDate = Localized(
        pl: "Nie rozumiem tej daty. Napisz „dziś”, „wczoraj” albo datę jak 20.11.2026 (nie z przyszłości).",
        en: "I do not understand that date. Write \"today\", \"yesterday\" or a date like 2026-11-20 (not in the future).",
        uk: "Не розумію цієї дати. Напишіть «сьогодні», «вчора» або дату на зразок 20.11.2026 (не з майбутнього)."
    )
    public static let askNoteTopic = Localized(pl: "Jaki był temat rozmowy? (krótko)", en: "What was the topic of the conversation? (briefly)", uk: "Яка була тема розмови? (коротко)")
    public static let askNoteConcerns = Localized(
        pl: "Jakie sprawy i problemy zgłosił mieszkaniec? (do {limit} znaków)",
        en: "What concerns did the resident raise? (up to {limit} characters)",
        uk: "Які справи та проблеми назвав мешканець? (до {limit} символів)"
    )
    public static let concernsTooLong = Localized(
        pl: "To za długie ({count} znaków; limit {limit}). Skróć, proszę.",
        en: "That is too long ({count} characters; limit {limit}). Please shorten it.",
        uk: "Це задовго ({count} символів; ліміт {limit}). Скоротіть, будь ласка."
    )
    public static let askRecontact = Localized(pl: "Czy mieszkaniec zgodził się na ponowny kontakt? (tak/nie)", en: "Did the resident agree to be contacted again? (yes/no)", uk: "Чи погодився мешканець на повторний контакт? (так/ні)")
    public static let askRecontactHow = Localized(pl: "Jak można się z nim skontaktować?", en: "How can they be contacted?", uk: "Як з ним можна зв’язатися?")
    public static let noteSummary = Localized(
        pl: "Notatka:\n  dzielnica: {district}\n  data: {date}\n  temat: {topic}\n  sprawy: {concerns}\n  ponowny kontakt: {recontact}\nZapisać? (tak/nie)",
        en: "Note:\n  district: {district}\n  date: {date}\n  topic: {topic}\n  concerns: {concerns}\n  contact again: {recontact}\nSave it? (yes/no)",
        uk: "Нотатка:\n  район: {district}\n  дата: {date}\n  тема: {topic}\n  справи: {concerns}\n  повторний контакт: {recontact}\nЗберегти? (так/ні)"
    )
    public static let noteSaved = Localized(
        pl: "Notatka zapisana (nr {number}). {progress}",
        en: "Note saved (no. {number}). {progress}",
        uk: "Нотатку збережено (№ {number}). {progress}"
    )
    public static let progress = Localized(
        pl: "{done} z {target} rozmów; raport do {deadline}",
        en: "{done} of {target} interviews; report due {deadline}",
        uk: "{done} з {target} розмов; звіт до {deadline}"
    )
    public static let notLoggedIn = Localized(
        pl: "Postęp widzą zalogowani organizatorzy. Zaloguj się: /login KOD",
        en: "Progress is shown to logged-in organisers. Log in: /login CODE",
        uk: "Прогрес бачать організатори, які увійшли. Увійдіть: /login КОД"
    )
    /// The command that leaves a form, as offered among the choices.
    public static let cancelCommand = Localized(pl: "/anuluj", en: "/cancel", uk: "/скасувати")
    /// The word that skips an optional question.
    public static let skipWord = Localized(pl: "pomiń", en: "skip", uk: "пропустити")
    /// Choices offered with a form's question or summary, separated by `|`.
    public static let noteDateChoices = Localized(pl: "dziś|wczoraj", en: "today|yesterday", uk: "сьогодні|вчора")
    public static let noteCorrectionChoices = Localized(
        pl: "popraw datę|zmień dzielnicę|zmień temat|popraw notatkę|/anuluj",
        en: "change date|change district|change topic|change note|/cancel",
        uk: "змінити дату|змінити район|змінити тему|виправити нотатку|/скасувати"
    )
    public static let signupCorrectionChoices = Localized(
        pl: "zmień imię|zmień kontakt|zmień dzielnicę|/anuluj",
        en: "change name|change contact|change district|/cancel",
        uk: "змінити ім’я|змінити контакт|змінити район|/скасувати"
    )
    public static let yes = Localized(pl: "tak", en: "yes", uk: "так")
    public static let no = Localized(pl: "nie", en: "no", uk: "ні")

    // MARK: Erasure
    public static let askErasureReference = Localized(
        pl: "Aby poprosić o usunięcie danych, podaj kod referencyjny z zapisu (np. KR-7F3K).",
        en: "To ask for your data to be erased, give the reference code from your sign-up (e.g. KR-7F3K).",
        uk: "Щоб попросити видалити дані, вкажіть код із запису (напр., KR-7F3K)."
    )
    public static let askErasureContact = Localized(
        pl: "Podaj też kontakt (e-mail lub telefon), który był w zapisie.",
        en: "Also give the contact (e-mail or phone) used in the sign-up.",
        uk: "Вкажіть також контакт (e-mail або телефон), який був у записі."
    )
    public static let invalidReference = Localized(
        pl: "Kod ma postać dwóch liter, myślnika i czterech znaków, np. KR-7F3K.",
        en: "A code looks like two letters, a dash and four characters, e.g. KR-7F3K.",
        uk: "Код має вигляд двох літер, дефіса і чотирьох знаків, напр., KR-7F3K."
    )
    public static let erasureRecorded = Localized(
        pl: "Przyjąłem prośbę o usunięcie danych. Pracownik ją rozpatrzy; dane zostaną usunięte, jeśli kod i kontakt się zgadzają.",
        en: "Your erasure request is recorded. Staff will handle it; the data will be erased if the code and contact match.",
        uk: "Прохання про видалення даних прийнято. Працівник його розгляне; дані буде видалено, якщо код і контакт збігаються."
    )
}
