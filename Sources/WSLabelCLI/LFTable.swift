import Foundation
import WSLabelCore

/// The per-LF summary `wslabel fit` prints after the run table (Snorkel's `lf_summary` columns).
enum LFTable {
    static func render(_ summary: LFSummary) -> String {
        let analysis = summary.analysis
        var lines = [String(format: "LFs on %@: %.1f%% of rows covered, %.1f%% overlapped, %.1f%% conflicted",
                            summary.analysedSplit, analysis.labelCoverage * 100, analysis.labelOverlap * 100,
                            analysis.labelConflict * 100)]
        var header = ["LF", "polarity", "coverage", "overlaps", "conflicts"]
        if let goldSplit = summary.goldSplit { header += ["correct", "incorrect", "acc(\(goldSplit))"] }
        var table = TextTable(header: header, textColumns: [0, 1])
        for row in summary.rows {
            var cells = [row.name, row.polarity.isEmpty ? "(never votes)" : row.polarity.joined(separator: ","),
                         percent(row.coverage), percent(row.overlaps), percent(row.conflicts)]
            if summary.goldSplit != nil {
                if let gold = row.gold, gold.correct + gold.incorrect > 0 {
                    cells += [String(gold.correct), String(gold.incorrect), percent(gold.empiricalAccuracy)]
                } else {
                    cells += ["0", "0", "–"]
                }
            }
            table.rows.append(cells)
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
