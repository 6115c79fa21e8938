import Foundation

/// The result of matching one message.
public struct IntentMatch: Sendable, Equatable {
    /// How the intent was found: explainable, and reported by `civicd intents eval`.
    public enum Layer: String, Sendable, Equatable {
        /// The folded message equals a folded example.
        case exactPhrase = "exact"
        /// The scored model (n-gram and word TF-IDF with keyword evidence).
        case scored
        /// The best score was the out-of-scope class, too low, or too close to the second.
        case outOfScope = "out_of_scope"
    }

    public struct Candidate: Sendable, Equatable {
        public var intent: IntentID
        public var score: Double
    }

    public var intent: IntentID
    public var confidence: Double
    public var layer: Layer
    /// The best-scoring intents, best first (at most three).
    public var candidates: [Candidate]
}

/// Matches messages to intents without a neural model.
///
/// 1. **Exact phrases**: a folded message equal to a folded example wins outright.
/// 2. **Keywords**: an intent's keyword stems in the message add evidence.
/// 3. **Scored model**: TF-IDF cosine similarity over word stems and character trigrams
///    against every example through inverted indexes (cost follows the postings touched,
///    not the number of examples); an intent scores its best example plus keyword evidence.
///    The `fallback` intent's examples are an explicit out-of-scope class.
/// Below ``threshold``, or when the two best intents are closer than ``margin``, the answer is
/// `fallback`. Ties break by catalogue order, so results are deterministic.
public struct IntentMatcher: Sendable {

    /// Scores below this are out of scope.
    public var threshold = 0.28
    /// Two different intents closer than this are too ambiguous to answer.
    public var margin = 0.01
    /// Score added per keyword found (at most two count).
    public var keywordBonus = 0.08
    /// Score taken from every in-scope intent, times the share of the message's content words
    /// the catalogue has never seen, unless the message names a programme: "jaki jest numer do
    /// pogotowia?" shares its frame with `contact` but is about something else.
    public var unknownWordPenalty = 0.3
    /// The object check of request intents (``Intent/objects``); off only to measure it
    /// (`civicd intents eval --no-object-check`).
    public var checksRequestObjects = true
    /// A message with more content words than this tells a story: its unknown words are the
    /// story's, not a different object, and take nothing.
    static let storyLength = 12

    private let intentIDs: [IntentID]
    private let exactPhrases: [String: Int]
    private let keywordStems: [[String]]
    /// Per intent, keywords found only as typed (``Intent/wholeWordKeywords``).
    private let wholeWordKeywords: [[String]]
    private let corrector: SpellingCorrector
    private let exampleIntent: [Int32]
    private let wordIndex: InvertedIndex
    private let gramIndex: InvertedIndex
    /// Reranks the nearest-example candidates with a logistic regression over the same features.
    private let model: LinearIntentModel
    /// How much the linear model counts against the nearest-example score.
    public var modelWeight = 0.3
    /// How much word stems count against character trigrams.
    private let wordWeight = 0.55
    /// Every topic and city alias, longest first, for masking.
    private let aliases: AliasTable
    /// Every word of a programme's or city's name: a name is written alike in any language.
    private let nameWords: Set<String>
    /// Every word the catalogue knows, analysed once: a message's known words cost one look-up each.
    private let lexicon: [String: Lexeme]
    /// What a topic or city name becomes after masking, analysed like any word.
    private let nameLexeme: Lexeme
    private let knownWords: Set<String>
    private let knownStems: Set<String>
    private let fallbackIndex: Int?
    /// Intents about civicd itself (``Intent/aboutCivicd``), by index.
    private let aboutCivicd: Set<Int>
    /// Per request intent (``Intent/objects``), by index, the beginnings of the words that name
    /// what its requests are for when they are ours: each word but its last two letters, five
    /// letters at least ("szkolen" finds "szkolenia", not "szkoły"; "progra" finds "programme").
    private let requestObjects: [Int: [String]]
    /// Dictionary words the catalogue does not know (``SpellingCorrector`` leaves them as typed).
    private let unknownRealWords: Set<String>
    /// Stems only the out-of-scope examples use ("dentist", "pizza"): no in-scope question's object.
    private let outOfScopeStems: Set<String>
    /// Out-of-scope stems that two fallback examples or more use ("basen", "skarb", "tax"): a
    /// subject the out-of-scope class covers, not a word that happens to stand in one of its
    /// examples ("nasze", "old") — what the object check of a request takes for another object.
    private let foreignObjectStems: Set<String>
    static let foreignObjectExamples = 2
    private let topicAliases: [(words: [Lexeme], topic: String)]
    /// Per topic, the words of each aspect that asks for an intent (`asks:` in topics.yml), with
    /// that intent's index: "kto podpisał ogłoszenie o rekrutacji JST?" names the topic and one
    /// of its facts, so it is a question about that topic, whatever else its words suggest.
    private let topicAspects: [String: [(intent: Int, words: Set<String>)]]
    /// Per topic, the words of all its aspects (with an intent or not): a close or weak call on a
    /// line that names the topic and one of these ("ile dni trwało szkolenie w akcji O.S.?") is
    /// answered, not thrown out — the line asks one of our facts by name.
    private let topicAspectWords: [String: Set<String>]
    /// The programme each intent is a part of (`parts:` in topics.yml: `listening_campaign` of
    /// `os_krosno`), by intent index: a line naming another programme does not ask for it.
    private let partOwner: [Int: String]
    /// Per topic, the stems of its replies' distinctive words, each with the intents (by index)
    /// whose replies say it.
    private let replyStems: [String: [String: [Int]]]
    /// A reply word said by more intents' replies of the topic than this is not distinctive.
    static let replyWordOwners = 2
    /// What a word of a reply, said in a line naming the reply's topic, adds to the reply's intent
    /// (shared among its intents when two say it), for two such words at most.
    public var replyWordBonus = 0.08
    /// What an aspect word of the topic the line names adds to the aspect's intent.
    public var namedAspectBonus = 0.1
    /// The least score a line naming a programme and one of its aspects is answered with.
    public var aspectFloor = 0.15
    private let cityAliases: [(words: [Lexeme], city: String, topic: String?)]
    /// The matcher of Cyrillic lines (Ukrainian, Russian, Latin-typed Ukrainian once spelt in
    /// Cyrillic): trained on the Ukrainian examples alone, knowing every word of the catalogue
    /// (its corrector corrects to the Ukrainian matcher's own words only).
    /// Polish and English lines are matched on the Polish and English examples only, so a third
    /// language cannot move their scores (the index's weights and the linear model are each
    /// trained on their own examples).
    private var ukrainian: Ukrainian?

    /// Boxed, so that a matcher can hold one.
    final class Ukrainian: Sendable {
        let matcher: IntentMatcher
        init(_ matcher: IntentMatcher) { self.matcher = matcher }
    }

