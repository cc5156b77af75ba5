import Foundation
import WSLabelCore
@testable import WSLabelReports
import XCTest

/// The dependent-pairs section of `wslabel report` in every format that has sections.
final class DependentPairsReportTests: XCTestCase {
    /// Synthetic votes with LF 0 duplicated as the last column; the report must list that pair.
    private func report() throws -> LFReport {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 6, classCount: 2, seed: 7)
        let data = try SyntheticVotes(parameters: truth, rows: 3_000, seed: 7, copies: [.init(source: 0, agreement: 1)])
        let splits = data.splits([("train", 3_000)])
        let run = try LabelingRun(labelNames: ["HAM", "SPAM"], splits: splits, configuration: .init(threads: 1))
        return LFReport(run: run, splits: splits, lfNames: ["kw_a", "kw_b", "kw_c", "kw_d", "kw_e", "kw_f", "kw_a_copy"])
    }

    func testEveryFormatShowsTheDuplicatedPairWithItsEvidence() throws {
        let report = try report()
        let dependencies = try XCTUnwrap(report.dependencies)
        XCTAssertEqual(dependencies.pairs.map { [$0.first, $0.second] }, [[0, 6]])
        let pair = dependencies.pairs[0]

        let text = report.rendered(as: .text)
        XCTAssertTrue(text.contains("dependent LF pairs on train"), text)
        XCTAssertTrue(text.contains("kw_a × kw_a_copy: exact duplicate; agree on \(pair.agreeingRows) of \(pair.coVoteRows) co-voted rows"), text)
        XCTAssertTrue(text.contains("cluster: kw_a, kw_a_copy (weight 1/2 each when weighted)"), text)

        let markdown = report.rendered(as: .markdown)
        XCTAssertTrue(markdown.contains("## Dependent LF pairs on train"), markdown)
        XCTAssertTrue(markdown.contains("- kw\\_a × kw\\_a\\_copy: exact duplicate;"), markdown)

        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8)) as? [String: Any])
        let section = try XCTUnwrap(json["dependencies"] as? [String: Any])
        let pairs = try XCTUnwrap(section["pairs"] as? [[String: Any]])
        XCTAssertEqual(pairs.count, 1)
        XCTAssertEqual(pairs[0]["first"] as? String, "kw_a")
        XCTAssertEqual(pairs[0]["second"] as? String, "kw_a_copy")
        XCTAssertEqual(pairs[0]["exact_duplicate"] as? Bool, true)
        XCTAssertEqual(pairs[0]["agreeing_rows"] as? Double, Double(pair.agreeingRows))
        XCTAssertEqual(section["clusters"] as? [[String]], [["kw_a", "kw_a_copy"]])

        let html = report.rendered(as: .html)
        XCTAssertTrue(html.contains("<section id=\"dependencies\">"))
        XCTAssertTrue(html.contains("<a href=\"#dependencies\">Dependent LFs</a>"))
        XCTAssertTrue(html.contains("href=\"#lf-6\">kw_a_copy</a>"))
    }

    func testNoSectionInTextWhenNoPairIsDependent() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 6, classCount: 2, seed: 7)
        let splits = try SyntheticVotes(parameters: truth, rows: 3_000, seed: 7).splits([("train", 3_000)])
        let run = try LabelingRun(labelNames: ["HAM", "SPAM"], splits: splits, configuration: .init(threads: 1))
        let report = LFReport(run: run, splits: splits, lfNames: LFSummary.defaultNames(lfCount: 6))
        XCTAssertEqual(report.dependencies?.pairs, [])
        XCTAssertFalse(report.rendered(as: .text).contains("dependent LF pairs"))
        XCTAssertTrue(report.rendered(as: .html).contains("No dependent pair"))
    }
}
