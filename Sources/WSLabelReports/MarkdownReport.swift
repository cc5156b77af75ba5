import WSLabelCore

/// The report as GitHub-flavoured Markdown: the text report's sections as tables.
enum MarkdownReport {
    static func render(_ report: LFReport, options: ReportOptions) -> String {
        var lines = ["# \(escape(options.title))", ""]
        lines += ReportProse.overview(report).map { "- \(escape($0))" }
        lines += ["", "## Labeling functions", ""]
        let columns = LFTableColumns.readable
        let header = columns.header(report)
        // Markdown tables have no spanning cells: the groups go in a sentence above the table.
        let groups = LFTableColumns.splitGroups(report).map { group in
            group.columns.map { header[$0] }.joined(separator: ", ") + " " + group.title
        }
        let sentence = groups.joined(separator: "; ")
        lines += [escape(sentence.prefix(1).uppercased() + sentence.dropFirst() + "."), ""]
        lines += table(header: header, rows: columns.rows(report, polaritySeparator: ", "), textColumns: [0, 1, header.count - 1])
        if !report.flags.isEmpty {
            lines += ["", "## Flags", ""]
            lines += report.flags.map { "- **\(escape(report.lfNames[$0.lf]))** `\($0.kind.rawValue)`: \(escape($0.reason))" }
        }
        let pairs = ReportProse.mostConflictingPairs(report)
        if !pairs.isEmpty {
            lines += ["", "## Most conflicting LF pairs on \(escape(report.summary.analysedSplit))", ""]
            lines += pairs.map { "- \(escape($0))" }
        }
        let dependent = ReportProse.dependentPairs(report)
        if !dependent.lines.isEmpty {
            lines += ["", "## Dependent LF pairs on \(escape(report.summary.analysedSplit))", "", escape(dependent.heading), ""]
            lines += dependent.lines.map { "- \(escape($0))" }
        }
        lines += ["", "## Labels", ""]
        let outcomes = TextReport.outcomeTable(report)
        lines += table(header: outcomes.header, rows: outcomes.rows, textColumns: outcomes.textColumns)
        for outcome in report.outcomes {
            guard let confusion = outcome.confusion else { continue }
            let scores = ScoreTables.classScores(confusion, labelNames: report.labelNames)
            let matrix = ScoreTables.confusion(confusion, labelNames: report.labelNames)
            lines += ["", "## Per-class scores on \(escape(outcome.name))", ""]
            lines += table(header: scores.header, rows: scores.rows, textColumns: [0])
            lines += ["", "Confusion matrix (rows: gold, columns: predicted):", ""]
            lines += table(header: matrix.header, rows: matrix.rows, textColumns: [0])
        }
        if let endModel = options.endModel {
            lines += ["", "## End model", "", escape("Logistic regression on \(endModel.training.model.features.featureCount) hashed n-gram features, \(endModel.choiceLine); \(endModel.trainingLine)."), ""]
            lines += table(header: endModel.table.header, rows: endModel.table.rows, textColumns: [0])
            lines += ["", escape(EndModelReport.coverageNote)]
        }
        if let costs = report.llmCosts {
            lines += ["", "## LLM calls this run", ""]
            lines += table(header: LLMCostTable.header, rows: LLMCostTable.rows(costs), textColumns: [0, 1])
            lines += [""] + LLMCostTable.notes(costs).map { "- \(escape($0))" }
        }
        let notes = ReportProse.notes(report)
        if !notes.isEmpty { lines += [""] + notes.map { "> \(escape($0))" } }
        return lines.joined(separator: "\n") + "\n"
    }

    static func table(header: [String], rows: [[String]], textColumns: Set<Int>) -> [String] {
        let row = { (cells: [String]) in "| " + cells.map(escape).joined(separator: " | ") + " |" }
        let rule = "|" + header.indices.map { textColumns.contains($0) ? "---|" : "---:|" }.joined()
        return [row(header), rule] + rows.map(row)
    }

    // LF and label names are user input: keep them from becoming Markdown or HTML.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#": escaped += "\\\(character)"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
