import ArgumentParser
import WSLabeling

/// The `wslabel` command line, as a library so that a user's own package can ship the same
/// tool with its own labeling functions:
///
/// ```swift
/// // Sources/my-labeler/main.swift
/// import WSLabelCLI
/// WSLabelCommand.main(catalogs: ["my_lfs": MyLFs.all])
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
    public static func main(catalogs: [String: [any LabelingFunction]]) {
        LFCatalogRegistry.shared.register(catalogs)
        main()
    }

    public static let configuration = CommandConfiguration(
        commandName: "wslabel",
        abstract: "Weak supervision: turn labeling-function votes into probabilistic labels.",
        discussion: """
            wslabel fits a label model to the votes of your labeling functions (LFs) without gold \
            labels and writes one probability distribution over the classes per item.

            A task file (wslabel.yaml, or --config FILE) names the labels, the data, the LFs and \
            the settings; task-file keys: docs/task-file.md.

            Start with:
              wslabel fit --wrench path/to/wrench/youtube
              wslabel fit --config examples/youtube-spam/wslabel.yaml
            """,
        subcommands: [Fit.self, Train.self, Classify.self, Report.self, Inspect.self, Evaluate.self, Apply.self, Cost.self, Review.self, Predict.self, MergeCounts.self, Synthesize.self, Cache.self]
    )
}
