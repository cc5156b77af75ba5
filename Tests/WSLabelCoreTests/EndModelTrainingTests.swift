import Foundation
import TestSupport
import WSLabelCore
import XCTest

/// Which items the end model learns from, how much each teaches, and how `C` is chosen.
final class EndModelTrainingTests: XCTestCase {
    /// Synthetic comments (`SyntheticSpamTexts`) with targets that lean toward the gold class
    /// (0.8 for it), and whether any LF voted on each.
    private struct Corpus {
        var texts: [String]
        var gold: [Int]
        var targets: ProbabilisticLabels
        var covered: [Bool]
    }

    private func corpus(count: Int, seed: UInt64) -> Corpus {
        let records = SyntheticSpamTexts.records(count: count, seed: seed)
        return Corpus(texts: records.map(\.text), gold: records.map(\.label),
                      targets: ProbabilisticLabels(classCount: 2, values: records.flatMap { $0.label == 0 ? [0.8, 0.2] : [0.2, 0.8] }),
                      covered: records.map { $0.votes.contains { $0 >= 0 } })
    }

    /// Small, fast features: word unigrams and bigrams.
    private func configuration(_ change: (inout EndModelTrainingConfiguration) -> Void = { _ in }) -> EndModelTrainingConfiguration {
        var configuration = EndModelTrainingConfiguration()
        configuration.features = TextFeatureSettings(wordNGrams: 1...2, characterNGrams: nil)
        change(&configuration)
        return configuration
    }

    /// `targets` with the rows in `rows` replaced by their opposite.
    private func flipping(_ targets: ProbabilisticLabels, rows: some Sequence<Int>) -> ProbabilisticLabels {
        var values = targets.values
        for row in rows { values.swapAt(2 * row, 2 * row + 1) }
        return ProbabilisticLabels(classCount: 2, values: values)
    }

    func testUncoveredAndHeldOutItemsAreLeftOutOfTheFit() throws {
        let data = corpus(count: 120, seed: 1)
        let uncovered = data.covered.indices.filter { !data.covered[$0] }
        XCTAssertGreaterThan(uncovered.count, 5, "the corpus has items no LF voted on")
        let heldOut = Set(data.covered.indices.filter { data.covered[$0] }.prefix(10))
        let training = try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets,
                                            covered: data.covered, heldOut: heldOut, configuration: configuration())
        let expectedRows = data.texts.indices.filter { data.covered[$0] && !heldOut.contains($0) }
        XCTAssertEqual(training.trainingRows, expectedRows)
        XCTAssertEqual(training.trainingItems, expectedRows.count)
        XCTAssertEqual(training.uncoveredItems, uncovered.count)
        XCTAssertEqual(training.heldOutItems, 10)
        XCTAssertEqual(training.trainingItems + training.uncoveredItems + training.heldOutItems, data.texts.count)

