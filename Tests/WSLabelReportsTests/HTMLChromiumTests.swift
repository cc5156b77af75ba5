import Foundation
import TestSupport
import XCTest
import WSLabelCore
@testable import WSLabelReports

/// The HTML report of the WRENCH youtube run, rendered by headless Chromium: the page must draw
/// (a screenshot that is not blank, with the plots' colours) and log nothing to the console.
///
/// Skips without Chromium or `../shared/data` (failures under `CI=true`). The README's
/// screenshot of the YouTube task's report comes from `scripts/report-screenshot.sh`.
final class HTMLChromiumTests: XCTestCase {
    func testYoutubeReportDrawsAndLogsNothing() throws {
        let chromium = try HeadlessChromium.require()
        let report = try ReportFixtures.youtube()
        let folder = try temporaryDirectory(self)
        let page = folder.appendingPathComponent("report.html")
        try HTMLReport.render(report, title: "WRENCH youtube: LF report").write(to: page, atomically: true, encoding: .utf8)
        let screenshot = folder.appendingPathComponent("report.png")
        let rendering = try chromium.render(page, screenshot: screenshot, profile: try profile(in: folder))
        XCTAssertEqual(rendering.consoleMessages, [], "the page must log no console messages or errors")
        // The sorting script ran: it marks the table and wraps each header in a button.
        let dom = try chromium.dumpDOM(page, profile: try profile(in: folder))
        XCTAssertTrue(dom.contains("<table id=\"lf-table\" class=\"sortable\">"), "the sorting script did not run")
        XCTAssertTrue(dom.contains("<button type=\"button\">coverage</button>"))

        let statistics = try ScreenshotStatistics.of(screenshot, counting: [PlotPalette.lf, PlotPalette.category(1)])
        XCTAssertEqual(statistics.width, 1280)
        XCTAssertEqual(statistics.height, 2400)
        XCTAssertEqual(statistics.background, "#ffffff")
        // A blank page has one colour; text alone gives dozens of anti-aliasing greys.
        XCTAssertGreaterThan(statistics.colors, 100, "the screenshot is nearly blank")
        XCTAssertGreaterThan(statistics.drawnShare, 0.05, "the screenshot is nearly blank")
        // Solid plot colours: LF points, meters and train bars (blue), valid bars (orange).
        XCTAssertGreaterThan(statistics.counts[PlotPalette.lf] ?? 0, 500, "no blue plot marks drawn")
        XCTAssertGreaterThan(statistics.counts[PlotPalette.category(1)] ?? 0, 500, "no orange bars drawn")
    }

    /// The check above only means something if this Chromium reports console output the way
    /// ``HeadlessChromium`` reads it: a page that logs and throws must be caught.
    func testConsoleErrorsAreDetected() throws {
        let chromium = try HeadlessChromium.require()
        let folder = try temporaryDirectory(self)
        let page = folder.appendingPathComponent("broken.html")
        try "<!DOCTYPE html><html><body><p>broken</p><script>console.error('report-check'); notDefined();</script></body></html>"
            .write(to: page, atomically: true, encoding: .utf8)
        let rendering = try chromium.render(page, screenshot: folder.appendingPathComponent("broken.png"),
                                            width: 400, height: 300, profile: try profile(in: folder))
        XCTAssertTrue(rendering.consoleMessages.contains { $0.contains("report-check") }, rendering.log)
        XCTAssertTrue(rendering.consoleMessages.contains { $0.contains("Uncaught ReferenceError: notDefined is not defined") }, rendering.log)
    }

    private func profile(in folder: URL) throws -> URL {
        let profile = folder.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        return profile
    }
}
