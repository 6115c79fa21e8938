import CivicCore
import Foundation

/// Reads `intents/` from disk into a checked catalogue.
public enum CatalogueFiles {
    /// Programme names (in `language`) and facts, without building the matcher: for staff tools.
    public static func staffSummary(directory: String, language: Language, today: CalendarDay) throws -> (topicNames: [String: String], facts: [String: Fact]) {
        try CatalogueLoader.staffSummary(try sources(directory: directory), language: language, today: today)
    }

    /// The examples staff assigned from the review (`civicd admin unanswered assign`), merged
    /// into the intents they name.
    public static let learnedFile = "learned.yml"

    /// The catalogue in `directory`, with `learned.yml` unless `learned` is false (`civicd
    /// intents eval` measures without it unless asked).
    public static func load(directory: String, settings: CatalogueSettings = CatalogueSettings(), learned: Bool = true) throws -> Catalogue {
        try CatalogueLoader.load(try sources(directory: directory, learned: learned), settings: settings)
    }

    static func sources(directory: String, learned: Bool = true) throws -> [CatalogueSource] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigurationError("intents directory \(directory) does not exist")
        }
        let names = try manager.contentsOfDirectory(atPath: directory)
            .filter(CatalogueSource.isCatalogueFile)
            .filter { learned || $0 != learnedFile }
            .sorted()
        guard names.contains(where: { !$0.hasSuffix(CatalogueSource.wordListSuffix) }) else {
            throw ConfigurationError("intents directory \(directory) holds no .yml files")
        }
        var sources: [CatalogueSource] = []
        for name in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            do {
                sources.append(CatalogueSource(name: path, text: try String(contentsOfFile: path, encoding: .utf8)))
            } catch {
                throw ConfigurationError("cannot read \(path): \(TLSMaterial.reason(error))")
            }
        }
        return sources
    }
}
