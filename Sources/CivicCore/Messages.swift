import Foundation

/// The protocol's own words, in Polish, English and Ukrainian. Answers to questions come from `intents/`;
/// these are the texts of the protocol itself (greeting, commands, limits).
public enum Messages {
    /// One line per language within `Limits.textWidth` (78), so that it is not wrapped — a
    /// screen reader reads the banner before every conversation: who, where, the help command.
    public static let greeting = Localized(
        pl: "civicd: programy w Krośnie, Krakowie, Wrocławiu i zachodniopomorskim. /pomoc",
        en: "civicd: programmes in Krosno, Kraków, Wrocław and West Pomerania. Help: /help",
        uk: "civicd: програми в Кросно, Кракові, Вроцлаві й Західному Помор’ї. /допомога"
    )

    /// The banner's Ukrainian line.
    public static var ukrainianBanner: String { greeting.uk }

    /// The greeting shown on connect: Polish first, then English, then Ukrainian, a line each.
    public static var bilingualGreeting: String { greeting.pl + "\n" + greeting.en + "\n" + ukrainianBanner }

    public static let help = Localized(
        pl: """
        Zadaj pytanie własnymi słowami, np. „jak się zapisać?”, „do kiedy jest termin?”, „gdzie jest Centrum Obywatelskie?”.
        Polecenia:
          /pomoc (/help)         ta lista
          /lang pl|en|uk         język odpowiedzi
          /format text|json      tekst albo jedna linia JSON na odpowiedź
          /anuluj (/cancel)      przerwij wypełniany formularz
          /reset                 zapomnij rozmowę i formularz
          /login KOD             logowanie organizatora
          /koniec (/quit)        zakończ rozmowę
        """,
        en: """
        Ask in your own words, e.g. "how do I sign up?", "what is the deadline?", "where is the Centrum Obywatelskie?".
        Commands:
          /help (/pomoc)         this list
          /lang pl|en|uk         reply language
          /format text|json      text, or one JSON line per reply
          /cancel (/anuluj)      leave the form you are filling in
          /reset                 forget the conversation and any form
          /login CODE            organiser log-in
          /quit (/koniec)        end the conversation
        """,
        uk: """
        Запитуйте своїми словами, напр. «як записатися?», «до якого числа термін?», «де знаходиться Centrum Obywatelskie?».
        Команди:
          /допомога (/help)      цей список
          /lang pl|en|uk         мова відповідей (/мова)
          /format text|json      текст або один рядок JSON на відповідь
          /скасувати (/cancel)   перервати заповнення форми
          /reset                 забути розмову і форму
          /login КОД             вхід організатора
          /кінець (/quit)        завершити розмову
        """
    )

