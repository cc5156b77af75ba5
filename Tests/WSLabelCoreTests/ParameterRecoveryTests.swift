import Foundation
import WSLabelCore
import XCTest

/// Parameter recovery: votes drawn from a known generative model, fit without gold labels, must
/// give back that model's LF accuracies, class balance and abstain rates.
///
/// Tolerances (absolute) and why they are safe yet tight:
/// - LF accuracy ±0.02: an LF with coverage ≥ 5% votes on ≥ 10k of 200k rows, so the sampling
///   error of its accuracy is ≤ 0.005 (one standard deviation); EM's latent-class uncertainty
///   adds a little. A wrong model (e.g. abstains as missing data on unipolar LFs, or a label
///   swap) misses by 0.1 or more.
/// - class balance ±0.01: sampling error at 200k rows is ~0.001.
/// - `P(abstain | Y = c)` ±0.015: the rarest class (prior 0.1) still has 20k rows, so the
///   sampling error of a rate is ≤ 0.0035; not knowing which rows are that class roughly doubles
///   it (observed worst case 0.008 in the four-class test, where the estimate tracks the
///   empirical rate computed with the true labels to within 0.005).
///
/// These tests fit maximum-likelihood EM (full tables, prior estimated, no pseudo-counts,
/// abstain weight 1): that is the model the data is drawn from, so its fixed point is the
/// truth up to sampling error. The library's default options are a tempered MAP variant tuned
/// for real LFs (Dirichlet pseudo-counts, abstain weight 0.5), which deliberately biases the
/// estimates; recovery of the exact parameters is not its contract.
final class ParameterRecoveryTests: XCTestCase {
    private let maximumLikelihood = EMOptions(tables: .full, classBalance: .estimated, priorStrength: 0, abstainWeight: 1)

    private static let accuracyTolerance = 0.02
    private static let balanceTolerance = 0.01
    private static let abstainTolerance = 0.015

    /// Two classes, 10 LFs, half of them unipolar, an imbalanced prior.
    func testRecoversTwoClassModel() throws {
        let truth = try SyntheticVotes.Parameters(
            classBalance: [0.65, 0.35],
            coverages: [0.30, 0.20, 0.40, 0.10, 0.25, 0.15, 0.35, 0.05, 0.20, 0.30],
            accuracies: [0.90, 0.75, 0.65, 0.85, 0.60, 0.80, 0.70, 0.95, 0.88, 0.72],
            polarities: [nil, nil, nil, nil, nil, 0, 1, 1, 0, 1])
        try assertRecovers(truth, rows: 200_000, seed: 11)
    }

    /// Four classes, 10 LFs that may vote any class plus a few unipolar ones.
    func testRecoversFourClassModel() throws {
        let truth = try SyntheticVotes.Parameters(
            classBalance: [0.4, 0.3, 0.2, 0.1],
            coverages: [0.40, 0.30, 0.35, 0.25, 0.30, 0.20, 0.45, 0.08, 0.10, 0.10],
            accuracies: [0.80, 0.70, 0.65, 0.90, 0.60, 0.75, 0.85, 0.70, 0.80, 0.90],
            polarities: [nil, nil, nil, nil, nil, nil, nil, 3, 2, 0])
        try assertRecovers(truth, rows: 200_000, seed: 12)
    }

