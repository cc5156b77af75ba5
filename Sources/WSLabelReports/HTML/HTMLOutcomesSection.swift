import WSLabelCore

/// Per split: rows, labels per class, the rows left unlabeled and why (tied votes or no votes),
/// the rows labeled from the prior alone, and scores against gold where the split has them.
enum HTMLOutcomesSection {
    static func render(_ report: LFReport) -> String {
        let scored = report.outcomes.contains { $0.metrics != nil || $0.scoresHidden }
        let classHeaders = report.labelNames.map { "<th scope=\"col\">\(HTMLEscaping.text($0))</th>" }.joined()
        var header = "<th scope=\"col\" class=\"name\">split</th><th scope=\"col\">rows</th>\(classHeaders)"
            + "<th scope=\"col\" title=\"rows given no label\">unlabeled</th>"
            + "<th scope=\"col\" title=\"LFs voted but the classes tied, and the tie policy gave no label\">tied</th>"
            + "<th scope=\"col\" title=\"no LF voted and the model had nothing to prefer\">no votes</th>"
            + "<th scope=\"col\" title=\"labeled although no LF voted: from the class prior (and the pattern of abstains) alone\">from prior alone</th>"
        if scored {
            header += "<th scope=\"col\">accuracy</th><th scope=\"col\">macro-F1</th><th scope=\"col\" class=\"name\">F1 per class</th>"
        }
        let rows = report.outcomes.map { outcome -> String in
            var cells = "<td class=\"name\"><strong>\(HTMLEscaping.text(outcome.name))</strong></td><td>\(HTMLNumbers.count(outcome.rows))</td>"
            cells += outcome.labelCounts.map { countCell($0, of: outcome.rows) }.joined()
            cells += countCell(outcome.unlabeled, of: outcome.rows, highlight: outcome.unlabeled > 0)
            cells += countCell(outcome.unlabeledTies, of: outcome.rows)
            cells += countCell(outcome.unlabeledNoVotes, of: outcome.rows)
            cells += countCell(outcome.labeledWithoutVotes, of: outcome.rows)
            if scored {
                if let metrics = outcome.metrics {
                    let perClass = zip(report.labelNames, metrics.classF1).map {
                        "\(HTMLEscaping.text($0)) \(HTMLNumbers.percent($1))"
                    }.joined(separator: " · ")
                    cells += "<td><strong>\(HTMLNumbers.percent(metrics.accuracy))</strong></td><td>\(HTMLNumbers.percent(metrics.macroF1))</td>"
                        + "<td class=\"name\(metrics.classF1.count > 3 ? " wrap" : "")\">\(perClass)</td>"
                } else if outcome.scoresHidden {
                    cells += "<td class=\"none\" colspan=\"3\">scores hidden (evaluate with: <code>wslabel evaluate</code>)</td>"
                } else {
                    cells += "<td class=\"none\" colspan=\"3\">no complete gold labels</td>"
                }
            }
            return "<tr>\(cells)</tr>"
        }
        return """
        <section id="splits">
        <h2>Labels per split</h2>
        <p class="hint">Rows per label as counts (share of the split). <em>Tied</em>: LFs voted but the classes tied and the tie policy gave no label. <em>No votes</em>: no LF voted and the model had nothing to prefer. <em>From prior alone</em>: labeled although no LF voted, so the label says nothing about the row itself.</p>
        \(HTMLTable.render(header: header, rows: rows))
        </section>
        """
    }

    // Zeros stay quiet, so the rows that need a look stand out.
    private static func countCell(_ count: Int, of total: Int, highlight: Bool = false) -> String {
        guard count > 0 else { return "<td class=\"none\">0</td>" }
        let share = total > 0 ? Double(count) / Double(total) : 0
        return "<td\(highlight ? " class=\"warn\"" : "")>\(HTMLNumbers.count(count)) <span class=\"share\">(\(HTMLNumbers.percent(share)))</span></td>"
    }
}
