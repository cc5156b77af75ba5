import Foundation
import WSLabelReports
import WSLabeling

/// The compact account of an LF application that `fit` and `apply` log.
enum ApplyTable {
    /// Logs what applying the task's LFs came to, LLM calls included.
    static func log(_ applied: TaskApplication) {
        Log.info(summary(applied.report))
        if let costs = applied.llmCosts { for line in LLMCostTable.logLines(costs) { Log.info(line) } }
    }

    static func summary(_ report: ApplyReport) -> String {
        var lines = [String(format: "applied %d LFs to %d items in %.2f s: %d evaluations, %d cached votes reused, %d failures",
                            report.lfs.count, report.itemCount, report.seconds, report.evaluations, report.cacheHits, report.failures)]
        for lf in report.lfs where lf.failures > 0 || lf.unknownLabels > 0 {
            lines.append("  LF \(lf.name): \(lf.failures) failures (counted as abstain)\(lf.unknownLabels > 0 ? ", \(lf.unknownLabels) unknown labels" : "")\(lf.firstFailure.map { "; first: \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
