import Foundation
import WSLabelCore
import WSLabelData

/// The label model and the end model trained on its labels, side by side: what `wslabel train`
/// prints, as text (``text``) or JSON (``json``).
public struct EndModelReport: Sendable {
    /// The label model's run.
    public let run: LabelingRun
    /// How the end model was trained.
    public let training: EndModelTraining
    /// The end model's labels and scores, one per split of the run, in its order.
    public let endModelResults: [LabelingRun.SplitResult]
    /// Test splits whose scores are hidden, for both models (``HiddenScores``).
    public let hiddenSplits: [String]

    public init(run: LabelingRun, training: EndModelTraining, endModelResults: [LabelingRun.SplitResult], hiddenSplits: [String] = []) {
        precondition(run.results.map(\.name) == endModelResults.map(\.name), "one end-model result per split of the run")
        self.run = run
        self.training = training
        self.endModelResults = endModelResults
        self.hiddenSplits = hiddenSplits
    }

    /// Both models on one split.
    public struct Comparison: Sendable, Equatable {
        /// The split.
        public let split: String
        /// Its items.
        public let items: Int
        /// Share of its items some LF voted on: the label model's reach (the end model labels every item).
        public let lfCoverage: Double
        /// The label model's scores, when the split has gold labels.
        public let labelModel: ClassificationMetrics?
        /// The end model's scores, when the split has gold labels.
        public let endModel: ClassificationMetrics?
        /// Whether the split's scores are hidden (both models' scores are then `nil`).
        public let scoresHidden: Bool
    }

    /// Both models on every split, in the run's order.
    public var comparison: [Comparison] {
        zip(run.results, endModelResults).map { labelModel, endModel in
            let hidden = hiddenSplits.contains(labelModel.name)
            return Comparison(split: labelModel.name, items: labelModel.ids.count, lfCoverage: labelModel.lfCoverage,
                              labelModel: hidden ? nil : labelModel.metrics, endModel: hidden ? nil : endModel.metrics,
                              scoresHidden: hidden)
        }
    }

    /// How `C` and the weighting were chosen, in a line.
    public var choiceLine: String {
        let chosen = "C = \(ReportNumbers.shortest(training.inverseRegularization)), \(training.weighting.rawValue) weighting"
        guard training.chosenOnDev else {
            return chosen + (training.candidates.first?.devScore == nil ? " (not chosen: no dev split with gold labels)" : " (as given)")
        }
        let chosenScore = training.candidates.first { $0.inverseRegularization == training.inverseRegularization && $0.weighting == training.weighting }?.devScore
        var line = "\(chosen), chosen on \(run.configuration.devSplitName) by \(training.selectionMetric.readableName(labelNames: run.labelNames)) among \(training.candidates.count) fits"
            + " (dev \(chosenScore.map { ReportNumbers.percent($0) } ?? "–")"
        // The other weighting's best, so a reader sees how much the choice mattered.
        for weighting in EndModelTrainingConfiguration.Weighting.allCases where weighting != training.weighting {
            if let best = training.candidates.filter({ $0.weighting == weighting }).compactMap(\.devScore).max() {
                line += "; best \(weighting.rawValue) \(ReportNumbers.percent(best))"
            }
        }
        return line + "; `--json` lists all)"
    }

    /// The line that says what was trained on what.
    public var trainingLine: String {
        var learned = "trained on \(training.trainingItems) train items in \(ReportNumbers.fixed(training.seconds, digits: 2)) s"
        var left: [String] = []
        if training.uncoveredItems > 0 { left.append("\(training.uncoveredItems) no LF voted on") }
        if training.heldOutItems > 0 { left.append("\(training.heldOutItems) held out in the dev split") }
        if !left.isEmpty { learned += "; left out: " + left.joined(separator: ", ") }
        return learned
    }