    /// - Parameter factTexts: further texts the catalogue knows (its facts), so that a question
    ///   using a fact's wording ("Reymonta", "Polanka") is neither unknown nor left uncorrected.
    /// - Parameter realWords: words of a dictionary (`intents/*.words`). One the catalogue does not
    ///   know is no misspelling: "train" stays "train", not "rain", and counts as a word the
    ///   catalogue never saw — the sign of a question about something else.
    /// - Parameter wordForms: inflected forms to a known word of the same lemma (`intents/*.forms`).
    /// - Parameter replyWords: per topic, the words of each intent's reply for it
    ///   (``Catalogue/replyWords(intents:topics:facts:)``).
    public init(intents: [Intent], topics: [Topic] = [], cities: [City] = [], factTexts: [String] = [], realWords: Set<String> = [],
                wordForms: [String: String] = [:], replyWords: [String: [IntentID: Set<String>]] = [:]) {
        self.init(intents: intents, topics: topics, cities: cities, factTexts: factTexts, realWords: realWords,
                  wordForms: wordForms, replyWords: replyWords, indexing: [.pl, .en], alsoKnown: [])
        if intents.contains(where: { !($0.examples[.uk] ?? []).isEmpty }) {
            // Polish words and names in a Ukrainian line ("urząd", "gmina") are known there too.
            ukrainian = Ukrainian(IntentMatcher(intents: intents, topics: topics, cities: cities, factTexts: factTexts,
                                                realWords: realWords, wordForms: [:], replyWords: replyWords, indexing: [.uk], alsoKnown: knownWords))
        }
    }

    /// - Parameter indexing: the languages whose examples are scored against (and whose words the
    ///   spelling corrector corrects to).
    /// - Parameter alsoKnown: further words that are never unknown (another matcher's vocabulary).
    private init(intents: [Intent], topics: [Topic], cities: [City], factTexts: [String], realWords: Set<String>,
                 wordForms: [String: String], replyWords: [String: [IntentID: Set<String>]], indexing: [Language], alsoKnown: Set<String>) {
        self.ukrainian = nil
        intentIDs = intents.map(\.id)
        var exact: [String: Int] = [:]
        var vocabulary: [String: Int] = [:]
        var exampleIntent: [Int32] = []
        var wordDocuments: [[String]] = []
        var gramDocuments: [[String]] = []
        let aliasWords = (topics.flatMap(\.aliases) + cities.flatMap(\.aliases)).sorted { $0.count > $1.count }
        let aliases = AliasTable(aliasWords.map { $0.map(Lexeme.init) })
        self.nameWords = Set(aliasWords.joined())
        let name = Lexeme(Self.nameToken)
        for (intentIndex, intent) in intents.enumerated() {
            for language in indexing {
                for example in intent.examples[language] ?? [] {
                    let tokens = TextNormalizer.tokens(example.text)
                    guard !tokens.isEmpty else { continue }
                    let folded = tokens.joined(separator: " ")
                    if exact[folded] == nil { exact[folded] = intentIndex }
                    for token in tokens { vocabulary[token, default: 0] += 1 }
                    let masked = aliases.masking(tokens.map(Lexeme.init), name: name)
                    exampleIntent.append(Int32(intentIndex))
                    wordDocuments.append(masked.map(\.stem))
                    gramDocuments.append(masked.flatMap { Self.trigrams($0.text) })
                }
            }
            for keyword in intent.keywords + intent.wholeWordKeywords { vocabulary[keyword, default: 0] += 1 }
        }
        self.aliases = aliases
        for topic in topics { for alias in topic.aliases { for word in alias { vocabulary[word, default: 0] += 1 } } }
        for city in cities { for alias in city.aliases { for word in alias { vocabulary[word, default: 0] += 1 } } }
        for word in factTexts.flatMap(TextNormalizer.tokens) where word.count >= 3 && !word.allSatisfy(\.isNumber) {
            vocabulary[word, default: 0] += 1
        }
        let known = Set(vocabulary.keys).union(alsoKnown)
        self.knownWords = known
        self.knownStems = Set(known.map(TextNormalizer.stem))
        self.fallbackIndex = intents.firstIndex { $0.id == IntentID.fallback }
        self.aboutCivicd = Set(intents.indices.filter { intents[$0].aboutCivicd })
        var requestObjects: [Int: [String]] = [:]
        for (index, intent) in intents.enumerated() where !intent.objects.isEmpty {
            requestObjects[index] = Set(intent.objects.map(Self.objectPrefix)).sorted()
        }
        self.requestObjects = requestObjects
        self.unknownRealWords = realWords.subtracting(known)
        var inScopeStems = Set(intents.filter { $0.id != IntentID.fallback }.flatMap(\.keywords))
        var outOfScopeStems = Set<String>()
        var outOfScopeCounts: [String: Int] = [:]
        for intent in intents {
            for example in indexing.flatMap({ intent.examples[$0] ?? [] }) {
                let stems = TextNormalizer.tokens(example.text).filter(Self.isContentWord).map(TextNormalizer.stem)
                if intent.id == IntentID.fallback {
                    outOfScopeStems.formUnion(stems)
                    for stem in Set(stems) { outOfScopeCounts[stem, default: 0] += 1 }
                } else { inScopeStems.formUnion(stems) }
            }
        }
        self.outOfScopeStems = outOfScopeStems.subtracting(inScopeStems)
        self.foreignObjectStems = self.outOfScopeStems.filter { outOfScopeCounts[$0, default: 0] >= Self.foreignObjectExamples }
        self.exactPhrases = exact
        self.keywordStems = intents.map { $0.keywords.map(TextNormalizer.stem) }
        self.wholeWordKeywords = intents.map(\.wholeWordKeywords)
        // The common words of each language are real words too: "potem" is no misspelling of "botem".
        self.corrector = SpellingCorrector(vocabulary: vocabulary, realWords: realWords.union(CommonWords.polish).union(CommonWords.english).union(CommonWords.ukrainian),
                                           forms: wordForms)
        self.exampleIntent = exampleIntent
        let wordIndex = InvertedIndex(documents: wordDocuments)
        let gramIndex = InvertedIndex(documents: gramDocuments)
        self.wordIndex = wordIndex
        self.gramIndex = gramIndex
        var lexicon: [String: Lexeme] = [:]
        for word in vocabulary.keys {
            var lexeme = Lexeme(word)
            lexeme.addFeatures(words: wordIndex, grams: gramIndex)
            lexicon[word] = lexeme
        }
        self.lexicon = lexicon
        var nameLexeme = name
        nameLexeme.addFeatures(words: wordIndex, grams: gramIndex)
        self.nameLexeme = nameLexeme
        let wordWeight = self.wordWeight
        let wordVectors = wordDocuments.map { wordIndex.vector($0) }
        let vectors = zip(wordVectors, gramDocuments).map { words, grams in
            Self.combinedVector(words, gramIndex.vector(grams), wordFeatureCount: wordIndex.featureCount, wordWeight: wordWeight)
        }
        // With many intents the model learns each example against its nearest rival intents only
        // (and scores only the nearest ones), so cost follows the neighbourhood, not the catalogue.
        var rivals: [[Int]]? = nil
        if intents.count > LinearIntentModel.maxCandidates {
            // Rivals by word stems alone: their postings are short, so this stays cheap.
            rivals = wordVectors.map { words in
                Self.nearestIntents(
                    Self.nearestScores(words: words, grams: [], wordIndex: wordIndex, gramIndex: gramIndex,
                                       exampleIntent: exampleIntent, intentCount: intents.count, wordWeight: wordWeight),
                    limit: LinearIntentModel.maxCandidates
                )
            }
        }
        self.model = LinearIntentModel(
            examples: vectors, labels: exampleIntent.map(Int.init), classes: intents.count,
            features: wordIndex.featureCount + gramIndex.featureCount, candidates: rivals,
            epochs: max(5, min(30, 60_000 / max(exampleIntent.count, 1)))
        )
        self.topicAliases = topics.flatMap { topic in topic.aliases.map { (words: $0.map(Lexeme.init), topic: topic.id) } }
        var topicAspects: [String: [(intent: Int, words: Set<String>)]] = [:]
        for topic in topics {
            for aspect in topic.aspects {
                guard let asks = aspect.asks, let intent = intentIDs.firstIndex(of: asks) else { continue }
                topicAspects[topic.id, default: []].append((intent, Set(aspect.words)))
            }
        }
        self.topicAspects = topicAspects
        self.topicAspectWords = Dictionary(topics.map { ($0.id, Set($0.aspects.flatMap(\.words))) }) { first, _ in first }
        var partOwner: [Int: String] = [:]
        for topic in topics {
            for part in topic.parts { if let intent = intentIDs.firstIndex(of: part) { partOwner[intent] = topic.id } }
        }
        self.partOwner = partOwner
        // A reply word is distinctive for a topic when at most two of its intents' replies say it,
        // and it is no name, no common word and no number.
        let nameStems = Set(aliasWords.joined().map(TextNormalizer.stem))
        var replyStems: [String: [String: [Int]]] = [:]
        for (topic, byIntent) in replyWords {
            var owners: [String: Set<Int>] = [:]
            for (intent, words) in byIntent {
                guard let index = intentIDs.firstIndex(of: intent) else { continue }
                for word in words where word.count >= 4 && word.allSatisfy(\.isLetter) && Self.isContentWord(word)
                    && !CommonWords.polish.contains(word) && !CommonWords.english.contains(word) && !CommonWords.ukrainian.contains(word) {
                    let stem = TextNormalizer.stem(word)
                    if !nameStems.contains(stem) { owners[stem, default: []].insert(index) }
                }
            }
            replyStems[topic] = owners.filter { $0.value.count <= Self.replyWordOwners }.mapValues { $0.sorted() }
        }
        self.replyStems = replyStems
        self.cityAliases = cities.flatMap { city in city.aliases.map { (words: $0.map(Lexeme.init), city: city.id, topic: city.topic) } }
    }