    public static let languageSet = Localized(pl: "Dobrze, odpowiadam po polsku.", en: "OK, I will answer in English.", uk: "Добре, відповідаю українською.")
    /// To a line in a language civicd does not speak, after that language's own sentence.
    public static let languagesSpoken = "Mówię po polsku, angielsku i ukraińsku – napisz, proszę, w jednym z nich.\nI speak Polish, English and Ukrainian – please write in one of them.\nЯ розмовляю польською, англійською та українською — напишіть, будь ласка, однією з них."
    /// Said once per conversation to a resident who writes Russian, in the reply's language.
    public static let russianNote = Localized(
        pl: "(Rozumiem po rosyjsku, ale odpowiadam po polsku, angielsku i ukraińsku.)",
        en: "(I understand Russian, but I answer in Polish, English and Ukrainian.)",
        uk: "(Я розумію російську, але відповідаю польською, англійською та українською.)"
    )
    // Questions about a language ("czy mogę pisać po ukraińsku?"): yes or no, first.
    /// A language's name as it follows "write/answer": "po ukraińsku", "in Ukrainian", "українською".
    public static func languageNamed(_ language: Language) -> Localized {
        switch language {
        case .pl: Localized(pl: "po polsku", en: "in Polish", uk: "польською")
        case .en: Localized(pl: "po angielsku", en: "in English", uk: "англійською")
        case .uk: Localized(pl: "po ukraińsku", en: "in Ukrainian", uk: "українською")
        }
    }
    /// A language civicd neither speaks nor understands, named as it follows "nie rozmawiam" / "I do not speak".
    public static func foreignNamed(_ language: ForeignLanguage) -> Localized {
        switch language {
        case .german: Localized(pl: "po niemiecku", en: "German", uk: "німецькою")
        case .french: Localized(pl: "po francusku", en: "French", uk: "французькою")
        case .spanish: Localized(pl: "po hiszpańsku", en: "Spanish", uk: "іспанською")
        case .italian: Localized(pl: "po włosku", en: "Italian", uk: "італійською")
        }
    }
    /// "czy mogę pisać po ukraińsku?": yes, and the answers will be in it.
    public static let languageYes = Localized(
        pl: "Tak, możesz pisać {language} – odpowiem {language}.",
        en: "Yes, you can write {language} – I will answer {language}.",
        uk: "Так, можна писати {language} — я відповім {language}."
    )
    /// "rozumiesz po rosyjsku?": yes, and in which language such questions are answered.
    public static let russianYes = Localized(
        pl: "Tak, rozumiem po rosyjsku – na pytania po rosyjsku odpowiadam {language}.",
        en: "Yes, I understand Russian – questions in Russian are answered {language}.",
        uk: "Так, я розумію російську — на питання російською відповідаю {language}."
    )
    /// "mówisz po niemiecku?": no, and the languages spoken.
    public static let languageNo = Localized(
        pl: "Nie, {language} nie rozmawiam. Mówię po polsku, angielsku i ukraińsku, a rozumiem też po rosyjsku.",
        en: "No, I do not speak {language}. I speak Polish, English and Ukrainian, and understand Russian.",
        uk: "Ні, {language} я не розмовляю. Я розмовляю польською, англійською та українською, а розумію ще й російську."
    )

    /// To a self-introduction with no question ("piszę z fundacji z Wrocławia"): a welcome and
    /// what can be asked, never the refusal.
    public static let introductionWelcome = Localized(
        pl: "Dzień dobry! W czym mogę pomóc?\nOdpowiadam na pytania o programy społeczne w Krośnie, Krakowie, Wrocławiu i zachodniopomorskim: zapisy, terminy, kontakt, koszty i finansowanie.",
        en: "Hello! How can I help?\nI answer questions about community programmes in Krosno, Kraków, Wrocław and West Pomerania: signing up, dates, contacts, costs and funding.",
        uk: "Добрий день! Чим можу допомогти?\nЯ відповідаю на питання про громадські програми в Кросно, Кракові, Вроцлаві й Західному Помор’ї: запис, дати, контакти, вартість і фінансування."
    )
    /// The same out-of-scope question asked again right after its fallback: no "też" — it is
    /// not another question. Taken in turn, as ``fallbackStill`` is.
    public static let fallbackSame = [
        Localized(pl: "Na to pytanie nadal nie mam odpowiedzi. Najlepiej zapytać człowieka.\n{human}",
                  en: "I still have no answer to that question. Best ask a person.\n{human}",
                  uk: "На це питання я й далі не маю відповіді. Найкраще запитати людину.\n{human}"),
        Localized(pl: "Tu naprawdę nie pomogę – zapytaj:\n{human}", en: "I really cannot help with this one – please ask:\n{human}",
                  uk: "Тут я справді не допоможу — запитайте:\n{human}"),
    ]
    /// "krócej" when the answers are already short: said so, and the last answer's first sentence.
    public static let briefAlready = Localized(
        pl: "Już odpowiadam krótko.",
        en: "I am already answering briefly.",
        uk: "Я вже відповідаю коротко."
    )

