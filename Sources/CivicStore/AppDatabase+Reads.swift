import CivicCore
import Foundation
import GRDB

/// A sign-up as staff see it. Erased sign-ups keep their row (so counts stay right) without the
/// personal data: `name` and `contact` are nil and `erasedAt` is set.
public struct SignupRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var reference: String
    public var programme: String
    public var name: String?
    public var contact: String?
    public var district: String?
    public var consentVersion: String
    public var language: String
    public var createdAt: Date
    public var erasedAt: Date?
}

/// Which sign-ups to list. Every field narrows the list; the empty filter lists all live ones.
public struct SignupFilter: Sendable, Equatable {
    public var programme: String?
    public var district: String?
    public var since: Date?
    /// Exclusive upper bound.
    public var until: Date?
    /// Case-insensitive text in the name, contact or reference.
    public var search: String?
    public var includeErased = false

    public init(programme: String? = nil, district: String? = nil, since: Date? = nil, until: Date? = nil, search: String? = nil, includeErased: Bool = false) {
        self.programme = programme
        self.district = district
        self.since = since
        self.until = until
        self.search = search
        self.includeErased = includeErased
    }
}

extension AppDatabase {
    /// Sign-ups matching `filter`, oldest first.
    public func signups(matching filter: SignupFilter) async throws -> [SignupRecord] {
        try await writer.read { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if !filter.includeErased { clauses.append("erasedAt IS NULL") }
            if let programme = filter.programme {
                clauses.append("programme = ?")
                arguments.append(programme)
            }
            if let district = filter.district {
                clauses.append("district = ? COLLATE NOCASE")
                arguments.append(district)
            }
            if let since = filter.since {
                clauses.append("createdAt >= ?")
                arguments.append(since)
            }
            if let until = filter.until {
                clauses.append("createdAt < ?")
                arguments.append(until)
            }
            if let search = filter.search, !search.isEmpty {
                clauses.append("(name LIKE ? ESCAPE '\\' OR contact LIKE ? ESCAPE '\\' OR reference LIKE ? ESCAPE '\\')")
                let pattern = "%" + Self.escapeLike(search) + "%"
                arguments.append(contentsOf: [pattern, pattern, pattern])
            }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            return try SignupRecord.fetchAll(db, sql: "SELECT * FROM signup \(whereClause) ORDER BY createdAt, id",
                                             arguments: StatementArguments(arguments))
        }
    }

    /// One sign-up by its reference code (as typed: any case, with or without the dash).
    public func signup(reference: String) async throws -> SignupRecord? {
        guard let code = ReferenceCode.parse(reference) else { return nil }
        return try await writer.read { db in
            try SignupRecord.fetchOne(db, sql: "SELECT * FROM signup WHERE reference = ?", arguments: [code])
        }
    }

    /// SQLite's own consistency check; `["ok"]` when the file is sound.
    public func integrityCheck() async throws -> [String] {
        try await writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// How many audit events of one kind there are.
    public func auditCount(action: String) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = ?", arguments: [action]) ?? 0
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

extension SignupRecord: FetchableRecord {}