    /// Only unipolar LFs, the case where abstains-as-missing-data collapses: every LF's votes
    /// are one class, so its information is entirely in when it abstains.
    func testRecoversUnipolarLFsThroughAbstains() throws {
        let truth = try SyntheticVotes.Parameters(
            classBalance: [0.55, 0.45],
            coverages: [0.30, 0.20, 0.25, 0.15, 0.35, 0.25, 0.20, 0.30, 0.10, 0.15],
            accuracies: [0.85, 0.75, 0.90, 0.70, 0.80, 0.85, 0.75, 0.90, 0.95, 0.70],
            polarities: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        try assertRecovers(truth, rows: 200_000, seed: 13)
    }

    /// The same votes fit on 1 and 2 threads give byte-identical JSON, model and probabilities,
    /// on enough distinct patterns to span several parallel blocks.
    func testFitIsByteIdenticalAcrossThreadCounts() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 20, classCount: 3, seed: 5, coverage: 0.02...0.15)
        let data = try SyntheticVotes(parameters: truth, rows: 10_000, seed: 6)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // The ML variant is capped at 40 iterations: determinism does not need convergence, and
        // the cap keeps the debug-build test short.
        var capped = maximumLikelihood
        capped.maxIterations = 40
        for options in [EMOptions(), capped] {
            var encoded: [Data] = []
            for threads in [1, 2] {
                let model = try GenerativeLabelModel.fit(data.matrix, options: options, threads: threads)
                XCTAssertGreaterThan(model.fitReport.patternCount, 1_000, "too few patterns to use several blocks")
                let probabilities = try model.predictProbabilities(data.matrix, threads: threads)
                encoded.append(try encoder.encode(model) + encoder.encode(probabilities.values))
            }
            XCTAssertEqual(encoded[0], encoded[1], "thread count changed the output for \(options.summary)")
        }
    }

    /// The generator draws what its parameters say, and the same seed draws the same matrix.
    func testGeneratorMatchesItsParametersAndIsDeterministic() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 8, classCount: 3, seed: 3)
        let data = try SyntheticVotes(parameters: truth, rows: 100_000, seed: 4)
        XCTAssertEqual(data.matrix.rowCount, 100_000)
        XCTAssertEqual(data.labels.count, 100_000)
        let again = try SyntheticVotes(parameters: truth, rows: 100_000, seed: 4)
        XCTAssertEqual(data.matrix, again.matrix)
        XCTAssertEqual(data.labels, again.labels)
        XCTAssertNotEqual(data.matrix, try SyntheticVotes(parameters: truth, rows: 100_000, seed: 5).matrix)

        var classCounts = [Double](repeating: 0, count: truth.classCount)
        var voted = [Double](repeating: 0, count: truth.lfCount)
        var right = [Double](repeating: 0, count: truth.lfCount)
        for row in 0..<data.matrix.rowCount {
            let label = Int(data.labels[row])
            classCounts[label] += 1
            for (lf, vote) in data.matrix.votes(inRow: row) {
                voted[lf] += 1
                if vote == label { right[lf] += 1 }
                if let target = truth.polarities[lf] { XCTAssertEqual(vote, target, "unipolar LF \(lf) voted another class") }
            }
        }
        for label in 0..<truth.classCount {
            XCTAssertEqual(classCounts[label] / 100_000, truth.classBalance[label], accuracy: 0.01)
        }
        for lf in 0..<truth.lfCount {
            XCTAssertEqual(voted[lf] / 100_000, truth.coverages[lf], accuracy: 0.01, "coverage of LF \(lf)")
            XCTAssertEqual(right[lf] / voted[lf], truth.accuracies[lf], accuracy: 0.02, "accuracy of LF \(lf)")
        }
        // The implied tables agree with the stated accuracies and coverages.
        for lf in 0..<truth.lfCount {
            XCTAssertEqual(truth.tables.accuracy(lf: lf, prior: truth.classBalance), truth.accuracies[lf], accuracy: 1e-12)
            let coverage = (0..<truth.classCount).reduce(0.0) {
                $0 + truth.classBalance[$1] * (1 - truth.tables.abstainProbability(lf: lf, trueClass: $1))
            }
            XCTAssertEqual(coverage, truth.coverages[lf], accuracy: 1e-12)
        }
    }

    func testRejectsImpossibleUnipolarLF() {
        // Class 1 has prior 0.1: an LF voting only 1 cannot fire on 50% of rows and be 90% right.
        XCTAssertThrowsError(try SyntheticVotes.Parameters(
            classBalance: [0.9, 0.1], coverages: [0.5], accuracies: [0.9], polarities: [1]))
    }

    private func assertRecovers(
        _ truth: SyntheticVotes.Parameters, rows: Int, seed: UInt64,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let data = try SyntheticVotes(parameters: truth, rows: rows, seed: seed)
        let model = try GenerativeLabelModel.fit(data.matrix, options: maximumLikelihood, threads: 2)
        XCTAssertTrue(model.fitReport.converged, "EM did not converge in \(model.fitReport.iterations) iterations",
                      file: file, line: line)
        for label in 0..<truth.classCount {
            XCTAssertEqual(model.classPrior[label], truth.classBalance[label], accuracy: Self.balanceTolerance,
                           "prior of class \(label)", file: file, line: line)
        }
        let learned = model.learnedAccuracies
        let trueTables = truth.tables
        for lf in 0..<truth.lfCount {
            XCTAssertEqual(learned[lf], truth.accuracies[lf], accuracy: Self.accuracyTolerance,
                           "accuracy of LF \(lf)", file: file, line: line)
            for label in 0..<truth.classCount {
                XCTAssertEqual(model.tables.abstainProbability(lf: lf, trueClass: label),
                               trueTables.abstainProbability(lf: lf, trueClass: label), accuracy: Self.abstainTolerance,
                               "P(abstain | Y = \(label)) of LF \(lf)", file: file, line: line)
            }
        }
    }
}
