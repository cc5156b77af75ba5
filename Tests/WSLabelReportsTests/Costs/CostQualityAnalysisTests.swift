@testable import WSLabelCore
@testable import WSLabelData
@testable import WSLabelReports
import WSLabeling
import XCTest

/// The cost-quality arithmetic on a case small enough to work out by hand: 4 evaluation items
/// and 4 more task items, an LLM whose calls cost $0.01 and take 2 s each, LF authoring of
/// 2 hours at $50, and people who are always right (the tests of people's accuracy set theirs).
final class CostQualityAnalysisTests: XCTestCase {
    private let prices = LabelingPriceBook(
        crowd: .init(perItem: 0.25, itemsPerHour: 100, source: "test", accuracy: 1, accuracySource: "test"),
        expert: .init(perItem: 10, itemsPerHour: 20, source: "test", accuracy: 1, accuracySource: "test"),
        lfAuthoringHours: 2, lfAuthoringHourlyRate: 50, machinePerHour: 0)

    private func inputs(ledger: [(dollars: Double, seconds: Double)?]? = nil) -> CostQualityAnalysis.Inputs {
        let evaluationConfidence = [0.9, 0.55, 0.95, 0.6]
        return CostQualityAnalysis.Inputs(
            classCount: 2, gold: [0, 0, 1, 1], labelModel: [0, 1, 1, 0], labelModelConfidence: evaluationConfidence,
            allConfidence: evaluationConfidence + [0.99, 0.52, 0.8, 0.7], majorityVote: [0, 0, 1, -1],
            llm: .init(name: "llm", votes: [0, 0, -1, 1], allCosts: ledger ?? Array(repeating: (0.01, 2), count: 8)))
    }

    private func option(_ analysis: CostQualityAnalysis, _ kind: LabelingOption.Kind, share: Double? = nil) throws -> LabelingOption {
        try XCTUnwrap(analysis.options.first { $0.kind == kind && (share == nil || abs($0.routedShare - share!) < 1e-9) })
    }

    func testBaselinesCostWhatTheirPricesSay() throws {
        let analysis = CostQualityAnalysis(inputs(), prices: prices)
        XCTAssertEqual(analysis.itemCount, 8)
        let labelModel = try option(analysis, .labelModel)
        XCTAssertEqual(labelModel.metrics.accuracy, 0.5)
        XCTAssertEqual(labelModel.cost, 100)
        XCTAssertEqual(labelModel.hours, 2)
        XCTAssertEqual(labelModel.costPerThousand(items: 8), 12_500)
        XCTAssertEqual(labelModel.costPerAccuracyPoint, 2)
        XCTAssertEqual(try option(analysis, .majorityVote).metrics.accuracy, 0.75)
        let llm = try option(analysis, .llmOnly)
        XCTAssertEqual(llm.metrics.accuracy, 0.75, "the abstain counts as wrong")
        XCTAssertEqual(llm.metrics.coverage, 0.75)
        XCTAssertEqual(llm.cost, 0.08, accuracy: 1e-12)
        XCTAssertEqual(llm.hours, 16.0 / 3600, accuracy: 1e-12)
        XCTAssertNil(llm.projectionNote)
        let crowd = try option(analysis, .crowd)
        XCTAssertEqual(crowd.metrics.accuracy, 1)
        XCTAssertEqual(crowd.cost, 2)
        XCTAssertEqual(crowd.hours, 0.08, accuracy: 1e-12)
        XCTAssertEqual(try option(analysis, .expert).cost, 80)
    }

    func testHybridsRouteTheLeastConfidentShareOfEveryItem() throws {
        let analysis = CostQualityAnalysis(inputs(), prices: prices)
        // 30%: ⌈1.2⌉ = 2 evaluation items (confidence 0.55 and 0.6, the cutoff) and ⌈2.4⌉ = 3
        // of all 8 items (those two and the train item at 0.52).
        let llm = try option(analysis, .hybridLLM, share: 3.0 / 8)
        XCTAssertEqual(llm.threshold!, 0.6, accuracy: 1e-12)
        XCTAssertEqual(llm.metrics.accuracy, 1, "the LLM fixes both routed mistakes")
        XCTAssertEqual(llm.cost, 100.03, accuracy: 1e-9)
        XCTAssertEqual(llm.hours, 2 + 6.0 / 3600, accuracy: 1e-12)
        let crowd = try option(analysis, .hybridCrowd, share: 3.0 / 8)
        XCTAssertEqual(crowd.metrics.accuracy, 1)
        XCTAssertEqual(crowd.cost, 100.75, accuracy: 1e-9)
        XCTAssertEqual(crowd.hours, 2.03, accuracy: 1e-12)
        // 20% routes one evaluation item (0.55) and two of all items (0.52 and 0.55).
        let twenty = try option(analysis, .hybridExpert, share: 2.0 / 8)
        XCTAssertEqual(twenty.metrics.accuracy, 0.75)
        XCTAssertEqual(twenty.cost, 120, accuracy: 1e-9)
        // Every share routes its count, rounded up; 10% routes the very items of 5% (one of 4,
        // one of 8), so it is left out and said to be.
        let hybrids = analysis.options.filter { $0.kind == .hybridLLM }
        XCTAssertEqual(hybrids.map(\.routedShare), [1, 2, 3, 4, 6].map { Double($0) / 8 })
        XCTAssertEqual(hybrids.compactMap(\.threshold), [0.55, 0.55, 0.6, 0.6, 0.9])
        XCTAssertEqual(analysis.skippedShares, [.init(share: 0.1, sameAs: 0.05)])
    }

