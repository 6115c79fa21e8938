import Foundation
@testable import CivicCore

/// The catalogue in the repository's `intents/`, loaded once for all tests.
enum ShippedCatalogue {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("intents")

    static let sources: [CatalogueSource] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter(CatalogueSource.isCatalogueFile).sorted().map { name in
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

/// A small catalogue of the tests' own (`Fixtures/catalogue/`): form logic is tested against
/// wording no staffer edits, so a change to `intents/` never breaks a form test.
enum FixtureCatalogue {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("catalogue")

    static let catalogue: Catalogue = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter(CatalogueSource.isCatalogueFile).sorted()
        let sources = names.map { name in
            CatalogueSource(name: "fixture/\(name)", text: (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? "")
        }
        do {
            return try CatalogueLoader.load(sources)
        } catch {
            fatalError("the fixture catalogue does not load:\n\(error)")
        }
    }()
}

/// Reads a fixture file of the test bundle.
enum Fixtures {
    static func text(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }
}
