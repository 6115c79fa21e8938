import CivicCore
import NIOConcurrencyHelpers

/// The catalogue in force. A reload replaces it whole; a line already being answered keeps the
/// catalogue it started with.
public final class CatalogueStore: Sendable {
    private let box: NIOLockedValueBox<Catalogue>

    public init(_ catalogue: Catalogue) {
        self.box = NIOLockedValueBox(catalogue)
    }

    public var current: Catalogue { box.withLockedValue { $0 } }

    public func replace(with catalogue: Catalogue) {
        box.withLockedValue { $0 = catalogue }
    }
}
