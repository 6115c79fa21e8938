import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO

/// Copies everything an SQLite database holds into an empty PostgreSQL database of the same
/// civicd (`civicd admin database copy --to URL`): the way from one daemon on SQLite to several on
/// PostgreSQL. The SQLite side is read in one read transaction (a consistent snapshot, beside a
/// running daemon); the PostgreSQL side is written in one transaction that first checks every
/// table is empty, keeps every id (references between tables stay right), then moves each id
/// sequence past the copied ids. After `COMMIT` the rows are counted again on the target.
public enum DatabaseCopy {
    /// The tables, in an order that satisfies the foreign keys.
    public static let tables = ["signup", "organiser", "interviewNote", "erasureRequest", "auditEvent",
                                "loginFailure", "usageCount", "unansweredGroup", "unansweredText"]
    /// The tables whose `id` is a BIGSERIAL on PostgreSQL.
    static let sequenced: Set<String> = ["signup", "organiser", "interviewNote", "erasureRequest", "auditEvent", "unansweredGroup"]

    /// How many rows of each table were copied (in ``tables``' order).
    public struct Counts: Sendable, Equatable {
        public var rows: [(table: String, count: Int)]
        public var total: Int { rows.reduce(0) { $0 + $1.count } }

        public static func == (lhs: Counts, rhs: Counts) -> Bool {
            lhs.rows.map(\.table) == rhs.rows.map(\.table) && lhs.rows.map(\.count) == rhs.rows.map(\.count)
        }
    }

    public enum CopyError: Error, CustomStringConvertible, Equatable {
        /// The target already holds rows: nothing was copied.
        case targetNotEmpty(location: String, tables: [String])
        /// After the commit the target's counts differ from the source's.
        case countsDiffer(table: String, expected: Int, found: Int)

        public var description: String {
            switch self {
            case .targetNotEmpty(let location, let tables):
                return "the PostgreSQL database \(location) is not empty (rows in \(tables.joined(separator: ", "))): nothing copied; copy into a new, empty database"
            case .countsDiffer(let table, let expected, let found):
                return "after the copy \(table) holds \(found) row(s) on PostgreSQL, not \(expected) as in SQLite: check the target before using it"
            }
        }
    }

