import CivicCore
import Foundation
import Yams

/// `intents/learned.yml`: the examples staff assigned from the review of unanswered questions.
/// civicd writes it whole, one `examples:` mapping of intent ids to `pl:`/`en:`/`uk:` lists, each text
/// a double-quoted (JSON-escaped) scalar, so that no resident's wording can break the YAML.
public enum LearnedExamples {
    /// What an assignment did.
    public struct Added: Sendable, Equatable {
        public var file: String
        public var intent: IntentID
        public var language: Language
        public var text: String
    }

    /// Adds `text` as an example of `intent` in `language` to `DIRECTORY/learned.yml`, after
    /// checking the whole catalogue with it as `civicd intents check` would (with `settings`):
    /// an unknown intent, an example the catalogue already has, or any other problem refuses
    /// the change with the loader's reasons, and the file stays as it was.
    public static func add(_ text: String, intent: IntentID, language: Language, directory: String,
                           settings: CatalogueSettings = CatalogueSettings()) throws -> Added {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(CatalogueFiles.learnedFile).path
        let existing = FileManager.default.fileExists(atPath: path) ? try String(contentsOfFile: path, encoding: .utf8) : nil
        let updated = try adding(text, intent: intent, language: language, to: existing, file: path)
        var sources = try CatalogueFiles.sources(directory: directory, learned: false)
        sources.append(CatalogueSource(name: path, text: updated))
        _ = try CatalogueLoader.load(sources, settings: settings)
        do {
            try updated.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot write \(path): \(TLSMaterial.reason(error))")
        }
        return Added(file: path, intent: intent, language: language, text: text)
    }

    /// The text of `learned.yml` (`existing`, or none yet) with one more example.
    public static func adding(_ text: String, intent: IntentID, language: Language, to existing: String?, file: String = CatalogueFiles.learnedFile) throws -> String {
        var examples = try read(existing ?? "", file: file)
        if let index = examples.firstIndex(where: { $0.intent == intent }) {
            examples[index].texts[language, default: []].append(text)
        } else {
            examples.append((intent, [language: [text]]))
        }
        return render(examples)
    }

    /// The examples of a `learned.yml`, in file order.
    public static func read(_ text: String, file: String) throws -> [(intent: IntentID, texts: [Language: [String]])] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError("\(file): not valid YAML: \(error)")
        }
        guard let root else { return [] }
        guard let mapping = root.mapping, mapping.keys.allSatisfy({ $0.string == "examples" }) else {
            throw ConfigurationError("\(file): civicd writes this file with examples: only; move anything else to another file of intents/")
        }
        guard let byIntent = mapping["examples"]?.mapping else { return [] }
        return byIntent.compactMap { key, value in
            guard let id = key.string else { return nil }
            var texts: [Language: [String]] = [:]
            for language in Language.allCases {
                texts[language] = value.mapping?[language.rawValue]?.sequence?.compactMap { $0.scalar?.string } ?? []
            }
            return (IntentID(id), texts)
        }
    }

    static func render(_ examples: [(intent: IntentID, texts: [Language: [String]])]) -> String {
        var lines = [
            "# civicd — examples staff assigned from the review of unanswered questions (docs/OPERATIONS.md).",
            "# Written by `civicd admin unanswered assign ID INTENT`; read with the rest of intents/, so SIGHUP",
            "# serves them. An example can be removed here by hand; `civicd intents check` checks the result.",
            "",
            "examples:",
        ]
        for (intent, texts) in examples {
            lines.append("  \(intent.rawValue):")
            for language in Language.allCases {
                let list = texts[language] ?? []
                lines.append("    \(language.rawValue):" + (list.isEmpty ? " []" : ""))
                lines += list.map { "      - " + ReplyRenderer.jsonString($0) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
