import Foundation
import XCTest
@testable import WSLabelCore

/// The end model's classifier: what it learns from hard and soft targets, what row weights do,
/// its objective's gradient against finite differences, and its bytes at any thread count.
final class SoftmaxRegressionTests: XCTestCase {
    /// `count` rows of `classCount` separable classes: a row of class `k` uses two of the four
    /// features `4k..<4k+4` (value 1) and one of two features every class uses (value 0.5).
    private func separableRows(count: Int, classCount: Int, seed: UInt64) -> (rows: SparseRows, labels: [Int]) {
        var random = SplitMix64(seed: seed)
        var rows = SparseRows(columnCount: 4 * classCount + 2)
        var labels: [Int] = []
        for index in 0..<count {
            let label = index % classCount
            let first = Int(random.next() % 4), second = (first + 1 + Int(random.next() % 3)) % 4
            var entries: [(column: Int32, value: Double)] = [(Int32(4 * label + first), 1), (Int32(4 * label + second), 1),
                                                             (Int32(4 * classCount + Int(random.next() % 2)), 0.5)]
            entries.sort { $0.column < $1.column }
            rows.appendRow(entries)
            labels.append(label)
        }
        return (rows, labels)
    }

    private func oneHot(_ labels: [Int], classCount: Int) -> ProbabilisticLabels {
        ProbabilisticLabels(classCount: classCount, values: labels.flatMap { label in (0..<classCount).map { $0 == label ? 1.0 : 0 } })
    }

    func testLearnsALinearlySeparableProblemExactly() {
        let (rows, labels) = separableRows(count: 90, classCount: 3, seed: 1)
        let (model, summary) = SoftmaxRegression.fit(rows: rows, targets: oneHot(labels, classCount: 3), inverseRegularization: 1e4, threads: 1)
        XCTAssertEqual(model.classCount, 3)
        XCTAssertEqual(model.featureCount, rows.columnCount)
        XCTAssertTrue(summary.converged, "\(summary)")
        let probabilities = model.probabilities(rows, threads: 1)
        XCTAssertEqual(probabilities.predictions(tiePolicy: .abstain), labels, "every training row right")
        for row in 0..<rows.rowCount {
            XCTAssertEqual(probabilities[row].reduce(0, +), 1, accuracy: 1e-12)
            XCTAssertGreaterThan(probabilities[row][probabilities[row].startIndex + labels[row]], 0.95, "row \(row) is not confident")
        }
        // New rows drawn the same way are classified right too: the weights sit on the class features.
        let (fresh, freshLabels) = separableRows(count: 30, classCount: 3, seed: 2)
        XCTAssertEqual(model.probabilities(fresh).predictions(tiePolicy: .abstain), freshLabels)
    }

    /// A constant target is matched by the biases alone, which the penalty does not touch:
    /// however strong the regularization, the model predicts the target's 0.7/0.3, not 1/0.
    func testAConstantSoftTargetIsReproducedWhileOneHotTargetsPushToCertainty() {
        let (rows, _) = separableRows(count: 40, classCount: 2, seed: 3)
        let soft = ProbabilisticLabels(classCount: 2, values: [0.7, 0.3].repeated(rows.rowCount))
        let (softModel, _) = SoftmaxRegression.fit(rows: rows, targets: soft, inverseRegularization: 0.01)
        let softPredictions = softModel.probabilities(rows)
        for row in 0..<rows.rowCount {
            XCTAssertEqual(softPredictions[row].first!, 0.7, accuracy: 1e-3)
        }
        XCTAssertEqual(softModel.weights.map(abs).max()!, 0, accuracy: 1e-3, "the features say nothing about a constant target")

        let hard = oneHot([Int](repeating: 0, count: rows.rowCount), classCount: 2)
        let (hardModel, _) = SoftmaxRegression.fit(rows: rows, targets: hard, inverseRegularization: 0.01)
        for row in 0..<rows.rowCount { XCTAssertGreaterThan(hardModel.probabilities(rows)[row].first!, 0.99) }
    }

    /// Cross-entropy with a soft target is lowest where the prediction equals the target: with
    /// little regularization, rows whose target is 0.9/0.1 get about 0.9/0.1, not certainty,
    /// while the same rows with their argmax as target get near 1.
    func testSoftTargetsAreCalibratedNotSharpened() {
        var rows = SparseRows(columnCount: 2)
        var values: [Double] = []
        var argmax: [Int] = []
        for index in 0..<60 {
            let group = index % 2
            rows.appendRow([(column: Int32(group), value: 1.0)])
            values += group == 0 ? [0.9, 0.1] : [0.2, 0.8]
            argmax.append(group)
        }
        let (soft, _) = SoftmaxRegression.fit(rows: rows, targets: ProbabilisticLabels(classCount: 2, values: values), inverseRegularization: 1e6)
        let softPredictions = soft.probabilities(rows)
        XCTAssertEqual(softPredictions[0].first!, 0.9, accuracy: 0.01)
        XCTAssertEqual(softPredictions[1].first!, 0.2, accuracy: 0.01)
        let (hard, _) = SoftmaxRegression.fit(rows: rows, targets: oneHot(argmax, classCount: 2), inverseRegularization: 1e6)
        let hardPredictions = hard.probabilities(rows)
        XCTAssertGreaterThan(hardPredictions[0].first!, 0.99)
        XCTAssertLessThan(hardPredictions[1].first!, 0.01)
    }