    /// The number of examples indexed.
    public var exampleCount: Int { exampleIntent.count + (ukrainian?.matcher.exampleCount ?? 0) }

    /// The matcher for these words: the Ukrainian one when a third or more of them are Cyrillic.
    private func reading(_ tokens: [String]) -> IntentMatcher? {
        guard let ukrainian else { return nil }
        let cyrillic = tokens.reduce(0) { $0 + ($1.unicodeScalars.contains(where: Cyrillic.isCyrillic) ? 1 : 0) }
        return cyrillic > 0 && cyrillic * 3 >= tokens.count ? ukrainian.matcher : nil
    }

    /// The message's words, folded and with misspellings corrected to known words.
    public func correctedTokens(_ text: String) -> [String] {
        corrected(readingWords(text))
    }

    /// The message's folded words as the matcher reads them: a Ukrainian message typed in Latin
    /// letters spelt in Cyrillic (``transliterated(_:)``).
    public func readingWords(_ text: String) -> [String] {
        let words = TextNormalizer.tokens(text)
        return language(of: text, words: words) == .uk ? transliterated(words) : words
    }

    /// The language of the line's words other than names (their words and letters): "projekt
    /// Socially Organised – jakie zadania realizowano?" is Polish ("socially", "organised" look
    /// English), "Koalicja na rzecz sąsiedztw – where does it run?" English. Nil when the rest
    /// says nothing ("Socially Organised – start date?"): then the names count too.
    private func detectedOutsideNames(_ text: String, words: [String]) -> Language? {
        guard !LanguageDetector.isCyrillic(text), words.contains(where: nameWords.contains) else { return nil }
        let polishLetters = text.split(whereSeparator: { !$0.isLetter }).contains { word in
            word.contains(where: LanguageDetector.polishLetters.contains) && !nameWords.contains(TextNormalizer.fold(String(word)))
        }
        return LanguageDetector.detect(words: words.filter { !nameWords.contains($0) }, hasPolishLetters: polishLetters)
    }

    /// The line's language: ``LanguageDetector``'s reading, and, when it does not say Ukrainian,
    /// the lexicons' — a Latin-typed line whose words are no Polish or English word but, spelt
    /// in Cyrillic, Ukrainian (or Russian) words of the catalogue ("diakuju za informaciju",
    /// "spasibo, vsyo ponyatno") is Ukrainian typed in Latin letters: more such words than
    /// Polish or English ones, and two at least or half the line. A line with Polish letters
    /// stays as detected.
    public func language(of text: String, words: [String]) -> Language? {
        let detected = detectedOutsideNames(text, words: words) ?? LanguageDetector.detect(text, words: words)
        guard detected != .uk, let ukrainian, !text.contains(where: { LanguageDetector.polishLetters.contains($0) }),
              !words.contains(where: { $0.unicodeScalars.contains(where: Cyrillic.isCyrillic) }) else { return detected }
        var ukrainianWords = 0
        var latinWords = 0
        var evidence = 0
        for word in words {
            // "jak", "ja", "z", "u", "de": as much "як", "я", "з", "у", "де" — no evidence either way.
            // "Centrum Obywatelskie" in "de znakhodytsia Centrum Obywatelskie?" is a name, no Polish.
            if word.count <= 3, CommonWords.ukrainian.contains(Cyrillic.fromLatin(word)) { continue }
            if nameWords.contains(word) { continue }
            evidence += 1
            if knownWords.contains(word) || unknownRealWords.contains(word) || CommonWords.polish.contains(word) || CommonWords.english.contains(word) {
                latinWords += 1
            } else if word.count >= 3, ukrainian.matcher.knownWords.contains(Cyrillic.fromLatin(word)) {
                ukrainianWords += 1
            }
        }
        // More such words than Polish or English ones: "dzien dobry, ja z Ukrainy, moge pisac po
        // polsku?" is Polish without its letters, though "ukrainy" spelt in Cyrillic is Ukrainian.
        return ukrainianWords > latinWords && (ukrainianWords >= 2 || ukrainianWords * 2 >= evidence) ? .uk : detected
    }

