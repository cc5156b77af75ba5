import WSLabelCore
import WSLabeling

/// Whether a job hides the test splits' scores: the caller's choice (`--hide-test`,
/// `--show-test`) over the task file's `evaluation.hide_test`, else shown.
///
/// A hidden split is still labeled; the job drops its gold labels before the fit (which never
/// reads them: the model is fit on train's votes, the variant chosen on the dev split), so no
/// report, summary or end-model score can be computed from them. The job's result names the
/// hidden splits so that outputs say their scores are hidden rather than missing;
/// `wslabel evaluate` (``EvaluationJob``) shows them.
///
/// ```swift
/// var job = LabelingJob(input: .task(URL(fileURLWithPath: "wslabel.yaml")))
/// job.testSplit = TestSplitChoices(hideTest: true)
/// let result = try job.run()
/// result.hiddenSplits                                          // ["test"]
/// result.run.results.first { $0.name == "test" }?.metrics      // nil
/// ```
public struct TestSplitChoices: Sendable, Equatable {
    /// Hide (`true`) or show (`false`) the test splits' scores; `nil` leaves it to the task file.
    public var hideTest: Bool?

    public init(hideTest: Bool? = nil) {
        self.hideTest = hideTest
    }

    /// Whether the test splits' scores are hidden, given the task file's settings.
    public func hidesTest(task: TaskFile.EvaluationSettings) -> Bool { hideTest ?? task.hideTest ?? false }

    /// The splits of `loaded` whose scores are hidden, in its order: none when they are shown;
    /// otherwise those of its test splits (``TaskFile/EvaluationSettings/resolvedTestSplits``)
    /// and of the splits a task samples from them (their items are test items) that have gold
    /// labels — a split without any has no score to hide.
    public func hiddenSplits(in loaded: LabelingInput.Loaded) -> [String] {
        guard hidesTest(task: loaded.evaluationSettings) else { return [] }
        var hidden = Set(loaded.evaluationSettings.resolvedTestSplits)
        for split in loaded.task?.task.splits ?? [] {
            if let source = split.sample?.source, hidden.contains(source) { hidden.insert(split.name) }
        }
        return loaded.splits.filter { hidden.contains($0.name) && $0.goldCount > 0 }.map(\.name)
    }
}