    /// The second fallback in a row: shorter than the first, and whom to ask.
    public static let fallbackAgain = Localized(
        pl: "Tego też nie wiem. Najlepiej zapytać człowieka.\n{human}",
        en: "I do not know that either. Best ask a person.\n{human}",
        uk: "Цього я теж не знаю. Найкраще запитати людину.\n{human}"
    )
    /// The third fallback in a row and later: one short sentence and whom to ask, taken in turn
    /// so that no two in a row read the same.
    public static let fallbackStill = [
        Localized(pl: "Z tym też nie pomogę – zapytaj:\n{human}", en: "I cannot help with that either – please ask:\n{human}",
                  uk: "З цим я теж не допоможу — запитайте:\n{human}"),
        Localized(pl: "To również lepiej wyjaśni człowiek:\n{human}", en: "A person can explain that one better too:\n{human}",
                  uk: "Це теж краще пояснить людина:\n{human}"),
    ]

    /// The fallback's words for the `inRow`-th fallback in a row: nil for the first (the full
    /// reply from `intents/`), shorter from the second on. "też"/"również" ("that either") only
    /// of another question: the same question again is told so.
    public static func fallback(inRow: Int, sameQuestion: Bool = false) -> Localized? {
        switch inRow {
        case ...1: nil
        case _ where sameQuestion: fallbackSame[(inRow - 2) % fallbackSame.count]
        case 2: fallbackAgain
        default: fallbackStill[(inRow - 3) % fallbackStill.count]
        }
    }
    public static let alreadySignedUpHere = Localized(
        pl: "Zapisałem Cię już na: {programme}{reference}. Nie trzeba zapisywać się drugi raz. Chcesz na inny program? Napisz który.",
        en: "You are already signed up for: {programme}{reference}. There is no need to sign up again. Another programme? Tell me which.",
        uk: "Я вже записав вас на: {programme}{reference}. Записуватися вдруге не потрібно. Хочете на іншу програму? Напишіть, на яку."
    )
    public static let afterSignup = Localized(
        pl: "Zapis przyjęty{reference}, program: {programme}. Odezwą się do Ciebie przez podany kontakt; kiedy i kto – tego nasze materiały nie mówią.\n{human}",
        en: "Your sign-up is recorded{reference}, programme: {programme}. They will get in touch through the contact you gave; when and who – our materials do not say.\n{human}",
        uk: "Запис прийнято{reference}, програма: {programme}. З вами зв’яжуться через вказаний контакт; коли і хто — у наших матеріалах не сказано.\n{human}"
    )
    /// To an organisers' question (their interview count) from someone not logged in: the answer first.
    public static let organisersOnly = Localized(
        pl: "To pytanie dotyczy przeszkolonych organizatorów społecznych kampanii słuchania – mieszkańców te rozmowy nie obowiązują.",
        en: "This is for the listening campaign's trained community organisers – residents have no interviews to do.",
        uk: "Це стосується підготовлених організаторів громади кампанії слухання — мешканцям проводити ці розмови не потрібно."
    )
    /// After an organisers' reply to someone not logged in: what a resident can do instead.
    public static let residentsInstead = Localized(
        pl: "Jeśli nie jesteś organizatorem: zapytaj mnie o programy albo zapisz się („chcę się zapisać”); o kampanię słuchania zapytaj:\n{human}",
        en: "If you are not an organiser: ask me about the programmes or sign up (\"I want to sign up\"); about the listening campaign, ask:\n{human}",
        uk: "Якщо ви не організатор: запитайте мене про програми або запишіться («хочу записатися»); про кампанію слухання запитайте:\n{human}"
    )
    /// About a sign-up made in another conversation, which this one cannot see.
    public static let signedUpEarlier = Localized(
        pl: "Wcześniejszych rozmów nie widzę – dane innych rozmów nie są tu pokazywane. Zapis przyjęty z kodem referencyjnym jest zapisany: odezwą się do Ciebie przez podany kontakt; kiedy i kto – tego nasze materiały nie mówią.\n{human}",
        en: "I cannot see earlier conversations – no one's data from other conversations is shown here. A sign-up confirmed with a reference code is stored: they will get in touch through the contact you gave; when and who – our materials do not say.\n{human}",
        uk: "Попередніх розмов я не бачу — дані інших розмов тут не показуються. Запис, підтверджений кодом, збережено: з вами зв’яжуться через вказаний контакт; коли і хто — у наших матеріалах не сказано.\n{human}"
    )

