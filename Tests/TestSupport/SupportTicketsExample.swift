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
}
