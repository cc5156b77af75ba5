import Foundation
import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

/// Per-LF E-step weights (``EMOptions/lfWeights``): a cluster of copies weighted `1/|cluster|`
/// counts once, the weights validate, and saved models keep them (and load without them).
final class LFWeightsTests: XCTestCase {
    /// Two identical columns, each weighed ½, are one column: the fit on the duplicated matrix
    /// must give the posteriors of the fit without the duplicate (the M-step treats both copies
    /// alike, so their tables are equal). Tolerance 1e-3: EM stops once no parameter moves by
    /// 1e-6, and rounding can make the two fits stop an iteration apart on slow
    /// maximum-likelihood runs (measured 3e-4); counting the copy fully moves posteriors by
    /// more than 0.05.
    func testHalfWeightsOnADuplicateEqualTheModelWithoutIt() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 8, classCount: 3, seed: 4)
        let base = try SyntheticVotes(parameters: truth, rows: 5_000, seed: 4)
        let copied = try SyntheticVotes(parameters: truth, rows: 5_000, seed: 4, copies: [.init(source: 2, agreement: 1)])
        for options in [EMOptions(), EMOptions.maximumLikelihood] {
            let plain = try GenerativeLabelModel.fit(base.matrix, options: options, threads: 1)
            var weighted = options
            weighted.lfWeights = [1, 1, 0.5, 1, 1, 1, 1, 1, 0.5]
            let model = try GenerativeLabelModel.fit(copied.matrix, options: weighted, threads: 1)
            let expected = try plain.predictProbabilities(base.matrix).values
            let actual = try model.predictProbabilities(copied.matrix).values
            XCTAssertEqual(expected.count, actual.count)
            let worst = zip(expected, actual).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-3, options.summary)
            let unweighted = try GenerativeLabelModel.fit(copied.matrix, options: options, threads: 1).predictProbabilities(copied.matrix).values
            XCTAssertGreaterThan(zip(expected, unweighted).map { abs($0 - $1) }.max() ?? 0, 0.05, options.summary)
        }
    }

    /// Three exact copies of the weakest LF (accuracy × √coverage) pull the plain model down by
    /// several points; counting the cluster once (detected, not told) recovers the accuracy of
    /// the model without the copies within 0.5 points (measured: 83.15% without copies, 78.67%
    /// with them, 83.15% weighted).
    func testDetectedWeightsRecoverTheAccuracyLostToDuplicates() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 10, classCount: 2, seed: 3)
        let weakest = truth.accuracies.indices.min {
            truth.accuracies[$0] * truth.coverages[$0].squareRoot() < truth.accuracies[$1] * truth.coverages[$1].squareRoot()
        }!
        let base = try SyntheticVotes(parameters: truth, rows: 10_000, seed: 3)
        let copied = try SyntheticVotes(parameters: truth, rows: 10_000, seed: 3,
                                        copies: Array(repeating: .init(source: weakest, agreement: 1), count: 3))
        func accuracy(_ model: GenerativeLabelModel, _ data: SyntheticVotes) throws -> Double {
            let predictions = try model.predict(data.matrix, tiePolicy: model.defaultTiePolicy)
            return Double(zip(predictions, data.labels).filter { $0 == Int($1) }.count) / Double(data.labels.count)
        }
        let without = try accuracy(try GenerativeLabelModel.fit(base.matrix, threads: 1), base)
        let plain = try accuracy(try GenerativeLabelModel.fit(copied.matrix, threads: 1), copied)
        let (model, dependencies) = try GenerativeLabelModel.fitCountingDependentLFsOnce(copied.matrix, threads: 1)
        XCTAssertEqual(dependencies.clusters, [[weakest, 10, 11, 12]])
        XCTAssertEqual(model.options.lfWeights?[weakest], 0.25)
        let weighted = try accuracy(model, copied)
        XCTAssertLessThan(plain, without - 0.02, "the duplicates should hurt the plain model")
        XCTAssertGreaterThan(weighted, without - 0.005)
    }

    func testNoDependenciesLeaveTheFitUnweighted() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 10, classCount: 2, seed: 7)
        let data = try SyntheticVotes(parameters: truth, rows: 5_000, seed: 7)
        let (model, dependencies) = try GenerativeLabelModel.fitCountingDependentLFsOnce(data.matrix, threads: 1)
        XCTAssertEqual(dependencies.clusters, [])
        XCTAssertEqual(model, try GenerativeLabelModel.fit(data.matrix, threads: 1))
    }

    func testWeightsAreValidated() throws {
        let votes = try VoteMatrix(denseRows: [[0, 1], [1, 1], [0, -1]], classCount: 2)
        for bad in [[1.0], [1, -0.5], [1, .nan], [1, 2]] {
            XCTAssertThrowsError(try GenerativeLabelModel.fit(votes, options: EMOptions(lfWeights: bad)), "\(bad)")
        }
        XCTAssertNoThrow(try GenerativeLabelModel.fit(votes, options: EMOptions(lfWeights: [1, 0.5])))
    }

    func testSavedModelKeepsWeightsAndModelsWithoutThemStillLoad() throws {
        let votes = try VoteMatrix(denseRows: [[0, 0, 1], [1, 1, 1], [0, 0, -1], [1, 1, 0], [-1, 0, 0]], classCount: 2)
        let model = try GenerativeLabelModel.fit(votes, options: EMOptions(lfWeights: [0.5, 0.5, 1]), threads: 1)
        XCTAssertTrue(model.options.summary.hasSuffix("lf-weights=2"))
        let folder = try temporaryDirectory(self)
        let url = folder.appendingPathComponent("model.json")
        try SavedLabelModel(model: model, labelNames: ["A", "B"]).save(to: url)
        let loaded = try XCTUnwrap(try SavedLabelModel.load(from: url).generative)
        XCTAssertEqual(loaded, model)
        XCTAssertEqual(try loaded.predictProbabilities(votes).values, try model.predictProbabilities(votes).values)
        // A file written before LF weights existed has no such key: it loads as unweighted.
        let old = SharedData.packageRoot.appendingPathComponent("Tests/Fuzz/Corpus/saved-model/em.json")
        XCTAssertNil(try SavedLabelModel.load(from: old).generative?.options.lfWeights)
        // A file whose weights do not match its LFs is refused, naming the field.
        let text = try String(contentsOf: url, encoding: .utf8)
        let broken = folder.appendingPathComponent("broken.json")
        try text.replacingOccurrences(of: "\"lf_weights\" : [", with: "\"lf_weights\" : [\n 0.5,").write(to: broken, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SavedLabelModel.load(from: broken)) { error in
            XCTAssertTrue(error.localizedDescription.contains("LF weights"), error.localizedDescription)
        }
    }
}