    /// The folded words of a Ukrainian line with its Latin-typed words spelt in Cyrillic
    /// ("zapysatysia" → "записатися"), except the catalogue's own Latin words that are no common
    /// word and whose Cyrillic spelling it does not know: "urząd", "gmina", "osiedle" or a
    /// programme's name stay as typed, "kurs" becomes "курс".
    /// A line that already has Cyrillic words is not typed in transliteration: its Latin words are
    /// Polish or English ("Скажіть будь ласка, ile kosztuje szkolenie?") and stay as typed.
    public func transliterated(_ words: [String]) -> [String] {
        if words.contains(where: { $0.unicodeScalars.contains(where: Cyrillic.isCyrillic) }) { return words }
        return words.map { word in
            let cyrillic = Cyrillic.fromLatin(word)
            if isKnownWord(word), !CommonWords.contains(word), !isKnownWord(cyrillic) { return word }
            return cyrillic
        }
    }

    /// Folded words with misspellings corrected to known words.
    public func corrected(_ words: [String]) -> [String] {
        if let other = reading(words) { return other.corrected(words) }
        return words.map { corrector.correct($0) }
    }

    public func match(_ text: String) -> IntentMatch {
        let whole = match(tokens: correctedTokens(text))
        return questionSentence(of: text, whole: whole) ?? whole
    }

    /// True when the words name one of the programmes.
    func namesProgramme(_ tokens: [String]) -> Bool {
        if let other = reading(tokens) { return other.namesProgramme(tokens) }
        let words = lexemes(tokens)
        return topicAliases.contains(where: { AliasTable.contains(words, $0.words) })
    }

    /// True when `tokens` name a programme or hold a keyword of `intent`. Content words of
    /// in-scope examples alone are not enough: "gdzie i jak się to załatwia?" after a story
    /// about re-registering a car has them.
    func hasOwnWords(_ tokens: [String], for intent: IntentID) -> Bool {
        let words = lexemes(tokens)
        if topicAliases.contains(where: { AliasTable.contains(words, $0.words) }) { return true }
        guard let index = intentIDs.firstIndex(of: intent) else { return false }
        let stems = Set(words.map(\.stem))
        let texts = Set(words.map(\.text))
        return keywordStems[index].contains(where: stems.contains) || wholeWordKeywords[index].contains(where: texts.contains)
    }

    /// The most sentences of one message read on their own.
    static let sentencesRead = 4
    /// The least confidence a question read on its own is answered with.
    public var questionConfidence = 0.4

    /// A message of several sentences that is out of scope as a whole ("Prowadzę stowarzyszenie
    /// w Stargardzie… Przeglądałem archiwalne ogłoszenia… Jakie były terminy obu etapów?"): its
    /// question read on its own — the sentences that end in "?", last first, else the last
    /// sentence — when one is in scope and no courtesy. In scope as a whole: its last question,
    /// when that is another intent with a higher score and names it by our words. At most
    /// ``sentencesRead`` sentences are read, each once, so the work stays linear in the message.
    public func questionSentence(of text: String, whole: IntentMatch) -> IntentMatch? {
        Self.story(of: text).flatMap { questionSentence(in: $0, words: correctedTokens(text), whole: whole) }
    }

    /// ``questionSentence(of:whole:)`` for a story already split (``story(of:)``); `words` are the
    /// whole message's corrected words.
    public func questionSentence(in sentences: [Sentence], words: [String], whole: IntentMatch) -> IntentMatch? {
        guard whole.layer != .exactPhrase else { return nil }
        // A story read as a courtesy ("…Proszę o informację, na czym ta akcja polega. Z góry
        // dziękuję.") is read as one out of scope: its request is in another sentence.
        let courtesy = [IntentID.greeting, .thanks, .goodbye].contains(whole.intent)
        let inScope = whole.intent != IntentID.fallback && !courtesy
        var order = sentences.reversed().filter(\.asks)
        if order.isEmpty { order = courtesy ? Array(sentences.reversed()) : sentences.last.map { [$0] } ?? [] }
        for sentence in order.prefix(Self.sentencesRead) {
            let tokens = correctedTokens(String(sentence.text))
            let match = match(tokens: tokens)
            if inScope {
                // In scope as a whole, but its question reads more surely as something else: "…
                // my husband doubts it all. Where does the money come from?" asks the funding.
                // Only a question does: a closing "Z góry dziękuję." is no thanks for nothing.
                guard sentence.asks, match.intent != whole.intent, match.layer != .outOfScope, match.confidence > whole.confidence,
                      ![IntentID.fallback, .greeting, .thanks, .goodbye].contains(match.intent) else { return nil }
                let own = reading(tokens).map { $0.hasOwnWords(tokens, for: match.intent) } ?? hasOwnWords(tokens, for: match.intent)
                return own ? match : nil
            }
            guard match.layer != .outOfScope, match.confidence >= questionConfidence,
                  ![IntentID.fallback, .greeting, .thanks, .goodbye].contains(match.intent) else { continue }
            // The question names what it asks about by our words — one of its intent's keywords
            // or a programme — not only "gdzie i jak się to załatwia?" after a story of a dog. A
            // story read as a courtesy may have named the programme in another sentence.
            if courtesy, namesProgramme(words) { return match }
            if let other = reading(tokens) { return other.hasOwnWords(tokens, for: match.intent) ? match : nil }
            return hasOwnWords(tokens, for: match.intent) ? match : nil
        }
        return nil
    }

    /// The words a message asks with: in a story of several sentences, those of its questions
    /// (the sentences that end in "?", at most ``sentencesRead``, corrected like any line), else
    /// `corrected`, the whole line's. "Mąż pracuje od lat na pół etatu… Skąd są na to pieniądze?"
    /// asks about the money, not for how long anything lasts.
    public func askedWords(in sentences: [Sentence]?, corrected: [String]) -> [String] {
        guard let sentences else { return corrected }
        let questions = sentences.filter(\.asks).suffix(Self.sentencesRead)
        guard !questions.isEmpty, questions.count < sentences.count else { return corrected }
        return questions.flatMap { correctedTokens(String($0.text)) }
    }

    /// A sentence of a message, and whether it asks (has a "?").
    public typealias Sentence = (text: Substring, asks: Bool)

