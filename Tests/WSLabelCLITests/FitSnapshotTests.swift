import Foundation
import TestSupport
import XCTest

extension SnapshotMask {
    /// The fit's duration in `wslabel fit`'s text summary: the last field of the line
    /// `fit: 8 iterations, 109 vote patterns, log-likelihood -1514.879, 0.0447 s`.
    static let fitSecondsInText = SnapshotMask(#"^(fit: .*, )[0-9]+\.[0-9]+ s$"#, with: "$1<seconds> s")
    /// The fit's duration in `wslabel fit --json`: the value of `fit_seconds`, replaced by a
    /// string so the masked output is still JSON.
    static let fitSecondsInJSON = SnapshotMask(#""fit_seconds":[-+.0-9eE]+"#, with: #""fit_seconds":"<seconds>""#)
}

/// `wslabel fit`'s text summary and `fit --json` on the bundled support-tickets task against
/// the golden files in `Snapshots/fit/`. The fit's duration is the only part that changes from
/// run to run and is masked (``SnapshotMask/fitSecondsInText``, ``SnapshotMask/fitSecondsInJSON``);
/// every other byte is compared. Record again after an intended change:
/// `WSLABEL_RECORD_SNAPSHOTS=1 swift test --filter FitSnapshotTests`.
final class FitSnapshotTests: XCTestCase {
    /// Runs `wslabel fit` with `arguments` on a fresh copy of the task (its LFs applied anew) and
    /// compares stdout, masked, with `Snapshots/fit/<name>`.
    private func assertFit(_ arguments: [String], matches name: String, masking mask: SnapshotMask,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let root = try SupportTicketsExample.copy(for: self)
        let result = try CLIRunner.run(["fit", "--config", SupportTicketsExample.taskFile] + arguments,
                                       currentDirectory: root)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        assertSnapshot(result.stdout, named: "fit/\(name)", masking: [mask], in: self, file: file, line: line)
    }

    func testTextSummary() throws {
        try assertFit([], matches: "support-tickets.txt", masking: .fitSecondsInText)
    }

    func testJSONSummary() throws {
        try assertFit(["--json"], matches: "support-tickets.json", masking: .fitSecondsInJSON)
    }
}
