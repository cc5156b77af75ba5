import WSLabelCore

/// The per-LF table every tabular format shares: Snorkel's `lf_summary` columns, then the
/// learned accuracy and the flags. One place decides the columns; formats decide the numbers.
struct LFTableColumns: Sendable {
    /// How a format writes a fraction (e.g. `12.3%` or `0.12345678`).
    var fraction: @Sendable (Double) -> String
    /// Column names, given the gold split's name when there is one.
    var names: @Sendable (_ goldSplit: String?) -> [String]

    static let readable = LFTableColumns(fraction: { ReportNumbers.percent($0) }) { gold in
        ["LF", "polarity", "coverage", "overlaps", "conflicts"]
            + (gold.map { ["correct", "incorrect", "acc(\($0))"] } ?? []) + ["learned", "flags"]
    }

    static let machine = LFTableColumns(fraction: { "\($0)" }) { gold in
        ["lf", "polarity", "coverage", "overlaps", "conflicts"]
            + (gold == nil ? [] : ["correct", "incorrect", "empirical_accuracy"]) + ["learned_accuracy", "flags"]
    }

    /// Which split each group of columns is measured on, for the readable formats: coverage,
    /// overlaps and conflicts on the analysed split (train), correct, incorrect and accuracy on
    /// the gold split's labels (dev). The table mixes the two, so it says so.
    static func splitGroups(_ report: LFReport) -> [TextTable.ColumnGroup] {
        [TextTable.ColumnGroup(title: "on \(report.summary.analysedSplit)", columns: 2...4)]
            + (report.summary.goldSplit.map { [TextTable.ColumnGroup(title: "on \($0) (gold labels)", columns: 5...7)] } ?? [])
    }

    func header(_ report: LFReport) -> [String] {
        var columns = names(report.summary.goldSplit)
        if report.learned == nil { columns.remove(at: columns.count - 2) }
        return columns
    }

    func rows(_ report: LFReport, polaritySeparator: String = ",") -> [[String]] {
        report.summary.rows.enumerated().map { lf, row in
            var cells = [row.name, row.polarity.joined(separator: polaritySeparator),
                         fraction(row.coverage), fraction(row.overlaps), fraction(row.conflicts)]
            if report.summary.goldSplit != nil {
                let gold = row.gold ?? LFAnalysis.GoldCounts(correct: 0, incorrect: 0)
                cells += [String(gold.correct), String(gold.incorrect),
                          gold.correct + gold.incorrect > 0 ? fraction(gold.empiricalAccuracy) : ""]
            }
            if let learned = report.learned { cells.append(fraction(learned.accuracies[lf])) }
            cells.append(report.flags.filter { $0.lf == lf }.map(\.kind.rawValue).joined(separator: " "))
            return cells
        }
    }
}
