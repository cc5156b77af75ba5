import Foundation
import WSLabelCore

/// The human-readable summary of a run that `wslabel fit` prints: the model and its fit, how
/// the variant was chosen, and a table of every split's coverage and scores.
public enum RunTable {
    /// The summary, one line per fact and a table per split.
    /// - Parameters:
    ///   - run: the run.
    ///   - hiddenSplits: test splits whose scores are hidden: their score cells say so
    ///     (``HiddenScores``), and a line under the table says how to see them.
    public static func render(_ run: LabelingRun, hiddenSplits: [String] = []) -> String {
        var lines: [String] = []
        lines.append("model: \(run.modelDescription)")
        if let report = run.model.fitSummary {
            lines.append("fit: \(report.iterations) iterations\(report.converged ? "" : " (cap reached)"), \(report.patternCount) vote patterns, log-likelihood \(String(format: "%.3f", report.logLikelihood)), \(String(format: "%.4f", run.fitSeconds)) s")
        }
        if let selection = run.selection {
            if let incumbent = selection.incumbentIndex, selection.chosenIndex == incumbent {
                lines.append("variant chosen without gold labels, kept: no variant beat it on \(run.configuration.devSplitName) by a standard error (\(selection.metric.readableName(labelNames: run.labelNames)), dev \(percent(selection.chosen.devScore)))")
            } else {
                lines.append("variant chosen on \(run.configuration.devSplitName) by \(selection.metric.readableName(labelNames: run.labelNames)): #\(selection.chosenIndex) of \(selection.candidates.count) (dev \(percent(selection.chosen.devScore)))")
            }
        } else if let search = run.goldFreeSelection {
            let agreement = search.chosen.agreement.map { ", held-out-LF agreement \(percent($0))" } ?? ""
            let lost = search.candidates.filter { !$0.lostClasses.isEmpty }.count
            lines.append("variant chosen without gold labels: #\(search.chosenIndex) of \(search.candidates.count)\(agreement)\(lost > 0 ? "; \(lost) set aside for losing a class" : "")")
        }
        lines.append("")
        let binary = run.labelNames.count == 2
        var table = TextTable(header: ["split", "rows", "LF coverage", "accuracy", "macro-F1"] + (binary ? ["F1(\(run.labelNames[1]))"] : []) + ["labeled"])
        for result in run.results {
            var row = [result.name, String(result.ids.count), percent(result.lfCoverage)]
            let hidden = hiddenSplits.contains(result.name)
            if let metrics = result.metrics, !hidden {
                row += [percent(metrics.accuracy), percent(metrics.macroF1)] + (binary ? [percent(metrics.f1(ofClass: 1))] : []) + [percent(metrics.coverage)]
            } else {
                let labeled = Double(result.predictions.filter { $0 != VoteMatrix.abstain }.count) / Double(max(1, result.ids.count))
                let missing = hidden ? HiddenScores.cell : "–"
                row += [missing, missing] + (binary ? [missing] : []) + [percent(labeled)]
            }
            table.rows.append(row)
        }
        lines.append(table.render())
        lines += run.results.filter { hiddenSplits.contains($0.name) }.map { HiddenScores.note(split: $0.name, items: $0.ids.count) }
        if run.results.contains(where: { $0.metrics != nil && !hiddenSplits.contains($0.name) }) {
            lines.append("per-class precision and recall, confusion matrices: `wslabel report`")
        }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
