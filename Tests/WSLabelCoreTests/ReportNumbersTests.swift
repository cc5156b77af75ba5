import XCTest
@testable import WSLabelCore

final class ReportNumbersTests: XCTestCase {
    func testFixedFormatsNumbersTooLargeForAnInteger() {
        XCTAssertEqual(ReportNumbers.fixed(1234.5678, digits: 2), "1234.57")
        XCTAssertEqual(ReportNumbers.dollars(1e300), "$1e+300")
        XCTAssertEqual(ReportNumbers.fixed(-2.5e19, digits: 4), "-2.5e+19")
        XCTAssertEqual(ReportNumbers.fixed(9.2e18, digits: 0), "9.2e+18")
    }
}