    /// "a kiedy następna edycja?" after a sign-up to a programme still running.
    public static let nextEdition = Localized(
        pl: "O kolejnej edycji nasze materiały nic nie mówią (program: {programme}); Twój zapis{reference} jest przyjęty w obecnej.\nO następną edycję zapytaj:\n{human}",
        en: "Our materials say nothing about a next edition (programme: {programme}); your sign-up{reference} is recorded for the current one.\nTo ask about a next edition:\n{human}",
        uk: "Про наступний випуск у наших матеріалах нічого не сказано (програма: {programme}); ваш запис{reference} прийнято на поточний.\nПро наступний випуск запитайте:\n{human}"
    )
    /// "co jak zgubię kod?", "jaki jest mój kod?" after a sign-up in this conversation: the code again.
    public static let referenceCode = Localized(
        pl: "Twój kod referencyjny: {code} (program: {programme}). Zachowaj go – przyda się do zmiany lub usunięcia danych; zapis jest ważny i bez niego.\nGdyby kod zginął, zapytaj:\n{human}",
        en: "Your reference code: {code} (programme: {programme}). Keep it – you will need it to change or erase your data; the sign-up stands without it.\nIf the code gets lost, ask:\n{human}",
        uk: "Ваш код: {code} (програма: {programme}). Збережіть його — він знадобиться, щоб змінити або видалити дані; запис дійсний і без нього.\nЯкщо код загубиться, запитайте:\n{human}"
    )
    /// The same with no code in this conversation: it is shown once, and other conversations are not seen.
    public static let referenceCodeElsewhere = Localized(
        pl: "Kod referencyjny (np. KR-7F3K) podaję raz, w potwierdzeniu zapisu; innych rozmów nie widzę, więc tu go nie pokażę. Zapis jest ważny i bez kodu – kod przyda się do zmiany lub usunięcia danych.\nGdyby kod zginął, zapytaj:\n{human}",
        en: "The reference code (e.g. KR-7F3K) is given once, in the sign-up's confirmation; I cannot see other conversations, so I cannot show it here. The sign-up stands without it – the code is needed to change or erase your data.\nIf the code is lost, ask:\n{human}",
        uk: "Код (напр. KR-7F3K) я показую один раз, у підтвердженні запису; інших розмов я не бачу, тож тут його не покажу. Запис дійсний і без коду — код знадобиться, щоб змінити або видалити дані.\nЯкщо код загубився, запитайте:\n{human}"
    )

