import Yams

/// A problem found in `intents/`, with where it is.
public struct CatalogueDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// The catalogue could not be loaded; every problem found is listed.
public struct CatalogueError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [CatalogueDiagnostic]

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// What the configuration says that a catalogue shows: whether the privacy notice mentions
/// the review of unanswered questions (``FactPath/privacyReview``), and for how many days.
public struct CatalogueSettings: Sendable, Equatable {
    public var keepsUnanswered: Bool
    public var reviewKeepDays: Int

    public init(keepsUnanswered: Bool = false, reviewKeepDays: Int = 30) {
        self.keepsUnanswered = keepsUnanswered
        self.reviewKeepDays = reviewKeepDays
    }
}

extension FactPath {
    /// Set by civicd, not by a file: the review notice with its days when lines are kept, else empty.
    public static let privacyReview: FactPath = "privacy.review"
    /// The sentence `{privacy.review}` shows when lines are kept (`{days}`: `review.keep_days`).
    public static let privacyReviewNotice: FactPath = "privacy.review_notice"
}

/// A file of `intents/` as text: the loader does no I/O of its own.
public struct CatalogueSource: Sendable {
    /// Files ending so are word lists (``SpellingCorrector`` leaves their words as typed).
    public static let wordListSuffix = ".words"
    /// Files ending so map inflected forms to a catalogue word of the same lemma.
    public static let wordFormsSuffix = ".forms"

    /// True for the files of `intents/` the loader reads: YAML and word lists.
    public static func isCatalogueFile(_ name: String) -> Bool {
        name.hasSuffix(".yml") || name.hasSuffix(".yaml") || name.hasSuffix(wordListSuffix) || name.hasSuffix(wordFormsSuffix)
    }
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// Reads the YAML of `intents/` into a ``Catalogue`` and checks it: structure, translations,
/// fact references, examples repeated across intents and facts no reply uses. Any problem
/// refuses the whole catalogue, so what serves has always passed `civicd intents check`.
public enum CatalogueLoader {
    /// The intents every catalogue must have (declared with ``IntentID``).
    public static let requiredIntents = IntentID.required

    /// Facts the code reads by path (declared with ``FactPath`` next to that code).
    public static let requiredFacts: [FactPath] = [.interviewTarget, .reportDeadline, .privacyNotice, .privacyVersion]

    /// What staff tools need of a catalogue — programme names and facts — read without building
    /// the matcher (which trains a model and takes seconds in a debug build). No cross-checks:
    /// the daemon's load does those.
    public static func staffSummary(_ sources: [CatalogueSource], language: Language, today: CalendarDay) throws(CatalogueError) -> (topicNames: [String: String], facts: [String: Fact]) {
        var reader = Reader()
        for source in sources.sorted(by: { $0.name < $1.name }) {
            reader.read(source)
        }
        guard reader.diagnostics.isEmpty else { throw CatalogueError(diagnostics: reader.diagnostics) }
        let facts = reader.facts
        var names: [String: String] = [:]
        for topic in reader.topics {
            names[topic.id] = topic.name[language].render(language: language, today: today, topicName: nil) { facts[$0]?.value }
        }
        return (names, facts)
    }

    public static func load(_ sources: [CatalogueSource], settings: CatalogueSettings = CatalogueSettings()) throws(CatalogueError) -> Catalogue {
        var reader = Reader()
        for source in sources.sorted(by: { $0.name < $1.name }) {
            reader.read(source)
        }
        reader.addSettingFacts(settings)
        let catalogue = reader.finish()
        guard reader.diagnostics.isEmpty, let catalogue else {
            throw CatalogueError(diagnostics: reader.diagnostics.sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) })
        }
        return catalogue
    }
}

// MARK: - Reading YAML

