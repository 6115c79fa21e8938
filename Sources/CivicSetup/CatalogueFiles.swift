import CivicCore
import Foundation

/// Reads `intents/` from disk into a checked catalogue.
public enum CatalogueFiles {
    /// Programme names (in `language`) and facts, without building the matcher: for staff tools.
    public static func staffSummary(directory: String, language: Language, today: CalendarDay) throws -> (topicNames: [String: String], facts: [String: Fact]) {
        try CatalogueLoader.staffSummary(try sources(directory: directory), language: language, today: today)
    }

    public static func load(directory: String) throws -> Catalogue {
        try CatalogueLoader.load(try sources(directory: directory))
    }

    static func sources(directory: String) throws -> [CatalogueSource] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigurationError("intents directory \(directory) does not exist")
        }
        let names = try manager.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            .sorted()
        guard !names.isEmpty else { throw ConfigurationError("intents directory \(directory) holds no .yml files") }
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