    /// Copies `source` into `target` (opened on this civicd's exact schema, so the versions
    /// match). Throws ``CopyError/targetNotEmpty(location:tables:)`` without writing when the target
    /// holds anything.
    public static func copy(from source: AppDatabase, to target: PostgresStore) async throws -> Counts {
        let (inserts, expected) = try await source.writer.read { db in try Self.inserts(db) }
        let location = target.location.description
        let logger = target.logger
        do {
            try await target.client.withTransaction(logger: logger) { connection in
                var filled: [String] = []
                for table in tables {
                    let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), logger: logger).collect()
                    if try rows.first?.decode(Int.self) ?? 0 > 0 { filled.append(table) }
                }
                guard filled.isEmpty else { throw CopyError.targetNotEmpty(location: location, tables: filled) }
                for (_, queries) in inserts {
                    for query in queries { try await connection.query(query, logger: logger) }
                }
                for table in tables where sequenced.contains(table) {
                    try await connection.query(PostgresQuery(unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('\(table.lowercased())', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)
                        """), logger: logger)
                }
            }
        } catch let error as PostgresTransactionError {
            if let copy = error.closureError as? CopyError { throw copy }
            throw StoreError.unavailable("PostgreSQL at \(location): \(PostgresStore.describe(error.closureError ?? error.commitError ?? error.beginError ?? error))")
        } catch let error as CopyError {
            throw error
        } catch {
            throw StoreError.unavailable("PostgreSQL at \(location): \(PostgresStore.describe(error))")
        }
        let found = Dictionary(uniqueKeysWithValues: try await counts(target).rows.map { ($0.table, $0.count) })
        for row in expected.rows where found[row.table] != row.count {
            throw CopyError.countsDiffer(table: row.table, expected: row.count, found: found[row.table] ?? 0)
        }
        return expected
    }

    /// The rows of every table on `target`, for the check after the copy.
    public static func counts(_ target: PostgresStore) async throws -> Counts {
        try await target.read { connection in
            var rows: [(table: String, count: Int)] = []
            for table in tables {
                let result = try await connection.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), logger: target.logger).collect()
                rows.append((table, try result.first?.decode(Int.self) ?? 0))
            }
            return Counts(rows: rows)
        }
    }

    /// One INSERT per SQLite row, every value bound (never spliced into the SQL), and the counts.
    static func inserts(_ db: Database) throws -> ([(String, [PostgresQuery])], Counts) {
        func rows(_ sql: String) throws -> [Row] { try Row.fetchAll(db, sql: sql) }
        func bytes(_ data: Data) -> ByteBuffer { ByteBuffer(bytes: data) }
        var all: [(String, [PostgresQuery])] = []
        all.append(("signup", try rows("SELECT * FROM signup ORDER BY id").map { r -> PostgresQuery in
            let (id, reference, programme, name, contact, district) = (r["id"] as Int64, r["reference"] as String, r["programme"] as String,
                                                                       r["name"] as String?, r["contact"] as String?, r["district"] as String?)
            let (consent, language, created, erased, next, organisation) = (r["consentVersion"] as String, r["language"] as String, r["createdAt"] as Date,
                                                                           r["erasedAt"] as Date?, r["nextEdition"] as Bool, r["organisation"] as String?)
            return """
                INSERT INTO signup (id, reference, programme, name, contact, district, consentVersion, language, createdAt, erasedAt, nextEdition, organisation)
                VALUES (\(id), \(reference), \(programme), \(name), \(contact), \(district), \(consent), \(language), \(created), \(erased), \(next), \(organisation))
                """
        }))
        all.append(("organiser", try rows("SELECT * FROM organiser ORDER BY id").map { r -> PostgresQuery in
            let (id, name, salt, hash, created, revoked) = (r["id"] as Int64, r["name"] as String, bytes(r["codeSalt"]), bytes(r["codeHash"]),
                                                            r["createdAt"] as Date, r["revokedAt"] as Date?)
            return "INSERT INTO organiser (id, name, codeSalt, codeHash, createdAt, revokedAt) VALUES (\(id), \(name), \(salt), \(hash), \(created), \(revoked))"
        }))
        all.append(("interviewNote", try rows("SELECT * FROM interviewNote ORDER BY id").map { r -> PostgresQuery in
            let (id, organiser, district, date, topic) = (r["id"] as Int64, r["organiserId"] as Int64, r["district"] as String?,
                                                          r["interviewDate"] as String, r["topic"] as String?)
            let (concerns, recontact, how, created, erased) = (r["concerns"] as String?, r["recontact"] as Bool, r["recontactHow"] as String?,
                                                               r["createdAt"] as Date, r["erasedAt"] as Date?)
            return """
                INSERT INTO interviewNote (id, organiserId, district, interviewDate, topic, concerns, recontact, recontactHow, createdAt, erasedAt)
                VALUES (\(id), \(organiser), \(district), \(date), \(topic), \(concerns), \(recontact), \(how), \(created), \(erased))
                """
        }))
        all.append(("erasureRequest", try rows("SELECT * FROM erasureRequest ORDER BY id").map { r -> PostgresQuery in
            let (id, reference, contact, matched) = (r["id"] as Int64, r["reference"] as String, r["contact"] as String?, r["matched"] as Bool)
            let (kind, created, handled) = (r["sessionKind"] as String, r["createdAt"] as Date, r["handledAt"] as Date?)
            return """
                INSERT INTO erasureRequest (id, reference, contact, matched, sessionKind, createdAt, handledAt)
                VALUES (\(id), \(reference), \(contact), \(matched), \(kind), \(created), \(handled))
                """
        }))
        all.append(("auditEvent", try rows("SELECT * FROM auditEvent ORDER BY id").map { r -> PostgresQuery in
            let (id, at, action, subject, actor) = (r["id"] as Int64, r["at"] as Date, r["action"] as String, r["subject"] as String?, r["actor"] as String)
            return "INSERT INTO auditEvent (id, at, action, subject, actor) VALUES (\(id), \(at), \(action), \(subject), \(actor))"
        }))
        all.append(("loginFailure", try rows("SELECT * FROM loginFailure ORDER BY address").map { r -> PostgresQuery in
            let (address, failures, last) = (r["address"] as String, r["failures"] as Int, r["lastFailureAt"] as Date)
            return "INSERT INTO loginFailure (address, failures, lastFailureAt) VALUES (\(address), \(failures), \(last))"
        }))
        all.append(("usageCount", try rows("SELECT * FROM usageCount ORDER BY day, event, intent, language").map { r -> PostgresQuery in
            let (day, event, intent, language, count) = (r["day"] as String, r["event"] as String, r["intent"] as String, r["language"] as String, r["count"] as Int64)
            return "INSERT INTO usageCount (day, event, intent, language, count) VALUES (\(day), \(event), \(intent), \(language), \(count))"
        }))
        all.append(("unansweredGroup", try rows("SELECT * FROM unansweredGroup ORDER BY id").map { r -> PostgresQuery in
            let (id, words, status, intent, decided) = (r["id"] as Int64, r["words"] as String, r["status"] as String, r["intent"] as String?, r["decidedDay"] as String?)
            return "INSERT INTO unansweredGroup (id, words, status, intent, decidedDay) VALUES (\(id), \(words), \(status), \(intent), \(decided))"
        }))
        all.append(("unansweredText", try rows("SELECT * FROM unansweredText ORDER BY groupId, day").map { r -> PostgresQuery in
            let (group, text, language, reason, day, count) = (r["groupId"] as Int64, r["text"] as String, r["language"] as String,
                                                               r["reason"] as String, r["day"] as String, r["count"] as Int64)
            return "INSERT INTO unansweredText (groupId, text, language, reason, day, count) VALUES (\(group), \(text), \(language), \(reason), \(day), \(count))"
        }))
        return (all, Counts(rows: all.map { ($0.0, $0.1.count) }))
    }
}