    /// A row of weight 0 adds exactly nothing to the loss or the gradient: the fit with an extra
    /// contradictory row of weight 0 is the fit without it, byte for byte. With weight 1 the
    /// same row does change the model (so the comparison can fail).
    func testARowOfWeightZeroHasNoInfluence() {
        let (rows, labels) = separableRows(count: 30, classCount: 3, seed: 4)
        let targets = oneHot(labels, classCount: 3)
        let (base, _) = SoftmaxRegression.fit(rows: rows, targets: targets, inverseRegularization: 10, threads: 1)

        // Row 0's features again, with another class as its target.
        var extended = rows
        extended.appendRow(rows.entries(ofRow: 0).map { (column: rows.columns[$0], value: rows.values[$0]) })
        let contradicting = oneHot(labels + [(labels[0] + 1) % 3], classCount: 3)
        let weightsZero = [Double](repeating: 1, count: rows.rowCount) + [0]
        let (ignored, _) = SoftmaxRegression.fit(rows: extended, targets: contradicting, rowWeights: weightsZero, inverseRegularization: 10, threads: 1)
        // The same optimum; the extra (zero) terms shift which running sum an entry joins, so
        // the last bits may differ.
        XCTAssertEqual(ignored.weights.count, base.weights.count)
        for (left, right) in zip(ignored.weights + ignored.biases, base.weights + base.biases) { XCTAssertEqual(left, right, accuracy: 1e-9) }

        let (influenced, _) = SoftmaxRegression.fit(rows: extended, targets: contradicting, inverseRegularization: 10, threads: 1)
        XCTAssertNotEqual(influenced.weights, base.weights)
    }

    /// A row of weight 2 counts as that row twice (the optimum is the same; the paths differ,
    /// so the two agree to the optimizer's tolerance).
    func testARowOfWeightTwoCountsAsTwoCopies() {
        let (rows, labels) = separableRows(count: 30, classCount: 3, seed: 5)
        var soft = oneHot(labels, classCount: 3).values
        soft.replaceSubrange(0..<3, with: [0.5, 0.3, 0.2])
        var doubled = rows
        doubled.appendRow(rows.entries(ofRow: 0).map { (column: rows.columns[$0], value: rows.values[$0]) })
        let (weighted, _) = SoftmaxRegression.fit(rows: rows, targets: ProbabilisticLabels(classCount: 3, values: soft),
                                                  rowWeights: [2] + [Double](repeating: 1, count: rows.rowCount - 1), inverseRegularization: 1)
        let (copied, _) = SoftmaxRegression.fit(rows: doubled, targets: ProbabilisticLabels(classCount: 3, values: soft + soft[0..<3]),
                                                inverseRegularization: 1)
        for (left, right) in zip(weighted.probabilities(rows).values, copied.probabilities(rows).values) {
            XCTAssertEqual(left, right, accuracy: 1e-3)
        }
    }

    /// The objective's value against the formula computed here directly, and its gradient
    /// against central differences (step 1e-6; agreement to 1e-6 relative, the differences'
    /// own error being about 1e-9).
    func testTheObjectiveAndItsGradientMatchTheFormulaAndFiniteDifferences() {
        checkObjective(classCount: 3)
        // Two classes: one parameter column, class 0's logit fixed at 0 (binary logistic regression).
        checkObjective(classCount: 2)
    }

