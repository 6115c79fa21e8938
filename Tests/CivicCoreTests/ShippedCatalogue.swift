import Foundation
@testable import CivicCore

/// The catalogue in the repository's `intents/`, loaded once for all tests.
enum ShippedCatalogue {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("intents")

    static let sources: [CatalogueSource] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yml") }.sorted().map { name in
            let url = directory.appendingPathComponent(name)
            return CatalogueSource(name: "intents/\(name)", text: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
        }
    }()

    static let catalogue: Catalogue = {
        do {
            return try CatalogueLoader.load(sources)
        } catch {
            fatalError("the shipped catalogue does not load:\n\(error)")
        }
    }()

    /// A fixed "today" so relative dates are stable.
    static let today = CalendarDay(year: 2026, month: 11, day: 21)
}

/// Reads a fixture file of the test bundle.
enum Fixtures {
    static func text(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }
}
