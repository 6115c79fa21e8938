/// A failure of a command, printed as one line (without the usage text a mistyped argument gets).
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