    private func checkObjective(classCount: Int) {
        var random = SplitMix64(seed: 11)
        let featureCount = 5, rowCount = 7
        var rows = SparseRows(columnCount: featureCount)
        for _ in 0..<rowCount {
            rows.appendRow((0..<featureCount).filter { _ in random.nextUnitDouble() < 0.5 }
                .map { (column: Int32($0), value: random.nextUnitDouble() * 2 - 0.5) })
        }
        var targetValues: [Double] = []
        for _ in 0..<rowCount {
            let raw = (0..<classCount).map { _ in random.nextUnitDouble() + 0.05 }
            targetValues += raw.map { $0 / raw.reduce(0, +) }
        }
        // One row is one-hot, so the q = 0 terms are exercised too.
        targetValues.replaceSubrange(0..<classCount, with: (0..<classCount).map { $0 == 1 ? 1 : 0 })
        let targets = ProbabilisticLabels(classCount: classCount, values: targetValues)
        let rowWeights = (0..<rowCount).map { $0 == 2 ? 0 : 0.5 + random.nextUnitDouble() }
        let c = 0.7
        let objective = SoftLabelObjective(rows: rows, targets: targets, rowWeights: rowWeights, inverseRegularization: c, threads: 2)
        let width = classCount == 2 ? 1 : classCount
        let firstClass = classCount - width
        let parameters = (0..<(featureCount * width + width)).map { _ in random.nextUnitDouble() * 2 - 1 }

        func value(_ point: [Double]) -> Double {
            var gradient = [Double](repeating: 0, count: point.count)
            return point.withUnsafeBufferPointer { objective.evaluate($0.baseAddress!, gradient: &gradient) }
        }
        // Σ wᵢ·H(qᵢ, pᵢ) / Σ wᵢ + ‖W‖² / (2·C·Σ wᵢ), written out.
        let totalWeight = rowWeights.reduce(0, +)
        var expected = 0.0
        for row in 0..<rowCount {
            var logits = [Double](repeating: 0, count: firstClass) + Array(parameters[(featureCount * width)...])
            for entry in rows.entries(ofRow: row) {
                // Class-major: column j's weights of every feature are contiguous.
                for column in 0..<width {
                    logits[firstClass + column] += rows.values[entry] * parameters[column * featureCount + Int(rows.columns[entry])]
                }
            }
            let normalizer = log(logits.map { exp($0) }.reduce(0, +))
            let target = Array(targets[row])
            for klass in 0..<classCount { expected -= rowWeights[row] * target[klass] * (logits[klass] - normalizer) / totalWeight }
        }
        expected += parameters[..<(featureCount * width)].map { $0 * $0 }.reduce(0, +) / (2 * c * totalWeight)

        var gradient = [Double](repeating: .nan, count: parameters.count)
        let computed = parameters.withUnsafeBufferPointer { objective.evaluate($0.baseAddress!, gradient: &gradient) }
        XCTAssertEqual(computed, expected, accuracy: 1e-12 * abs(expected))
        let step = 1e-6
        for index in parameters.indices {
            var up = parameters, down = parameters
            up[index] += step
            down[index] -= step
            let numeric = (value(up) - value(down)) / (2 * step)
            XCTAssertEqual(gradient[index], numeric, accuracy: 1e-6 * max(1, abs(numeric)), "\(classCount) classes, parameter \(index)")
        }
    }

    /// Blocks of 256 rows and 2048 features: 700 rows and 5000 features make three of each, so
    /// threads 1, 2 and 3 split the work differently; the sums run in a fixed order, so the
    /// weights are the same bytes.
    func testWeightsAreByteIdenticalAtAnyThreadCount() {
        var random = SplitMix64(seed: 21)
        let featureCount = 5000, classCount = 3
        var rows = SparseRows(columnCount: featureCount)
        var values: [Double] = []
        for index in 0..<700 {
            let label = index % classCount
            // Each class prefers its own third of the features; every row has a few of any.
            let own = (0..<6).map { _ in label * (featureCount / 3) + Int(random.next() % UInt64(featureCount / 3)) }
            let any = (0..<4).map { _ in Int(random.next() % UInt64(featureCount)) }
            let columns = Set(own + any).sorted()
            rows.appendRow(columns.map { (column: Int32($0), value: 0.2 + random.nextUnitDouble()) })
            let confidence = 0.5 + 0.5 * random.nextUnitDouble()
            values += (0..<classCount).map { $0 == label ? confidence : (1 - confidence) / 2 }
        }
        let targets = ProbabilisticLabels(classCount: classCount, values: values)
        let rowWeights = (0..<700).map { _ in random.nextUnitDouble() }
        let fits = [1, 2, 3].map { threads in
            SoftmaxRegression.fit(rows: rows, targets: targets, rowWeights: rowWeights, inverseRegularization: 3, threads: threads)
        }
        XCTAssertGreaterThan(fits[0].summary.iterations, 5, "a fit that barely moves would prove little")
        for (threads, fit) in zip([2, 3], fits.dropFirst()) {
            XCTAssertEqual(fit.model.weights.map(\.bitPattern), fits[0].model.weights.map(\.bitPattern), "threads \(threads)")
            XCTAssertEqual(fit.model.biases.map(\.bitPattern), fits[0].model.biases.map(\.bitPattern), "threads \(threads)")
            XCTAssertEqual(fit.summary, fits[0].summary)
        }
        XCTAssertEqual(fits[0].model.probabilities(rows, threads: 1), fits[0].model.probabilities(rows, threads: 3))
    }

    /// A fit started from another fit's parameters ends at the same optimum (to the optimizer's
    /// tolerance) as one started from zero: what the C search relies on.
    func testAWarmStartReachesTheSameOptimum() {
        let (rows, labels) = separableRows(count: 60, classCount: 3, seed: 6)
        let targets = oneHot(labels, classCount: 3)
        let (weak, _) = SoftmaxRegression.fit(rows: rows, targets: targets, inverseRegularization: 0.1)
        let (cold, _) = SoftmaxRegression.fit(rows: rows, targets: targets, inverseRegularization: 1)
        let (warm, _) = SoftmaxRegression.fit(rows: rows, targets: targets, inverseRegularization: 1, start: weak)
        for (left, right) in zip(cold.probabilities(rows).values, warm.probabilities(rows).values) {
            XCTAssertEqual(left, right, accuracy: 1e-3)
        }
    }
}

private extension Array {
    /// The array's elements `count` times over.
    func repeated(_ count: Int) -> [Element] { (0..<count).flatMap { _ in self } }
}
