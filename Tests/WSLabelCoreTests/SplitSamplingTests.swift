import XCTest
import WSLabelCore

final class SplitSamplingTests: XCTestCase {
    private func split(rows: Int) throws -> LabeledSplit {
        // Every third item has no gold label; votes encode the row number so rows can be traced.
        let dense = (0..<rows).map { [$0 % 2, ($0 / 2) % 2] }
        return LabeledSplit(name: "train", ids: (0..<rows).map { "item\($0)" },
                            votes: try VoteMatrix(denseRows: dense, classCount: 2),
                            gold: (0..<rows).map { $0 % 3 == 2 ? nil : $0 % 2 })
    }

    func testDrawsLabeledItemsInSourceOrderWithTheirVotes() throws {
        let train = try split(rows: 300)
        let dev = try train.sampleOfLabeledItems(named: "dev", size: 50, seed: 1)
        XCTAssertEqual(dev.name, "dev")
        XCTAssertEqual(dev.ids.count, 50)
        XCTAssertEqual(Set(dev.ids).count, 50, "drawn without replacement")
        XCTAssertEqual(dev.goldCount, 50, "only items with gold labels")
        let rows = dev.ids.map { Int($0.dropFirst(4))! }
        XCTAssertEqual(rows, rows.sorted(), "source order is kept")
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(dev.votes.denseRow(index), train.votes.denseRow(row))
            XCTAssertEqual(dev.gold[index], train.gold[row])
        }
    }

    func testTheSeedAloneDecidesTheSample() throws {
        let train = try split(rows: 300)
        let first = try train.sampleOfLabeledItems(named: "dev", size: 40, seed: 5)
        XCTAssertEqual(first.ids, try train.sampleOfLabeledItems(named: "dev", size: 40, seed: 5).ids)
        XCTAssertNotEqual(first.ids, try train.sampleOfLabeledItems(named: "dev", size: 40, seed: 6).ids)
        // Sampling every labeled item returns all of them, whatever the seed.
        XCTAssertEqual(try train.sampleOfLabeledItems(named: "dev", size: 200, seed: 9).ids.count, 200)
    }

    func testTooFewLabeledItemsIsAnError() throws {
        let train = try split(rows: 30)
        XCTAssertThrowsError(try train.sampleOfLabeledItems(named: "dev", size: 21, seed: 0)) { error in
            XCTAssertTrue(error.localizedDescription.contains("20 items with gold labels"), error.localizedDescription)
        }
    }
}