    /// After a sign-up to a programme that has ended: only interest in a next edition was
    /// stored, and nobody promised to call.
    public static let afterInterest = Localized(
        pl: "Zapisaliśmy tylko Twoje zainteresowanie kolejną edycją{reference}, program: {programme}. Ta edycja się zakończyła i nie wiemy, czy będzie następna, więc nikt nie obiecał kontaktu. O następną edycję zapytaj:\n{human}",
        en: "We stored only your interest in a next edition{reference}, programme: {programme}. That edition has ended and we do not know whether there will be another, so no one has promised to contact you. To ask about a next edition:\n{human}",
        uk: "Ми зберегли лише вашу зацікавленість наступним випуском{reference}, програма: {programme}. Цей випуск завершився, і ми не знаємо, чи буде наступний, тож ніхто не обіцяв зв’язатися. Про наступний випуск запитайте:\n{human}"
    )
    /// "czy akcja jeszcze trwa?" about a programme whose recorded stages have all passed: the
    /// answer first, the details after it.
    public static let hasEndedAnswer = Localized(
        pl: "Nie – ostatni etap programu „{programme}” zakończył się w {year} r.",
        en: "No – the last stage of “{programme}” ended in {year}.",
        uk: "Ні – останній етап програми «{programme}» завершився у {year} р."
    )
    public static let referenceSuffix = Localized(pl: " (kod {reference})", en: " (code {reference})", uk: " (код {reference})")
    public static let nothingToRepeat = Localized(pl: "Jeszcze nic nie powiedziałem. Zapytaj, proszę.", en: "I have not said anything yet. Please ask.", uk: "Я ще нічого не сказав. Запитайте, будь ласка.")
    public static let languageUsage = Localized(pl: "Użycie: /lang pl, /lang en albo /lang uk.", en: "Usage: /lang pl, /lang en or /lang uk.", uk: "Використання: /lang pl, /lang en або /lang uk.")
    public static let formatSet = Localized(pl: "Format odpowiedzi: {format}.", en: "Reply format: {format}.", uk: "Формат відповідей: {format}.")
    public static let formatUsage = Localized(pl: "Użycie: /format text albo /format json.", en: "Usage: /format text or /format json.", uk: "Використання: /format text або /format json.")
    public static let reset = Localized(
        pl: "Zaczynamy od nowa. Poprzednia rozmowa została zapomniana.",
        en: "Starting afresh. The previous conversation has been forgotten.",
        uk: "Починаємо спочатку. Попередню розмову забуто."
    )
    public static let nothingToCancel = Localized(pl: "Nie ma czego anulować.", en: "There is nothing to cancel.", uk: "Немає чого скасовувати.")
    public static let kioskUsage = Localized(pl: "Użycie: /kiosk TOKEN", en: "Usage: /kiosk TOKEN", uk: "Використання: /kiosk TOKEN")
    public static let kioskAccepted = Localized(pl: "Tryb kiosku.", en: "Kiosk mode.", uk: "Режим кіоску.")
    public static let kioskRefused = Localized(pl: "Nieznany token kiosku.", en: "Unknown kiosk token.", uk: "Невідомий токен кіоску.")
    public static let signupOffer = Localized(pl: "Chcesz się zapisać teraz? Napisz „tak”.", en: "Would you like to sign up now? Write \"yes\".", uk: "Хочете записатися зараз? Напишіть «так».")
    public static let anythingElse = Localized(pl: "Dobrze. W czym jeszcze mogę pomóc?", en: "All right. What else can I help with?", uk: "Добре. Чим ще можу допомогти?")
    /// "nie chcę się zapisywać" outside a form: no form opens, nothing is stored.
    public static let notSigningUp = Localized(
        pl: "Dobrze – nikogo nie zapisuję i niczego nie zapisałem. W czym jeszcze mogę pomóc?",
        en: "All right – I am not signing you up and have stored nothing. What else can I help with?",
        uk: "Добре — я нікого не записую і нічого не зберіг. Чим ще можу допомогти?")
    /// "czy coś się zapisało?" in a conversation that stored no sign-up.
    public static let nothingStoredHere = Localized(
        pl: "Nie – w tej rozmowie nic nie zapisałem. Zapisuję dopiero po Twoim potwierdzeniu na końcu formularza.",
        en: "No – nothing has been stored in this conversation. I store a sign-up only once you confirm it at the end of the form.",
        uk: "Ні — у цій розмові я нічого не зберіг. Я зберігаю запис лише після вашого підтвердження наприкінці форми.")
    public static let goodbye = Localized(pl: "Do widzenia! Dziękujemy za rozmowę.", en: "Goodbye! Thank you for talking to us.", uk: "До побачення! Дякуємо за розмову.")
    public static let unknownCommand = Localized(
        pl: "Nie znam polecenia {command}. Wpisz /pomoc, aby zobaczyć listę.",
        en: "Unknown command {command}. Type /help for the list.",
        uk: "Не знаю команди {command}. Напишіть /допомога, щоб побачити список."
    )
    public static let lineTooLong = Localized(
        pl: "Ta linia jest za długa (limit {limit} bajtów) i została pominięta. Proszę pisać krócej.",
        en: "That line is too long (limit {limit} bytes) and was skipped. Please write shorter lines.",
        uk: "Цей рядок задовгий (ліміт {limit} байтів), і його пропущено. Пишіть, будь ласка, коротше."
    )
    public static let badEncoding = Localized(
        pl: "Nie mogę odczytać tej linii: proszę pisać w UTF-8.",
        en: "I cannot read that line: please write in UTF-8.",
        uk: "Не можу прочитати цей рядок: пишіть, будь ласка, в UTF-8."
    )
    public static let slowDown = Localized(
        pl: "Za dużo linii naraz. Zwolnij, proszę; część wiadomości pominąłem.",
        en: "Too many lines at once. Please slow down; some lines were skipped.",
        uk: "Забагато рядків одночасно. Пишіть, будь ласка, повільніше; частину повідомлень пропущено."
    )
    /// A line whose understanding ran past the deadline; the session goes on.
    public static let tookTooLong = Localized(
        pl: "Przepraszam, tej wiadomości nie zdołałem przeczytać na czas. Napisz, proszę, krócej.",
        en: "Sorry, I could not read that message in time. Please write it more briefly.",
        uk: "Вибачте, я не встиг прочитати це повідомлення вчасно. Напишіть, будь ласка, коротше."
    )
    public static let flood = Localized(
        pl: "Zbyt wiele wiadomości. Zamykam połączenie.",
        en: "Too many messages. Closing the connection.",
        uk: "Забагато повідомлень. Закриваю з’єднання."
    )
    public static let serverBusy = Localized(
        pl: "Serwer jest zajęty. Spróbuj ponownie za chwilę. / Server busy, please try again later. / Сервер зайнятий, спробуйте пізніше.",
        en: "Server busy, please try again later. / Serwer jest zajęty. Spróbuj ponownie za chwilę. / Сервер зайнятий, спробуйте пізніше.",
        uk: "Сервер зайнятий, спробуйте пізніше. / Serwer jest zajęty. Spróbuj ponownie za chwilę. / Server busy, please try again later."
    )
    public static let idleWarning = Localized(
        pl: "Czy jesteś tam jeszcze? Bez odpowiedzi zakończę rozmowę za {seconds} s.",
        en: "Are you still there? Without a reply I will end the conversation in {seconds} s.",
        uk: "Ви ще тут? Без відповіді я завершу розмову через {seconds} с."
    )
    public static let idleTimeout = Localized(
        pl: "Kończę rozmowę z powodu braku aktywności. Do widzenia!",
        en: "Ending the conversation after a period of inactivity. Goodbye!",
        uk: "Завершую розмову через відсутність активності. До побачення!"
    )
    public static let shuttingDown = Localized(
        pl: "Serwer jest zatrzymywany. Do widzenia, zapraszamy później!",
        en: "The server is shutting down. Goodbye, please come back later!",
        uk: "Сервер зупиняється. До побачення, завітайте пізніше!"
    )

