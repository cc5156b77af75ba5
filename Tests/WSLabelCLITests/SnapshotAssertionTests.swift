import Foundation
import TestSupport
import XCTest

/// The snapshot machinery itself: masks replace only what they name, and a mismatch is shown
/// where it happens.
final class SnapshotAssertionTests: XCTestCase {
    func testFitSecondsMasksReplaceOnlyTheDuration() {
        let text = "model: em\nfit: 8 iterations, 109 vote patterns, log-likelihood -1514.879, 0.0447 s\nsplit  rows\n"
        XCTAssertEqual(SnapshotMask.fitSecondsInText.apply(to: text),
                       "model: em\nfit: 8 iterations, 109 vote patterns, log-likelihood -1514.879, <seconds> s\nsplit  rows\n")
        let json = #"{"log_likelihood":-1514.8787288126439,"patterns":109,"fit_seconds":0.07118168600000001,"seed":0}"#
        XCTAssertEqual(SnapshotMask.fitSecondsInJSON.apply(to: json),
                       #"{"log_likelihood":-1514.8787288126439,"patterns":109,"fit_seconds":"<seconds>","seed":0}"#)
        XCTAssertEqual(SnapshotMask.fitSecondsInJSON.apply(to: #"{"fit_seconds":1.5e-05}"#), #"{"fit_seconds":"<seconds>"}"#)
        // A duration elsewhere, or a line that is not the fit line, stays as it is.
        let other = "applied 20 LFs in 0.31 s\nfit_seconds 0.5\n"
        XCTAssertEqual(SnapshotMask.fitSecondsInText.apply(to: other), other)
        XCTAssertEqual(SnapshotMask.fitSecondsInJSON.apply(to: other), other)
    }

    func testTheDifferenceShowsContextAndTheFirstDifferingLines() {
        let golden = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let output = golden.replacingOccurrences(of: "line 6\n", with: "line six\nline 6½\n")
        XCTAssertEqual(SnapshotDifference(expected: golden, actual: output).hunk(goldenName: "Snapshots/x.txt"), """
            --- Snapshots/x.txt (golden)
            +++ output
            @@ -3,4 +3,5 @@
             line 3
             line 4
             line 5
            -line 6
            +line six
            +line 6½
            """)
    }

    func testALongLineIsCutShortAndNamesTheColumnWhereItDiffers() {
        let golden = #"{"model":"em","seed":0,"# + String(repeating: #""x":1,"#, count: 30) + #""accuracy":0.9}"#
        let output = golden.replacingOccurrences(of: "0.9}", with: "0.8}")
        let hunk = SnapshotDifference(expected: golden, actual: output).hunk(goldenName: "g.json")
        XCTAssertTrue(hunk.contains("@@ -1,1 +1,1 @@"), hunk)
        XCTAssertTrue(hunk.contains("\n-" + golden.prefix(200) + "… (18 more characters)\n"), hunk)
        XCTAssertTrue(hunk.contains("line 1 first differs at column \(golden.count - 1):"), hunk)
        XCTAssertTrue(hunk.hasSuffix(#"  output: …:1,"x":1,"x":1,"x":1,"x":1,"accuracy":0.8}…"#), hunk)
    }

    func testManyDifferingLinesAreCutShort() {
        let golden = (1...40).map { "a\($0)" }.joined(separator: "\n")
        let output = (1...40).map { "b\($0)" }.joined(separator: "\n")
        let lines = SnapshotDifference(expected: golden, actual: output).hunk(goldenName: "g").split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix("-a") }.count, 12)
        XCTAssertEqual(lines.filter { $0.hasPrefix("+b") }.count, 12)
        XCTAssertTrue(lines.contains("-… 28 more differing lines"))
        XCTAssertTrue(lines.contains("+… 28 more differing lines"))
    }
}
