import LabelingFunctions
import WSLabelData
import WSLabeling
import XCTest

/// The Swift heuristics of the support-ticket example vote as their documentation says, on
/// tickets made up for the test (none is from the example's data).
final class SupportTicketLFTests: XCTestCase {
    let billing = SupportTicketLFs.billing, technical = SupportTicketLFs.technical, account = SupportTicketLFs.account

    func vote(_ lf: HeuristicLF, _ text: String, subject: String? = nil) throws -> String? {
        var fields = ["text": text]
        if let subject { fields["subject"] = subject }
        return try lf.vote(on: ItemView(Item(id: "x", text: text, fields: fields)))
    }

    func testTheCatalogIsRegisteredAndVotesOnlyTheTaskLabels() throws {
        let registered = try XCTUnwrap(catalogs["support_tickets"])
        XCTAssertEqual(registered.map(\.name), ["subject_line", "technical_details", "access_problem"])
        try LFCatalog(registered).validate(labels: [billing, technical, account])
    }

    func testSubjectLineVotesTheOneClassItsSubjectNames() throws {
        let lf = SupportTicketLFs.subjectLine
        XCTAssertEqual(try vote(lf, "Please send it again.", subject: "Missing invoices for Q3"), billing)
        XCTAssertEqual(try vote(lf, "It closes right away.", subject: "Desktop app CRASHING"), technical)
        XCTAssertEqual(try vote(lf, "Help!", subject: "Forgot password"), account)
        // Only the subject counts: the body's "refund" does not.
        XCTAssertNil(try vote(lf, "Can I get a refund?", subject: "Question"))
        // Chat and phone tickets have no subject.
        XCTAssertNil(try vote(lf, "I was charged twice"))
        XCTAssertNil(try vote(lf, "I was charged twice", subject: ""))
        // Two classes named: abstain rather than guess.
        XCTAssertNil(try vote(lf, "…", subject: "Export error and a refund"))
    }

    func testTechnicalDetailsReadsVersionsButNotMoney() throws {
        let lf = SupportTicketLFs.technicalDetails
        XCTAssertEqual(try vote(lf, "It happens on iOS 17.4 only"), technical)
        XCTAssertEqual(try vote(lf, "desktop app 5.0.12, windows"), technical)
        XCTAssertEqual(try vote(lf, "Broken since the update."), technical)
        XCTAssertEqual(try vote(lf, "Screenshot attached, cleared my cache too"), technical)
        XCTAssertNil(try vote(lf, "You charged me $10.50 instead of $8.5"))
        XCTAssertNil(try vote(lf, "a 2.5% fee on every payment"))
        XCTAssertNil(try vote(lf, "the bank took 19.99 from me"))
        XCTAssertNil(try vote(lf, "We have 3 seats. Please remove 1."))
        // The verb is not a release: billing and account tickets ask to update things.
        XCTAssertNil(try vote(lf, "Please update my billing address"))
    }

    func testAccessProblemStepsBackWhenADefectIsTheCause() throws {
        let lf = SupportTicketLFs.accessProblem
        XCTAssertEqual(try vote(lf, "I can't log in to pay my invoice"), account)
        XCTAssertEqual(try vote(lf, "lost my phone, need my 2FA reset"), account)
        XCTAssertEqual(try vote(lf, "Account LOCKED after a trip abroad"), account)
        XCTAssertNil(try vote(lf, "The login page loops since the last update"))
        XCTAssertNil(try vote(lf, "password reset link gives a 404"))
        XCTAssertNil(try vote(lf, "Where do I find my invoices?"))
    }
}
