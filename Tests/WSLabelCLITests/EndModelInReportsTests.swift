import Foundation
import TestSupport
import XCTest

/// `fit --end-model`, `report --end-model` and the end-model row of `wslabel cost`: the end
/// model shown beside the label model wherever a run's results are.
final class EndModelInReportsTests: XCTestCase {
    private func wrenchFolder() throws -> URL {
        let folder = try temporaryDirectory(self)
        try SyntheticSpamTexts.writeWrenchFolder(at: folder)
        return folder
    }

    func testFitShowsBothModelsAndItsJSONGainsTheEndModel() throws {
        let folder = try wrenchFolder()
        let text = try CLIRunner.run(["fit", "--wrench", folder.path, "--end-model"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("end model: logistic regression on "), text.stdout)
        XCTAssertTrue(text.stdout.contains("label model acc"), text.stdout)
        let json = try CLIRunner.run(["fit", "--wrench", folder.path, "--end-model", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertNotNil(object["splits"], "the label model's summary stays as it was")
        let endModel = try XCTUnwrap(object["end_model"] as? [String: Any])
        let splits = try XCTUnwrap(endModel["splits"] as? [String: [String: Any]])
        XCTAssertEqual(splits["test"]?["coverage"] as? Double, 1)
        let plain = try CLIRunner.run(["fit", "--wrench", folder.path, "--json"])
        XCTAssertNil((try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])?["end_model"], "only when asked")
    }

    func testReportAddsAnEndModelSectionInEveryFormatButCSV() throws {
        let folder = try wrenchFolder()
        for (format, marker) in [("text", "end model: logistic regression"), ("markdown", "## End model"), ("html", "<section id=\"end-model\">"),
                                 ("json", "\"end_model\":")] {
            let result = try CLIRunner.run(["report", "--wrench", folder.path, "--end-model", "--format", format])
            XCTAssertEqual(result.status, 0, "\(format): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains(marker), "\(format) lacks \(marker)")
            let without = try CLIRunner.run(["report", "--wrench", folder.path, "--format", format])
            XCTAssertFalse(without.stdout.contains(marker), "\(format) shows an end model nobody asked for")
        }
    }

    func testAnEndModelNeedsItemText() throws {
        let votes = try temporaryDirectory(self).appendingPathComponent("votes.csv")
        try "0,1\n1,-1\n0,0\n".write(to: votes, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["fit", "--votes", votes.path, "--end-model"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("learns from item text"), result.stderr)
    }

    func testCostPricesTheEndModelUnlessToldNotTo() throws {
        // A copy of the example, so that its vote cache is written there, not into the checkout.
        let root = try SupportTicketsExample.copy(for: self)
        let config = root.appendingPathComponent(SupportTicketsExample.taskFile).path
        let with = try CLIRunner.run(["cost", "--config", config, "--json"])
        XCTAssertEqual(with.status, 0, with.stderr)
        XCTAssertTrue(with.stdout.contains("\"end_model\""), with.stdout)
        let without = try CLIRunner.run(["cost", "--config", config, "--json", "--no-end-model"])
        XCTAssertEqual(without.status, 0, without.stderr)
        XCTAssertFalse(without.stdout.contains("\"end_model\""))
    }
}
