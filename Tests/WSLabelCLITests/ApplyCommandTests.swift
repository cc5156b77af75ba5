import Foundation
import TestSupport
import XCTest

/// `wslabel apply` end to end: a task's LFs applied to its data, one vote file per split with
/// the LFs' names as columns.
final class ApplyCommandTests: XCTestCase {
    func testApplyWritesOneVoteFilePerSplitWithLFNames() throws {
        let directory = try temporaryDirectory(self)
        try "id,text,label\na,Free money at www.spam.com,SPAM\nb,I love this song so much,HAM\n"
            .write(to: directory.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        try "labeling_functions:\n  - {name: money, kind: keyword, keywords: [money], label: SPAM}\n  - {name: song, kind: keyword, keywords: [song], label: HAM}\n"
            .write(to: directory.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        try """
            labels: [HAM, SPAM]
            data: {id: id, text: text, gold: label, splits: {train: train.csv}}
            labeling_functions: {files: [lfs.yaml]}
            """.write(to: directory.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("votes")
        let result = try CLIRunner.run(["apply", "--config", directory.appendingPathComponent("wslabel.yaml").path, "--output-dir", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("train.csv"), encoding: .utf8),
                       "id,money,song\na,1,-1\nb,-1,0\n")
    }
}
