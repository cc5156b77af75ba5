import Foundation
import WSLabelData
import WSLabeling
@testable import WSLabelReports
import XCTest

/// `wslabel cache stats` and `clear` as a person and a program read them.
final class VoteCacheRenderingTests: XCTestCase {
    private let statistics = VoteCacheStatistics(path: ".wslabel/votes.sqlite", fileBytes: 1_153_434, lfs: [
        .init(name: "keyword_refund", fingerprint: "keyword|keyword_refund|1", votes: 440, staleVotes: 440, staleFingerprints: 1, inTask: true),
        .init(name: "regex_gone", fingerprint: nil, votes: 0, staleVotes: 1_300, staleFingerprints: 2, inTask: false),
        .init(name: nil, fingerprint: nil, votes: 0, staleVotes: 7, staleFingerprints: 1, inTask: false),
    ], totalVotes: 2_187)

    func testText() {
        let short = VoteCacheStatistics.shortFingerprint("keyword|keyword_refund|1")
        XCTAssertEqual(statistics.text(), """
            vote cache .wslabel/votes.sqlite: 2,187 votes (1,747 stale: `wslabel cache clear --stale` removes them), 1.1 MiB
            LF              fingerprint  votes  stale  in task
            --------------  -----------  -----  -----  -------
            keyword_refund  \(short)       440    440  yes
            regex_gone                       0  1,300  no
            (unnamed)                        0      7  no
            """)
    }

    func testJSON() throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(statistics.json.serialized.utf8)) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 1)
        XCTAssertEqual(object["votes"] as? Int, 2_187)
        XCTAssertEqual(object["stale_votes"] as? Int, 1_747)
        XCTAssertEqual(object["file_bytes"] as? Int, 1_153_434)
        let lfs = try XCTUnwrap(object["lfs"] as? [[String: Any]])
        XCTAssertEqual(lfs.map { $0["name"] as? String }, ["keyword_refund", "regex_gone", nil])
        XCTAssertEqual(lfs[0]["fingerprint"] as? String, VoteCacheStatistics.shortFingerprint("keyword|keyword_refund|1"))
        XCTAssertTrue(lfs[1]["fingerprint"] is NSNull)
        XCTAssertEqual(lfs.map { $0["in_task"] as? Bool }, [true, false, false])
        XCTAssertEqual(lfs.map { $0["stale_fingerprints"] as? Int }, [1, 2, 1])
    }

    func testSizes() {
        XCTAssertEqual(VoteCacheStatistics.size(512), "512 bytes")
        XCTAssertEqual(VoteCacheStatistics.size(2048), "2.0 KiB")
        XCTAssertEqual(VoteCacheStatistics.size(5 * 1_073_741_824), "5.0 GiB")
    }

    func testClearingSummary() {
        let result = VoteCacheClearing.Result(path: "votes.sqlite", removed: [
            .init(fingerprint: "a1", name: "keyword_refund", outcomes: 440), .init(fingerprint: "a2", name: "keyword_refund", outcomes: 440),
            .init(fingerprint: "b", name: "regex_invoice", outcomes: 1),
        ])
        XCTAssertEqual(result.text, "removed 881 votes of 2 LFs from votes.sqlite: keyword_refund 880, regex_invoice 1")
        XCTAssertEqual(VoteCacheClearing.Result(path: "votes.sqlite", removed: []).text, "removed no votes from votes.sqlite: nothing matched")
    }
}
