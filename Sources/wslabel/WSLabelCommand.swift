import ArgumentParser

@main
struct WSLabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wslabel",
        abstract: "Weak supervision: turn labeling-function votes into probabilistic labels.",
        discussion: """
            wslabel fits a label model to the votes of your labeling functions (LFs) without gold \
            labels and writes one probability distribution over the classes per item.

            Start with:
              wslabel fit --wrench path/to/wrench/youtube
            """,
        subcommands: [Fit.self, Predict.self, Synthesize.self]
    )
}