    /// Items tied in confidence at a share's cutoff no longer make the share vanish: it routes
    /// exactly its count, picking among the tied items in a fixed order that is not the file's.
    func testAShareCuttingThroughTiedConfidencesRoutesExactlyItsCount() throws {
        // 20 evaluation items, the first 10 at confidence 0.5 (the label model wrong on them),
        // the rest sure and right: every share up to 50% cuts into the tie.
        let confidence = [Double](repeating: 0.5, count: 10) + [Double](repeating: 0.99, count: 10)
        let gold = [Int](repeating: 1, count: 20)
        let labelModel = [Int](repeating: 0, count: 10) + [Int](repeating: 1, count: 10)
        let inputs = CostQualityAnalysis.Inputs(classCount: 2, gold: gold, labelModel: labelModel, labelModelConfidence: confidence,
                                                allConfidence: confidence, majorityVote: labelModel)
        let analysis = CostQualityAnalysis(inputs, prices: prices)
        let crowd = analysis.options.filter { $0.kind == .hybridCrowd }
        XCTAssertEqual(crowd.map(\.routedShare), [0.05, 0.1, 0.2, 0.3, 0.5, 0.75], "every requested share exists")
        XCTAssertEqual(crowd.map(\.metrics.accuracy), [0.55, 0.6, 0.7, 0.8, 1, 1], "each routed item fixes one mistake")
        // 50% routes the whole tie; 75% cuts into the sure items' tie at 0.99.
        XCTAssertEqual(crowd.map(\.tieAtCutoff), [1, 2, 4, 6].map { LabelingOption.TieAtCutoff(routed: $0, tied: 10) } + [nil, .init(routed: 5, tied: 10)])
        XCTAssertTrue(analysis.skippedShares.isEmpty)
        XCTAssertEqual(CostQualityAnalysis(inputs, prices: prices).options, analysis.options, "the same items on every run")

        let order = CostQualityAnalysis.routingOrder(confidence)
        XCTAssertEqual(Set(order.prefix(10)), Set(0..<10), "the least confident first")
        XCTAssertNotEqual(Array(order.prefix(10)), Array(0..<10), "ties not in file order, which may be sorted by class")
        let report = CostReport.text(TaskCostAnalysis(analysis: analysis, evaluationSplit: "test", llmLF: nil, itemsMissingFromLedger: 0))
        XCTAssertTrue(report.contains("Hybrids route exactly their share: at the cutoffs of 5.0%, 10.0%, 20.0%, 30.0%, 75.0%, items tie"), report)
    }

    /// A person's label is right with the rate's accuracy and otherwise the one wrong class
    /// (two classes): people's rows score that expectation, not the gold labels.
    func testPeopleAreScoredByTheirAccuracy() throws {
        let imperfect = LabelingPriceBook(
            crowd: .init(perItem: 0.25, itemsPerHour: 100, source: "test", accuracy: 0.8, accuracySource: "test"),
            expert: .init(perItem: 10, itemsPerHour: 20, source: "test", accuracy: 0.95, accuracySource: "test"),
            lfAuthoringHours: 2, lfAuthoringHourlyRate: 50, machinePerHour: 0)
        let analysis = CostQualityAnalysis(inputs(), prices: imperfect)
        let crowd = try option(analysis, .crowd)
        XCTAssertEqual(crowd.name, "crowd (80.0% accurate) labels every item")
        XCTAssertEqual(crowd.metrics.accuracy, 0.8, accuracy: 1e-12)
        XCTAssertEqual(crowd.metrics.coverage, 1, accuracy: 1e-12)
        // Gold [0, 0, 1, 1]: class 0 expects 1.6 right of 2 gold and 2 predicted → F1 0.8.
        for f1 in crowd.metrics.classF1 { XCTAssertEqual(f1, 0.8, accuracy: 1e-12) }
        XCTAssertEqual(try option(analysis, .expert).metrics.accuracy, 0.95, accuracy: 1e-12)
        // 30% routes the label model's two mistakes to the crowd: 2 right + 2 × 0.8, of 4.
        XCTAssertEqual(try option(analysis, .hybridCrowd, share: 3.0 / 8).metrics.accuracy, 0.9, accuracy: 1e-12)
        XCTAssertEqual(try option(analysis, .hybridExpert, share: 3.0 / 8).metrics.accuracy, 0.975, accuracy: 1e-12)
        XCTAssertEqual(analysis.recommendation(budget: 10).option?.kind, .crowd, "a cheap 80% still beats 75% for its price")
    }

