import Foundation
import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

/// A majority-vote model file keeps the model's rule for ties and uncovered rows (`ties`), and
/// a file written before it did still loads with its old meaning.
final class SavedMajorityVoteTests: XCTestCase {
    private func url() throws -> URL { try temporaryDirectory(self).appendingPathComponent("model.json") }

    func testTheRuleRoundTrips() throws {
        let prior = ClassPrior(probabilities: [0.25, 0.75], source: .devGold(split: "dev"))
        let model = MajorityVote(lfCount: 3, classCount: 2, uncoveredPrior: prior)
        let file = try url()
        try SavedLabelModel(model: model, labelNames: ["A", "B"], seed: 11).save(to: file)
        let loaded = try SavedLabelModel.load(from: file)
        XCTAssertEqual(loaded.labelModel as? MajorityVote, model)
        XCTAssertEqual(loaded.tiePolicy, .uncoveredByPrior(prior: [0.25, 0.75], seed: 11))
        let votes = try VoteMatrix(denseRows: [[0, 1, -1], [-1, -1, -1]], classCount: 2)
        XCTAssertEqual(try loaded.labelModel.predict(votes, tiePolicy: loaded.tiePolicy),
                       try model.predict(votes, tiePolicy: model.tiePolicy(seed: 11)))

        let goldFree = MajorityVote(lfCount: 1, classCount: 2, uncoveredPrior: ClassPrior(probabilities: [1, 0], source: .majorityVoteLabels))
        try SavedLabelModel(model: goldFree, labelNames: ["A", "B"], seed: 0).save(to: file)
        XCTAssertEqual(try SavedLabelModel.load(from: file).labelModel as? MajorityVote, goldFree)
    }

    func testAFileWithoutTiesKeepsItsOldMeaning() throws {
        let file = try url()
        try #"{"format": "wslabel-label-model", "kind": "mv", "labelNames": ["A", "B"], "lfCount": 2, "version": 1}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let loaded = try SavedLabelModel.load(from: file)
        XCTAssertNil((loaded.labelModel as? MajorityVote)?.uncoveredPrior)
        XCTAssertEqual(loaded.tiePolicy, .abstain, "ties and uncovered rows unlabeled, as predict always did")
    }

    func testEditedTiesAreLocatedErrors() throws {
        let file = try url()
        try SavedLabelModel(model: MajorityVote(lfCount: 1, classCount: 2, uncoveredPrior: ClassPrior(probabilities: [0.5, 0.5], source: .majorityVoteLabels)),
                            labelNames: ["A", "B"], seed: 0).save(to: file)
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        json["ties"] = ["prior": [0.5, 0.6], "source": "majority_vote", "seed": 0]
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        XCTAssertThrowsError(try SavedLabelModel.load(from: file)) { error in
            XCTAssertTrue(error.localizedDescription.contains("field ties.prior: sums to 1.1"), error.localizedDescription)
        }
        json["ties"] = ["prior": [0.5, 0.5], "source": "dev_gold", "seed": 0]
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        XCTAssertThrowsError(try SavedLabelModel.load(from: file)) { error in
            XCTAssertTrue(error.localizedDescription.contains("field ties.split: missing"), error.localizedDescription)
        }
        json["kind"] = "em"
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        XCTAssertThrowsError(try SavedLabelModel.load(from: file))
    }
}
