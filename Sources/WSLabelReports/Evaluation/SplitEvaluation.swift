import WSLabelCore
import WSLabelData

/// What `wslabel evaluate` shows: one split's scores for the label model, majority vote and,
/// when one was trained, the end model, side by side — accuracy, macro-F1, coverage, each
/// class's precision, recall, F1 and support, and the confusion matrix, classes by name.
///
/// ```swift
/// let evaluation = SplitEvaluation(split: "test", labelNames: ["HAM", "SPAM"], modelDescription: "em",
///                                  models: [.init(name: "label model", key: "label_model",
///                                                 predictions: predicted, gold: gold, classCount: 2)])
/// print(evaluation.text)
/// ```
public struct SplitEvaluation: Sendable {
    /// One model's scores on the split.
    public struct ModelScores: Sendable, Equatable {
        /// The model as a reader names it, e.g. `label model`.
        public let name: String
        /// The model's key in ``SplitEvaluation/json``, e.g. `label_model`.
        public let key: String
        /// Items by gold and predicted class.
        public let confusion: ConfusionMatrix
        /// Accuracy, coverage, F1 per class and macro-F1, from ``confusion``.
        public let metrics: ClassificationMetrics

        /// Scores `predictions` (``VoteMatrix/abstain`` for no label) against `gold`.
        /// - Precondition: both have the same length; classes lie in `0..<classCount`.
        public init(name: String, key: String, predictions: [Int], gold: [Int], classCount: Int) {
            self.name = name
            self.key = key
            confusion = ConfusionMatrix(predictions: predictions, gold: gold, classCount: classCount)
            metrics = ClassificationMetrics(confusion: confusion)
        }
    }

    /// The split evaluated.
    public let split: String
    /// Class names by index.
    public let labelNames: [String]
    /// The label model and variant, as `wslabel fit` names them.
    public let modelDescription: String
    /// The models' scores, the label model first.
    public let models: [ModelScores]
    /// How many times the split has been evaluated, this time included, when counted.
    public var timesEvaluated: Int?
    /// What a reader must know to read the scores right (e.g. the split also chose the model variant).
    public var notes: [String] = []

    public init(split: String, labelNames: [String], modelDescription: String, models: [ModelScores], timesEvaluated: Int? = nil) {
        precondition(!models.isEmpty, "at least one model to show")
        self.split = split
        self.labelNames = labelNames
        self.modelDescription = modelDescription
        self.models = models
        self.timesEvaluated = timesEvaluated
    }

    /// Number of items scored.
    public var itemCount: Int { models[0].confusion.itemCount }

    /// The first lines: what was evaluated, and how often it has been.
    var headLines: [String] {
        var lines = ["\(split): \(ReportNumbers.count(itemCount)) items with gold labels; label model \(modelDescription), fit as `wslabel fit` fits it"]
        if let timesEvaluated {
            lines.append("\(split) evaluated \(timesEvaluated) time\(timesEvaluated == 1 ? "" : "s")"
                + (timesEvaluated > 1 ? ": each look taken while LFs still change makes its scores less of a measure of new data" : ""))
        }
        return lines + notes.map { "note: " + $0 }
    }

    /// Accuracy, macro-F1 and the share labeled, one column per model.
    var summaryTable: (header: [String], rows: [[String]]) {
        let header = [""] + models.map(\.name)
        let rows = [
            ["accuracy"] + models.map { ReportNumbers.percent($0.metrics.accuracy) },
            ["macro-F1"] + models.map { ReportNumbers.percent($0.metrics.macroF1) },
            ["labeled"] + models.map { ReportNumbers.percent($0.metrics.coverage) },
        ]
        return (header, rows)
    }

    /// The evaluation as aligned text: the summary table, then per model its per-class scores
    /// and confusion matrix.
    public var text: String {
        var sections = [headLines.joined(separator: "\n"), TextTable(header: summaryTable.header, rows: summaryTable.rows).render()]
        for model in models {
            let scores = ScoreTables.classScores(model.confusion, labelNames: labelNames)
            let matrix = ScoreTables.confusion(model.confusion, labelNames: labelNames)
            sections.append("\(model.name), per class:\n" + TextTable(header: scores.header, rows: scores.rows).render())
            sections.append("\(model.name), confusion matrix (rows: gold, columns: predicted):\n"
                + TextTable(header: matrix.header, rows: matrix.rows).render())
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The evaluation as GitHub-flavoured Markdown: the same tables.
    public var markdown: String {
        var lines = ["# Evaluation on \(MarkdownReport.escape(split))", ""] + headLines.map { "- " + MarkdownReport.escape($0) } + [""]
        lines += MarkdownReport.table(header: summaryTable.header, rows: summaryTable.rows, textColumns: [0])
        for model in models {
            let scores = ScoreTables.classScores(model.confusion, labelNames: labelNames)
            let matrix = ScoreTables.confusion(model.confusion, labelNames: labelNames)
            lines += ["", "## \(MarkdownReport.escape(model.name))", ""]
            lines += MarkdownReport.table(header: scores.header, rows: scores.rows, textColumns: [0])
            lines += ["", "Confusion matrix (rows: gold, columns: predicted):", ""]
            lines += MarkdownReport.table(header: matrix.header, rows: matrix.rows, textColumns: [0])
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The evaluation as one JSON object: `split`, `items`, `labels`, `model` (the label model
    /// and variant), `times_evaluated` (null when not counted), `notes` and `models`, per model key
    /// (`label_model`, `majority_vote`, `end_model`) its `accuracy`, `macro_f1`, `coverage`,
    /// `per_class`, `confusion_matrix` and `unlabeled_by_class` (``ScoreTables/json(_:labelNames:)``).
    public var json: JSONValue {
        .object([
            ("split", .string(split)),
            ("items", .number(Double(itemCount))),
            ("labels", .array(labelNames.map(JSONValue.string))),
            ("model", .string(modelDescription)),
            ("times_evaluated", timesEvaluated.map { .number(Double($0)) } ?? .null),
            ("notes", .array(notes.map(JSONValue.string))),
            ("models", .object(models.map { model in
                (model.key, .object([
                    ("accuracy", .number(model.metrics.accuracy)),
                    ("macro_f1", .number(model.metrics.macroF1)),
                    ("coverage", .number(model.metrics.coverage)),
                ] + ScoreTables.json(model.confusion, labelNames: labelNames)))
            })),
        ])
    }
}
