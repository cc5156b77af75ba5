import ArgumentParser
import Foundation
import WSLabeling

/// The `wslabel` command line, as a library so that a user's own package can ship the same
/// tool with its own labeling functions, under its own name:
///
/// ```swift
/// // Sources/my-labeler/main.swift
/// import WSLabelCLI
/// WSLabelCommand.main(commandName: "my-labeler", catalogs: ["my_lfs": MyLFs.all])
///
/// // Sources/my-labeler/MyLFs.swift
/// import WSLabeling
/// enum MyLFs {
///     @LFCatalogBuilder static var all: [any LabelingFunction] {
///         KeywordLF("keyword_free", keywords: ["free"], label: "SPAM", matching: .wholeWord)
///         HeuristicLF("shouting", labels: ["SPAM"]) { $0.text == $0.text.uppercased() ? "SPAM" : nil }
///     }
/// }
/// ```
///
/// `examples/custom-lfs-package` is such a package.
public struct WSLabelCommand: ParsableCommand {
    public init() {}

    /// Runs the tool with the given Swift LF catalogs available to task files by name.
    ///
    /// The tool calls itself `commandName` in its usage lines, help texts (`my-labeler fit
    /// --wrench …`) and log lines (`my-labeler: reading task …`); task files, caches and output
    /// formats are wslabel's whatever the name.
    /// - Parameters:
    ///   - commandName: the tool's name (default: the name of the running executable).
    ///   - catalogs: Swift LF catalogs by the name task files give them (`labeling_functions.swift`).
    public static func main(commandName: String? = nil, catalogs: [String: [any LabelingFunction]]) -> Never {
        ToolName.current = commandName ?? ToolName.executable
        LFCatalogRegistry.shared.register(catalogs)
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(ExitCode.success.rawValue)
        } catch {
            // As ArgumentParser's own main: help on stdout, errors on stderr, its exit codes.
            let code = exitCode(for: error)
            let text = printedMessage(for: error)
            if !text.isEmpty {
                FileHandle(fileDescriptor: code == .success ? STDOUT_FILENO : STDERR_FILENO).write(Data((text + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// What the tool prints for `error` (a help request, a usage error) with the tool called
    /// by its name throughout: the subcommands' help texts are written saying `wslabel`.
    static func printedMessage(for error: any Error) -> String {
        ToolName.named(fullMessage(for: error))
    }

    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: ToolName.current,
            abstract: "Weak supervision: turn labeling-function votes into probabilistic labels.",
            discussion: ToolName.named("""
                wslabel fits a label model to the votes of your labeling functions (LFs) without gold \
                labels and writes one probability distribution over the classes per item.

                A task file (wslabel.yaml, or --config FILE) names the labels, the data, the LFs and \
                the settings; task-file keys: docs/task-file.md.

                Start with:
                  wslabel fit --wrench path/to/wrench/youtube
                  wslabel fit --config examples/youtube-spam/wslabel.yaml
                """),
            subcommands: [Fit.self, Train.self, Classify.self, Report.self, Inspect.self, Evaluate.self, Apply.self, Cost.self, Review.self,
                          Predict.self, MergeCounts.self, Synthesize.self, Cache.self]
        )
    }
}
