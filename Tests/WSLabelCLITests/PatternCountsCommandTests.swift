import Foundation
import TestSupport
import XCTest

/// The streaming building blocks a batch engine runs per partition, end to end on the bundled
/// example: `apply --stdin` to pattern counts, `merge-counts`, `fit --pattern-counts`, and
/// `predict --stdin`, each equal to the single-process run.
final class PatternCountsCommandTests: XCTestCase {
    /// Runs `wslabel` in `folder` with `arguments`, standard input read from `input`.
    private func run(_ arguments: [String], stdin input: URL, in folder: URL) throws -> CLIRunner.Output {
        try CLIRunner.run(arguments, currentDirectory: folder, standardInput: input)
    }

    func testPartitionsThroughStandardInputGiveTheSingleRunsCountsModelAndLabels() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let task = SupportTicketsExample.taskFile
        let data = root.appendingPathComponent("examples/support-tickets/data")
        let out = root.appendingPathComponent("out")
        // The single run: every split's counts, the model and the labels.
        let applied = try CLIRunner.run(["apply", "--config", task, "--output-dir", "out/whole", "--format", "pattern-counts"], currentDirectory: root)
        XCTAssertEqual(applied.status, 0, applied.stderr)
        let fitted = try CLIRunner.run(["fit", "--config", task, "--output", "out/labels.jsonl", "--save-model", "out/model.json"], currentDirectory: root)
        XCTAssertEqual(fitted.status, 0, fitted.stderr)

        // Train in two partitions piped through `apply --stdin`, merged in order.
        let lines = try String(contentsOf: data.appendingPathComponent("train.jsonl"), encoding: .utf8).split(separator: "\n")
        for (index, part) in [lines[..<150], lines[150...]].enumerated() {
            let file = out.appendingPathComponent("part-\(index).jsonl")
            try (part.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            let piped = try run(["apply", "--config", task, "--stdin", "--split", "train", "--format", "pattern-counts", "--output", "-"],
                                stdin: file, in: root)
            XCTAssertEqual(piped.status, 0, piped.stderr)
            try piped.stdout.write(to: out.appendingPathComponent("part-\(index).counts"), atomically: true, encoding: .utf8)
        }
        let merged = try CLIRunner.run(["merge-counts", "out/part-0.counts", "out/part-1.counts", "--output", "out/train.counts"], currentDirectory: root)
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("train.counts")),
                       try Data(contentsOf: out.appendingPathComponent("whole/train.counts")))

        // The model from the counts, with the dev split's counts and the task's model settings.
        let counted = try CLIRunner.run(["fit", "--pattern-counts", "out/train.counts", "--dev-pattern-counts", "out/whole/dev.counts",
                                         "--config", task, "--save-model", "out/model-counts.json"], currentDirectory: root)
        XCTAssertEqual(counted.status, 0, counted.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("model-counts.json")),
                       try Data(contentsOf: out.appendingPathComponent("model.json")))

        // Labels of the test items streamed through `predict --stdin`.
        let predicted = try run(["predict", "--model-file", "out/model-counts.json", "--config", task, "--stdin", "--split", "test"],
                                stdin: data.appendingPathComponent("test.jsonl"), in: root)
        XCTAssertEqual(predicted.status, 0, predicted.stderr)
        let single = try String(contentsOf: out.appendingPathComponent("labels.jsonl"), encoding: .utf8)
            .split(separator: "\n").filter { $0.contains(#""split":"test""#) }
        XCTAssertEqual(predicted.stdout.split(separator: "\n"), single)
        XCTAssertEqual(single.count, 80)
    }

    func testMismatchedShardsAndMisusedOptionsAreRefused() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let task = SupportTicketsExample.taskFile
        XCTAssertEqual(try CLIRunner.run(["apply", "--config", task, "--output-dir", "a", "--format", "pattern-counts"], currentDirectory: root).status, 0)
        let other = #"{"format":"wslabel-pattern-counts","version":1,"split":"train","labels":["X","Y"],"lfs":["z"]}"# + "\n1\t-\t0:1\n"
        try other.write(to: root.appendingPathComponent("other.counts"), atomically: true, encoding: .utf8)
        let mixed = try CLIRunner.run(["merge-counts", "a/train.counts", "other.counts", "--output", "m.counts"], currentDirectory: root)
        XCTAssertEqual(mixed.status, 64)
        XCTAssertTrue(mixed.stderr.contains("other.counts: pattern counts of different tasks"), mixed.stderr)
        let labels = try CLIRunner.run(["fit", "--pattern-counts", "a/train.counts", "--output", "l.jsonl"], currentDirectory: root)
        XCTAssertNotEqual(labels.status, 0)
        XCTAssertTrue(labels.stderr.contains("pattern counts hold no items to label"), labels.stderr)
        let npy = try CLIRunner.run(["apply", "--config", task, "--stdin", "--format", "npy", "--output", "-"], currentDirectory: root)
        XCTAssertNotEqual(npy.status, 0)
        XCTAssertTrue(npy.stderr.contains("--stdin writes --format csv or pattern-counts"), npy.stderr)
    }
}
