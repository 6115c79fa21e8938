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
    /// The organisation signed up for (an NGO joining a coalition), if any; nil once erased.
    public var organisation: String?
    public var consentVersion: String
    public var language: String
    public var createdAt: Date
    public var erasedAt: Date?
    /// The programme had ended: an expression of interest in a next edition.
    public var nextEdition: Bool
}

/// Which sign-ups to list. Every field narrows the list; the empty filter lists all live ones.
public struct SignupFilter: Sendable, Equatable {
    public var programme: String?
    public var district: String?
    public var since: Date?
    /// Exclusive upper bound.
    public var until: Date?
    /// Text in the name, contact, organisation, reference or id, in any case, with or without Polish letters.
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

extension SignupFilter {
    /// The records that pass the text filters, as staff type them (any case, with or without
    /// Polish letters, any part): done in Swift by every engine, whose SQL folds no Polish letter.
    func matchingText(_ records: [SignupRecord]) -> [SignupRecord] {
        let programme = self.programme.map(StaffSearch.init)
        let district = self.district.map(StaffSearch.init)
        let search = self.search.flatMap { $0.isEmpty ? nil : StaffSearch($0) }
        return records.filter { record in
            if let programme, !(record.programme == programme.text || programme.matches(programmeNames[record.programme] ?? record.programme)) {
                return false
            }
            if let district, !district.matches(record.district) { return false }
            if let search, !([record.name, record.contact, record.reference, record.organisation].contains(where: search.matches)
                             || search.text == String(record.id) || search.isContact(record.contact)) {
                return false
            }
            return true
        }
    }
}

/// What a staff filter matches, worked out once per listing rather than once per row: the
/// filter folded (lower case, no diacritics, ł→l), so "lukasz" finds "Łukasz" and "Traugutta"
/// finds "osiedle Traugutta" on any part; and, when it reads as one, the phone or e-mail typed
/// any way ("600 100 200" finds "+48 600 100 200").
public struct StaffSearch: Sendable {
    let folded: String
    let contact: String?
    let text: String

    public init(_ text: String) {
        self.text = text.trimmingCharacters(in: .whitespaces)
        self.folded = TextNormalizer.fold(text)
        self.contact = Contact(parsing: text)?.description
    }

    /// True when `haystack` holds the filter, folded, anywhere in it.
    public func matches(_ haystack: String?) -> Bool {
        guard let haystack else { return false }
        return folded.isEmpty || TextNormalizer.fold(haystack).contains(folded)
    }

    func isContact(_ stored: String?) -> Bool { contact != nil && contact == stored }
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
            return filter.matchingText(records)
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
