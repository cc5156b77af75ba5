import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import XCTest

/// Property-based round trips of the writers: values drawn at random from a fixed seed (so
/// every run draws the same cases, and a failure names its case) are written with wslabel's
/// writer and read back with its reader, and must come back equal. The fuzz targets of
/// `scripts/fuzz.sh` check the same property from the other side, starting from hostile bytes.
final class WriterRoundTripPropertyTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryDirectory(self)
    }

    func testVoteMatrixCSVRoundTrips() throws {
        var random = SplitMix64(seed: 1)
        let url = folder.appendingPathComponent("votes.csv")
        for index in 0..<500 {
            let hasIDs = random.chance(0.5), hasNames = random.chance(0.5)
            // A file holds at least one field per record and one record, which a header counts as.
            let votes = random.voteMatrix(rows: hasIDs || hasNames ? 0...8 : 1...8, lfs: hasIDs ? 0...6 : 1...6)
            let ids = hasIDs ? random.distinctTexts(votes.rowCount) : nil
            // Without ids, a header with an LF named `id` would read back as an id column (the
            // reader's documented inference); distinctTexts never draws that name.
            let names = hasNames ? random.distinctTexts(votes.lfCount) : nil
            let file = try CSVVotes(votes: votes, ids: ids, lfNames: names)
            try file.writeCSV(to: url)
            let read = try CSVVotes(csvFile: url, classCount: votes.classCount, hasHeader: hasIDs || hasNames, idColumn: hasIDs ? 0 : nil)
            // Ids without names get the names `lf_0`, `lf_1`, ... in the header.
            let expected = try CSVVotes(votes: votes, ids: ids, lfNames: names ?? ids.map { _ in (0..<votes.lfCount).map { "lf_\($0)" } })
            XCTAssertEqual(read, expected, "case \(index)")
        }
    }

    func testVoteMatrixNPYRoundTripsInEveryDtypeThatFits() throws {
        var random = SplitMix64(seed: 2)
        let url = folder.appendingPathComponent("votes.npy")
        for index in 0..<300 {
            // Rows need LF columns: shape (n, 0) holds no votes, and the writer refuses it.
            let votes = random.voteMatrix(rows: 0...8, lfs: 1...6)
            try votes.writeNPY(to: url)
            XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: votes.classCount), votes, "case \(index), default dtype")
            for dtype in NPYIntegerType.allCases where votes.classCount - 1 <= dtype.maxValue {
                try votes.writeNPY(to: url, dtype: dtype)
                XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: votes.classCount), votes, "case \(index), \(dtype)")
            }
        }
    }

    func testJSONValuesRoundTripThroughTheirText() throws {
        var random = SplitMix64(seed: 3)
        for index in 0..<2000 {
            let value = random.jsonValue(depth: 4)
            let text = value.serialized
            var parser = JSONParser(bytes: Array(text.utf8))
            let parsed = try parser.parseDocument()
            XCTAssertEqual(parsed, value, "case \(index): \(text)")
            XCTAssertEqual(parsed.serialized, text, "case \(index)")
        }
    }

    func testWrenchFoldersRoundTrip() throws {
        var random = SplitMix64(seed: 4)
        for index in 0..<200 {
            let directory = folder.appendingPathComponent("wrench-\(index)")
            let labelNames = random.distinctTexts(Int.random(in: 2...5, using: &random))
            let lfCount = Int.random(in: 0...5, using: &random)
            // train has a row: an empty one would not tell the reader the LF count (the format has
            // no field for it), so the other splits' rows could not be checked against it.
            let splits = WrenchDataset.splitNames.filter { $0 == "train" || random.chance(0.5) }.map { name in
                let votes = random.voteMatrix(rows: name == "train" ? 1...6 : 0...6, lfs: lfCount...lfCount, classCount: labelNames.count)
                let gold = (0..<votes.rowCount).map { _ in random.chance(0.3) ? nil : Int.random(in: 0..<labelNames.count, using: &random) }
                return LabeledSplit(name: name, ids: random.distinctTexts(votes.rowCount), votes: votes, gold: gold)
            }
            try WrenchDataset.write(labelNames: labelNames, splits: splits, to: directory)
            let read = try WrenchDataset(directory: directory)
            XCTAssertEqual(read.labelNames, labelNames, "case \(index)")
            XCTAssertEqual(read.splits.map(\.name), splits.map(\.name), "case \(index)")
            for (split, written) in zip(read.splits, splits) {
                XCTAssertEqual(split.ids, written.ids, "case \(index), \(split.name)")
                XCTAssertEqual(split.votes, written.votes, "case \(index), \(split.name)")
                XCTAssertEqual(split.gold, written.gold, "case \(index), \(split.name)")
            }
        }
    }

    func testSavedModelsRoundTrip() throws {
        var random = SplitMix64(seed: 5)
        let url = folder.appendingPathComponent("model.json")
        for index in 0..<40 {
            let classCount = Int.random(in: 2...4, using: &random)
            let votes = random.voteMatrix(rows: 20...40, lfs: 1...4, classCount: classCount)
            let names = random.distinctTexts(classCount)
            let options = random.chance(0.5) ? EMOptions(maxIterations: 20)
                : EMOptions(tables: .full, classBalance: .estimated, abstainWeight: 1, maxIterations: 20)
            let model: any LabelModel = random.chance(0.25)
                ? MajorityVote(lfCount: votes.lfCount, classCount: classCount)
                : try GenerativeLabelModel.fit(votes, options: options, threads: 1)
            try SavedLabelModel(model: model, labelNames: names).save(to: url)
            let loaded = try SavedLabelModel.load(from: url)
            XCTAssertEqual(loaded.labelNames, names, "case \(index)")
            XCTAssertEqual(loaded.lfCount, votes.lfCount, "case \(index)")
            XCTAssertEqual(loaded.generative, model as? GenerativeLabelModel, "case \(index)")
            XCTAssertEqual(try loaded.labelModel.predictProbabilities(votes), try model.predictProbabilities(votes), "case \(index)")
        }
    }
}

