import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import XCTest

/// Pattern counts are a sufficient statistic: fitting on them gives the model fitting on the
/// items gives, byte for byte, and shards add up to the whole.
final class PatternCountsTests: XCTestCase {
    /// The saved model's bytes after `LabelingJob.fit` on `loaded`.
    private func modelBytes(_ loaded: LabelingInput.Loaded, in folder: URL, name: String) throws -> Data {
        let run = try LabelingJob.fit(loaded, choices: ModelChoices())
        let url = folder.appendingPathComponent(name)
        try SavedLabelModel(model: run.model, labelNames: run.labelNames).save(to: url)
        return try Data(contentsOf: url)
    }

    func testFittingPatternCountsGivesTheSameModelOnEveryWrenchSet() throws {
        let folder = try temporaryDirectory(self)
        for name in ["youtube", "sms", "trec", "imdb", "yelp"] {
            let dataset = try WrenchDataset(directory: try SharedData.wrench(name))
            let lfNames = (0..<dataset.lfCount).map { "lf_\($0)" }
            let train = try XCTUnwrap(dataset.split("train")), valid = try XCTUnwrap(dataset.split("valid"))
            let whole = LabelingInput.Loaded(labelNames: dataset.labelNames, splits: [train, valid], lfNames: lfNames)
            // Through the file format, as `apply --format pattern-counts` and `fit --pattern-counts` go.
            let trainFile = folder.appendingPathComponent("\(name)-train.counts"), validFile = folder.appendingPathComponent("\(name)-valid.counts")
            try PatternCounts(split: train, labelNames: dataset.labelNames, lfNames: lfNames).write(to: trainFile)
            try PatternCounts(split: valid, labelNames: dataset.labelNames, lfNames: lfNames).write(to: validFile)
            let counted = try LabelingInput.patternCounts(train: trainFile, dev: validFile).load()
            XCTAssertEqual(counted.splits[0].votes.itemCount, Double(train.votes.rowCount), name)
            XCTAssertEqual(try modelBytes(counted, in: folder, name: "\(name)-counts.json"),
                           try modelBytes(whole, in: folder, name: "\(name)-items.json"), name)
        }
    }

    func testShardsMergedInOrderAreTheWholeAndTheFileRoundTrips() throws {
        let dataset = try WrenchDataset(directory: try SharedData.wrench("youtube"))
        let train = try XCTUnwrap(dataset.split("train"))
        let names = (0..<dataset.lfCount).map { "lf_\($0)" }
        let whole = PatternCounts(split: train, labelNames: dataset.labelNames, lfNames: names)
        XCTAssertEqual(whole.itemCount, train.votes.rowCount)
        XCTAssertLessThan(whole.patterns.rowCount, train.votes.rowCount, "youtube's rows repeat patterns")
        let cut = train.votes.rowCount / 3
        func shard(_ rows: Range<Int>) -> PatternCounts {
            PatternCounts(split: LabeledSplit(name: "train", ids: rows.map { train.ids[$0] }, votes: train.votes.selectingRows(rows),
                                              gold: rows.map { train.gold[$0] }), labelNames: dataset.labelNames, lfNames: names)
        }
        var merged = shard(0..<cut)
        try merged.merge(shard(cut..<(2 * cut)))
        try merged.merge(shard((2 * cut)..<train.votes.rowCount))
        XCTAssertEqual(merged, whole)
        XCTAssertEqual(merged.serialized, whole.serialized)
        XCTAssertEqual(try PatternCounts.parse(whole.serialized, file: "whole.counts"), whole)
        // Out of order, the counts are the same and only the order of the patterns differs.
        var reversed = shard((2 * cut)..<train.votes.rowCount)
        try reversed.merge(shard(0..<(2 * cut)))
        XCTAssertEqual(reversed.itemCount, whole.itemCount)
        XCTAssertEqual(reversed.patterns.rowCount, whole.patterns.rowCount)
    }

    func testBadFilesAreRejectedWithTheirLineAndField() throws {
        let header = #"{"format":"wslabel-pattern-counts","version":1,"split":"train","labels":["A","B"],"lfs":["x","y"]}"#
        let cases: [(String, String)] = [
            ("\(header)\n3\t-\t0:1,1:0\n0\t-\t\n", "t.counts:3: field count: expected a positive whole number, found \"0\""),
            ("\(header)\n3\t2\t0:1\n", "t.counts:2: field gold: expected - or a class index 0..<2, found \"2\""),
            ("\(header)\n3\t-\t1:1,0:1\n", "t.counts:2: field votes: LF 0 is out of order or outside 0..<2"),
            ("\(header)\n3\t-\t0:5\n", "t.counts:2: field votes: class 5 of LF 0 is outside 0..<2"),
            ("\(header)\n3\t-\n", "t.counts:2: expected count<TAB>gold<TAB>votes, found 2 fields"),
            (#"{"format":"something-else","version":1}"# + "\n", "t.counts:1: field format: not a wslabel-pattern-counts file"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try PatternCounts.parse(Data(text.utf8), file: "t.counts")) { error in
                XCTAssertEqual(error.localizedDescription, message)
            }
        }
        // A pattern listed twice adds up.
        let twice = try PatternCounts.parse(Data("\(header)\n3\t-\t0:1\n2\t-\t0:1\n".utf8), file: "t.counts")
        XCTAssertEqual(twice.counts, [5])
    }
}
