import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

/// Priors counted in pseudo-votes per LF (`EMOptions.PriorUnit.lfVotes`): their weight washes
/// out as an LF's votes grow, and saved models keep the unit.
final class PriorUnitTests: XCTestCase {
    func testAnLFsPseudoVotesAreTheStrengthWhateverItsCoverage() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 6, classCount: 2, seed: 3, coverage: 0.01...0.6)
        let patterns = VotePatterns(try SyntheticVotes(parameters: truth, rows: 20_000, seed: 1).matrix)
        let counts = PseudoCounts(patterns: patterns, strength: 25, unit: .lfVotes, accuracy: 0.7, referencePrior: [0.5, 0.5])
        for lf in 0..<6 {
            var votes = 0.0
            for trueClass in 0..<2 { for vote in 0..<2 { votes += counts.values[(lf * 2 + trueClass) * 3 + 1 + vote] } }
            XCTAssertEqual(votes, 25, accuracy: 1e-9, "LF \(lf)")
        }
        // Counted in training rows, the same strength gives a dense LF far more pseudo-votes.
        let rows = PseudoCounts(patterns: patterns, strength: 25, unit: .trainingRows, accuracy: 0.7, referencePrior: [0.5, 0.5])
        XCTAssertGreaterThan(rows.values.reduce(0, +), 1_000 * counts.values.reduce(0, +))
    }

    func testThePriorWashesOutAsRowsGrow() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 10, classCount: 2, seed: 7)
        let options = EMOptions(classBalance: .estimated, priorStrength: 100, priorUnit: .lfVotes, abstainWeight: 1)
        func error(rows: Int) throws -> Double {
            let model = try GenerativeLabelModel.fit(try SyntheticVotes(parameters: truth, rows: rows, seed: 2).matrix, options: options, threads: 1)
            return zip(model.tables.probabilities, truth.tables.probabilities).map { abs($0 - $1) }.max()!
        }
        // 100 pseudo-votes against a few hundred real ones per LF, then tens of thousands.
        let small = try error(rows: 2_500), large = try error(rows: 125_000)
        XCTAssertLessThan(large, small)
        XCTAssertLessThan(large, 0.01)
    }

    func testSavedModelsKeepTheUnitAndOlderFilesReadAsTrainingRows() throws {
        let votes = try VoteMatrix(denseRows: [[0, 0, 1], [1, 1, 1], [0, 0, -1], [1, 1, 0], [-1, 0, 0]], classCount: 2)
        let model = try GenerativeLabelModel.fit(votes, options: EMOptions(priorStrength: 10, priorUnit: .lfVotes), threads: 1)
        XCTAssertTrue(model.options.summary.contains("P=10"))
        let url = try temporaryDirectory(self).appendingPathComponent("model.json")
        try SavedLabelModel(model: model, labelNames: ["A", "B"]).save(to: url)
        XCTAssertEqual(try SavedLabelModel.load(from: url).generative, model)
        let old = SharedData.packageRoot.appendingPathComponent("Tests/Fuzz/Corpus/saved-model/em.json")
        XCTAssertEqual(try SavedLabelModel.load(from: old).generative?.options.priorUnit, .trainingRows)
    }
}
