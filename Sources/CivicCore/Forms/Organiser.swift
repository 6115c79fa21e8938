/// A community organiser, as a logged-in session knows them.
public struct Organiser: Sendable, Equatable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}
