/// The function and very common words of each language, folded: one list with two uses. The
/// language detector counts them as evidence of a language; the matcher and the catalogue
/// check treat them as carrying no topic (never "unknown", never an example on their own).
public enum CommonWords {
    /// Folded Polish function and very common words.
    public static let polish: Set<String> = [
        // "no" is as Polish as it is English ("no to nara", "no tak"): no evidence either way.
        "i", "w", "na", "z", "do", "sie", "nie", "tak", "jak", "co", "czy", "jest", "sa", "to", "ze", "od", "no", "nara", "narka",
        "po", "za", "o", "dla", "mnie", "mi", "moge", "mozna", "gdzie", "kiedy", "ile", "jaki", "jaka", "jakie",
        "prosze", "dzien", "dobry", "dziekuje", "dzieki", "czesc", "witam", "kto", "chce", "chcialbym",
        "chcialabym", "zapisac", "termin", "kosztuje", "jestem", "pan", "pani", "panstwo", "ktory", "ktora",
        "gdzie", "bo", "ale", "juz", "tez", "sie", "przez", "pod", "nad", "bez", "wam", "was", "wy", "my",
        "ja", "ty", "on", "ona", "oni", "swoj", "moj", "twoj", "jezeli", "jesli", "albo", "lub", "oraz",
        "zeby", "aby", "bardzo", "dlaczego", "czym", "kim", "dokad", "skad", "dzisiaj", "jutro", "wczoraj",
        "numer", "telefon", "adres", "pomoc", "pomocy", "rozmowa", "rozmowy", "dowidzenia", "widzenia",
        "potem", "pozniej", "nastepnie", "teraz", "wtedy", "dobrze", "dobra", "spoko",
        // Also English words ("a we wroclawiu tez?"): in both lists they are no evidence either way.
        "a", "we",
    ]

    /// Folded English function and very common words.
    public static let english: Set<String> = [
        "the", "a", "an", "and", "or", "is", "are", "was", "were", "to", "of", "in", "on", "for", "with",
        "what", "how", "where", "when", "who", "which", "why", "can", "could", "do", "does", "did", "i",
        "you", "we", "they", "it", "my", "your", "me", "please", "hello", "hi", "thanks", "thank", "bye",
        "goodbye", "want", "would", "like", "need", "is", "there", "this", "that", "about", "much", "many",
        "cost", "free", "sign", "up", "join", "deadline", "phone", "number", "address", "help", "yes", "no",
        "be", "have", "has", "will", "should", "from", "at", "by", "if", "not", "any", "some", "its", "im",
        "dont", "whats", "wheres", "hey", "morning", "evening", "good", "see", "talk", "person", "someone",
        "think", "so", "don", "really", "sorry",
    ]

    /// Folded words of chat that name nothing ("yeah", "guys", "stuff", "online", "ziom"): real
    /// words, but never what a request asks for, so the matcher's object check for request
    /// intents does not take them for a different object ("sign me up yeah"). Only that check
    /// reads this list; elsewhere they are ordinary words.
    public static let chatter: Set<String> = words([
        "yeah", "yep", "yup", "nope", "okay", "guys", "folks", "mate", "mates", "dude", "buddy", "gimme",
        "gonna", "wanna", "gotta", "lemme", "stuff", "thing", "things", "online", "asap", "cheers", "kinda",
        "sorta", "actually", "basically", "anyway", "anyways", "maybe", "just", "sure", "right", "today",
        "ziom", "ziomek", "ziomal", "stary", "siema", "siemka", "elo", "mordo", "kurcze", "kurde", "generalnie",
        "ogolnie", "jakos", "wlasnie", "szybko", "dzisiaj", "teraz",
    ], ukrainian: ["ну", "типу", "короче", "онлайн", "друже", "швидко", "просто", "взагалі"])

