import Foundation
import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

/// The labels writer formats rows as bytes in parallel blocks; its JSON Lines must stay the
/// bytes the JSON tree wrote before (``oracle``), at every thread count, and its `.npy` output
/// must read back as the same probabilities, ids and splits.
final class ProbabilisticLabelsWriterTests: XCTestCase {
    /// The writer as it was: one ``JSONValue`` object per line. Kept as the test oracle.
    private func oracle(_ results: [LabelingRun.SplitResult], labelNames: [String]) -> String {
        var output = ""
        for result in results {
            for (row, id) in result.ids.enumerated() {
                let label = result.predictions[row]
                let distribution = result.probabilities[row]
                JSONValue.object([
                    ("id", .string(id)),
                    ("split", .string(result.name)),
                    ("label", label == VoteMatrix.abstain ? .null : .string(labelNames[label])),
                    ("probabilities", .object(zip(labelNames, distribution).map { ($0, .number($1)) })),
                    ("confidence", .number(distribution.max() ?? 0)),
                ]).write(to: &output)
                output += "\n"
            }
        }
        return output
    }

    /// Values whose text is easy to get wrong: integers, negative zero, the smallest and largest
    /// magnitudes, the switch to exponents (1e-4 / 1e-5, 1e15 / 1e16), 17-digit values, NaN.
    private let trickyValues: [Double] = [
        0, 1, -0.0, 0.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.0001, 0.00001, 1e-7, 3.2e-07, 0.9999999999999999,
        5e-324, 2.2250738585072014e-308, 1e-300, 123456789.5, 1e15 - 1, 1e15, 1e15 + 0.5, 1e16, 9.007199254740993e15,
        .greatestFiniteMagnitude, -1.5, .nan, .infinity, -.infinity, 0.08302844864706195, 0.9169715513529381,
    ]

    /// Three splits (one empty) of rows with tricky ids, tricky and random probabilities, and
    /// abstained labels.
    private func sampleResults(classCount: Int, rowsPerSplit: Int, seed: UInt64) -> ([LabelingRun.SplitResult], [String]) {
        var generator = SplitMix64(seed: seed)
        let labelNames = ["HAM", "SPAM \"quoted\"", "é\tü\u{1}", "L3", "L4"].prefix(classCount).map { $0 }
        let trickyIDs = ["", "plain", "with \"quote\"", "back\\slash", "line\nbreak", "tab\tcr\r", "\u{0}\u{1F}\u{7F}", "é😀",
                         "\u{2028}", String(repeating: "long", count: 40)]
        var results: [LabelingRun.SplitResult] = []
        for (index, name) in ["train", "empty", "va\"lid\n"].enumerated() {
            let rows = name == "empty" ? 0 : rowsPerSplit
            var values: [Double] = []
            var predictions: [Int] = []
            var ids: [String] = []
            for row in 0..<rows {
                for column in 0..<classCount {
                    let pick = Int(generator.next() % 4)
                    let value = pick == 0 ? trickyValues[(row + column + index) % trickyValues.count]
                        : pick == 1 ? Double(generator.next() >> 11) / Double(1 << 53)
                        : pick == 2 ? Double(generator.next() % 1000) / 1000
                        : Double(bitPattern: generator.next() & 0x3FEF_FFFF_FFFF_FFFF)
                    values.append(value)
                }
                predictions.append(Int(generator.next() % UInt64(classCount + 1)) - 1)
                ids.append(row < trickyIDs.count ? trickyIDs[row] : "\(name)-\(row)")
            }
            results.append(LabelingRun.SplitResult(
                name: name, ids: ids, probabilities: ProbabilisticLabels(classCount: classCount, values: values), predictions: predictions))
        }
        return (results, labelNames)
    }

    func testJSONLinesAreTheJSONTreesBytesAtEveryThreadCount() throws {
        let folder = try temporaryDirectory(self)
        for (classCount, rows) in [(2, 9_000), (3, 5_000), (5, 1_000)] {
            let (results, labelNames) = sampleResults(classCount: classCount, rowsPerSplit: rows, seed: UInt64(classCount))
            let expected = oracle(results, labelNames: labelNames)
            XCTAssertEqual(ProbabilisticLabelsWriter.jsonLines(results, labelNames: labelNames), expected, "\(classCount) classes")
            for threads in [1, 2, 7] {
                let url = folder.appendingPathComponent("labels-\(classCount)-\(threads).jsonl")
                try ProbabilisticLabelsWriter.write(results, labelNames: labelNames, to: url, threads: threads)
                XCTAssertEqual(try Data(contentsOf: url), Data(expected.utf8), "\(classCount) classes, \(threads) threads")
            }
        }
    }