    // Replies in brief ("krócej", "shorter please"): the answer's first line, the rest on request.
    public static let briefOn = Localized(
        pl: "Dobrze, odtąd odpowiadam krótko. Szczegóły: napisz „więcej”; pełne odpowiedzi: „dłużej”.",
        en: "All right, short answers from now on. For details type \"more\"; for full answers, \"longer\".",
        uk: "Добре, відтепер відповідаю коротко. Подробиці: напишіть «більше»; повні відповіді: «довше»."
    )
    public static let briefOff = Localized(pl: "Dobrze, odtąd odpowiadam w całości.", en: "All right, full answers from now on.", uk: "Добре, відтепер відповідаю повністю.")
    public static let moreHint = Localized(pl: "(Szczegóły: „więcej”.)", en: "(Details: \"more\".)", uk: "(Подробиці: «більше».)")
    public static let nothingMore = Localized(
        pl: "Więcej na ten temat nie mam. Zapytaj o coś innego albo napisz /pomoc.",
        en: "That is all I have on it. Ask something else, or type /help.",
        uk: "Більше про це в мене нічого немає. Запитайте про інше або напишіть /допомога."
    )
}

extension Localized {
    /// The text in `language` with `{name}` placeholders replaced.
    public func format(_ language: Language, _ values: [String: String] = [:]) -> String {
        var text = self[language]
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}
