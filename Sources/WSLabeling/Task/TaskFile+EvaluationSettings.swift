import WSLabelCore

extension TaskFile {
    /// The task file's `evaluation:` section: which splits are kept for the end (the test
    /// splits) and whether their scores are hidden while LFs are written.
    ///
    /// Writing LFs while every `fit` prints the test split's score invites tuning LFs to the test
    /// split, and its score then no longer says how the labels do on new data. With
    /// `hide_test: true`, `fit`, `report`, `train` and `cost` still label the test splits but
    /// leave out every score computed from their gold labels; `wslabel evaluate` shows them when
    /// the LFs are done. The command-line flags `--hide-test` and `--show-test` override it.
    ///
    /// ```yaml
    /// evaluation:
    ///   test_split: test        # or a list; default: test
    ///   hide_test: true         # default: false
    /// ```
    public struct EvaluationSettings: Sendable, Equatable {
        /// The splits kept for the end, as the file names them; `nil` when it names none
        /// (``resolvedTestSplits`` is then `[test]`).
        public var testSplits: [String]?
        /// Whether the test splits' scores are hidden; `nil` when the file does not say (no).
        public var hideTest: Bool?

        /// The test split of a task that names none.
        public static let defaultTestSplit = "test"

        public init(testSplits: [String]? = nil, hideTest: Bool? = nil) {
            self.testSplits = testSplits
            self.hideTest = hideTest
        }

        /// The test splits: those named, else ``defaultTestSplit``.
        public var resolvedTestSplits: [String] { testSplits ?? [Self.defaultTestSplit] }
    }

    /// `evaluation`: the test splits, checked against the task's splits, and whether their
    /// scores are hidden.
    static func evaluationSettings(_ top: YAMLFields, splits: [Split]) throws -> EvaluationSettings {
        guard let node = top["evaluation"] else { return EvaluationSettings() }
        let evaluation = try YAMLFields(node, file: top.file, record: "evaluation", what: "evaluation options (test_split, hide_test)")
        try evaluation.rejectUnknown(TaskFileKeys.evaluation)
        let testSplits = try evaluation.strings("test_split")
        if let testSplits {
            guard !testSplits.isEmpty else { throw evaluation.error("test_split", "name at least one split, or leave the key out for test") }
            for name in testSplits {
                guard splits.contains(where: { $0.name == name }) else {
                    throw evaluation.error("test_split", "no split \"\(name)\"; the task's splits are \(splits.map(\.name).joined(separator: ", "))")
                }
                guard name != "train" else {
                    throw evaluation.error("test_split", "train cannot be a test split: the label model is fit on it")
                }
            }
        }
        return EvaluationSettings(testSplits: testSplits, hideTest: try evaluation.bool("hide_test"))
    }
}
