@testable import WSLabelCore
import XCTest

/// Choosing with a dev split: the dev winner must beat the gold-free choice by a standard error
/// of a paired bootstrap, and the semi-supervised fit uses the dev labels.
final class DevSelectionTests: XCTestCase {
    func testThePairedBootstrapSeesOnlyRowsWhereThePredictionsDiffer() {
        let gold = (0..<200).map { $0 % 2 }
        XCTAssertEqual(PairedBootstrap.advantage(of: gold, over: gold, gold: gold, classCount: 2, metric: .accuracy), 0)
        // Better on 20 rows, never worse: no spread in the sign, a large advantage.
        var worse = gold
        for row in 0..<20 { worse[row] = 1 - gold[row] }
        let clear = PairedBootstrap.advantage(of: gold, over: worse, gold: gold, classCount: 2, metric: .accuracy)
        XCTAssertGreaterThan(clear, 4)
        // Better on 3 rows and worse on 2: within the noise.
        var mixed = gold, other = gold
        for row in 0..<3 { other[row] = 1 - gold[row] }
        for row in 3..<5 { mixed[row] = 1 - gold[row] }
        let noise = PairedBootstrap.advantage(of: mixed, over: other, gold: gold, classCount: 2, metric: .accuracy)
        XCTAssertLessThan(abs(noise), 1)
        XCTAssertEqual(noise, PairedBootstrap.advantage(of: mixed, over: other, gold: gold, classCount: 2, metric: .accuracy),
                       "fixed resamples: the same answer every time")
        XCTAssertLessThan(PairedBootstrap.advantage(of: worse, over: gold, gold: gold, classCount: 2, metric: .f1(positiveClass: 1)), -4)
    }

    func testALargeDevSetOverrulesAPoorIncumbent() throws {
        let regime = try XCTUnwrap(SyntheticRegime.catalog.first { $0.name == "rare-class" })
        let task = try regime.draw(scale: 0.2)
        let train = task.splits[0].votes, dev = task.splits[1]
        // The heavy prior's uniform class prior all but ignores the 4% class: a poor incumbent.
        let heavy = try GenerativeLabelModel.fit(train, options: EMOptions(), threads: 2)
        let grid = VariantGrid.variants(classCount: 2, devBalance: dev.goldClassBalance(classCount: 2))
        let large = try VariantSelection(train: train, dev: task.splits[2].votes, devGold: task.splits[2].gold, grid: grid,
                                         metric: regime.metric, incumbent: heavy, threads: 2)
        XCTAssertNotEqual(large.chosenIndex, large.incumbentIndex, "20,000 labeled rows show the dev winner is better")
        XCTAssertGreaterThan(try XCTUnwrap(large.advantageOverIncumbent), VariantSelection.requiredAdvantage)
    }

    func testASmallDevSetDoesNotOverruleAGoldFreeChoiceThatIsAlreadyBayesOptimal() throws {
        // Four LFs on 16,000 rows: the gold-free choice predicts as the generating model does,
        // so any dev winner that differs from it is better only by luck.
        let regime = try XCTUnwrap(SyntheticRegime.catalog.first { $0.name == "few-lfs-many-rows" })
        let task = try regime.draw(scale: 0.2)
        let train = task.splits[0].votes, dev = task.splits[1]
        let incumbent = try GoldFreeSelection(train: train, threads: 2).chosen.model
        let test = task.splits[2]
        XCTAssertEqual(try incumbent.predictProbabilities(test.votes).predictions(tiePolicy: incumbent.defaultTiePolicy),
                       task.generatingModelPredictions(test.votes))
        let rows = 0..<60
        let selection = try VariantSelection(
            train: train, dev: dev.votes.selectingRows(rows), devGold: Array(dev.gold[rows]),
            grid: VariantGrid.variants(classCount: 2, devBalance: nil), metric: .accuracy, incumbent: incumbent, threads: 2)
        XCTAssertEqual(selection.chosenIndex, selection.incumbentIndex)
        XCTAssertEqual(selection.chosen.model, incumbent)
    }

    func testTheSemiSupervisedFitAddsTheDevItemsWithTheirClassFixed() throws {
        let regime = try XCTUnwrap(SyntheticRegime.catalog.first { $0.name == "rare-class" })
        let task = try regime.draw(scale: 0.2)
        let run = try LabelingRun(labelNames: task.labelNames, splits: task.splits,
                                  configuration: LabelingRunConfiguration(selectionMetric: regime.metric, semiSupervised: true, threads: 2))
        let model = try XCTUnwrap(run.model as? GenerativeLabelModel)
        XCTAssertEqual(model.fitReport.rowCount, task.splits[0].votes.rowCount + task.splits[1].votes.rowCount)
        let majority = try LabelingRun(labelNames: task.labelNames, splits: task.splits,
                                       configuration: LabelingRunConfiguration(model: .mv, threads: 2))
        XCTAssertGreaterThan(regime.metric.value(of: run.results[2].metrics!),
                             regime.metric.value(of: majority.results[2].metrics!) + 0.1, "F1 of the 4% class")
    }
}
