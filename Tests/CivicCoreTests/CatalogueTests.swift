import Testing
@testable import CivicCore

@Suite("Catalogue loading and checks")
struct CatalogueTests {
    @Test("the shipped catalogue loads with every required intent")
    func shipped() {
        let catalogue = ShippedCatalogue.catalogue
        for id in CatalogueLoader.requiredIntents {
            #expect(catalogue.intent(id) != nil, "\(id)")
        }
        #expect(catalogue.matcher.exampleCount > 500)
    }

    /// The shipped files with `file` replaced by `text`.
    func diagnostics(replacing file: String, with transform: (String) -> String) -> [String] {
        let sources = ShippedCatalogue.sources.map { source in
            source.name == file ? CatalogueSource(name: source.name, text: transform(source.text)) : source
        }
        do {
            _ = try CatalogueLoader.load(sources)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    func diagnostics(adding text: String) -> [String] {
        do {
            _ = try CatalogueLoader.load(ShippedCatalogue.sources + [CatalogueSource(name: "intents/zz-extra.yml", text: text)])
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("an unknown fact reference is reported with file:line")
    func unknownFact() {
        let found = diagnostics(adding: """
        intents:
          - id: opening_hours
            examples:
              pl: ["godziny otwarcia centrum"]
              en: ["opening hours of the centre"]
              uk: ["години роботи центру"]
            replies:
              default:
                pl: "Otwarte: {contacts.centrum_obywatelskie.hours}"
                en: "Open: {contacts.centrum_obywatelskie.hours}"
                uk: "Відчинено: {contacts.centrum_obywatelskie.hours}"
        """)
        #expect(found.contains("intents/zz-extra.yml:9: unknown fact {contacts.centrum_obywatelskie.hours}"), "\(found)")
    }

    @Test("a missing translation is reported")
    func missingTranslation() {
        let found = diagnostics(adding: """
        facts:
          extra:
            motto:
              pl: "Razem"
        intents:
          - id: motto
            examples:
              pl: ["jakie jest wasze motto"]
              en: ["what is your motto"]
            replies:
              default:
                pl: "{extra.motto}"
        """)
        #expect(found.contains { $0.hasPrefix("intents/zz-extra.yml:4: fact extra.motto has no English (en) translation") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("intents/zz-extra.yml:12: reply default of intent motto has no English (en) translation") }, "\(found)")
    }

    @Test("a reply whose first line holds more than two sentences is reported")
    func answerFirst() {
        let found = diagnostics(adding: """
        intents:
          - id: motto
            examples:
              pl: ["jakie jest wasze motto"]
              en: ["what is your motto"]
            replies:
              default:
                pl: "Chętnie! Nasze motto to „Razem”. Wymyślili je mieszkańcy."
                en: |-
                  Our motto is “Together”, from the O.S. action. Residents chose it.
                  They voted. In 2023. On paper.
                uk: "Наше гасло — «Разом». Його обрали мешканці."
        """)
        #expect(found.contains { $0.hasPrefix("intents/zz-extra.yml:8: reply default of intent motto (pl): its first line has 3 sentences") }, "\(found)")
        #expect(!found.contains { $0.contains("(en)") || $0.contains("(uk)") }, "two sentences on the first line, any number after it: \(found)")
    }

    @Test("an example under two intents is reported")
    func duplicateExample() {
        let found = diagnostics(adding: """
        intents:
          - id: weather
            examples:
              pl: ["Zapisz mnie!"]
              en: ["what's the weather"]
            replies:
              default: {pl: "Nie wiem.", en: "I don't know."}
        """)
        #expect(found.contains { $0.hasPrefix("intents/zz-extra.yml:4: example \"Zapisz mnie!\" of intent weather is also an example of") }, "\(found)")
    }

    @Test("a fact no reply uses is reported")
    func unusedFact() {
        let found = diagnostics(adding: """
        facts:
          extra:
            fax: "13 00 00 000"
        """)
        #expect(found == ["intents/zz-extra.yml:3: fact extra.fax is used by no reply"])
    }

    @Test("invalid YAML, a bad date and an unknown key are reported with their lines")
    func structure() {
        #expect(diagnostics(adding: "facts:\n  a: [unclosed\n").first?.hasPrefix("intents/zz-extra.yml:3: invalid YAML") == true)
        #expect(diagnostics(adding: "facts:\n  day: \"2023-02-30\"\n").contains { $0.hasPrefix("intents/zz-extra.yml:2: '2023-02-30' looks like a date") })
        #expect(diagnostics(adding: "factz: {}\n").contains { $0.hasPrefix("intents/zz-extra.yml:1: unknown top-level key 'factz'") })
    }

    @Test("a missing required intent is reported")
    func missingIntent() {
        let found = diagnostics(replacing: "intents/17-thanks.yml") { text in
            text.replacingOccurrences(of: "- id: thanks", with: "- id: thanks_renamed")
        }
        #expect(found.contains("intents:1: intent thanks is missing"), "\(found)")
    }
}
