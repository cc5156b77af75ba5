import WSLabelReports
import XCTest

/// Column groups: a title over the columns that share a split, drawn to their width, left out
/// when the columns do not fit.
final class TextTableTests: XCTestCase {
    private func table() -> TextTable {
        var table = TextTable(header: ["LF", "coverage", "overlaps", "acc(dev)"], rows: [["keyword_my", "19.9%", "3.0%", "80.0%"]])
        table.groups = [.init(title: "on dev", columns: 3...3), .init(title: "on train", columns: 1...2)]
        return table
    }

    func testAGroupTitleIsCenteredOverItsColumnsWithDashes() {
        XCTAssertEqual(table().render(), """
                        ---- on train ----  on dev
            LF          coverage  overlaps  acc(dev)
            ----------  --------  --------  --------
            keyword_my     19.9%      3.0%     80.0%
            """)
    }

    func testATitleWiderThanItsColumnsIsShortened() {
        var table = table()
        table.groups = [.init(title: "on the development split", columns: 3...3)]
        XCTAssertEqual(table.render().split(separator: "\n").first, String(repeating: " ", count: 32) + "on the…")
    }

    func testAGroupWhoseColumnsAreDroppedForWidthIsLeftOut() {
        let lines = table().render(maxWidth: 36).split(separator: "\n")
        XCTAssertEqual(lines.first, "            ---- on train ----", "the dev column is dropped, and its title with it")
        XCTAssertEqual(lines[1], "LF          coverage  overlaps")
    }

    func testNoGroupsNoTitleLine() {
        var table = table()
        table.groups = []
        XCTAssertEqual(table.render().split(separator: "\n").first, "LF          coverage  overlaps  acc(dev)")
    }
}
