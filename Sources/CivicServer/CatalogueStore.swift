import CivicCore
import NIOConcurrencyHelpers

/// The catalogue in force. A reload replaces it whole, with an empty understanding cache of
/// its own; a line already being answered keeps the catalogue it started with.
public final class CatalogueStore: Sendable {
    private let box: NIOLockedValueBox<Catalogue>
    private let understandingCacheLines: Int

    /// - Parameter understandingCacheLines: lines whose understanding each catalogue keeps (0: none).
    public init(_ catalogue: Catalogue, understandingCacheLines: Int = Limits().understandingCacheLines) {
        self.understandingCacheLines = understandingCacheLines
        self.box = NIOLockedValueBox(catalogue.withUnderstandingCache(capacity: understandingCacheLines))
    }

    public var current: Catalogue { box.withLockedValue { $0 } }

    public func replace(with catalogue: Catalogue) {
        let fresh = catalogue.withUnderstandingCache(capacity: understandingCacheLines)
        box.withLockedValue { $0 = fresh }
    }
}
