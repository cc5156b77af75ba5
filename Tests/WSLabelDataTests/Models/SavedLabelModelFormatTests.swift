import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import XCTest

/// The label-model file format: version 2 is snake_case throughout with tagged enums; files of
/// version 1 (camelCase, `"_0"`), checked in as written by the old code, still load and label
/// votes exactly as they did.
final class SavedLabelModelFormatTests: XCTestCase {
    private let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/WSLabelDataTests/Fixtures/LabelModelV1")
    private let labelNames = ["BILLING", "TECHNICAL", "ACCOUNT"]

    /// The labels `model` gives the fixture votes, as `wslabel predict` writes them.
    private func labels(_ model: SavedLabelModel) throws -> String {
        let votes = try VoteFiles.splits(train: fixtures.appendingPathComponent("votes.csv"), labelNames: labelNames)[0]
        let split = LabeledSplit(name: "predict", ids: votes.ids, votes: votes.votes, gold: votes.gold)
        let labelModel = model.labelModel
        let result = try LabelingRun.SplitResult(labeling: split, with: labelModel, tiePolicy: labelModel.tiePolicy(seed: nil))
        return ProbabilisticLabelsWriter.jsonLines([result], labelNames: model.labelNames)
    }

    /// Every object key of a JSON value, with its path.
    private func keys(_ value: Any, path: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child in [path + "." + key] + keys(child, path: path + "." + key) }
        }
        if let array = value as? [Any] { return array.flatMap { keys($0, path: path + "[]") } }
        return []
    }

    func testVersionOneFilesLabelVotesAsTheyDidAndSaveAsVersionTwo() throws {
        for name in ["em", "em-mle", "mv"] {
            let old = try SavedLabelModel.load(from: fixtures.appendingPathComponent("\(name).json"))
            XCTAssertEqual(old.version, 1, name)
            let recorded = try String(contentsOf: fixtures.appendingPathComponent("\(name).labels.jsonl"), encoding: .utf8)
            XCTAssertEqual(try labels(old), recorded, "\(name): the version-1 file labels the votes byte for byte as before")

            let url = try temporaryDirectory(self).appendingPathComponent("model.json")
            try old.save(to: url)
            let text = try String(contentsOf: url, encoding: .utf8)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            XCTAssertEqual(object["version"] as? Int, 2, name)
            let snakeCase = try NSRegularExpression(pattern: "^[a-z0-9]+(_[a-z0-9]+)*$")
            let bad = keys(object).filter { path in
                let key = String(path.split(separator: ".").last!)
                return snakeCase.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) == nil
            }
            XCTAssertEqual(bad, [], "\(name): every key snake_case, no _0")
            XCTAssertFalse(text.contains("trainingRows") || text.contains("lfVotes"), "enum values are snake_case too")

            let new = try SavedLabelModel.load(from: url)
            XCTAssertEqual(new.version, 2)
            XCTAssertEqual(new.generative, old.generative, name)
            XCTAssertEqual(new.labelNames, old.labelNames)
            XCTAssertEqual(try labels(new), recorded, "\(name): the version-2 file labels them the same")
        }
    }

    func testTheClassBalanceIsATaggedObject() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("model.json")
        try SavedLabelModel.load(from: fixtures.appendingPathComponent("em.json")).save(to: url)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let options = try XCTUnwrap((object["generative"] as? [String: Any])?["options"] as? [String: Any])
        let balance = try XCTUnwrap(options["class_balance"] as? [String: Any])
        XCTAssertEqual(balance["kind"] as? String, "fixed")
        XCTAssertEqual(balance["probabilities"] as? [Double], [0.35, 0.4, 0.25])
        XCTAssertEqual(options["prior_unit"] as? String, "training_rows")

        try SavedLabelModel.load(from: fixtures.appendingPathComponent("em-mle.json")).save(to: url)
        let mle = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let mleOptions = try XCTUnwrap((mle["generative"] as? [String: Any])?["options"] as? [String: Any])
        XCTAssertEqual(mleOptions["class_balance"] as? [String: String], ["kind": "estimated"])
        XCTAssertNotNil(mleOptions["lf_weights"])
    }

    /// Errors name fields as the file spells them: snake_case in version 2, camelCase in 1.
    func testErrorsNameFieldsAsTheFileSpellsThem() throws {
        let folder = try temporaryDirectory(self)
        let url = folder.appendingPathComponent("model.json")
        try SavedLabelModel.load(from: fixtures.appendingPathComponent("em.json")).save(to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        func error(_ edited: String) throws -> String {
            let broken = folder.appendingPathComponent("broken.json")
            try edited.write(to: broken, atomically: true, encoding: .utf8)
            do { _ = try SavedLabelModel.load(from: broken); return "no error" } catch { return error.localizedDescription }
        }
        XCTAssertTrue(try error(text.replacingOccurrences(of: "\"class_prior\" : [\n      0.35", with: "\"class_prior\" : [\n      -0.35"))
            .contains("field generative.class_prior[0]: -0.35 is not a probability"))
        XCTAssertTrue(try error(text.replacingOccurrences(of: "\"label_distribution\"", with: "\"label_shares\""))
            .contains("field generative.label_distribution: missing"))
        XCTAssertTrue(try error(text.replacingOccurrences(of: "\"kind\" : \"fixed\"", with: "\"kind\" : \"even\""))
            .contains("field generative.options.class_balance.kind: unknown class balance \"even\"; expected estimated or fixed"))
        XCTAssertTrue(try error(text.replacingOccurrences(of: "\n  \"lf_count\" : 20", with: "\n  \"lf_count\" : 19"))
            .contains("but lf_count is 19"))
        XCTAssertTrue(try error(text.replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 3"))
            .contains("field format: expected wslabel-label-model version 1 to 2, found wslabel-label-model version 3"))
        let old = try String(contentsOf: fixtures.appendingPathComponent("em.json"), encoding: .utf8)
        XCTAssertTrue(try error(old.replacingOccurrences(of: "\"labelDistribution\"", with: "\"labelShares\""))
            .contains("field generative.labelDistribution: missing"))
    }
}
