import XCTest
import WSLabeling
@testable import WSLabelCLI

final class ApplyProgressBarTests: XCTestCase {
    func testHalfWayShowsAHalfBarTheRateAndTheTimeLeft() {
        let progress = ApplyProgress(split: "train", itemsDone: 823_296, bytesRead: 50, totalBytes: 100)
        XCTAssertEqual(progress.fractionDone, 0.5)
        let line = ApplyProgressBar.line(progress, elapsed: 2, width: 120)
        XCTAssertEqual(line, "applying LFs to train [####################--------------------]  50%  823,296 items  411,648 items/s  ~2 s left")
        XCTAssertLessThanOrEqual(line.count, 120)
    }

    func testANarrowTerminalGetsAShorterBarThenNone() {
        let progress = ApplyProgress(split: "train", itemsDone: 1000, bytesRead: 25, totalBytes: 100)
        let narrow = ApplyProgressBar.line(progress, elapsed: 1, width: 80)
        XCTAssertEqual(narrow, "applying LFs to train [##---------]  25%  1,000 items  1,000 items/s  ~3 s left")
        XCTAssertLessThanOrEqual(narrow.count, 80)
        let tiny = ApplyProgressBar.line(progress, elapsed: 1, width: 40)
        XCTAssertFalse(tiny.contains("["), tiny)
        XCTAssertEqual(tiny.count, 40, tiny)
        XCTAssertTrue(tiny.hasSuffix("…"))
    }

    func testWithoutSizesOrTimeThereIsNoBarRateOrEstimate() {
        let unknownSize = ApplyProgress(split: "dev", itemsDone: 4096, bytesRead: 10, totalBytes: nil)
        XCTAssertNil(unknownSize.fractionDone)
        XCTAssertEqual(ApplyProgressBar.line(unknownSize, elapsed: 0.1), "applying LFs to dev  4,096 items")
        XCTAssertEqual(ApplyProgress(split: "x", itemsDone: 0, bytesRead: 0, totalBytes: 0).fractionDone, 1)
        // Read ahead of the size (a file that grew): never more than all of it.
        XCTAssertEqual(ApplyProgress(split: "x", itemsDone: 0, bytesRead: 300, totalBytes: 100).fractionDone, 1)
    }

    func testDurations() {
        XCTAssertEqual(ApplyProgressBar.duration(0.2), "1 s")
        XCTAssertEqual(ApplyProgressBar.duration(59), "59 s")
        XCTAssertEqual(ApplyProgressBar.duration(185), "3 min 05 s")
        XCTAssertEqual(ApplyProgressBar.duration(7620), "2 h 07 min")
    }
}