    /// A story's sentences: a message of more than ``storyLength`` content words and two
    /// sentences or more (``sentences(of:)``); nil for any other. Worked out once per line.
    public static func story(of text: String) -> [Sentence]? {
        guard tellsStory(text) else { return nil }
        let sentences = sentences(of: text)
        return sentences.count >= 2 ? sentences : nil
    }

    /// More than ``storyLength`` content words.
    static func tellsStory(_ text: String) -> Bool {
        TextNormalizer.tokens(text).filter(Self.isContentWord).count > Self.storyLength
    }

    /// True when the "." at `index` ends a single letter after a space or another "." ("O.S. w
    /// Krośnie", "ul. J. Lea"): an abbreviation or an initial, not the end of a sentence.
    static func endsInitial(_ text: String, at index: String.Index) -> Bool {
        guard text[index] == ".", index > text.startIndex else { return false }
        let letter = text.index(before: index)
        guard text[letter].isLetter else { return false }
        guard letter > text.startIndex else { return true }
        let before = text[text.index(before: letter)]
        return before == "." || before.isWhitespace
    }

    /// The message's sentences of three words or more, each with whether it asks (has a "?"). A
    /// sentence ends at ".", "!" or "?" before white space or the end, not after an initial.
    static func sentences(of text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        var start = text.startIndex
        var asks = false
        for index in text.indices where ".!?".contains(text[index]) {
            asks = asks || text[index] == "?"
            let next = text.index(after: index)
            guard next == text.endIndex || text[next].isWhitespace, !Self.endsInitial(text, at: index) else { continue }
            sentences.append((text[start..<next], asks))
            start = next
            asks = false
        }
        if start < text.endIndex { sentences.append((text[start...], false)) }
        sentences.removeAll { TextNormalizer.tokens(String($0.text)).count < 3 }
        return sentences
    }

    public func match(tokens: [String]) -> IntentMatch {
        if var other = reading(tokens) {
            other.checksRequestObjects = checksRequestObjects
            let whole = other.match(tokens: tokens)
            guard let polish = latinClause(tokens) else { return whole }
            // "Наша nieformalna grupa тільки починає, нас приймуть у Centrum Obywatelskie?": the
            // Ukrainian examples know no Polish wording, so a code-switched line is also read for
            // its Latin words, by the Polish and English matcher; the surer reading in scope wins.
            let clause = match(tokens: polish)
            guard clause.intent != IntentID.fallback else { return whole }
            return whole.intent == IntentID.fallback || clause.confidence > whole.confidence ? clause : whole
        }
        let fallback = IntentMatch(intent: IntentID.fallback, confidence: 0, layer: .outOfScope, candidates: [])
        guard !tokens.isEmpty, !intentIDs.isEmpty else { return fallback }

        // Layer 1: an exact phrase.
        if let index = exactPhrases[tokens.joined(separator: " ")] {
            let id = intentIDs[index]
            return IntentMatch(
                intent: id, confidence: 1,
                layer: id == IntentID.fallback ? .outOfScope : .exactPhrase,
                candidates: [.init(intent: id, score: 1)]
            )
        }

        // Layers 2 and 3: keyword evidence plus the best example's similarity. Names of
        // programmes and cities are masked: they say what the question is about, not what it asks.
        let words = lexemes(tokens)
        let masked = aliases.masking(words, name: nameLexeme)
        // One vector per feature kind, used by the nearest-example search and the model alike.
        var stemFeatures: [Int32] = []
        var unseenStems = 0
        var gramFeatures: [Int32] = []
        var unseenGrams = 0
        for word in masked {
            if let feature = word.stemFeature { stemFeatures.append(feature) } else { unseenStems += 1 }
            gramFeatures.append(contentsOf: word.gramFeatures)
            unseenGrams += word.unseenGrams
        }
        let wordVector = wordIndex.vector(features: stemFeatures, unseen: unseenStems)
        let gramVector = gramIndex.vector(features: gramFeatures, unseen: unseenGrams)
        var best = Self.nearestScores(
            words: wordVector, grams: gramVector, wordIndex: wordIndex, gramIndex: gramIndex,
            exampleIntent: exampleIntent, intentCount: intentIDs.count, wordWeight: wordWeight
        )
        if modelWeight > 0 {
            let vector = Self.combinedVector(wordVector, gramVector, wordFeatureCount: wordIndex.featureCount, wordWeight: wordWeight)
            let candidates = intentIDs.count > LinearIntentModel.maxCandidates
                ? Self.nearestIntents(best, limit: LinearIntentModel.maxCandidates) : Array(best.indices)
            let probabilities = model.probabilities(vector, among: candidates)
            for (intent, probability) in zip(candidates, probabilities) {
                best[intent] = (1 - modelWeight) * best[intent] + modelWeight * probability
            }
            if candidates.count < best.count {
                let chosen = Set(candidates)
                for intent in best.indices where !chosen.contains(intent) { best[intent] *= (1 - modelWeight) }
            }
        }
        let stems = Set(words.map(\.stem))
        let texts = Set(words.map(\.text))
        for (intent, keywords) in keywordStems.enumerated() where !keywords.isEmpty || !wholeWordKeywords[intent].isEmpty {
            let hits = keywords.reduce(0) { $0 + (stems.contains($1) ? 1 : 0) }
                + wholeWordKeywords[intent].reduce(0) { $0 + (texts.contains($1) ? 1 : 0) }
            best[intent] += keywordBonus * Double(min(hits, 2))
        }
        // The programme the line names, looked up once: its aspect words weigh in, and its name
        // excuses unknown words.
        let namedTopic = firstNamedTopic(in: words)
        var replyWordIntents: Set<Int> = []
        if let namedTopic {
            for aspect in topicAspects[namedTopic] ?? [] where !aspect.words.isDisjoint(with: texts) {
                best[aspect.intent] += namedAspectBonus
            }
            // "Centrum Obywatelskie – a grupy robocze też są?": a line naming a programme that
            // says a word only one or two of its replies say asks for those replies.
            if let distinctive = replyStems[namedTopic], replyWordBonus > 0 {
                var gains = [Double](repeating: 0, count: best.count)
                var seen: Set<String> = []
                for word in masked where word.isContent && seen.insert(word.stem).inserted {
                    guard let owners = distinctive[word.stem] else { continue }
                    for owner in owners { gains[owner] += replyWordBonus / Double(owners.count) }
                }
                for intent in gains.indices where gains[intent] > 0 {
                    best[intent] += min(gains[intent], 2 * replyWordBonus)
                    replyWordIntents.insert(intent)
                }
            }
            // "Where did Socially Organised take place?" is no question about the Krosno listening
            // campaign, however much its wording is: a part of one programme is out of the running
            // for a line that names another, unless the line says the part's own keyword.
            for (intent, owner) in partOwner where owner != namedTopic && keywordStems[intent].allSatisfy({ !stems.contains($0) }) {
                best[intent] = 0
            }
            // "Jak działa Koalicja na rzecz sąsiedztw?" asks how the programme works, not how
            // civicd does: what is asked of civicd itself is not asked of a named programme.
            for intent in aboutCivicd { best[intent] = 0 }
        }
        let unknown = words.reduce(0) { $0 + ($1.isUnknown ? 1 : 0) }
        let contentWords = words.reduce(0) { $0 + ($1.isContent ? 1 : 0) }
        let tellsStory = contentWords > Self.storyLength
        if unknown > 0, !tellsStory, namedTopic == nil {
            let penalty = unknownWordPenalty * Double(unknown) / Double(max(contentWords, 1))
            for intent in best.indices where intent != fallbackIndex {
                best[intent] -= penalty
            }
        }

        // Rank: score, then catalogue order.
        let ranked = best.indices.sorted { best[$0] != best[$1] ? best[$0] > best[$1] : $0 < $1 }
        let candidates = ranked.prefix(3).map { IntentMatch.Candidate(intent: intentIDs[$0], score: min(best[$0], 1)) }
        let top = ranked[0]
        let topScore = min(best[top], 1)
        let topID = intentIDs[top]
        // "Can you help me find a hotel?": a request about the hotel, not about civicd.
        let namesOtherObject = aboutCivicd.contains(top) && !tellsStory && words.contains {
            $0.isUnknown ? unknownRealWords.contains($0.text) : $0.isContent && outOfScopeStems.contains($0.stem)
        }
        // "Jak dołączyć do chóru?", "telefon do urzędu skarbowego": our request's frame, someone
        // else's object — unless the line names a programme or a word of ours for what we offer
        // ("zapisz mnie na szkolenie z pierwszej pomocy"). Names of cities are masked: a city
        // says where, not what ("jak zapisać dziecko na basen w Krośnie?").
        let asksForOtherObject = checksRequestObjects && !tellsStory && namedTopic == nil && requestObjects[top].map { objects in
            guard !masked.contains(where: { word in objects.contains { word.text.hasPrefix($0) } }) else { return false }
            // Once per line, not once per word.
            let readsPolish = LanguageDetector.detect(tokens.joined(separator: " "), words: tokens) == .pl
            return masked.contains { isOtherObject($0, readsPolish: readsPolish) }
        } == true
        if topID == IntentID.fallback || namesOtherObject || asksForOtherObject {
            return IntentMatch(intent: IntentID.fallback, confidence: topID == IntentID.fallback ? topScore : 1 - topScore,
                               layer: .outOfScope, candidates: candidates)
        }
        // A named programme and one of its aspects asked by name: ours, whatever the margin.
        if let namedTopic, let asked = topicAspectWords[namedTopic], !asked.isDisjoint(with: texts), topScore >= aspectFloor {
            return IntentMatch(intent: topID, confidence: topScore, layer: .scored, candidates: candidates)
        }
        // "Centrum Obywatelskie – a grupy robocze też są?": a programme named with a word of one
        // of its replies, that reply's intent on top — ours, down to the same floor.
        if namedTopic != nil, replyWordIntents.contains(top), topScore >= aspectFloor {
            return IntentMatch(intent: topID, confidence: topScore, layer: .scored, candidates: candidates)
        }
        // "jest coś takiego jak koalicja sąsiedzka we Wrocławiu?": a programme and a city named
        // together ask whether it is there — ours, whatever the margin, down to the same floor.
        if namedTopic != nil, cityAliases.contains(where: { AliasTable.contains(words, $0.words) }), topScore >= aspectFloor {
            return IntentMatch(intent: topID, confidence: topScore, layer: .scored, candidates: candidates)
        }
        if topScore < threshold {
            return IntentMatch(intent: IntentID.fallback, confidence: 1 - topScore, layer: .outOfScope, candidates: candidates)
        }
        // Two close intents on a line that names one of our programmes are two readings of a
        // question about it ("gdzie działa Koalicja?": its place or its contact), not a reason to
        // say we cannot help: the better one is answered.
        if ranked.count > 1, namedTopic == nil {
            let second = ranked[1]
            if intentIDs[second] != IntentID.fallback, topScore - min(best[second], 1) < margin {
                return IntentMatch(intent: IntentID.fallback, confidence: 1 - topScore, layer: .outOfScope, candidates: candidates)
            }
        }
        return IntentMatch(intent: topID, confidence: topScore, layer: .scored, candidates: candidates)
    }

