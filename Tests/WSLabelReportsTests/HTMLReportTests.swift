import Foundation
@testable import WSLabelData
import WSLabeling
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import WSLabelCore
@testable import WSLabelReports

/// The HTML report's structure: self-contained, every section present, names escaped, plots
/// well-formed, the same bytes for the same report, and the edge cases (one LF, an LF that never
/// votes, no gold, majority vote, many classes, many LFs).
final class HTMLReportTests: XCTestCase {
    func testPageIsSelfContained() throws {
        let html = HTMLReport.render(try ReportFixtures.spamTask(), title: "spam")
        for pattern in [#"(src|href)\s*=\s*["']?\s*(https?:)?//"#, #"url\(\s*["']?\s*(https?:)?//"#, "@import", "@font-face", "<link", "<img", "<iframe"] {
            XCTAssertNil(html.range(of: pattern, options: [.regularExpression, .caseInsensitive]), "the page must not load \(pattern)")
        }
        // The only absolute URL is the SVG namespace name, which is never fetched.
        let urls = matches(of: #"https?://[^"' )]+"#, in: html)
        XCTAssertEqual(Set(urls), ["http://www.w3.org/2000/svg"])
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
    }

    func testEverySectionIsPresent() throws {
        let report = try ReportFixtures.spamTask()
        let html = HTMLReport.render(report, title: "Spam LFs")
        for id in ["flags", "lfs", "plots", "splits", "model", "lf-table"] {
            XCTAssertTrue(html.contains("id=\"\(id)\""), "section \(id)")
        }
        XCTAssertTrue(html.contains("<title>Spam LFs</title>"))
        XCTAssertTrue(html.contains("<h1>Spam LFs</h1>"))
        XCTAssertTrue(html.contains("<code>\(HTMLEscaping.text(report.modelDescription))</code>"))
        XCTAssertEqual(count("<svg ", in: html), 4, "scatter, heatmap, label distribution, confidence")
        XCTAssertTrue(html.contains("Coverage against accuracy") && html.contains("Pairwise conflict")
                      && html.contains("Label distribution") && html.contains("Confidence"))
        XCTAssertTrue(html.contains("<details>\n<summary>Conditional tables: P(vote | true class) for 4 LFs</summary>"))
        // Snorkel's columns with gold, the learned accuracy and its caveat.
        for column in [">polarity</th>", ">coverage</th>", ">overlaps</th>", ">conflicts</th>", ">correct</th>",
                       ">incorrect</th>", ">emp. acc. (valid)</th>", ">learned acc.</th>", ">flags</th>"] {
            XCTAssertTrue(html.contains(column), column)
        }
        let note = try XCTUnwrap(matches(of: "<p class=\"note\">[^<]*</p>", in: html).first, "the note on learned accuracies")
        XCTAssertTrue(note.contains("learned accuracies") && note.contains("λ"), note)
        // The dataset-level numbers and per-class coverage in the header.
        let analysis = report.summary.analysis
        XCTAssertTrue(html.contains("<div class=\"value\">\(ReportNumbers.percent(analysis.labelCoverage))</div><div class=\"label\">covered</div>"))
        XCTAssertTrue(html.contains("<span class=\"class-name\">SPAM</span>"))
        XCTAssertTrue(html.contains("accuracy on valid"))
    }

    func testFlagsAreListedWithReasonsAndHighlightedInTheTable() throws {
        let report = try ReportFixtures.spamTask()
        let html = HTMLReport.render(report, title: "spam")
        let below = try XCTUnwrap(report.flags.first { $0.kind == .belowChance }, "lf_3 votes against the truth")
        XCTAssertEqual(below.lf, 3)
        XCTAssertTrue(html.contains("<li><a class=\"lf\" href=\"#lf-3\">lf_3</a><div><span class=\"badge below-chance\">below chance</span> "
                                    + "<span class=\"reason\">\(HTMLEscaping.text(below.reason))</span></div>"))
        XCTAssertTrue(html.contains("<tr id=\"lf-3\" data-order=\"3\" class=\"flagged\">"))
        XCTAssertTrue(html.contains("<td data-sort=\"0.0\" class=\"below\" title=\"below chance (50.0%)\">0.0%</td>"))
    }

    func testNamesAreEscaped() throws {
        let hostile = "<script>alert(1)</script>"
        let report = try ReportFixtures.report(
            train: [[0, 1], [1, 1], [0, -1], [-1, 0]], trainGold: [0, 1, 0, 0],
            labels: ["A&B", "\"quoted\" <b>"], lfNames: [hostile, "it's\u{1}"])
        let html = HTMLReport.render(report, title: "<i>title</i>")
        XCTAssertFalse(html.contains(hostile))
        XCTAssertFalse(html.contains("<b>") || html.contains("<i>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("A&amp;B") && html.contains("&quot;quoted&quot; &lt;b&gt;"))
        XCTAssertTrue(html.contains("it&#39;s\u{FFFD}"), "control characters become U+FFFD")
        XCTAssertEqual(count("<script", in: html), 1, "only the page's own sorting script")
        assertWellFormed(html)
    }

    func testPageAndEveryPlotAreWellFormedXML() throws {
        let html = HTMLReport.render(try ReportFixtures.spamTask(), title: "spam")
        assertWellFormed(html)
        let svgs = matches(of: "<svg [\\s\\S]*?</svg>", in: html)
        XCTAssertEqual(svgs.count, 4)
        for svg in svgs {
            assertWellFormed(svg)
            XCTAssertTrue(svg.contains("<title>"), "every plot has an accessible name and tooltips")
        }
    }

    func testWellFormednessCheckCatchesBrokenMarkup() {
        for broken in ["<svg><rect></svg>", "<p>a &nbsp; b</p>", "<a>x</a><b/>", "<rect x=1/>"] {
            let parser = XMLParser(data: Data(broken.utf8))
            XCTAssertFalse(parser.parse() && parser.parserError == nil, broken)
        }
    }

    func testSameReportGivesSameBytes() throws {
        let first = HTMLReport.render(try ReportFixtures.spamTask(), title: "spam")
        let second = HTMLReport.render(try ReportFixtures.spamTask(), title: "spam")
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.data(using: .utf8), second.data(using: .utf8))
    }

    func testOneLF() throws {
        let report = try ReportFixtures.report(train: [[0], [1], [-1], [1]], trainGold: [0, 1, 0, 1])
        let html = HTMLReport.render(report, title: "one")
        XCTAssertTrue(html.contains("One LF: there are no pairs to compare."))
        XCTAssertEqual(count("<svg ", in: html), 3)
        XCTAssertEqual(count("<tr id=\"lf-", in: html), 1)
        assertWellFormed(html)
    }

    func testAnLFThatNeverVotes() throws {
        let report = try ReportFixtures.report(train: [[0, -1, 0], [1, -1, 1], [1, -1, -1], [0, -1, 0]], trainGold: [0, 1, 1, 0],
                                               lfNames: ["kw_a", "silent", "kw_b"])
        let html = HTMLReport.render(report, title: "silent")
        XCTAssertTrue(html.contains("<li><a class=\"lf\" href=\"#lf-1\">silent</a><div><span class=\"badge never-votes\">never votes</span>"))
        XCTAssertTrue(html.contains("Not plotted: silent (no votes on train)."))
        XCTAssertTrue(html.contains("<span class=\"none\">none</span>"), "an LF without votes has no polarity")
        XCTAssertTrue(html.contains("never vote on the same row of train"), "its heatmap cells say why they are empty")
        assertWellFormed(html)
    }

    func testNoGoldUsesLearnedAccuracy() throws {
        let report = try ReportFixtures.spamTask(withGold: false)
        XCTAssertNil(report.summary.goldSplit)
        let html = HTMLReport.render(report, title: "no gold")
        XCTAssertFalse(html.contains(">correct</th>"))
        XCTAssertFalse(html.contains("emp. acc."))
        XCTAssertTrue(html.contains("learned accuracy (label model, no gold labels)"), "the y axis says which accuracy")
        XCTAssertTrue(html.contains("no split has gold labels"), "the note on missing gold")
        XCTAssertFalse(html.contains("accuracy on "), "no scores without gold")
        assertWellFormed(html)
    }

    func testGoldAccuracyLabelsTheScatterAxis() throws {
        let html = HTMLReport.render(try ReportFixtures.spamTask(), title: "gold")
        XCTAssertTrue(html.contains("empirical accuracy on valid (gold labels)"))
        XCTAssertTrue(html.contains("stroke-dasharray=\"6 4\"><title>chance: 1 / 2 classes = 50.0%</title>"))
    }

    func testMajorityVoteHasNoLearnedParameters() throws {
        let report = try ReportFixtures.spamTask(model: .mv, ties: .abstain)
        XCTAssertNil(report.learned)
        let html = HTMLReport.render(report, title: "mv")
        XCTAssertFalse(html.contains("learned acc."))
        XCTAssertFalse(html.contains("<details>\n<summary>Conditional tables"))
        XCTAssertTrue(html.contains("counts votes and learns nothing"))
        XCTAssertTrue(html.contains("empirical accuracy on valid (gold labels)"), "gold still places the LFs")
        // Abstaining ties leave rows unlabeled: the bar chart gains an "unlabeled" group.
        XCTAssertGreaterThan(report.outcomes[0].unlabeled, 0)
        XCTAssertTrue(html.contains(">unlabeled</text>"))
        XCTAssertTrue(html.contains("rows unlabeled ("))
        assertWellFormed(html)
    }

    func testMajorityVoteWithoutGoldHasNothingToPlotForAccuracy() throws {
        let html = HTMLReport.render(try ReportFixtures.spamTask(model: .mv, withGold: false), title: "mv")
        XCTAssertTrue(html.contains("Nothing to plot: no split has gold labels and majority vote learns no accuracies."))
        XCTAssertEqual(count("<svg ", in: html), 3)
        assertWellFormed(html)
    }

    func testTwoAndSixClasses() throws {
        let two = HTMLReport.render(try ReportFixtures.spamTask(), title: "two")
        XCTAssertTrue(two.contains(">0.50</text>"), "the confidence axis starts at 1/2")
        let labels = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
        let rows = (0..<48).map { row in [row % 6, (row + row / 6) % 6, row % 4 == 0 ? -1 : row % 6, row % 3 == 0 ? 5 : -1] }
        let six = try ReportFixtures.report(train: rows, trainGold: rows.map { $0[0] }, labels: labels)
        let html = HTMLReport.render(six, title: "six")
        XCTAssertTrue(html.contains(">0.17</text>"), "the confidence axis starts at 1/6")
        XCTAssertTrue(html.contains("chance 16.7%"))
        for label in labels {
            XCTAssertTrue(html.contains(">\(label)</text>"), "bar group \(label)")
            XCTAssertTrue(html.contains("<th scope=\"col\">votes \(label)</th>"), "conditional table column \(label)")
        }
        assertWellFormed(html)
    }

    func testHeatmapScalesToAHundredLFs() throws {
        // 100 LFs on 200 rows, each voting on a deterministic third of the rows.
        let rows = (0..<200).map { row in (0..<100).map { lf in (row * 7 + lf * 13) % 3 == 0 ? (row + lf) % 2 : -1 } }
        let names = (0..<100).map { "a_rather_long_labeling_function_name_\($0)" }
        let report = try ReportFixtures.report(train: rows, lfNames: names, model: .mv)
        let html = HTMLReport.render(report, title: "many")
        let heatmap = try XCTUnwrap(matches(of: "<svg [\\s\\S]*?</svg>", in: html).first { $0.contains("Pairwise conflict") })
        assertWellFormed(heatmap)
        XCTAssertTrue(heatmap.contains("transform=\"rotate(-90 "), "column names turn upright")
        XCTAssertTrue(heatmap.contains(">a_rather_lo…tion_name_42</text>"), "long names are cut in the middle, whole in the tooltip")
        XCTAssertTrue(heatmap.contains("<title>a_rather_long_labeling_function_name_42</title>"))
        let width = try XCTUnwrap(Double(try XCTUnwrap(matches(of: "(?<=width=\")[0-9.]+", in: heatmap).first)))
        XCTAssertLessThan(width, 1300, "9 px cells keep 100 LFs within a wide screen")
        XCTAssertTrue(html.contains("<figure class=\"wide\">"))
    }

    func testHTMLNumbersAreLocaleFree() {
        XCTAssertEqual(HTMLNumbers.count(1586), "1,586")
        XCTAssertEqual(HTMLNumbers.count(1_000_000), "1,000,000")
        XCTAssertEqual(HTMLNumbers.count(-42), "-42")
        XCTAssertEqual(HTMLNumbers.percent(0.1234), "12.3%")
        XCTAssertEqual(HTMLNumbers.probability(0.12345), "0.123")
        XCTAssertEqual(HTMLNumbers.coordinate(3.5), "3.5")
        XCTAssertEqual(HTMLNumbers.coordinate(12.0), "12")
        XCTAssertEqual(HTMLNumbers.coordinate(-0.001), "0")
    }

    func testFractionScaleTicks() {
        let scale = FractionScale(lower: 0, upper: FractionScale.roundedUp(0.37), from: 300, to: 20)
        XCTAssertEqual(scale.upper, 0.4)
        XCTAssertEqual(scale.ticks.map(scale.label), ["0%", "10%", "20%", "30%", "40%"])
        XCTAssertEqual(scale.position(0.2), 160, accuracy: 1e-9)
        let fine = FractionScale(lower: 0, upper: FractionScale.roundedUp(0.004), from: 0, to: 100)
        XCTAssertEqual(fine.ticks.map(fine.label), ["0.0%", "0.2%", "0.4%", "0.6%", "0.8%", "1.0%"])
        XCTAssertEqual(FractionScale.tenthBelow(0.47), 0.4, accuracy: 1e-12)
        XCTAssertEqual(FractionScale.tenthAbove(0.63), 0.7, accuracy: 1e-12)
        XCTAssertEqual(FractionScale.tenthAbove(1.02), 1, "accuracy axes end at 100%")
        // An accuracy axis from 30%: ticks are round multiples, and the top is one of them.
        let accuracy = FractionScale(lower: 0.3, upper: 1, from: 0, to: 100)
        XCTAssertEqual(accuracy.ticks.map(accuracy.label), ["40%", "60%", "80%", "100%"])
    }

    func testPaletteRampInterpolates() {
        XCTAssertEqual(PlotPalette.ramp(0), "#feedde")
        XCTAssertEqual(PlotPalette.ramp(1), "#a63603")
        XCTAssertEqual(PlotPalette.ramp(0.5), "#fd8d3c")
        XCTAssertEqual(PlotPalette.ramp(2), "#a63603", "clamped")
    }

    func testRealYoutubeReport() throws {
        let report = try ReportFixtures.youtube()
        let html = HTMLReport.render(report, title: "WRENCH youtube")
        assertWellFormed(html)
        XCTAssertEqual(count("<tr id=\"lf-", in: html), 10)
        XCTAssertEqual(count("<svg ", in: html), 4)
        XCTAssertTrue(html.contains("<div class=\"value\">1,586</div><div class=\"label\">rows in train</div>"))
        XCTAssertTrue(html.contains("emp. acc. (valid)"))
        XCTAssertEqual(html, HTMLReport.render(report, title: "WRENCH youtube"))
    }

    // MARK: helpers

    // XMLParser, not XMLDocument: on Linux XMLDocument(xmlString:) accepts broken markup (it
    // prints libxml2's errors and returns a document), and XMLParser.parse() may return true with
    // parserError set, so both are checked.
    private func assertWellFormed(_ markup: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(markup.utf8))
        let parsed = parser.parse()
        XCTAssertTrue(parsed && parser.parserError == nil,
                      "not well-formed XML near line \(parser.lineNumber), column \(parser.columnNumber): \(String(describing: parser.parserError))",
                      file: file, line: line)
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range, in: text)!])
        }
    }
}
