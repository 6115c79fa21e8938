import ArgumentParser
import CivicAdmin
import Testing
@testable import civicd

@Suite("admin command parsing")
struct AdminParsingTests {
    func parse(_ arguments: [String]) throws -> ParsableCommand {
        try Civicd.parseAsRoot(arguments)
    }

    @Test func signupsList() throws {
        let command = try #require(try parse(["admin", "signups", "list", "--programme", "os_krosno", "--district", "Polanka",
                                              "--since", "2026-11-01", "--until", "2026-11-30", "--search", "Kowal",
                                              "--format", "csv", "--spreadsheet", "--data-dir", "/srv/civicd"]) as? Admin.Signups.List)
        #expect(command.programme == "os_krosno")
        #expect(command.district == "Polanka")
        #expect(command.since?.day.description == "2026-11-01")
        #expect(command.until?.day.description == "2026-11-30")
        #expect(command.search == "Kowal")
        #expect(command.output.format == .csv)
        #expect(command.output.spreadsheet)
        #expect(command.options.dataDir == "/srv/civicd")
    }

    @Test func signupsShow() throws {
        let command = try #require(try parse(["admin", "signups", "show", "KR-7F3K", "--config", "/etc/civicd.yml"]) as? Admin.Signups.Show)
        #expect(command.reference == "KR-7F3K")
        #expect(command.options.config == "/etc/civicd.yml")
    }

    @Test func notes() throws {
        let list = try #require(try parse(["admin", "notes", "list", "--organiser", "Ewa", "--district", "Polanka", "--format", "json"]) as? Admin.Notes.List)
        #expect(list.filters.organiser == "Ewa")
        #expect(list.output.format == .json)
        let export = try #require(try parse(["admin", "notes", "export", "--since", "2026-01-01", "--spreadsheet"]) as? Admin.Notes.Export)
        #expect(export.format == .csv)
        #expect(export.spreadsheet)
        #expect(export.filters.since?.day.description == "2026-01-01")
    }

    @Test func stats() throws {
        let command = try #require(try parse(["admin", "stats", "--since", "2026-11-01"]) as? Admin.Stats)
        #expect(command.since?.day.description == "2026-11-01")
    }

    @Test func organisers() throws {
        #expect((try parse(["admin", "organisers", "add", "Ewa Nowak"]) as? Admin.Organisers.Add)?.name == "Ewa Nowak")
        #expect(try parse(["admin", "organisers", "list", "--format", "json"]) is Admin.Organisers.List)
        #expect((try parse(["admin", "organisers", "revoke", "3"]) as? Admin.Organisers.Revoke)?.id == 3)
        #expect(throws: (any Error).self) { try parse(["admin", "organisers", "add", ""]) }
        #expect(throws: (any Error).self) { try parse(["admin", "organisers", "revoke", "three"]) }
    }

    @Test func erase() throws {
        let byReference = try #require(try parse(["admin", "erase", "--ref", "kr-7f3k", "--yes"]) as? Admin.Erase)
        #expect(byReference.reference == "kr-7f3k")
        #expect(byReference.yes)
        #expect((try parse(["admin", "erase", "--contact", "600 100 200"]) as? Admin.Erase)?.contact == "600 100 200")
        #expect(throws: (any Error).self) { try parse(["admin", "erase"]) }
        #expect(throws: (any Error).self) { try parse(["admin", "erase", "--ref", "KR-7F3K", "--contact", "a@b.pl"]) }
        #expect(throws: (any Error).self) { try parse(["admin", "erase", "--ref", "nonsense"]) }
        #expect(throws: (any Error).self) { try parse(["admin", "erase", "--contact", "not a contact"]) }
    }

    @Test func erasureRequestsAndRetention() throws {
        #expect((try parse(["admin", "erasure-requests", "--all"]) as? Admin.ErasureRequests)?.all == true)
        let purge = try #require(try parse(["admin", "retention", "purge", "--older-than", "18mo", "--yes"]) as? Admin.Retention.Purge)
        #expect(purge.olderThan == RetentionAge(months: 18))
        #expect((try parse(["admin", "retention", "purge", "--older-than", "2y"]) as? Admin.Retention.Purge)?.olderThan == RetentionAge(months: 24))
        #expect(throws: (any Error).self) { try parse(["admin", "retention", "purge", "--older-than", "soon"]) }
    }

    @Test("--spreadsheet without CSV and unknown formats are refused")
    func formats() {
        #expect(throws: (any Error).self) { try parse(["admin", "signups", "list", "--spreadsheet"]) }
        #expect(throws: (any Error).self) { try parse(["admin", "signups", "list", "--format", "xml"]) }
    }
}