    /// The one programme with an aspect (`asks:`) whose words `tokens` say as typed ("kto
    /// prowadził szkolenie?": only the O.S. action has trainers); nil for none or several.
    public func aspectTopic(of tokens: [String]) -> String? {
        if let other = reading(tokens) { return other.aspectTopic(of: tokens) }
        let texts = Set(tokens)
        let asked = topicAspects.filter { $0.value.contains { !$0.words.isDisjoint(with: texts) } }
        return asked.count == 1 ? asked.first?.key : nil
    }

    /// The Latin words of a line read by the Ukrainian matcher, when they say something of their
    /// own: two words or more beside its Cyrillic ones that carry content or ask ("ile kosztuje
    /// szkolenie"), not counting the names of programmes and cities ("Socially Organised" alone
    /// asks nothing).
    private func latinClause(_ tokens: [String]) -> [String]? {
        let latin = tokens.filter { !$0.unicodeScalars.contains(where: Cyrillic.isCyrillic) }
        guard latin.count < tokens.count else { return nil }
        let content = aliases.masking(lexemes(latin), name: nameLexeme).count {
            $0.text != Self.nameToken && ($0.isContent || ($0.text.count >= Self.askingWordLength && isKnownWord($0.text)))
        }
        return content >= 2 ? latin : nil
    }

    /// False for messages that only name something ("a w Krakowie?", "and in Krosno?").
    public func hasContentBesideNames(_ tokens: [String]) -> Bool {
        if let other = reading(tokens) { return other.hasContentBesideNames(tokens) }
        // A common word the catalogue asks with ("kosztuje", "finansuje") is content too: "ile
        // kosztuje centrum obywatelskie?" asks its own question, "a jak jest w Krakowie?" does not.
        return aliases.masking(lexemes(tokens), name: nameLexeme).contains {
            $0.text != Self.nameToken && ($0.isContent || ($0.text.count >= Self.askingWordLength && isKnownWord($0.text)))
        }
    }

