import Foundation
import XCTest

/// The bundled example task `examples/support-tickets`, copied for a test that runs it.
///
/// The copy keeps the repository's relative layout (the task file, its data, and the LF files
/// it names by `../../labeling_functions/support_tickets`), so the task file needs no edit:
/// run from the copy's root, its paths resolve inside the copy, and its outputs and vote cache
/// (`examples/output/support-tickets/`) are written there, never into the repository.
public enum SupportTicketsExample {
    /// The task file, relative to the copy's root: what a command run in the root passes to
    /// `--config`, so no absolute temporary path reaches the outputs.
    public static let taskFile = "examples/support-tickets/wslabel.yaml"

    /// The task file with the LLM-prompt LF, answered from the recorded ledger beside it.
    public static let llmTaskFile = "examples/support-tickets/wslabel-llm.yaml"

    /// What the tasks read, relative to the package root.
    static let files = ["examples/support-tickets/wslabel.yaml", "examples/support-tickets/wslabel-llm.yaml",
                        "examples/support-tickets/llm-ledger.sqlite", "examples/support-tickets/data",
                        "labeling_functions/support_tickets", "labeling_functions/support_tickets_llm"]

    /// Copies the task, its data and its LF files into a new temporary folder (removed when the
    /// test ends) and returns that folder: the root to run `wslabel` in.
    /// - Throws: when a file cannot be copied.
    public static func copy(for testCase: XCTestCase) throws -> URL {
        let root = try temporaryDirectory(testCase)
        for path in files {
            let target = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: SharedData.packageRoot.appendingPathComponent(path), to: target)
        }
        return root
    }

    /// A task file in `folder` over the example's data and rule LF files (read in place; the
    /// vote cache goes to `folder`), its dev split the example's dev file or, with
    /// `devSampledFromTrain`, a sample of that many train items.
    public static func ruleTask(in folder: URL, devSampledFromTrain: Int? = nil) throws -> URL {
        let root = SharedData.packageRoot
        let data = root.appendingPathComponent("examples/support-tickets/data")
        let dev = devSampledFromTrain.map { "{sample_of: train, size: \($0), seed: 0}" } ?? data.appendingPathComponent("dev.jsonl").path
        let yaml = """
            labels: [BILLING, TECHNICAL, ACCOUNT]
            data:
              id: id
              text: text
              gold: label
              splits:
                train: \(data.appendingPathComponent("train.jsonl").path)
                dev: \(dev)
                test: \(data.appendingPathComponent("test.jsonl").path)
            labeling_functions:
              files: [\(root.appendingPathComponent("labeling_functions/support_tickets").path)]
            model:
              dev_split: dev
              seed: 0
            output:
              cache: \(folder.appendingPathComponent("votes.sqlite").path)
            """
        let url = folder.appendingPathComponent("wslabel.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
