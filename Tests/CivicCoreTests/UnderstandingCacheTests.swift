import Testing
@testable import CivicCore

@Suite("Understanding cache")
struct UnderstandingCacheTests {
    let matcher = ShippedCatalogue.catalogue.matcher

    /// Understands lines while counting how often the work is really done.
    final class Counter {
        var calls = 0
    }

    @Test("a line seen before is not worked out again, and the answer is the same")
    func hit() {
        let cache = UnderstandingCache(capacity: 8)
        let counter = Counter()
        let understand = { (text: String) -> LineUnderstanding in
            counter.calls += 1
            return LineUnderstanding(text, matcher: matcher)
        }
        let first = cache.understanding(of: "jak się zapisać?", understand)
        let second = cache.understanding(of: "jak się zapisać?", understand)
        #expect(counter.calls == 1)
        #expect(first.match == second.match)
        #expect(first.match.intent == matcher.match("jak się zapisać?").intent)
    }

    @Test("it never holds more than its capacity, and keeps the lines in use")
    func bounded() {
        let cache = UnderstandingCache(capacity: 4)
        let understand = { (text: String) in LineUnderstanding(text, matcher: matcher) }
        for word in ["kontakt", "koszt", "termin", "adres", "telefon", "pomoc", "kampania", "rozmowa"] {
            _ = cache.understanding(of: "kontakt", understand)
            _ = cache.understanding(of: word, understand)
            #expect(cache.count <= 4)
        }
        let counter = Counter()
        _ = cache.understanding(of: "kontakt") { counter.calls += 1; return understand($0) }
        #expect(counter.calls == 0)
    }

    @Test("lines with digits or an e-mail address, long lines, and a zero capacity keep nothing", arguments: [
        "mój numer 600 100 200", "anna@example.org", String(repeating: "kontakt ", count: 40),
    ])
    func notKept(_ text: String) {
        let cache = UnderstandingCache(capacity: 8)
        _ = cache.understanding(of: text) { LineUnderstanding($0, matcher: matcher) }
        #expect(cache.count == 0)
        let disabled = UnderstandingCache(capacity: 0)
        _ = disabled.understanding(of: "kontakt") { LineUnderstanding($0, matcher: matcher) }
        #expect(disabled.count == 0)
    }
}