    /// True when a word of a short request names what it asks for as something else: a word
    /// two out-of-scope examples or more use ("basen", "skarbowy", "tax"), or — in a line not
    /// read as Polish — an English dictionary word the catalogue never saw ("choir", "firm").
    /// Chat ("yeah", "stuff", ``CommonWords/chatter``) names nothing. Dictionary words of a
    /// Polish line are not English ("data", "pole"), and Ukrainian dictionary words
    /// (`ukrainian.words` holds only the neighbours of the catalogue's words, for the corrector)
    /// are not counted either: tried, they lost an in-scope Ukrainian line and caught nothing more.
    private func isOtherObject(_ word: Lexeme, readsPolish: Bool) -> Bool {
        guard word.isContent, !CommonWords.chatter.contains(word.text) else { return false }
        guard word.isUnknown else { return foreignObjectStems.contains(word.stem) }
        return !readsPolish && unknownRealWords.contains(word.text) && !word.text.unicodeScalars.contains(where: Cyrillic.isCyrillic)
    }

    /// The beginning of an object word that its inflected forms share: all but the last two
    /// letters, five at least.
    static func objectPrefix(_ word: String) -> String {
        word.count <= 5 ? word : String(word.prefix(max(5, word.count - 2)))
    }

    /// A known common word this long or longer carries a question of its own.
    static let askingWordLength = 5

    /// Words that carry content: not function words, not numbers, three letters or more.
    static func isContentWord(_ token: String) -> Bool {
        token.count >= 3
            && !token.allSatisfy(\.isNumber)
            && !CommonWords.contains(token)
    }

    /// True when an example, keyword, alias or fact of the catalogue has this (folded) word.
    public func isKnownWord(_ word: String) -> Bool {
        knownWords.contains(word) || ukrainian?.matcher.knownWords.contains(word) == true
    }

    /// Content words of the message that no example, keyword, alias or fact contains, even
    /// inflected: the signs of a question about something else.
    public func unknownWords(in tokens: [String]) -> [String] {
        if let other = reading(tokens) { return other.unknownWords(in: tokens) }
        return lexemes(tokens).filter(\.isUnknown).map(\.text)
    }

    /// The analysed words of a message: known words from the lexicon, others analysed now.
    private func lexemes(_ tokens: [String]) -> [Lexeme] {
        tokens.map { token in
            if let known = lexicon[token] { return known }
            var lexeme = Lexeme(token)
            lexeme.isUnknown = lexeme.isContent && !knownStems.contains(lexeme.stem)
            lexeme.addFeatures(words: wordIndex, grams: gramIndex)
            return lexeme
        }
    }

    // MARK: - Topics and cities

    /// What a message names: a topic (directly, or through a city that has one) and a city.
    public struct Mentions: Sendable, Equatable {
        public var topic: String?
        public var city: String?
        /// The topic is the city's ("w Krakowie" → Centrum Obywatelskie), no programme's name.
        public var topicByCity = false
    }

    public func mentions(in text: String) -> Mentions {
        mentions(tokens: correctedTokens(text))
    }

    /// The programme a line names first: "Socially Organised, oparty na idei Community
    /// Organising" is about Socially Organised, though "community organising" names the O.S.
    /// action too. Ties (two names at one word) go to the catalogue's order.
    private func firstNamedTopic(in words: [Lexeme]) -> String? {
        var first: (position: Int, topic: String)?
        for alias in topicAliases {
            guard let position = AliasTable.firstPosition(of: alias.words, in: words) else { continue }
            if first == nil || position < first!.position { first = (position, alias.topic) }
        }
        return first?.topic
    }

    public func mentions(tokens: [String]) -> Mentions {
        if let other = reading(tokens) { return other.mentions(tokens: tokens) }
        let words = lexemes(tokens)
        var result = Mentions()
        result.topic = firstNamedTopic(in: words)
        if let hit = cityAliases.first(where: { AliasTable.contains(words, $0.words) }) {
            result.city = hit.city
            if result.topic == nil, let topic = hit.topic {
                result.topic = topic
                result.topicByCity = true
            }
        }
        return result
    }

    /// Each intent's best example similarity (word stems and trigrams combined).
    static func nearestScores(
        words: [(id: Int32, weight: Double)], grams: [(id: Int32, weight: Double)],
        wordIndex: InvertedIndex, gramIndex: InvertedIndex,
        exampleIntent: [Int32], intentCount: Int, wordWeight: Double
    ) -> [Double] {
        var wordScores = [Double](repeating: 0, count: exampleIntent.count)
        var gramScores = [Double](repeating: 0, count: exampleIntent.count)
        var touched: [Int32] = []
        wordIndex.accumulateCosines(of: words, into: &wordScores, touched: &touched)
        gramIndex.accumulateCosines(of: grams, into: &gramScores, touched: &touched)
        var best = [Double](repeating: 0, count: intentCount)
        for example in touched {
            let intent = Int(exampleIntent[Int(example)])
            let combined = wordWeight * wordScores[Int(example)] + (1 - wordWeight) * gramScores[Int(example)]
            if combined > best[intent] { best[intent] = combined }
        }
        return best
    }

    /// The `limit` best-scoring intents, best first, ties by catalogue order.
    static func nearestIntents(_ scores: [Double], limit: Int) -> [Int] {
        Array(scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(limit))
    }

    /// Word and trigram vectors side by side, weighted, as one sparse vector.
    static func combinedVector(
        _ words: [(id: Int32, weight: Double)], _ grams: [(id: Int32, weight: Double)],
        wordFeatureCount: Int, wordWeight: Double
    ) -> [(id: Int32, weight: Double)] {
        let wordScale = wordWeight.squareRoot()
        let gramScale = (1 - wordWeight).squareRoot()
        return words.map { ($0.id, $0.weight * wordScale) } + grams.map { (Int32(wordFeatureCount) + $0.id, $0.weight * gramScale) }
    }

    /// The placeholder word a topic or city name becomes.
    static let nameToken = "_name_"

    /// The character trigrams of a word, with `#` marking its start and end.
    static func trigrams(_ token: String) -> [String] {
        let scalars = Array(("#" + token + "#").unicodeScalars)
        guard scalars.count >= 3 else { return [] }
        var grams: [String] = []
        grams.reserveCapacity(scalars.count - 2)
        for start in 0...(scalars.count - 3) {
            var gram = String.UnicodeScalarView()
            gram.append(contentsOf: scalars[start..<start + 3])
            grams.append(String(gram))
        }
        return grams
    }
}

/// One word of a message and what matching needs to know about it, worked out once.
struct Lexeme: Sendable {
    var text: String
    var stem: String
    /// In characters: alias words of five letters or more match on their stem.
    var length: Int
    var isContent: Bool
    /// A content word no example, keyword, alias or fact contains, even inflected.
    var isUnknown = false
    /// The stem's feature in the word index; nil when no example has it.
    var stemFeature: Int32?
    /// The trigrams' features in the trigram index, and how many trigrams no example has.
    var gramFeatures: [Int32] = []
    var unseenGrams = 0

    init(_ text: String) {
        self.text = text
        self.stem = TextNormalizer.stem(text)
        self.length = text.count
        self.isContent = IntentMatcher.isContentWord(text)
    }

