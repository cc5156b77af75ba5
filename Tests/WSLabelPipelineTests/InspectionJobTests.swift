import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports
import WSLabeling
import XCTest

/// `InspectionJob`: the items behind an LF's numbers on the bundled example's tickets, with the
/// texts read back from the task's files (a sampled dev split's from train) or a WRENCH folder.
final class InspectionJobTests: XCTestCase {
    private func job(devSampledFromTrain: Int? = nil, _ request: InspectionJob.Request) throws -> InspectionJob {
        let task = try SupportTicketsExample.ruleTask(in: try temporaryDirectory(self), devSampledFromTrain: devSampledFromTrain)
        return InspectionJob(labeling: LabelingJob(input: .task(task), labelsOutput: .none), request: request)
    }

    /// The example's texts by id, from its JSONL files.
    private func texts() throws -> [String: String] {
        var texts: [String: String] = [:]
        for split in ["train", "dev", "test"] {
            let url = SharedData.packageRoot.appendingPathComponent("examples/support-tickets/data/\(split).jsonl")
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                texts[object["id"] as! String] = (object["text"] as! String)
            }
        }
        return texts
    }

    func testAnLFsWrongBucketOnDevHoldsExactlyItsIncorrectVotesWithTheirTexts() throws {
        // Every LF: the bucket's size is the report's "incorrect" count on dev.
        let base = try job(.init(limit: nil))
        let result = try base.labeling.run()
        let dev = try XCTUnwrap(result.loaded.splits.first { $0.name == "dev" })
        let incorrect = LFAnalysis.goldCounts(dev.votes, gold: dev.gold).map(\.incorrect)
        XCTAssertGreaterThan(incorrect.reduce(0, +), 0, "some LF errs on dev, or the test shows little")
        let texts = try texts()
        for (lf, name) in result.loaded.lfNames.enumerated() where incorrect[lf] > 0 {
            var request = base
            request.request = .init(lfs: [name], bucket: .wrong, limit: nil)
            let inspection = try request.run()
            XCTAssertEqual(inspection.split, "dev", "gold buckets default to the dev split")
            XCTAssertEqual(inspection.matched, incorrect[lf], name)
            XCTAssertEqual(inspection.items.count, incorrect[lf])
            XCTAssertEqual(inspection.lfContexts.first?.incorrect, incorrect[lf])
            for item in inspection.items {
                let vote = try XCTUnwrap(item.votes.first { $0.lf == lf }?.vote, "\(item.id): \(name) votes")
                XCTAssertNotEqual(vote, item.gold, "\(item.id): \(name) is wrong")
                XCTAssertEqual(item.text, texts[item.id], "\(item.id): the item's own text")
            }
        }
    }

    func testASampledDevSplitsTextsComeFromTrain() throws {
        let inspection = try job(devSampledFromTrain: 60, .init(bucket: .wrong, split: "dev", limit: 5)).run()
        XCTAssertFalse(inspection.items.isEmpty)
        let texts = try texts()
        for item in inspection.items { XCTAssertEqual(item.text, texts[item.id], item.id) }
    }

    func testLimitsRandomOrderAndLowConfidence() throws {
        let all = try job(.init(lfs: ["keyword_account"], limit: nil)).run()
        XCTAssertGreaterThan(all.matched, 6)
        XCTAssertEqual(all.split, "train", "buckets without gold default to train")
        XCTAssertEqual(all.items.map(\.row), all.items.map(\.row).sorted(), "file order")

        let first = try job(.init(lfs: ["keyword_account"], limit: 3)).run()
        XCTAssertEqual(first.matched, all.matched, "the limit cuts what is shown, not what matches")
        XCTAssertEqual(first.items, Array(all.items.prefix(3)))

        let sampled = try job(.init(lfs: ["keyword_account"], limit: 3, order: .random(seed: 5))).run()
        let again = try job(.init(lfs: ["keyword_account"], limit: 3, order: .random(seed: 5))).run()
        let other = try job(.init(lfs: ["keyword_account"], limit: 3, order: .random(seed: 6))).run()
        XCTAssertEqual(sampled.items, again.items, "the same seed draws the same items")
        XCTAssertTrue(Set(sampled.items.map(\.row)).isSubset(of: all.items.map(\.row)))
        XCTAssertNotEqual(sampled.items.map(\.row), other.items.map(\.row), "another seed, another sample")

        let unsure = try job(.init(bucket: .lowConfidence, split: "test", limit: 10)).run()
        XCTAssertEqual(unsure.matched, 80)
        XCTAssertEqual(unsure.items.map(\.confidence), unsure.items.map(\.confidence).sorted())
    }

    func testModelVsMajorityComparesWithMajorityVotesOwnRun() throws {
        let inspection = try job(.init(bucket: .modelVsMajority, limit: nil)).run()
        let result = try job(.init()).labeling.run()
        let majority = try result.majorityVoteRun()
        XCTAssertEqual(majority.configuration.model, .mv)
        let model = result.run.results[0], baseline = majority.results[0]
        let expected = model.predictions.indices.filter { model.predictions[$0] != baseline.predictions[$0] }
        XCTAssertEqual(inspection.items.map(\.row), expected)
        for item in inspection.items { XCTAssertNotEqual(item.prediction, item.majorityVote) }
    }

    func testErrorsNameWhatIsWrongAndWhatWouldDo() throws {
        func message(_ request: InspectionJob.Request) throws -> String {
            do {
                _ = try job(request).run()
                XCTFail("\(request) should fail")
                return ""
            } catch { return "\(error)" }
        }
        XCTAssertTrue(try message(.init(lfs: ["keyword_acount"])).contains("no LF named keyword_acount"))
        XCTAssertTrue(try message(.init(lfs: ["account"])).contains("did you mean"), "a near miss is suggested")
        XCTAssertTrue(try message(.init(lfs: ["keyword_account"], bucket: .uncovered)).contains("cannot go with --lf"))
        XCTAssertTrue(try message(.init(gold: "REFUND")).contains("the labels: BILLING, TECHNICAL, ACCOUNT"))
        XCTAssertTrue(try message(.init(split: "valid")).contains("the splits: train, dev, test"))
        XCTAssertTrue(try message(.init(lfs: ["keyword_account", "keyword_account"])).contains("twice"))
    }

    func testAWrenchFolderGivesItsDataTexts() throws {
        let folder = try temporaryDirectory(self)
        let written = try SyntheticSpamTexts.writeWrenchFolder(at: folder)
        var labeling = LabelingJob(input: .wrench(folder), labelsOutput: .none)
        labeling.model.devSplit = "valid"
        let inspection = try InspectionJob(labeling: labeling, request: .init(bucket: .wrong, limit: 4)).run()
        XCTAssertEqual(inspection.split, "valid")
        XCTAssertFalse(inspection.items.isEmpty)
        let records = Dictionary(uniqueKeysWithValues: try XCTUnwrap(written["valid"]).map { ($0.id, $0.text) })
        for item in inspection.items { XCTAssertEqual(item.text, records[item.id], "WRENCH data.text") }
    }
}