/// Random values for the round trips, drawn from the seeded generator.
private extension SplitMix64 {
    mutating func chance(_ probability: Double) -> Bool { nextUnitDouble() < probability }

    /// Class counts are mostly small, sometimes the most a matrix holds; a third of the votes
    /// abstain.
    mutating func voteMatrix(rows: ClosedRange<Int>, lfs: ClosedRange<Int>, classCount: Int? = nil) -> VoteMatrix {
        let classes = classCount ?? (chance(0.8) ? Int.random(in: 2...5, using: &self) : Int.random(in: 2...VoteMatrix.maxClassCount, using: &self))
        let width = Int.random(in: lfs, using: &self)
        let dense = (0..<Int.random(in: rows, using: &self)).map { _ in
            (0..<width).map { _ in chance(1.0 / 3) ? VoteMatrix.abstain : Int.random(in: 0..<classes, using: &self) }
        }
        // The shape is in range and every vote below `classes`.
        return try! VoteMatrix(denseRows: dense, classCount: classes, lfCount: width)
    }

    /// `count` distinct, non-empty texts of up to 8 characters, drawn from ASCII, characters
    /// CSV and JSON must quote or escape, and Unicode edge cases (a byte order mark, combining
    /// marks alone and after a letter, a line separator, an emoji, the replacement character);
    /// never `id` in any case
    /// (which a CSV header without ids would take as the id column) or `lf_<n>`.
    mutating func distinctTexts(_ count: Int) -> [String] {
        var texts: [String] = []
        var seen: Set<String> = []
        while texts.count < count {
            let text = self.text(length: 1...8) + (chance(0.5) ? "" : String(texts.count))
            let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
            // Blank names are not class names (ClassNames); "id" and lf_N are CSV vote columns' own.
            guard !text.allSatisfy(\.isWhitespace), trimmed != "id", !trimmed.hasPrefix("lf_"), seen.insert(text).inserted else { continue }
            texts.append(text)
        }
        return texts
    }

    private static let alphabet: [Character] = Array("aZ09 _-,\"'\\/\n\r\t{}[]:#") + ["\u{0}", "\u{1F}", "\u{7F}", "é", "e\u{301}", "\u{301}", "\u{FEFF}", "\u{2028}", "🎉", "\u{FFFD}", "中"]

    mutating func text(length: ClosedRange<Int>) -> String {
        String((0..<Int.random(in: length, using: &self)).map { _ in Self.alphabet.randomElement(using: &self)! })
    }

    /// Numbers are small integers, integers near the 2^53 and 10^15 boundaries, or any finite
    /// double (subnormals too); object keys may repeat, as JSON allows.
    mutating func jsonValue(depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &self) {
        case 0: return .null
        case 1: return .bool(chance(0.5))
        case 2: return .string(text(length: 0...8))
        case 3:
            switch Int.random(in: 0..<3, using: &self) {
            case 0: return .number(Double(Int.random(in: -1000...1000, using: &self)))
            case 1: return .number(Double(Int.random(in: -3...3, using: &self)) + (chance(0.5) ? 9_007_199_254_740_992 : 1e15))
            default:
                var number = Double(bitPattern: next())
                while !number.isFinite { number = Double(bitPattern: next()) }
                return .number(number)
            }
        case 4: return .number(nextUnitDouble())
        case 5: return .array((0..<Int.random(in: 0...4, using: &self)).map { _ in jsonValue(depth: depth - 1) })
        default:
            return .object((0..<Int.random(in: 0...4, using: &self)).map { _ in (text(length: 0...3), jsonValue(depth: depth - 1)) })
        }
    }
}