    func testTheFrontierKeepsOnlyUndominatedOptions() {
        let analysis = CostQualityAnalysis(inputs(), prices: prices)
        XCTAssertEqual(analysis.options.filter(\.onFrontier).map(\.kind), [.llmOnly, .crowd])
        let marked = CostQualityAnalysis.markingFrontier([
            LabelingOption(kind: .crowd, name: "a", metrics: .perfect, cost: 5, hours: 0),
            LabelingOption(kind: .expert, name: "b", metrics: .perfect, cost: 5, hours: 0),  // a tie: neither beats the other
            LabelingOption(kind: .llmOnly, name: "c", metrics: .perfect, cost: 6, hours: 0),
        ])
        XCTAssertEqual(marked.map(\.onFrontier), [true, true, false])
    }

    func testTheBudgetPicksTheMostAccurateAffordableOption() {
        let analysis = CostQualityAnalysis(inputs(), prices: prices)
        let one = analysis.recommendation(budget: 1)
        XCTAssertEqual(one.option?.kind, .llmOnly)
        XCTAssertEqual(one.reason, "Within $1.0000, LLM only (llm) gives the highest accuracy, 75.0% on the 4 evaluation items, for $0.0800. The cheapest more accurate option, crowd (100.0% accurate) labels every item (100.0%), costs $2.0000.")
        XCTAssertEqual(analysis.recommendation(budget: 10).option?.kind, .crowd)
        let none = analysis.recommendation(budget: 0.01)
        XCTAssertNil(none.option)
        XCTAssertEqual(none.reason, "Nothing fits $0.0100: the cheapest option, LLM only (llm), costs $0.0800.")
    }

    func testMissingLedgerEntriesAreProjectedAndSaySo() throws {
        var ledger: [(dollars: Double, seconds: Double)?] = Array(repeating: (0.01, 2), count: 8)
        ledger[5] = nil
        let llm = try option(CostQualityAnalysis(inputs(ledger: ledger), prices: prices), .llmOnly)
        XCTAssertEqual(llm.cost, 0.08, accuracy: 1e-12, "the missing item at the mean of the others")
        XCTAssertEqual(llm.projectionNote, "projection: 1 of 8 items have no answer in the LLM ledger; each is priced at the mean of the 7 answers it has")
    }
}

private extension ClassificationMetrics {
    static let perfect = ClassificationMetrics(predictions: [0, 1], gold: [0, 1], classCount: 2)
}

extension CostQualityAnalysisTests {
    func testAProjectionScalesPerItemCostsAndSaysSo() throws {
        let measured = CostQualityAnalysis(inputs(), prices: prices)
        let projected = CostQualityAnalysis(inputs(), prices: prices, projectedItems: 80)
        XCTAssertEqual(projected.itemCount, 80)
        XCTAssertEqual(projected.measuredItemCount, 8)
        XCTAssertEqual(try option(projected, .crowd).cost, 80 * 0.25, accuracy: 1e-9)
        XCTAssertEqual(try option(projected, .llmOnly).cost, 0.8, accuracy: 1e-9)
        XCTAssertEqual(try option(projected, .labelModel).cost, 100, accuracy: 1e-9, "authoring does not grow with the items")
        let hybrid = try option(projected, .hybridCrowd, share: 3.0 / 8)
        XCTAssertEqual(hybrid.cost, 100 + 30 * 0.25, accuracy: 1e-9)
        XCTAssertEqual(hybrid.metrics, try option(measured, .hybridCrowd, share: 3.0 / 8).metrics, "quality as measured")
        XCTAssertTrue(projected.options.allSatisfy { $0.projectionNote?.hasPrefix("projection to 80 items: per-item costs") == true })
        XCTAssertNil(measured.projection)
    }
}

extension CostQualityAnalysisTests {
    /// The end model is scored on its own labels and costs what the label model costs plus its
    /// machine time, which a projection scales with the items.
    func testTheEndModelRowAddsItsMachineTimeToTheLabelModels() throws {
        let machine = LabelingPriceBook(
            crowd: prices.crowd, expert: prices.expert, lfAuthoringHours: 2, lfAuthoringHourlyRate: 50, machinePerHour: 3.6)
        var withEndModel = inputs()
        withEndModel.endModel = .init(predictions: [0, 0, 1, 0], seconds: 100)
        let analysis = CostQualityAnalysis(withEndModel, prices: machine)
        let endModel = try option(analysis, .endModel)
        let labelModel = try option(analysis, .labelModel)
        XCTAssertEqual(endModel.metrics.accuracy, 0.75)
        XCTAssertEqual(endModel.metrics.coverage, 1)
        XCTAssertEqual(endModel.cost - labelModel.cost, 100.0 / 3600 * 3.6, accuracy: 1e-12)
        XCTAssertEqual(endModel.hours - labelModel.hours, 100.0 / 3600, accuracy: 1e-12)
        let projected = CostQualityAnalysis(withEndModel, prices: machine, projectedItems: 80)
        XCTAssertEqual(try option(projected, .endModel).cost - option(projected, .labelModel).cost, 10 * 100.0 / 3600 * 3.6, accuracy: 1e-9)
        XCTAssertNil(CostQualityAnalysis(inputs(), prices: machine).options.first { $0.kind == .endModel }, "no end model, no row")
    }
}
