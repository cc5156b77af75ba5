import Foundation
import WSLabeling

/// The compact account of an LF application that every command applying a task's LFs logs:
/// counts, time, cache reuse, failures, and a line per LF that failed.
public enum ApplySummary {
    /// The account, one line plus one per failing LF.
    public static func text(_ report: ApplyReport) -> String {
        var lines = [String(format: "applied %d LFs to %d items in %.2f s: %d evaluations, %d cached votes reused, %d failures",
                            report.lfs.count, report.itemCount, report.seconds, report.evaluations, report.cacheHits, report.failures)]
        for lf in report.lfs where lf.failures > 0 || lf.unknownLabels > 0 {
            lines.append("  LF \(lf.name): \(lf.failures) failures (counted as abstain)\(lf.unknownLabels > 0 ? ", \(lf.unknownLabels) unknown labels" : "")\(lf.firstFailure.map { "; first: \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