    /// The comparison as table cells: a header and one row per split.
    public var table: (header: [String], rows: [[String]]) {
        let binary = run.labelNames.count == 2
        let scoreName = binary ? "F1(\(run.labelNames[1]))" : "macro-F1"
        let header = ["split", "rows", "LF coverage", "label model acc", "end model acc", "label model \(scoreName)", "end model \(scoreName)"]
        let rows = comparison.map { row -> [String] in
            let missing = row.scoresHidden ? HiddenScores.cell : "–"
            func score(_ metrics: ClassificationMetrics?) -> String {
                guard let metrics else { return missing }
                return ReportNumbers.percent(binary ? metrics.f1(ofClass: 1) : metrics.macroF1)
            }
            return [row.split, String(row.items), ReportNumbers.percent(row.lfCoverage),
                    row.labelModel.map { ReportNumbers.percent($0.accuracy) } ?? missing, row.endModel.map { ReportNumbers.percent($0.accuracy) } ?? missing,
                    score(row.labelModel), score(row.endModel)]
        }
        return (header, rows)
    }

    /// Why the two accuracy columns differ in reach.
    public static let coverageNote = "label model accuracy counts items no LF voted on as wrong unless the tie rule labels them; the end model labels every item."

    /// The text summary: the end model's training, then a table of both models per split.
    public var text: String {
        var lines = ["end model: logistic regression on \(training.model.features.featureCount) hashed n-gram features, \(choiceLine)", trainingLine, ""]
        var table = TextTable(header: self.table.header)
        table.rows = self.table.rows
        lines.append(table.render())
        lines += hiddenNotes
        lines += ["", Self.coverageNote]
        return lines.joined(separator: "\n")
    }

    /// One line per split whose scores are hidden (``HiddenScores/note(split:items:)``).
    public var hiddenNotes: [String] {
        comparison.filter(\.scoresHidden).map { HiddenScores.note(split: $0.split, items: $0.items) }
    }

    /// The report as one JSON object: `label_model` (``LabelingRun/summary(lfSummary:llmCosts:)``),
    /// `end_model` (`c`, `weighting`, `chosen_on_dev`, `candidates` with each `c`, `weighting`, `dev_score`, `dev_log_loss`, `iterations`,
    /// `converged`; `features`, `training_items`, `uncovered_items`, `held_out_items`,
    /// `train_seconds` (of which `feature_seconds` made features), and `splits` as the label model's,
    /// a split whose scores are hidden with `scores_hidden: true` instead).
    public var json: JSONValue {
        .object([("label_model", run.summary(hiddenSplits: hiddenSplits)), ("end_model", endModelJSON)])
    }

    /// The end model's part of ``json``.
    public var endModelJSON: JSONValue {
        let candidates: [JSONValue] = training.candidates.map { candidate in
            .object([
                ("c", .number(candidate.inverseRegularization)),
                ("weighting", .string(candidate.weighting.rawValue)),
                ("dev_score", candidate.devScore.map { .number($0) } ?? .null),
                ("dev_log_loss", candidate.devLogLoss.map { .number($0) } ?? .null),
                ("iterations", .number(Double(candidate.fit.iterations))),
                ("converged", .bool(candidate.fit.converged)),
                ("seconds", .number(candidate.seconds)),
            ])
        }
        return .object([
            ("c", .number(training.inverseRegularization)),
            ("weighting", .string(training.weighting.rawValue)),
            ("chosen_on_dev", .bool(training.chosenOnDev)),
            ("metric", training.chosenOnDev ? .string(training.selectionMetric.name) : .null),
            ("candidates", .array(candidates)),
            ("features", .number(Double(training.model.features.featureCount))),
            ("training_items", .number(Double(training.trainingItems))),
            ("uncovered_items", .number(Double(training.uncoveredItems))),
            ("held_out_items", .number(Double(training.heldOutItems))),
            ("train_seconds", .number(training.seconds)),
            ("feature_seconds", .number(training.featureSeconds)),
            ("splits", .object(endModelResults.map { ($0.name, $0.summary(labelNames: run.labelNames, hidden: hiddenSplits.contains($0.name))) })),
        ])
    }
}