    /// The format itself, written out: keys in order, integers without a fraction, shortest
    /// round-trip doubles, escapes, `null` for an abstained label and a non-finite number.
    func testJSONLinesFormat() {
        let result = LabelingRun.SplitResult(
            name: "train", ids: ["17", "a\"b\n"],
            probabilities: ProbabilisticLabels(classCount: 2, values: [0.08, 0.92, 1, 0, ]),
            predictions: [1, -1])
        let other = LabelingRun.SplitResult(
            name: "test", ids: ["x"], probabilities: ProbabilisticLabels(classCount: 2, values: [3.2e-07, .nan]), predictions: [0])
        XCTAssertEqual(ProbabilisticLabelsWriter.jsonLines([result, other], labelNames: ["HAM", "SPAM"]), """
            {"id":"17","split":"train","label":"SPAM","probabilities":{"HAM":0.08,"SPAM":0.92},"confidence":0.92}
            {"id":"a\\"b\\n","split":"train","label":null,"probabilities":{"HAM":1,"SPAM":0},"confidence":1}
            {"id":"x","split":"test","label":"HAM","probabilities":{"HAM":3.2e-07,"SPAM":null},"confidence":3.2e-07}

            """)
    }

    func testNPYLabelsReadBackWithIdsAndSplits() throws {
        let folder = try temporaryDirectory(self)
        let (results, labelNames) = sampleResults(classCount: 3, rowsPerSplit: 5_000, seed: 9)
        let url = folder.appendingPathComponent("labels.npy")
        XCTAssertEqual(ProbabilisticLabelsWriter.files(for: url).map(\.lastPathComponent), ["labels.npy", "labels.ids.txt", "labels.splits.txt"])
        try ProbabilisticLabelsWriter.write(results, labelNames: labelNames, to: url, threads: 2)

        let bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(Array(bytes[0..<8]), [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0, "NumPy pads the header to 64 bytes")
        let header = String(decoding: bytes[10..<10 + headerLength], as: UTF8.self)
        XCTAssertEqual(header.trimmingCharacters(in: .whitespacesAndNewlines), "{'descr': '<f8', 'fortran_order': False, 'shape': (10000, 3), }")
        let expected = results.flatMap(\.probabilities.values)
        let values = bytes[(10 + headerLength)...].withUnsafeBytes { raw in
            (0..<raw.count / 8).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
        XCTAssertEqual(values.count, expected.count)
        XCTAssertTrue(zip(values, expected).allSatisfy { $0.bitPattern == $1.bitPattern }, "every value bit for bit")

        func lines(_ name: String) throws -> [String] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
                var parser = JSONParser(bytes: Array(line.utf8))
                guard case let .string(value) = try parser.parseDocument() else { throw WSLabelError.invalidArgument("not a string: \(line)") }
                return value
            }
        }
        XCTAssertEqual(try lines("labels.ids.txt"), results.flatMap(\.ids))
        XCTAssertEqual(try lines("labels.splits.txt"), results.flatMap { Array(repeating: $0.name, count: $0.ids.count) })
    }

    func testNPYNeedsAsManyClassesAsLabelNames() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("labels.npy")
        let (results, _) = sampleResults(classCount: 2, rowsPerSplit: 3, seed: 1)
        XCTAssertThrowsError(try ProbabilisticLabelsWriter.write(results, labelNames: ["A", "B", "C"], to: url)) { error in
            XCTAssertEqual(error.localizedDescription, "split train has 2 classes of probabilities, not the 3 of the label names")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    /// A streamed write that fails half-way leaves the old file whole and no temporary behind.
    func testAStreamedWriteThatThrowsLeavesTheOldFile() throws {
        let folder = try temporaryDirectory(self)
        let url = folder.appendingPathComponent("out.txt")
        try AtomicFile.write(Data("old\n".utf8), to: url)
        struct Stop: Error {}
        XCTAssertThrowsError(try AtomicFile.write(to: url) { write in
            try Array("new, half".utf8).withUnsafeBytes(write)
            throw Stop()
        }) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "old\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.txt"])
        try AtomicFile.write(to: url) { write in
            for piece in ["a", "bc", "", "d\n"] { try Array(piece.utf8).withUnsafeBytes(write) }
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "abcd\n")
    }
}