private struct Reader {
    var diagnostics: [CatalogueDiagnostic] = []
    var facts: [String: Fact] = [:]
    var topics: [Topic] = []
    var cities: [City] = []
    var intents: [Intent] = []
    /// Every template with where it was written, for reference checks.
    var templates: [(template: ReplyTemplate, location: SourceLocation)] = []
    /// Examples added to intents defined elsewhere (`examples:`, as in `intents/learned.yml`).
    var learned: [(intent: IntentID, language: Language, example: Intent.Example)] = []
    /// Facts civicd sets from its configuration: used, whether or not a reply names them.
    var settingFacts: Set<String> = []
    /// Real words of a language from a `.words` list (a dictionary, not the catalogue's own).
    var realWords: Set<String> = []
    /// What our programmes offer, by the words a request names it with (`offers:` in
    /// topics.yml): the objects of every intent with `checks_object: true`.
    var offers: [String] = []
    /// `city_services:` and `place_questions:` (``Referral``), from whichever file holds them.
    var cityServices: Referral?
    var placeQuestions: Referral?
    /// Inflected forms to a catalogue word of their lemma, from `.forms` lists.
    var wordForms: [String: String] = [:]
    var file = ""

    mutating func report(_ node: Node?, _ message: String) {
        diagnostics.append(CatalogueDiagnostic(location(node), message))
    }

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 1)
    }

    mutating func read(_ source: CatalogueSource) {
        file = source.name
        if source.name.hasSuffix(CatalogueSource.wordListSuffix) {
            readWords(source.text)
            return
        }
        if source.name.hasSuffix(CatalogueSource.wordFormsSuffix) {
            readForms(source.text)
            return
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: source.text)
        } catch let error as YamlError {
            diagnostics.append(CatalogueDiagnostic(SourceLocation(file: file, line: Self.line(of: error)), "invalid YAML: \(Self.describe(error))"))
            return
        } catch {
            diagnostics.append(CatalogueDiagnostic(SourceLocation(file: file, line: 1), "invalid YAML: \(error)"))
            return
        }
        guard let root else { return }  // an empty file
        guard let mapping = root.mapping else {
            report(root, "the file must be a mapping with facts:, topics:, cities: or intents:")
            return
        }
        for (key, value) in mapping {
            switch key.string {
            case "facts": readFacts(value, prefix: "")
            case "topics": readTopics(value)
            case "cities": readCities(value)
            case "intents": readIntents(value)
            case "offers": offers += readStrings(value, what: "offers").flatMap(TextNormalizer.tokens)
            case "examples": readLearned(value)
            case "city_services":
                if cityServices != nil { report(key, "city_services: is given twice") }
                cityServices = readReferral(value, what: "city_services", offices: true)
            case "place_questions":
                if placeQuestions != nil { report(key, "place_questions: is given twice") }
                placeQuestions = readReferral(value, what: "place_questions", offices: false)
            default: report(key, "unknown top-level key '\(key.string ?? "?")' (expected facts, topics, cities, offers, intents, examples, city_services or place_questions)")
            }
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }

    // MARK: facts

    mutating func readFacts(_ node: Node, prefix: String) {
        guard let mapping = node.mapping else {
            report(node, "facts must be a mapping of names to values")
            return
        }
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty, !name.contains(".") else {
                report(key, "a fact name must be a non-empty word without dots")
                continue
            }
            readFact(prefix.isEmpty ? name : prefix + "." + name, value)
        }
    }

    mutating func readFact(_ path: String, _ value: Node) {
        if let scalar = value.scalar {
            if let day = CalendarDay(iso: scalar.string) {
                add(Fact(path: path, value: .date(day), location: location(value)))
            } else if Self.looksLikeDate(scalar.string) {
                report(value, "'\(scalar.string)' looks like a date but is not a real YYYY-MM-DD date")
            } else if scalar.string.isEmpty {
                report(value, "fact \(path) is empty")
            } else {
                add(Fact(path: path, value: .text(scalar.string), location: location(value)))
            }
        } else if let mapping = value.mapping, Self.isTranslation(mapping) {
            if let text = readTranslation(value, what: "fact \(path)") {
                add(Fact(path: path, value: .localized(text), location: location(value)))
            }
        } else if value.mapping != nil {
            readFacts(value, prefix: path)
        } else if let sequence = value.sequence {
            // A list of facts: each item is named by its position (path.1, path.2, …).
            for (index, item) in sequence.enumerated() {
                readFact("\(path).\(index + 1)", item)
            }
        } else {
            report(value, "fact \(path) has an unsupported value")
        }
    }

    mutating func add(_ fact: Fact) {
        if let existing = facts[fact.path] {
            diagnostics.append(CatalogueDiagnostic(fact.location, "fact \(fact.path) is already defined at \(existing.location)"))
        } else {
            facts[fact.path] = fact
        }
    }

    static func looksLikeDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts.allSatisfy { $0.allSatisfy(\.isNumber) } && parts[0].count == 4
    }

    static func isTranslation(_ mapping: Node.Mapping) -> Bool {
        let keys = Set(mapping.keys.compactMap(\.string))
        return !keys.isEmpty && keys.isSubset(of: Set(Language.allCases.map(\.rawValue)))
    }

    /// The name a missing translation is reported by.
    static func languageName(_ language: Language) -> String {
        switch language {
        case .pl: return "Polish (pl)"
        case .en: return "English (en)"
        case .uk: return "Ukrainian (uk)"
        }
    }

    /// A `{pl, en, uk}` mapping; reports a missing translation.
    mutating func readTranslation(_ node: Node, what: String) -> Localized? {
        guard let mapping = node.mapping else {
            report(node, "\(what) must have pl:, en: and uk: texts")
            return nil
        }
        var texts: [Language: String] = [:]
        for language in Language.allCases {
            let text = mapping[language.rawValue]?.scalar?.string
            if let text, !text.trimmingWhitespace().isEmpty {
                texts[language] = text
            } else {
                report(node, "\(what) has no \(Self.languageName(language)) translation")
            }
        }
        for key in mapping.keys where Language(rawValue: key.string ?? "") == nil {
            report(key, "unknown key '\(key.string ?? "?")' in \(what) (only pl, en and uk)")
        }
        guard let pl = texts[.pl], let en = texts[.en], let uk = texts[.uk] else { return nil }
        return Localized(pl: pl, en: en, uk: uk)
    }

    mutating func readTemplate(_ node: Node, what: String) -> LocalizedTemplate? {
        if let text = node.scalar?.string {
            // One text for both languages (a name, a placeholder).
            guard let template = parseTemplate(text, at: node, what: what) else { return nil }
            return LocalizedTemplate(template)
        }
        guard let text = readTranslation(node, what: what) else { return nil }
        guard let pl = parseTemplate(text.pl, at: node.mapping?["pl"] ?? node, what: what),
              let en = parseTemplate(text.en, at: node.mapping?["en"] ?? node, what: what),
              let uk = parseTemplate(text.uk, at: node.mapping?["uk"] ?? node, what: what)
        else { return nil }
        return LocalizedTemplate(pl: pl, en: en, uk: uk)
    }

    /// A reply's first line is the answer, in at most two sentences; details follow on the next
    /// lines (a reader in brief mode, or on a screen reader, gets the first line only).
    mutating func checkAnswerFirst(_ node: Node, what: String) {
        for language in Language.allCases.map(\.rawValue) {
            guard let text = node.mapping?[language]?.string ?? node.scalar?.string else { continue }
            let first = text.prefix { $0 != "\n" }
            let sentences = Self.sentenceCount(first)
            if sentences > Self.answerSentences {
                report(node.mapping?[language] ?? node, "\(what) (\(language)): its first line has \(sentences) sentences; put the answer first in at most \(Self.answerSentences), the details on the next lines")
            }
        }
    }

    static let answerSentences = 2

    /// Sentences in a line: one, plus one for every ".", "!" or "?" followed by a space and a
    /// capital letter or an opening quote ("O.S." inside a sentence does not end it).
    static func sentenceCount(_ line: Substring) -> Int {
        let characters = Array(line)
        var count = characters.isEmpty ? 0 : 1
        for index in characters.indices.dropLast(2) where ".!?".contains(characters[index]) && characters[index + 1] == " " {
            let next = characters[index + 2]
            if next.isUppercase || "„“\"".contains(next) { count += 1 }
        }
        return count
    }

    mutating func parseTemplate(_ text: String, at node: Node, what: String) -> ReplyTemplate? {
        do {
            let template = try ReplyTemplate(parsing: text)
            templates.append((template, location(node)))
            return template
        } catch {
            report(node, "\(what): \(error.message)")
            return nil
        }
    }

    // MARK: topics and cities

    /// `aspects:` of a topic: a list of `{words: [...], say: {pl, en, uk}, asks: intent, answers: true}` (`asks`, `answers` optional).
    mutating func readAspects(_ node: Node?, topic: String) -> [Topic.Aspect] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            report(node, "aspects of topic \(topic) must be a list of {words, say}")
            return []
        }
        var aspects: [Topic.Aspect] = []
        for item in items {
            guard let fields = item.mapping, let sayNode = fields["say"] else {
                report(item, "an aspect of topic \(topic) needs words: and say:")
                continue
            }
            for field in fields.keys where !["words", "say", "asks", "answers"].contains(field.string ?? "") {
                report(field, "unknown key '\(field.string ?? "?")' in an aspect of topic \(topic)")
            }
            let words = readStrings(fields["words"], what: "words of an aspect of topic \(topic)").flatMap(TextNormalizer.tokens)
            if words.isEmpty { report(item, "an aspect of topic \(topic) has no words") }
            guard let say = readTemplate(sayNode, what: "aspect of topic \(topic)") else { continue }
            let asks = fields["asks"].map { node -> IntentID? in
                guard let id = node.string, !id.isEmpty else {
                    report(node, "asks: of an aspect of topic \(topic) must be an intent id")
                    return nil
                }
                return IntentID(id)
            } ?? nil
            let answers = fields["answers"]?.bool ?? false
            if answers, asks == nil { report(item, "an aspect of topic \(topic) that answers: needs asks: (the intent it answers)") }
            aspects.append(Topic.Aspect(words: words, say: say, asks: asks, answers: answers))
        }
        return aspects
    }

    mutating func readTopics(_ node: Node) {
        guard let mapping = node.mapping else {
            report(node, "topics must be a mapping of topic ids")
            return
        }
        for (key, value) in mapping {
            guard let id = key.string, let fields = value.mapping else {
                report(key, "a topic is an id with a mapping (city, name, aliases, districts, signup, organisations, parts, stages_end, ended, aspects)")
                continue
            }
            for field in fields.keys where !["city", "name", "aliases", "districts", "signup", "organisations", "parts", "stages_end", "ended", "aspects"].contains(field.string ?? "") {
                report(field, "unknown key '\(field.string ?? "?")' in topic \(id)")
            }
            guard let nameNode = fields["name"], let name = readTemplate(nameNode, what: "name of topic \(id)") else {
                if fields["name"] == nil { report(value, "topic \(id) has no name") }
                continue
            }
            topics.append(Topic(
                id: id,
                city: fields["city"]?.string,
                name: name,
                aliases: readAliases(fields["aliases"], owner: "topic \(id)"),
                districts: readStrings(fields["districts"], what: "districts of topic \(id)"),
                signup: fields["signup"]?.bool ?? false,
                organisations: fields["organisations"]?.bool ?? false,
                parts: readStrings(fields["parts"], what: "parts of topic \(id)").map(IntentID.init),
                stagesEnd: readStrings(fields["stages_end"], what: "stages_end of topic \(id)").map(FactPath.init),
                endedNotice: fields["ended"].flatMap { readTemplate($0, what: "ended notice of topic \(id)") },
                aspects: readAspects(fields["aspects"], topic: id),
                location: location(key)
            ))
        }
    }

    mutating func readCities(_ node: Node) {
        guard let mapping = node.mapping else {
            report(node, "cities must be a mapping of city ids")
            return
        }
        for (key, value) in mapping {
            guard let id = key.string, let fields = value.mapping else {
                report(key, "a city is an id with a mapping (name, aliases, topic)")
                continue
            }
            for field in fields.keys where !["name", "aliases", "topic"].contains(field.string ?? "") {
                report(field, "unknown key '\(field.string ?? "?")' in city \(id)")
            }
            let name: Localized
            if let text = fields["name"]?.scalar?.string {
                name = Localized(text)
            } else if let node = fields["name"], let text = readTranslation(node, what: "name of city \(id)") {
                name = text
            } else {
                report(value, "city \(id) has no name")
                continue
            }
            cities.append(City(
                id: id, name: name,
                aliases: readAliases(fields["aliases"], owner: "city \(id)"),
                topic: fields["topic"]?.string,
                location: location(key)
            ))
        }
    }

    mutating func readAliases(_ node: Node?, owner: String) -> [[String]] {
        readStrings(node, what: "aliases of \(owner)").compactMap { alias in
            let words = TextNormalizer.tokens(alias)
            if words.isEmpty {
                report(node, "an alias of \(owner) has no letters")
                return nil
            }
            if words.count == 1, CommonWords.contains(words[0]) || words[0].count < 3 {
                report(node, "alias '\(alias)' of \(owner) is a common word and would match everything")
                return nil
            }
            return words
        }
    }

    /// `city_services:` or `place_questions:`: `{words: [...], except: [...], say: {pl, en, uk}}`,
    /// and for the city services `offices:` by city id (`default` when no city is known,
    /// `elsewhere` for a city without one). Words are folded as messages are.
    mutating func readReferral(_ node: Node, what: String, offices allowed: Bool) -> Referral? {
        guard let fields = node.mapping else {
            report(node, "\(what) must be a mapping with words: and say:")
            return nil
        }
        let keys = allowed ? ["words", "except", "say", "offices"] : ["words", "except", "say"]
        for field in fields.keys where !keys.contains(field.string ?? "") {
            report(field, "unknown key '\(field.string ?? "?")' in \(what) (expected \(keys.joined(separator: ", ")))")
        }
        let words = readStrings(fields["words"], what: "words of \(what)").flatMap(TextNormalizer.tokens)
        if words.isEmpty { report(node, "\(what) has no words") }
        guard let sayNode = fields["say"] else {
            report(node, "\(what) has no say:")
            return nil
        }
        guard let say = readTemplate(sayNode, what: "say of \(what)") else { return nil }
        var offices: [String: LocalizedTemplate] = [:]
        if let officeNode = fields["offices"] {
            guard let byCity = officeNode.mapping else {
                report(officeNode, "offices of \(what) must be a mapping of city ids")
                return nil
            }
            for (key, value) in byCity {
                guard let id = key.string, let template = readTemplate(value, what: "office \(key.string ?? "?") of \(what)") else { continue }
                offices[id] = template
            }
            if offices[Referral.defaultOffice] == nil { report(officeNode, "offices of \(what) need a default (no city known)") }
            if offices[Referral.elsewhereOffice] == nil { report(officeNode, "offices of \(what) need elsewhere (a city with none of its own)") }
        } else if allowed {
            report(node, "\(what) has no offices:")
        }
        return Referral(words: words, except: readStrings(fields["except"], what: "except of \(what)").flatMap(TextNormalizer.tokens),
                        say: say, offices: offices, location: location(node))
    }

    mutating func readStrings(_ node: Node?, what: String) -> [String] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            report(node, "\(what) must be a list")
            return []
        }
        return sequence.compactMap { item in
            guard let text = item.scalar?.string else {
                report(item, "\(what) must hold texts")
                return nil
            }
            return text
        }
    }

    // MARK: intents

    mutating func readIntents(_ node: Node) {
        guard let sequence = node.sequence else {
            report(node, "intents must be a list")
            return
        }
        for item in sequence {
            guard let fields = item.mapping, let idText = fields["id"]?.string, !idText.isEmpty else {
                report(item, "each intent needs an id")
                continue
            }
            let id = IntentID(idText)
            for field in fields.keys where !["id", "keywords", "about_civicd", "checks_object", "objects", "examples", "replies"].contains(field.string ?? "") {
                report(field, "unknown key '\(field.string ?? "?")' in intent \(id)")
            }
            var examples: [Language: [Intent.Example]] = [:]
            if let exampleNode = fields["examples"], let byLanguage = exampleNode.mapping {
                for language in Language.allCases {
                    guard let list = byLanguage[language.rawValue]?.sequence, !list.isEmpty else {
                        report(exampleNode, "intent \(id) has no \(language.rawValue) examples")
                        continue
                    }
                    examples[language] = list.compactMap { entry in
                        guard let text = entry.scalar?.string else {
                            report(entry, "an example must be a text")
                            return nil
                        }
                        return Intent.Example(text: text, location: location(entry))
                    }
                }
                for key in byLanguage.keys where Language(rawValue: key.string ?? "") == nil {
                    report(key, "examples of intent \(id) are keyed pl:, en: and uk: only")
                }
            } else {
                report(item, "intent \(id) needs examples: with pl:, en: and uk: lists")
            }
            var replies: [String: LocalizedTemplate] = [:]
            if let replyNode = fields["replies"], let byTopic = replyNode.mapping {
                for (topicKey, text) in byTopic {
                    guard let topic = topicKey.string else { continue }
                    if let template = readTemplate(text, what: "reply \(topic) of intent \(id)") {
                        replies[topic] = template
                        checkAnswerFirst(text, what: "reply \(topic) of intent \(id)")
                    }
                }
                if replies[Intent.defaultReply] == nil && byTopic["default"] == nil {
                    report(replyNode, "intent \(id) needs a default reply")
                }
            } else {
                report(item, "intent \(id) needs replies: with at least a default")
            }
            let keywords = readStrings(fields["keywords"], what: "keywords of intent \(id)").flatMap(TextNormalizer.tokens)
            if intents.contains(where: { $0.id == id }) {
                report(item, "intent \(id) is defined twice")
                continue
            }
            var intent = Intent(id: id, keywords: keywords, examples: examples, replies: replies, location: location(item))
            intent.aboutCivicd = fields["about_civicd"]?.bool ?? false
            intent.objects = readStrings(fields["objects"], what: "objects of intent \(id)").flatMap(TextNormalizer.tokens)
            intent.checksObject = fields["checks_object"]?.bool ?? false
            intents.append(intent)
        }
    }

    // MARK: learned examples

    /// `examples:` — more examples for intents defined elsewhere, by intent id and language
    /// (what `civicd admin unanswered assign` writes to `intents/learned.yml`).
    mutating func readLearned(_ node: Node) {
        guard let mapping = node.mapping else {
            report(node, "examples must be a mapping of intent ids to pl: and en: lists")
            return
        }
        for (key, value) in mapping {
            guard let id = key.string, !id.isEmpty, let byLanguage = value.mapping else {
                report(key, "examples are keyed by intent id, each with pl: and en: lists")
                continue
            }
            for (languageKey, list) in byLanguage {
                guard let language = Language(rawValue: languageKey.string ?? "") else {
                    report(languageKey, "examples of intent \(id) are keyed pl:, en: and uk: only")
                    continue
                }
                if list.scalar?.string.isEmpty == true || list.scalar?.string == "null" { continue }
                guard let items = list.sequence else {
                    report(list, "examples of intent \(id) must be a list")
                    continue
                }
                for item in items {
                    guard let text = item.scalar?.string, !text.trimmingWhitespace().isEmpty else {
                        report(item, "an example must be a text")
                        continue
                    }
                    learned.append((IntentID(id), language, Intent.Example(text: text, location: location(item))))
                }
            }
        }
    }

    /// Adds each learned example to its intent; an unknown intent, or an example the intent
    /// already has (after folding), is a problem like any other.
    mutating func mergeLearned() {
        for (intent, language, example) in learned {
            guard let index = intents.firstIndex(where: { $0.id == intent }) else {
                diagnostics.append(CatalogueDiagnostic(example.location, "example \"\(example.text)\" is for unknown intent \(intent)"))
                continue
            }
            let folded = TextNormalizer.fold(example.text)
            if let same = intents[index].examples.values.joined().first(where: { TextNormalizer.fold($0.text) == folded }) {
                diagnostics.append(CatalogueDiagnostic(example.location, "example \"\(example.text)\" is already an example of intent \(intent) (\(same.location))"))
                continue
            }
            intents[index].examples[language, default: []].append(example)
        }
    }

    // MARK: facts from the configuration

    /// `{privacy.review}`: what the privacy notice says of the review of unanswered questions —
    /// the text of fact `privacy.review_notice` (with `{days}`) when lines are kept, nothing otherwise.
    mutating func addSettingFacts(_ settings: CatalogueSettings) {
        let path = FactPath.privacyReview.rawValue
        let location = SourceLocation(file: "review.keep_unanswered", line: 1)
        if let defined = facts[path] {
            diagnostics.append(CatalogueDiagnostic(defined.location, "fact \(path) is set by civicd from review.keep_unanswered; define \(FactPath.privacyReviewNotice) instead"))
            return
        }
        settingFacts = [path, FactPath.privacyReviewNotice.rawValue]
        guard settings.keepsUnanswered else {
            facts[path] = Fact(path: path, value: .text(""), location: location)
            return
        }
        guard case .localized(let notice)? = facts[FactPath.privacyReviewNotice.rawValue]?.value else {
            diagnostics.append(CatalogueDiagnostic(location, "review.keep_unanswered is on, but fact \(FactPath.privacyReviewNotice) (pl:, en: and uk:) is missing: the privacy notice must say so"))
            return
        }
        let days = ["days": String(settings.reviewKeepDays)]
        facts[path] = Fact(path: path, value: .localized(Localized(pl: " " + notice.format(.pl, days), en: " " + notice.format(.en, days), uk: " " + notice.format(.uk, days))), location: location)
    }

    // MARK: - Cross-checks

    mutating func finish() -> Catalogue? {
        mergeLearned()
        // The shared offers, read from whichever file holds them, join each checking intent's own objects.
        for index in intents.indices where intents[index].checksObject {
            if offers.isEmpty {
                diagnostics.append(CatalogueDiagnostic(intents[index].location, "intent \(intents[index].id) has checks_object: true but no file lists offers:"))
            }
            intents[index].objects = offers + intents[index].objects
        }
        let topicIDs = Set(topics.map(\.id))
        let cityIDs = Set(cities.map(\.id))
        for id in CatalogueLoader.requiredIntents where !intents.contains(where: { $0.id == id }) {
            diagnostics.append(CatalogueDiagnostic(SourceLocation(file: "intents", line: 1), "intent \(id) is missing"))
        }
        for path in CatalogueLoader.requiredFacts where facts[path.rawValue] == nil {
            diagnostics.append(CatalogueDiagnostic(SourceLocation(file: "intents", line: 1), "fact \(path) is missing (the forms use it)"))
        }
        for topic in topics {
            if let city = topic.city, !cityIDs.contains(city) {
                diagnostics.append(CatalogueDiagnostic(topic.location, "topic \(topic.id) names unknown city \(city)"))
            }
            for asks in topic.aspects.compactMap(\.asks) where !intents.contains(where: { $0.id == asks }) {
                diagnostics.append(CatalogueDiagnostic(topic.location, "topic \(topic.id): an aspect asks unknown intent \(asks)"))
            }
            for part in topic.parts where !intents.contains(where: { $0.id == part }) {
                diagnostics.append(CatalogueDiagnostic(topic.location, "topic \(topic.id) names unknown intent \(part) as a part"))
            }
            for path in topic.stagesEnd {
                guard let fact = facts[path.rawValue] else {
                    diagnostics.append(CatalogueDiagnostic(topic.location, "topic \(topic.id): stages_end names unknown fact \(path)"))
                    continue
                }
                if case .date = fact.value {} else {
                    diagnostics.append(CatalogueDiagnostic(topic.location, "topic \(topic.id): stages_end fact \(path) is not a date (YYYY-MM-DD)"))
                }
            }
            if !topic.stagesEnd.isEmpty, topic.endedNotice == nil {
                diagnostics.append(CatalogueDiagnostic(topic.location, "topic \(topic.id) has stages_end but no ended notice"))
            }
        }
        for city in cities {
            if let topic = city.topic, !topicIDs.contains(topic) {
                diagnostics.append(CatalogueDiagnostic(city.location, "city \(city.id) names unknown topic \(topic)"))
            }
        }
        for intent in intents {
            for topic in intent.replies.keys where topic != Intent.defaultReply && !topicIDs.contains(topic) {
                diagnostics.append(CatalogueDiagnostic(intent.location, "intent \(intent.id) has a reply for unknown topic \(topic)"))
            }
        }
        // Examples repeated across intents (after folding, as the matcher sees them).
        var seen: [String: (intent: IntentID, location: SourceLocation)] = [:]
        for intent in intents {
            for language in Language.allCases {
                for example in intent.examples[language] ?? [] {
                    let folded = TextNormalizer.fold(example.text)
                    if let first = seen[folded], first.intent != intent.id {
                        diagnostics.append(CatalogueDiagnostic(example.location, "example \"\(example.text)\" of intent \(intent.id) is also an example of \(first.intent) (\(first.location))"))
                    } else if seen[folded] == nil {
                        seen[folded] = (intent.id, example.location)
                    }
                }
            }
        }
        // Fact references: every placeholder names a fact; every fact is used.
        var used = Set(CatalogueLoader.requiredFacts.map(\.rawValue)).union(settingFacts)
        for (template, location) in templates {
            for path in template.factReferences {
                if let fact = facts[path] {
                    used.insert(path)
                    if template.relativeReferences.contains(path), case .date = fact.value {} else if template.relativeReferences.contains(path) {
                        diagnostics.append(CatalogueDiagnostic(location, "{\(path)|relative} needs a date fact"))
                    }
                } else {
                    diagnostics.append(CatalogueDiagnostic(location, "unknown fact {\(path)}"))
                }
            }
        }
        // A topic's stage dates are used by the code that decides whether it has ended.
        used.formUnion(topics.flatMap(\.stagesEnd).map(\.rawValue))
        for fact in facts.values where !used.contains(fact.path) {
            diagnostics.append(CatalogueDiagnostic(fact.location, "fact \(fact.path) is used by no reply"))
        }
        if let cityServices {
            for city in cityServices.offices.keys where ![Referral.defaultOffice, Referral.elsewhereOffice].contains(city) && !cityIDs.contains(city) {
                diagnostics.append(CatalogueDiagnostic(cityServices.location, "city_services has an office for unknown city \(city)"))
            }
        }
        guard diagnostics.isEmpty else { return nil }
        return Catalogue(facts: facts, topics: topics, cities: cities, intents: intents, realWords: realWords, wordForms: wordForms,
                         cityServices: cityServices, placeQuestions: placeQuestions)
    }

    /// A `.forms` list: a form and the catalogue word of its lemma a line ("trenerem trener"),
    /// `#` starts a comment; folded as messages are. A line of another shape is refused.
    mutating func readForms(_ text: String) {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = TextNormalizer.tokens(String(line.prefix { $0 != "#" }))
            if words.isEmpty { continue }
            guard words.count == 2 else {
                diagnostics.append(CatalogueDiagnostic(SourceLocation(file: file, line: number + 1), "a line of a .forms list must be a form and a word"))
                continue
            }
            wordForms[words[0]] = words[1]
        }
    }

    /// A `.words` list: one word a line, `#` starts a comment. Words are folded as messages are.
    mutating func readWords(_ text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            let word = line.prefix { $0 != "#" }
            for token in TextNormalizer.tokens(String(word)) { realWords.insert(token) }
        }
    }
}

private extension Node {
    var bool: Bool? {
        switch scalar?.string.lowercased() {
        case "true", "yes", "tak": return true
        case "false", "no", "nie": return false
        default: return nil
        }
    }
}
