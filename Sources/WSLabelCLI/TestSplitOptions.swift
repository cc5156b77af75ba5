import ArgumentParser
import WSLabelPipeline

/// `--hide-test` and `--show-test`: whether a command hides the test splits' scores, over the
/// task file's `evaluation.hide_test` — shared by the commands that score splits.
struct TestSplitOptions: ParsableArguments {
    enum Choice: String, EnumerableFlag {
        case hideTest, showTest

        static func help(for value: Choice) -> ArgumentHelp? {
            switch value {
            case .hideTest:
                return "Hide every score of the test split (evaluation.test_split, default test) while you write LFs: it is still labeled, its scores are left out (`wslabel evaluate` shows them). Overrides the task file's evaluation.hide_test."
            case .showTest:
                return "Show the test split's scores even when the task file's evaluation.hide_test hides them."
            }
        }
    }

    @Flag var testScores: Choice?

    /// What the flags choose; without them, the task file decides.
    var choices: TestSplitChoices { TestSplitChoices(hideTest: testScores.map { $0 == .hideTest }) }
}
