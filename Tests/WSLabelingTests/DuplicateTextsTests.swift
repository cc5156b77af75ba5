import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// Texts a split shares with an earlier split: counted once per pair of splits, with the first
/// such item and its twin; repeats within a split are not counted.
final class DuplicateTextsTests: XCTestCase {
    private func split(_ name: String, _ texts: [String]) -> (name: String, ids: [String], textHashes: [UInt64]) {
        (name, texts.indices.map { "\(name)-\($0)" }, texts.map(TextHash.hash))
    }

    func testEachLaterSplitIsComparedWithEachEarlierOne() {
        let found = DuplicateTexts.find(in: [
            split("train", ["a", "b", "c", "a"]),  // "a" twice in train: not counted
            split("dev", ["x", "a"]),
            split("test", ["y", "b", "a", "b", "c"]),
        ])
        XCTAssertEqual(found, [
            DuplicateTexts(split: "dev", otherSplit: "train", count: 1, firstID: "dev-1", otherID: "train-0"),
            DuplicateTexts(split: "test", otherSplit: "train", count: 4, firstID: "test-1", otherID: "train-1"),
            DuplicateTexts(split: "test", otherSplit: "dev", count: 1, firstID: "test-2", otherID: "dev-1"),
        ])
        XCTAssertEqual(found[1].description, "4 test items have the same text as a train item (first: id test-1 = train id train-1)")
        XCTAssertEqual(found[0].description, "1 dev item has the same text as a train item (first: id dev-1 = train id train-0)")
        XCTAssertEqual(DuplicateTexts(split: "test", otherSplit: "eval", count: 2, firstID: "1", otherID: "2").description,
                       "2 test items have the same text as an eval item (first: id 1 = eval id 2)")
    }

    func testSplitsThatShareNoTextGiveNothing() {
        XCTAssertEqual(DuplicateTexts.find(in: [split("train", ["a", "a", "b"]), split("test", ["A", "a ", "c"])]), [])
        XCTAssertEqual(DuplicateTexts.find(in: [split("train", ["a"])]), [])
        XCTAssertEqual(DuplicateTexts.find(in: []), [])
    }

    /// A task whose test split shares 3 texts with train (one of them escaped differently in
    /// JSON): `TaskApplication` reports 3, fresh (texts hashed from the records' bytes) and from
    /// the vote cache (hashed from the items); with its own texts, nothing. A dev split sampled
    /// from train is not compared: its items are train's.
    func testATaskReportsTheTextsItsSplitsShare() throws {
        let folder = try temporaryDirectory(self)
        func write(_ name: String, _ texts: [String]) throws {
            let lines = texts.map { #"{"text": "\#($0)", "label": "ham"}"# + "\n" }
            try lines.joined().write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("train.jsonl", ["café time", "see you", "free money", "see you", "ok"])
        try write("test.jsonl", ["new", "ok", "caf\\u00e9 time", "free money", "another"])
        try "labeling_functions:\n  - {name: money, kind: keyword, keywords: [money], label: spam}\n"
            .write(to: folder.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        let taskFile = folder.appendingPathComponent("wslabel.yaml")
        try """
            labels: [ham, spam]
            data:
              gold: label
              splits: {train: train.jsonl, dev: {sample_of: train, size: 2}, test: test.jsonl}
            labeling_functions: {files: [lfs.yaml]}
            """.write(to: taskFile, atomically: true, encoding: .utf8)
        let expected = [DuplicateTexts(split: "test", otherSplit: "train", count: 3, firstID: "test.jsonl:2", otherID: "train.jsonl:5")]
        for (run, useCache) in [("no cache", false), ("cold cache", true), ("warm cache", true)] {
            let applied = try TaskApplication(task: TaskFile(contentsOf: taskFile), useCache: useCache)
            XCTAssertEqual(applied.duplicateTexts, expected, run)
        }

        try write("test.jsonl", ["new", "okay", "see you later"])
        XCTAssertEqual(try TaskApplication(task: TaskFile(contentsOf: taskFile), useCache: false).duplicateTexts, [])
    }
}