        // What the left-out items' targets say changes nothing: flip them all and train again.
        let flipped = try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts,
                                           targets: flipping(data.targets, rows: uncovered + heldOut),
                                           covered: data.covered, heldOut: heldOut, configuration: configuration())
        XCTAssertEqual(flipped.model, training.model)
        // Flipping a training item's target does change it (so the comparison can fail).
        let changed = try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts,
                                           targets: flipping(data.targets, rows: [expectedRows[0]]),
                                           covered: data.covered, heldOut: heldOut, configuration: configuration())
        XCTAssertNotEqual(changed.model, training.model)
        // The left-out items still count in the document frequencies: their texts shape the features.
        let alone = TFIDFWeights(fitting: data.texts.map { HashedText($0, settings: configuration().features) }, settings: configuration().features)
        XCTAssertEqual(training.model.features, alone)
    }

    /// Each train item is counted once in the report's "left out" line: an item of a dev split
    /// sampled from train that no LF voted on is held out, not also uncovered.
    func testItemsBothUncoveredAndHeldOutAreCountedOnce() throws {
        let data = corpus(count: 120, seed: 2)
        let uncovered = data.covered.indices.filter { !data.covered[$0] }
        let covered = data.covered.indices.filter { data.covered[$0] }
        let heldOut = Set(uncovered.prefix(3) + covered.prefix(7))
        let training = try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets,
                                            covered: data.covered, heldOut: heldOut, configuration: configuration())
        XCTAssertEqual(training.trainingItems, covered.count - 7)
        XCTAssertEqual(training.heldOutItems, 10)
        XCTAssertEqual(training.uncoveredItems, uncovered.count - 3)
        XCTAssertEqual(training.trainingItems + training.uncoveredItems + training.heldOutItems, data.texts.count)
    }

    func testADevSplitChoosesCFromTheGrid() throws {
        let data = corpus(count: 200, seed: 3)
        let dev = corpus(count: 60, seed: 4)
        let training = try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets,
                                            covered: data.covered, dev: .init(texts: dev.texts, gold: dev.gold),
                                            configuration: configuration { $0.inverseRegularizationGrid = [10, 0.01, 1] })
        XCTAssertTrue(training.chosenOnDev)
        // Each weighting's path, from the strongest regularization up; the default weighting first.
        XCTAssertEqual(training.candidates.map(\.inverseRegularization), [0.01, 1, 10, 0.01, 1, 10])
        XCTAssertEqual(training.candidates.map(\.weighting), [.confidence, .confidence, .confidence, .uniform, .uniform, .uniform])
        let scores = training.candidates.map { $0.devScore ?? .nan }
        // Each score is the dev accuracy of that candidate's fit.
        XCTAssertTrue(scores.allSatisfy { (0...1).contains($0) }, "\(scores)")
        // The chosen fit has the best score; among equal scores the lowest dev log-loss, then the first.
        let best = try XCTUnwrap(scores.max())
        let tied = training.candidates.indices.filter { scores[$0] == best }
        let lowestLoss = try XCTUnwrap(tied.map { training.candidates[$0].devLogLoss ?? .infinity }.min())
        let winner = try XCTUnwrap(tied.first { training.candidates[$0].devLogLoss == lowestLoss })
        XCTAssertEqual(training.inverseRegularization, training.candidates[winner].inverseRegularization)
        XCTAssertEqual(training.weighting, training.candidates[winner].weighting)
        // The model is the chosen candidate's: its dev accuracy is that score.
        let predictions = training.model.probabilities(of: dev.texts).predictions(tiePolicy: .classPrior(training.model.classifier.biases))
        XCTAssertEqual(ClassificationMetrics(predictions: predictions, gold: dev.gold, classCount: 2).accuracy, best)
        XCTAssertGreaterThan(best, 0.9, "the class words separate the synthetic comments")
    }

    func testWithoutADevSplitCIsTheDefaultAndAFixedCIsUsedAsGiven() throws {
        let data = corpus(count: 120, seed: 5)
        let plain = try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets,
                                         covered: data.covered, configuration: configuration())
        XCTAssertFalse(plain.chosenOnDev)
        XCTAssertEqual(plain.inverseRegularization, EndModelTrainingConfiguration.defaultInverseRegularization)
        XCTAssertEqual(plain.candidates.map(\.inverseRegularization), [1])
        XCTAssertEqual(plain.weighting, .confidence, "without dev gold, the default weighting")
        XCTAssertNil(plain.candidates[0].devScore)

        let dev = corpus(count: 40, seed: 6)
        let fixed = try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets,
                                         covered: data.covered, dev: .init(texts: dev.texts, gold: dev.gold),
                                         configuration: configuration { $0.inverseRegularization = 3; $0.weighting = .uniform })
        XCTAssertFalse(fixed.chosenOnDev, "a fixed C and weighting are not a choice")
        XCTAssertEqual(fixed.candidates.map(\.inverseRegularization), [3])
        XCTAssertEqual(fixed.weighting, .uniform)
        XCTAssertEqual(fixed.inverseRegularization, 3)
        XCTAssertNotNil(fixed.candidates[0].devScore)
    }

    func testNoItemToLearnFromIsAnError() throws {
        let data = corpus(count: 30, seed: 7)
        let none = [Bool](repeating: false, count: data.texts.count)
        XCTAssertThrowsError(try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets,
                                                  covered: none, configuration: configuration())) { error in
            guard case let .invalidArgument(message) = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("no training item"), message)
        }
        // Every covered item held out: nothing left either.
        let coveredRows = Set(data.covered.indices.filter { data.covered[$0] })
        XCTAssertThrowsError(try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets,
                                                  covered: data.covered, heldOut: coveredRows, configuration: configuration()))
        // Bad settings are refused before any work.
        XCTAssertThrowsError(try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets,
                                                  covered: data.covered, configuration: configuration { $0.inverseRegularization = -1 })) { error in
            XCTAssertTrue(error.localizedDescription.contains("positive"), error.localizedDescription)
        }
    }

    /// Under `.confidence` a coin-flip item (0.5/0.5) weighs 0: adding such items to the fit
    /// leaves the model as it is without them, to the last few bits. (The comparison keeps the same
    /// texts, since every text counts in the TF-IDF weights: the coin flips are marked
    /// uncovered in the fit without them.) Under `.uniform` they do pull the model.
    func testConfidenceWeightingGivesCoinFlipsNoWeight() throws {
        let data = corpus(count: 100, seed: 8)
        let extra = corpus(count: 20, seed: 9)
        let texts = data.texts + extra.texts
        let targets = ProbabilisticLabels(classCount: 2, values: data.targets.values + [Double](repeating: 0.5, count: 2 * extra.texts.count))
        let withCoinFlips = data.covered + [Bool](repeating: true, count: extra.texts.count)
        let withoutCoinFlips = data.covered + [Bool](repeating: false, count: extra.texts.count)
        func train(_ covered: [Bool], _ weighting: EndModelTrainingConfiguration.Weighting) throws -> EndModel {
            try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: texts, targets: targets, covered: covered,
                                 configuration: configuration { $0.weighting = weighting; $0.threads = 1 }).model
        }
        // The same optimum (the zero-weight items' terms may move the last bits of the sums).
        let with = try train(withCoinFlips, .confidence).classifier, without = try train(withoutCoinFlips, .confidence).classifier
        XCTAssertEqual(with.weights.count, without.weights.count)
        for (left, right) in zip(with.weights + with.biases, without.weights + without.biases) { XCTAssertEqual(left, right, accuracy: 1e-9) }
        let pulled = try train(withCoinFlips, .uniform).classifier, unpulled = try train(withoutCoinFlips, .uniform).classifier
        XCTAssertGreaterThan(zip(pulled.weights, unpulled.weights).map { abs($0 - $1) }.max() ?? 0, 1e-3, "coin flips pull a uniform fit")
    }

    /// Confidence weights scale items by `(max p − 1/k) / (1 − 1/k)`: an item at 0.9 counts as
    /// 0.8 of one. As in scikit-learn (`C · Σ wᵢ·lossᵢ + ‖W‖²/2`), scaling every weight scales C:
    /// every item at 0.9 under `.confidence` with C = 1 is the `.uniform` fit with C = 0.8
    /// (to the optimizer's tolerance: the two fits take different paths).
    func testConfidenceWeightsActLikeSampleWeights() throws {
        let data = corpus(count: 80, seed: 10)
        let targets = ProbabilisticLabels(classCount: 2, values: data.gold.flatMap { $0 == 0 ? [0.9, 0.1] : [0.1, 0.9] })
        func train(_ weighting: EndModelTrainingConfiguration.Weighting, c: Double) throws -> EndModel {
            try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: targets, covered: data.covered,
                                 configuration: configuration { $0.weighting = weighting; $0.inverseRegularization = c }).model
        }
        let confidence = try train(.confidence, c: 1)
        let scaled = try train(.uniform, c: 0.8)
        let unscaled = try train(.uniform, c: 1)
        let probabilities = confidence.probabilities(of: data.texts).values
        for (left, right) in zip(probabilities, scaled.probabilities(of: data.texts).values) { XCTAssertEqual(left, right, accuracy: 1e-3) }
        // …and differs from the uniform fit at the same C by more than that tolerance.
        let largest = zip(probabilities, unscaled.probabilities(of: data.texts).values).map { abs($0 - $1) }.max() ?? 0
        XCTAssertGreaterThan(largest, 1e-2)
    }

    func testTrainingIsDeterministicAtAnyThreadCount() throws {
        let data = corpus(count: 600, seed: 11)
        let models = try [1, 2].map { threads in
            try EndModelTraining(labelNames: SyntheticSpamTexts.labelNames, texts: data.texts, targets: data.targets, covered: data.covered,
                                 configuration: configuration { $0.features = TextFeatureSettings(); $0.threads = threads }).model
        }
        XCTAssertEqual(models[0], models[1])
        XCTAssertEqual(models[0].probabilities(of: data.texts, threads: 1), models[1].probabilities(of: data.texts, threads: 2))
    }
}
