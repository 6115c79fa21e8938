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
    /// Text in the name, contact, reference or id, in any case, with or without Polish letters.
    public var search: String?
    public var includeErased = false
    /// Programme names by topic id (from `intents/`), so `--programme "Centrum Obywatelskie"`
    /// finds its topic.
    public var programmeNames: [String: String] = [:]

    public init(programme: String? = nil, district: String? = nil, since: Date? = nil, until: Date? = nil, search: String? = nil,
                includeErased: Bool = false, programmeNames: [String: String] = [:]) {
        self.programme = programme
        self.district = district
        self.since = since
        self.until = until
        self.search = search
        self.includeErased = includeErased
        self.programmeNames = programmeNames
    }
}

/// How staff filters match stored text: after folding both sides (lower case, no diacritics,
/// ł→l), on any part: "lukasz" finds "Łukasz", "Traugutta" finds "osiedle Traugutta".
public enum StaffSearch {
    public static func matches(_ needle: String, _ haystack: String?) -> Bool {
        guard let haystack else { return false }
        let folded = TextNormalizer.fold(needle)
        guard !folded.isEmpty else { return true }
        return TextNormalizer.fold(haystack).contains(folded)
    }

    /// A phone number typed any way ("600 100 200", "+48600100200") finds the stored one.
    static func matchesContact(_ needle: String, _ contact: String?) -> Bool {
        guard let contact, let typed = Contact(parsing: needle) else { return false }
        return typed.description == contact
    }
}

extension AppDatabase {
    /// Sign-ups matching `filter`, oldest first.
    public func signups(matching filter: SignupFilter) async throws -> [SignupRecord] {
        try await writer.read { db in
            var sql = SQLFilter()
            sql.add("erasedAt IS NULL", when: !filter.includeErased)
            sql.add("createdAt >= ?", filter.since)
            sql.add("createdAt < ?", filter.until)
            let records = try SignupRecord.fetchAll(db, sql: "SELECT * FROM signup \(sql.sql) ORDER BY createdAt, id",
                                                    arguments: sql.statementArguments)
            // Text filters match as staff type them (any case, with or without Polish letters, any
            // part); done here rather than in SQL, whose LIKE folds ASCII case only.
            return records.filter { record in
                if let programme = filter.programme,
                   !(record.programme == programme || StaffSearch.matches(programme, filter.programmeNames[record.programme] ?? record.programme)) {
                    return false
                }
                if let district = filter.district, !StaffSearch.matches(district, record.district) { return false }
                if let search = filter.search, !search.isEmpty,
                   !([record.name, record.contact, record.reference].contains { StaffSearch.matches(search, $0) }
                     || search.trimmingCharacters(in: .whitespaces) == String(record.id)
                     || StaffSearch.matchesContact(search, record.contact)) {
                    return false
                }
                return true
            }
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
}

extension SignupRecord: FetchableRecord {}
