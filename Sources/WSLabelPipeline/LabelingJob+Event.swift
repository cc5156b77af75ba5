import Foundation
import WSLabelCore
import WSLabeling

extension LabelingJob {
    /// What a job tells its caller as it goes: what it reads, how applying LFs progresses, what
    /// it fits and writes. The library never prints; the command line renders these on stderr.
    public enum Event: Sendable {
        /// A task file is being read.
        case readingTask(URL)
        /// Something in the input works but should change (a task-file key spelled the old
        /// way): shown to the user, the run goes on.
        case warning(WSLabelWarning)
        /// A WRENCH folder or vote files are being read.
        case readingVotes(URL)
        /// Applying a task's LFs to a split has come this far (after each batch).
        case applying(ApplyProgress)
        /// A task's LFs were applied: per-LF counts, failures and LLM costs, and the texts its
        /// splits share (``TaskApplication/duplicateTexts``).
        case applied(TaskApplication)
        /// The input is loaded: its LFs, classes and splits.
        case loaded(lfCount: Int, labelNames: [String], splitRows: [(split: String, rows: Int)])
        /// The label model is being fit; `humanLabeledItems` train items keep people's labels.
        case fitting(LabelingRunConfiguration.ModelKind, humanLabeledItems: Int?)
        /// Probabilistic labels of `items` items were written.
        case wroteLabels(items: Int, to: URL)
        /// The fitted model was saved.
        case savedModel(URL)
        /// The items' texts are being read again for the end model.
        case readingTexts
        /// The end model is being trained on this many train items.
        case trainingEndModel(items: Int)
        /// The end model's features were written to this folder.
        case wroteFeatures(URL)
    }
}
