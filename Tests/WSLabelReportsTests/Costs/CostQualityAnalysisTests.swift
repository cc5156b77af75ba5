@testable import WSLabelCore
@testable import WSLabelData
@testable import WSLabelReports
import WSLabeling
import XCTest

/// The cost-quality arithmetic on a case small enough to work out by hand: 4 evaluation items
/// and 4 more task items, an LLM whose calls cost $0.01 and take 2 s each, LF authoring of
/// 2 hours at $50.
final class CostQualityAnalysisTests: XCTestCase {
    private let prices = LabelingPriceBook(
        crowd: .init(perItem: 0.25, itemsPerHour: 100, source: "test"), expert: .init(perItem: 10, itemsPerHour: 20, source: "test"),
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
        // Half the evaluation items (confidence 0.55 and 0.6) set the threshold just above 0.6;
        // of all 8 items, those two and the train item at 0.52 fall below it.
        let llm = try option(analysis, .hybridLLM, share: 3.0 / 8)
        XCTAssertEqual(llm.threshold!, 0.6, accuracy: 1e-12)
        XCTAssertEqual(llm.metrics.accuracy, 1, "the LLM fixes both routed mistakes")
        XCTAssertEqual(llm.cost, 100.03, accuracy: 1e-9)
        XCTAssertEqual(llm.hours, 2 + 6.0 / 3600, accuracy: 1e-12)
        let crowd = try option(analysis, .hybridCrowd, share: 3.0 / 8)
        XCTAssertEqual(crowd.metrics.accuracy, 1)
        XCTAssertEqual(crowd.cost, 100.75, accuracy: 1e-9)
        XCTAssertEqual(crowd.hours, 2.03, accuracy: 1e-12)
        // The smallest share routes one evaluation item (0.55) and the train item at 0.52.
        let smallest = try option(analysis, .hybridExpert, share: 2.0 / 8)
        XCTAssertEqual(smallest.metrics.accuracy, 0.75)
        XCTAssertEqual(smallest.cost, 120, accuracy: 1e-9)
        // Shares 5%, 10% and 20% of 4 items all route the least confident one: that threshold is tried once.
        XCTAssertEqual(analysis.options.filter { $0.kind == .hybridLLM }.compactMap(\.threshold), [(0.55).nextUp, (0.6).nextUp, (0.9).nextUp])
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
        XCTAssertEqual(one.reason, "Within $1.0000, LLM only (llm) gives the highest accuracy, 75.0% on the 4 evaluation items, for $0.0800. The cheapest more accurate option, crowd labels every item (100.0%), costs $2.0000.")
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