    /// Folded Ukrainian function and very common words.
    public static let ukrainian: Set<String> = folded([
        "і", "й", "та", "в", "у", "на", "з", "із", "до", "від", "для", "по", "про", "за", "чи", "не", "так", "ні",
        "як", "що", "де", "коли", "скільки", "хто", "який", "яка", "яке", "які", "чому", "куди", "звідки", "це", "цей",
        "ця", "ці", "є", "я", "ви", "ми", "він", "вона", "вони", "мені", "мене", "мій", "моя", "мої", "ваш", "вас", "вам",
        "можна", "можу", "хочу", "треба", "потрібно", "будь", "ласка", "дякую", "привіт", "вітаю", "добрий", "день",
        "або", "але", "також", "теж", "вже", "ще", "дуже", "тут", "там", "зараз", "сьогодні", "завтра", "вчора",
        "номер", "телефон", "адреса", "допомога", "розмова", "бо", "якщо", "щоб", "без", "через", "після", "при",
        "записатися", "скажіть", "підкажіть", "мною", "нас", "наш", "свій", "його", "її", "їх",
    ])

    /// Folded Russian words that Ukrainian spells otherwise: evidence that a Cyrillic message is Russian.
    public static let russian: Set<String> = folded([
        "что", "как", "где", "когда", "сколько", "кто", "какой", "какая", "какие", "почему", "мне", "меня", "мой",
        "можно", "нужно", "надо", "это", "есть", "или", "нет", "да", "спасибо", "пожалуйста", "здравствуйте",
        "привет", "записаться", "стоит", "сегодня", "вчера", "помощь", "помогите", "скажите", "подскажите",
        "бесплатно", "обучение", "участвовать", "хотел", "хотела", "бы", "его", "ее", "их", "также", "тоже", "уже",
        "еще", "очень", "здесь", "сейчас", "если", "чтобы", "после", "день", "добрый", "вы", "вас", "вам",
    ]).subtracting(ukrainian)

    /// Folded Ukrainian words as typed in Latin letters ("yak", "shcho", "mozhna"), absent from
    /// Polish and English.
    public static let ukrainianLatin: Set<String> = [
        "pryvit", "pryvet", "vitaiu", "vitayu", "yak", "iak", "shcho", "scho", "chy", "tse", "ce", "skilky", "koly",
        "khto", "chomu", "mozhna", "mozhu", "khochu", "hochu", "potribno", "treba", "dlia", "dlya", "vy", "vam", "vas",
        "meni", "mene", "mii", "moia", "moya", "vash", "zapysatysia", "zapysatysya", "zapysatys", "zapysaty", "zapyshit",
        "zapyshi", "diakuiu", "dyakuiu", "dyakuyu", "dyakuju", "diakuyu", "bud", "laska", "dobryi", "dobryy", "dobroho",
        "vechir", "pobachennia", "pobachennya", "buvai", "buvay", "ni", "nemaie", "nemaye", "ye", "vid", "pislia",
        "pislya", "yaki", "iaki", "yaka", "iaka", "yakyi", "iakyi", "yakyy", "tut", "tezh", "takozh", "vzhe",
        "shche", "duzhe", "skazhit", "pidkazhit", "mnoiu", "nashe", "svii", "yoho", "yii", "kudy", "zvidky", "siohodni",
        "sogodni", "sohodni", "vchora", "zavtra", "koshtuie", "koshtuye", "bezkoshtovno", "navchannia", "navchannya",
        "pryvitannia", "chym", "mozhesh", "mozhete", "dopomohty", "dopomozhit", "rozkazhit", "rozkazhy", "pohovoryty",
        "dodai", "dodaite", "tsiu", "tsiei", "tsei", "tsia", "tsi", "prohrama", "prohramu", "prohramy", "liudyna",
        "liudynoiu", "liudy", "platyt", "platyty", "shchos", "vydalyty", "zrobyty", "diznatysia", "v", "ukrainskoiu",
    ]

    /// Words already folded, and Ukrainian ones written naturally (folded here).
    static func words(_ folded: [String], ukrainian: [String]) -> Set<String> {
        Set(folded).union(Self.folded(ukrainian))
    }

    /// Folded forms of `words`.
    static func folded(_ words: [String]) -> Set<String> {
        Set(words.map(TextNormalizer.fold))
    }

    /// True for a folded word common in any language we speak.
    public static func contains(_ word: String) -> Bool {
        polish.contains(word) || english.contains(word) || ukrainian.contains(word)
    }
}
