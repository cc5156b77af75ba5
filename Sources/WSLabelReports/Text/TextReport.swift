import WSLabelCore

/// The report as aligned text: what `wslabel report` prints on a terminal.
enum TextReport {
    static func render(_ report: LFReport, options: ReportOptions) -> String {
        let paint = Painter(enabled: options.color)
        var sections: [String] = []
        sections.append(ReportProse.overview(report).map { paint.bold($0) }.joined(separator: "\n"))

        sections.append(lfSection(report, options: options))

        if !report.flags.isEmpty {
            sections.append((["flags:"] + report.flags.map {
                "  \(report.lfNames[$0.lf]): \($0.kind.rawValue) — \($0.reason)"
            }).joined(separator: "\n"))
        }
        let pairs = ReportProse.mostConflictingPairs(report)
        if !pairs.isEmpty {
            sections.append((["most conflicting LF pairs on \(report.summary.analysedSplit):"] + pairs.map { "  " + $0 }).joined(separator: "\n"))
        }
        let dependent = ReportProse.dependentPairs(report)
        if !dependent.lines.isEmpty {
            sections.append(([dependent.heading] + dependent.lines.map { "  " + $0 }).joined(separator: "\n"))
        }
        sections.append(outcomeTable(report).render(maxWidth: options.width) { row, _, cell in row < 0 ? paint.bold(cell) : cell })
        for outcome in report.outcomes {
            guard let confusion = outcome.confusion else { continue }
            func table(_ cells: (header: [String], rows: [[String]])) -> String {
                TextTable(header: cells.header, rows: cells.rows).render(maxWidth: options.width) { row, _, cell in row < 0 ? paint.bold(cell) : cell }
            }
            sections.append("per-class scores on \(outcome.name):\n" + table(ScoreTables.classScores(confusion, labelNames: report.labelNames)))
            sections.append("confusion matrix on \(outcome.name) (rows: gold, columns: predicted):\n"
                + table(ScoreTables.confusion(confusion, labelNames: report.labelNames)))
        }
        if let costs = report.llmCosts {
            let table = TextTable(header: LLMCostTable.header, textColumns: [0, 1], rows: LLMCostTable.rows(costs))
            sections.append("LLM calls this run:\n" + table.render(maxWidth: options.width) { row, _, cell in row < 0 ? paint.bold(cell) : cell })
            sections += LLMCostTable.notes(costs)
        }
        sections += ReportProse.notes(report)
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The per-LF table, flags highlighted.
    static func lfSection(_ report: LFReport, options: ReportOptions) -> String {
        let paint = Painter(enabled: options.color)
        let columns = LFTableColumns.readable
        let header = columns.header(report)
        var table = TextTable(header: header, textColumns: [0, 1, header.count - 1], rows: columns.rows(report))
        table.groups = LFTableColumns.splitGroups(report)
        let flagged = Set(report.flags.map(\.lf))
        return table.render(maxWidth: options.width) { row, column, cell in
            if row < 0 { return paint.bold(cell) }
            if column == header.count - 1 && flagged.contains(row) { return paint.yellow(cell) }
            return cell
        }
    }

    /// Per split: rows, labels per class, unlabeled rows and why, and scores with gold (or
    /// ``HiddenScores/cell`` where they are hidden).
    static func outcomeTable(_ report: LFReport) -> TextTable {
        let gold = report.outcomes.contains { $0.metrics != nil || $0.scoresHidden }
        var table = TextTable(header: ["split", "rows"] + report.labelNames + ["unlabeled", "(ties)", "(no votes)", "labeled w/o votes"]
                              + (gold ? ["accuracy", "macro-F1"] : []))
        for outcome in report.outcomes {
            var row = [outcome.name, String(outcome.rows)] + outcome.labelCounts.map(String.init)
            row += [String(outcome.unlabeled), String(outcome.unlabeledTies), String(outcome.unlabeledNoVotes), String(outcome.labeledWithoutVotes)]
            if gold {
                let missing = outcome.scoresHidden ? HiddenScores.cell : "–"
                row += outcome.metrics.map { [ReportNumbers.percent($0.accuracy), ReportNumbers.percent($0.macroF1)] } ?? [missing, missing]
            }
            table.rows.append(row)
        }
        return table
    }
}

/// ANSI styling, or none.
private struct Painter {
    var enabled: Bool
    func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func yellow(_ text: String) -> String { enabled ? "\u{1B}[33m\(text)\u{1B}[0m" : text }
}
