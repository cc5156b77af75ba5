import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabelReports
import WSLabeling
import XCTest

/// The cost report's HTML page, rendered by headless Chromium: it draws its two plots and logs
/// nothing. Skips without Chromium (a failure under `CI=true`).
final class CostPageChromiumTests: XCTestCase {
    func testTheCostPageDrawsAndLogsNothing() throws {
        let chromium = try HeadlessChromium.require()
        let confidence = [0.9, 0.55, 0.95, 0.6, 0.7, 0.99]
        let inputs = CostQualityAnalysis.Inputs(
            classCount: 2, gold: [0, 0, 1, 1, 0, 1], labelModel: [0, 1, 1, 0, 0, 1], labelModelConfidence: confidence,
            allConfidence: confidence + [0.99, 0.52], majorityVote: [0, 0, 1, -1, 0, 1],
            llm: .init(name: "llm", votes: [0, 0, -1, 1, 1, 1], allCosts: Array(repeating: (0.01, 2), count: 8)))
        let summary = TaskCostAnalysis(analysis: CostQualityAnalysis(inputs), evaluationSplit: "test", llmLF: "llm",
                                      itemsMissingFromLedger: 0, budget: 5)
        let dataset = try WrenchDataset(directory: try SharedData.wrench("youtube"))
        let curve = try ActiveLearningCurve(labelNames: dataset.labelNames, train: dataset.split("train")!, evaluation: dataset.split("test")!,
                                            otherSplits: [dataset.split("valid")!], steps: [0, 20], strategies: [.active, .random],
                                            configuration: LabelingRunConfiguration(), randomSeeds: [0])
        let folder = try temporaryDirectory(self)
        let page = folder.appendingPathComponent("cost.html")
        try CostReport.html(summary, curve: curve, title: "cost <test>").write(to: page, atomically: true, encoding: .utf8)
        let profile = folder.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let screenshot = folder.appendingPathComponent("cost.png")
        let rendering = try chromium.render(page, screenshot: screenshot, width: 1280, height: 1600, profile: profile)
        XCTAssertEqual(rendering.consoleMessages, [], "the page must log no console messages or errors")
        let statistics = try ScreenshotStatistics.of(screenshot, counting: [PlotPalette.category(0), PlotPalette.category(1)])
        XCTAssertGreaterThan(statistics.colors, 100, "the screenshot is nearly blank")
        XCTAssertGreaterThan(statistics.counts[PlotPalette.category(0)] ?? 0, 100, "no blue marks drawn")
        XCTAssertGreaterThan(statistics.counts[PlotPalette.category(1)] ?? 0, 100, "no orange marks drawn")
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.contains("<title>cost &lt;test&gt;</title>"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 2, "the frontier plot and the curve")
    }
}
