import CivicCore
import Foundation
import Testing
@testable import CivicStore

/// A sign-up corrected in the conversation that stored it: the row takes the new name, contact
/// and district, committed with an audit event; another live sign-up's contact and an erased
/// row are refused. On SQLite always (a real file, read back through a second handle), on
/// PostgreSQL when the run provides one (``Engine/available``).
@Suite("Correcting a stored sign-up, on every engine", .timeLimit(.minutes(2)))
struct SignupCorrectionStoreTests {
    func saved(_ storage: any CivicStorage, _ signup: SignupDraft) async throws -> String {
        guard case .saved(let reference) = try await storage.saveSignup(signup, actor: .session(1), city: "krosno") else {
            Issue.record("not saved")
            throw CancellationError()
        }
        return reference
    }

    func correction(_ reference: String, of stored: SignupDraft, name: String? = nil, contact: String? = nil, district: String? = nil) -> SignupCorrection {
        var corrected = stored
        if let name { corrected.name = name }
        if let contact { corrected.contact = Contact(parsing: contact)! }
        if let district { corrected.district = district }
        return SignupCorrection(reference: reference, stored: stored, corrected: corrected)
    }

    @Test("the corrected row is what a second handle reads; the correction is audited; the code stays", arguments: Engine.available)
    func corrected(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let stored = draft()
            let reference = try await saved(fresh.storage, stored)
            let outcome = try await fresh.storage.correctSignup(
                correction(reference, of: stored, name: "Anna Nowak", contact: "601 234 576", district: "Suchodół"), actor: .session(1))
            #expect(outcome == .corrected(reference: reference))

            // As another daemon or the admin command opens the database: the change is committed.
            let reader = try await fresh.reopen(asDaemon: false)
            let row = try #require(try await reader.signup(reference: reference))
            #expect(row.name == "Anna Nowak")
            #expect(row.contact == "+48 601 234 576")
            #expect(row.district == "Suchodół")
            #expect(row.programme == stored.programme && row.consentVersion == stored.consentVersion, "the rest is unchanged")
            #expect(try await reader.auditCount(action: "signup.correct") == 1)
            #expect(try await reader.signups(matching: SignupFilter()).count == 1, "corrected in place, not stored twice")
        }
    }

    @Test("a contact another live sign-up of the programme holds is refused; nothing changes", arguments: Engine.available)
    func contactTaken(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let anna = draft()
            let reference = try await saved(fresh.storage, anna)
            _ = try await saved(fresh.storage, draft("Jan Nowak", contact: "jan@example.org"))
            let outcome = try await fresh.storage.correctSignup(correction(reference, of: anna, contact: "jan@example.org"), actor: .session(1))
            #expect(outcome == .contactTaken)
            #expect(try await fresh.storage.signup(reference: reference)?.contact == "anna@example.org")
            #expect(try await fresh.storage.auditCount(action: "signup.correct") == 0)
            // A correction that keeps the contact is no conflict with its own row.
            let other = try await fresh.storage.correctSignup(correction(reference, of: anna, name: "Anna Maria Kowalska"), actor: .session(1))
            #expect(other == .corrected(reference: reference), "a correction that keeps the contact is no conflict with itself")
        }
    }

    @Test("an erased sign-up, or a reference with another contact, is not found", arguments: Engine.available)
    func notFound(_ engine: Engine) async throws {
        try await withFreshStorage(engine) { fresh in
            let anna = draft()
            let reference = try await saved(fresh.storage, anna)
            var stranger = anna
            stranger.contact = .email("someone@example.org")
            let guessed = try await fresh.storage.correctSignup(correction(reference, of: stranger, name: "Ewa Sowa"), actor: .session(2))
            #expect(guessed == .notFound, "only the conversation that stored it, knowing its contact, reaches the row")
            #expect(try await fresh.storage.signup(reference: reference)?.name == "Anna Kowalska")

            _ = try await fresh.storage.erase(reference: reference, contact: nil, actor: .admin)
            let erased = try await fresh.storage.correctSignup(correction(reference, of: anna, name: "Anna Nowak"), actor: .session(1))
            #expect(erased == .notFound)
            #expect(try await fresh.storage.signup(reference: reference)?.name == nil, "the erased row stays erased")
        }
    }
}