    mutating func addFeatures(words: InvertedIndex, grams: InvertedIndex) {
        stemFeature = words.feature(stem)
        gramFeatures = []
        unseenGrams = 0
        for gram in IntentMatcher.trigrams(text) {
            if let feature = grams.feature(gram) { gramFeatures.append(feature) } else { unseenGrams += 1 }
        }
    }
}

/// Topic and city names, longest first, found in a message as consecutive words; words of five
/// letters or more match on their stem, so inflected forms ("Centrum Obywatelskiego") are found,
/// when they share all but the alias word's last four letters: an inflection, not another word
/// of the same root ("organizacji społecznych", NGOs, is no "organizowania społecznego", nor
/// "громадських організацій" a "громадського організування").
struct AliasTable: Sendable {
    private let aliases: [[Lexeme]]
    /// First words and (for long words) first stems of every alias: most words start none.
    private let firstWords: Set<String>
    private let firstStems: Set<String>

    init(_ aliases: [[Lexeme]]) {
        self.aliases = aliases.filter { !$0.isEmpty }
        self.firstWords = Set(self.aliases.map { $0[0].text })
        self.firstStems = Set(self.aliases.filter { $0[0].length >= 5 }.map { $0[0].stem })
    }

    /// `words` with every alias occurrence replaced by `name`.
    func masking(_ words: [Lexeme], name: Lexeme) -> [Lexeme] {
        guard !aliases.isEmpty else { return words }
        var result: [Lexeme] = []
        result.reserveCapacity(words.count)
        var index = 0
        outer: while index < words.count {
            let word = words[index]
            if firstWords.contains(word.text) || (word.length >= 5 && firstStems.contains(word.stem)) {
                for alias in aliases where index + alias.count <= words.count {
                    if Self.matches(words, at: index, alias) {
                        result.append(name)
                        index += alias.count
                        continue outer
                    }
                }
            }
            result.append(word)
            index += 1
        }
        return result
    }

    /// True when `alias` occurs in `words` as consecutive words.
    static func contains(_ words: [Lexeme], _ alias: [Lexeme]) -> Bool {
        firstPosition(of: alias, in: words) != nil
    }

    /// Where `alias` first occurs in `words`, nil when it does not.
    static func firstPosition(of alias: [Lexeme], in words: [Lexeme]) -> Int? {
        guard !alias.isEmpty, words.count >= alias.count else { return nil }
        for start in 0...(words.count - alias.count) where matches(words, at: start, alias) {
            return start
        }
        return nil
    }

    private static func matches(_ words: [Lexeme], at start: Int, _ alias: [Lexeme]) -> Bool {
        for (offset, aliasWord) in alias.enumerated() {
            let word = words[start + offset]
            if word.text == aliasWord.text { continue }
            if aliasWord.length >= 5, word.length >= 5, word.stem == aliasWord.stem,
               TextNormalizer.sharedPrefixLength(word.text, aliasWord.text) >= aliasWord.length - 4 { continue }
            return false
        }
        return true
    }

}

/// TF-IDF vectors of documents behind an inverted index: a query touches only the postings
/// of its own features.
struct InvertedIndex: Sendable {
    private let featureIDs: [String: Int32]
    private let idf: [Double]
    /// The idf of a feature no document has.
    private let unseenIDF: Double
    /// Per feature: (document, normalised weight), in document order.
    private let postings: [[(document: Int32, weight: Float)]]

    init(documents: [[String]]) {
        var featureIDs: [String: Int32] = [:]
        var documentFrequency: [Int] = []
        var counted: [[(Int32, Int)]] = []
        for features in documents {
            var counts: [Int32: Int] = [:]
            for feature in features {
                let id: Int32
                if let existing = featureIDs[feature] {
                    id = existing
                } else {
                    id = Int32(documentFrequency.count)
                    featureIDs[feature] = id
                    documentFrequency.append(0)
                }
                counts[id, default: 0] += 1
            }
            for id in counts.keys { documentFrequency[Int(id)] += 1 }
            counted.append(counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        let total = Double(max(documents.count, 1))
        let idf = documentFrequency.map { log((total + 1) / (Double($0) + 1)) + 1 }
        var postings = [[(document: Int32, weight: Float)]](repeating: [], count: idf.count)
        for (document, counts) in counted.enumerated() {
            let weights = counts.map { (id, count) in (id, (1 + log(Double(count))) * idf[Int(id)]) }
            let norm = weights.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            guard norm > 0 else { continue }
            for (id, weight) in weights {
                postings[Int(id)].append((Int32(document), Float(weight / norm)))
            }
        }
        self.featureIDs = featureIDs
        self.idf = idf
        self.unseenIDF = log(total + 1) + 1
        self.postings = postings
    }

    var featureCount: Int { idf.count }

    /// The feature's number, or nil when no document has it.
    func feature(_ name: String) -> Int32? { featureIDs[name] }

    /// The query's TF-IDF vector, L2-normalised (unseen features count in the norm only).
    func vector(_ features: [String]) -> [(id: Int32, weight: Double)] {
        var ids: [Int32] = []
        var unseen = 0
        for feature in features {
            if let id = featureIDs[feature] { ids.append(id) } else { unseen += 1 }
        }
        return vector(features: ids, unseen: unseen)
    }

    /// The same, for features already numbered, and `unseen` occurrences of features no document has.
    func vector(features: [Int32], unseen: Int) -> [(id: Int32, weight: Double)] {
        var unknownWeight = 0.0
        for _ in 0..<unseen { unknownWeight += unseenIDF * unseenIDF }
        var weights: [(id: Int32, weight: Double)] = []
        let sorted = features.sorted()
        var index = 0
        while index < sorted.count {
            let id = sorted[index]
            var count = 0
            while index < sorted.count, sorted[index] == id {
                count += 1
                index += 1
            }
            weights.append((id: id, weight: (1 + log(Double(count))) * idf[Int(id)]))
        }
        let norm = (weights.reduce(0) { $0 + $1.weight * $1.weight } + unknownWeight).squareRoot()
        guard norm > 0 else { return [] }
        return weights.map { ($0.id, $0.weight / norm) }
    }

    /// Adds the query's cosine similarity to every document sharing a feature with it into
    /// `scores` (indexed by document), and lists in `touched` each document whose score was
    /// zero before (a document touched by several indexes may be listed once by each).
    func accumulateCosines(of vector: [(id: Int32, weight: Double)], into scores: inout [Double], touched: inout [Int32]) {
        for (id, queryWeight) in vector {
            for posting in postings[Int(id)] {
                let document = Int(posting.document)
                if scores[document] == 0 { touched.append(posting.document) }
                scores[document] += queryWeight * Double(posting.weight)
            }
        }
    }
}
