import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

final class VoteFilesTests: XCTestCase {
    func testGoldFilesMayEndLinesWithCRLF() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("gold.txt")
        try "SPAM\r\nHAM\r\n\r\n-1\r\n1".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertEqual(try VoteFiles.readGold(url, labelNames: ["HAM", "SPAM"], rows: 5), [1, 0, nil, nil, 1])
        try "SPAM\nHAM\n".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertEqual(try VoteFiles.readGold(url, labelNames: ["HAM", "SPAM"], rows: 2), [1, 0])
    }

    func testAGoldLineErrorCountsCRLFLines() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("gold.txt")
        try "SPAM\r\nEGGS\r\n".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try VoteFiles.readGold(url, labelNames: ["HAM", "SPAM"], rows: 2)) { error in
            XCTAssertTrue(error.localizedDescription.hasPrefix("\(url.path):2: field label: \"EGGS\""), error.localizedDescription)
        }
    }
}
