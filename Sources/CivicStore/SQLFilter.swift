import GRDB

/// The WHERE clause of a listing, built from the filters staff gave: each condition with its
/// bound values, never text pasted into SQL.
struct SQLFilter {
    private var clauses: [String] = []
    private(set) var arguments: [any DatabaseValueConvertible] = []

    /// Adds `clause` (with `?` placeholders) when `value` is given.
    mutating func add<Value: DatabaseValueConvertible>(_ clause: String, _ value: Value?) {
        guard let value else { return }
        clauses.append(clause)
        arguments.append(value)
    }

    /// Adds a condition with no value.
    mutating func add(_ clause: String, when condition: Bool) {
        if condition { clauses.append(clause) }
    }

    /// `WHERE a AND b`, or nothing.
    var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    var statementArguments: StatementArguments { StatementArguments(arguments) }
}
