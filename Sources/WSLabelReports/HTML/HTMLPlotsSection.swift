import WSLabelCore

/// The four plots, each in a figure whose caption says how to read it.
enum HTMLPlotsSection {
    static func render(_ report: LFReport) -> String {
        // A heatmap too wide for half the page takes a full row, and the scatter plot, which
        // then has many LFs to name, takes the row above it, so the grid has no holes.
        let heatmap = report.lfNames.count > 1 ? Heatmap(report: report) : nil
        let wide = (heatmap?.width ?? 0) > 560
        let figures = [scatter(report, wide: wide), conflicts(report, heatmap: heatmap, wide: wide),
                       labelDistribution(report), confidence(report)]
        return """
        <section id="plots">
        <h2>Plots</h2>
        <p class="hint">Hover a point, cell or bar for its exact numbers.</p>
        <div class="plots">
        \(figures.joined(separator: "\n"))
        </div>
        </section>
        """
    }

    private static func figure(_ title: String, _ body: String, caption: String, wide: Bool = false) -> String {
        """
        <figure\(wide ? " class=\"wide\"" : "")>
        <h3>\(title)</h3>
        \(body)
        <figcaption>\(caption)</figcaption>
        </figure>
        """
    }

    static func scatter(_ report: LFReport, wide: Bool) -> String {
        let title = "Coverage against accuracy"
        guard let plot = ScatterPlot(report) else {
            return figure(title, "<p class=\"empty\">Nothing to plot: no split has gold labels and majority vote learns no accuracies.</p>",
                          caption: "Add gold labels to a dev split to see each LF's accuracy.", wide: wide)
        }
        let split = HTMLEscaping.text(report.summary.analysedSplit)
        var caption = "One point per LF: how much of <strong>\(split)</strong> it votes on, against "
            + (report.summary.goldSplit.map { "how often it is right on the gold labels of <strong>\(HTMLEscaping.text($0))</strong>" }
                ?? "the accuracy the label model learned for it (no gold labels)")
            + ". Points below the dashed line are worse than a uniform guess; diamonds are flagged LFs."
        if !plot.omitted.isEmpty {
            caption += " Not plotted: " + plot.omitted.map(HTMLEscaping.text).joined(separator: ", ") + "."
        }
        return figure(title, plot.svg(wide: wide), caption: caption, wide: wide)
    }

    static func conflicts(_ report: LFReport, heatmap: Heatmap?, wide: Bool) -> String {
        let title = "Pairwise conflict"
        guard let heatmap else {
            return figure(title, "<p class=\"empty\">One LF: there are no pairs to compare.</p>",
                          caption: "Conflicts need at least two LFs.")
        }
        let split = HTMLEscaping.text(report.summary.analysedSplit)
        let caption = "For each pair of LFs, the rows both vote on with different classes, as a share of the <strong>\(split)</strong> "
            + "rows (cells print the row count when they are large enough). A dark row marks an LF that fights many others "
            + "on many rows. When two single-class LFs for different classes fire together, every shared row is a conflict, "
            + "and one of the two is wrong on it."
        var body = "<div class=\"scroll\">" + heatmap.svg() + "</div>"
        let pairs = ReportProse.mostConflictingPairs(report)
        if !pairs.isEmpty {
            body += "\n<p class=\"pairs-title\">Most conflicting pairs (rows in conflict):</p><ol class=\"pairs\">"
                + pairs.map { "<li>\(HTMLEscaping.text($0))</li>" }.joined() + "</ol>"
        }
        return figure(title, body, caption: caption, wide: wide)
    }

    static func labelDistribution(_ report: LFReport) -> String {
        let outcomes = report.outcomes
        let unlabeled = outcomes.contains { $0.unlabeled > 0 }
        let groups = report.labelNames + (unlabeled ? ["unlabeled"] : [])
        let series = outcomes.map { outcome -> GroupedBars.Series in
            let counts = outcome.labelCounts + (unlabeled ? [outcome.unlabeled] : [])
            let rows = HTMLNumbers.count(outcome.rows)
            let tooltips = counts.enumerated().map { group, count -> String in
                let share = HTMLNumbers.percent(fraction(count, outcome.rows))
                if group == report.labelNames.count {
                    return "\(outcome.name): \(HTMLNumbers.count(count)) of \(rows) rows unlabeled (\(share))\n"
                        + "\(HTMLNumbers.count(outcome.unlabeledTies)) ties, \(HTMLNumbers.count(outcome.unlabeledNoVotes)) without votes"
                }
                return "\(outcome.name): \(HTMLNumbers.count(count)) of \(rows) rows labeled \(report.labelNames[group]) (\(share))"
            }
            return GroupedBars.Series(name: outcome.name, shares: counts.map { fraction($0, outcome.rows) }, tooltips: tooltips)
        }
        let chart = GroupedBars(series: series, xLabels: .centred(groups), xTitle: "label given by the label model",
                                yTitle: "share of the split's rows")
        let caption = "The labels each split received, as shares of its rows so splits of different sizes compare"
            + (unlabeled ? "; <em>unlabeled</em> rows got no label (see Labels per split for why)." : ".")
        return figure("Label distribution", chart.svg(label: "Label distribution per split"), caption: caption)
    }

    static func confidence(_ report: LFReport) -> String {
        let classes = report.labelNames.count
        let floor = 1 / Double(classes)
        let edges = (0...10).map { ReportNumbers.fixed(floor + (1 - floor) * Double($0) / 10, digits: 2) }
        let series = report.outcomes.map { outcome -> GroupedBars.Series in
            let tooltips = outcome.confidenceHistogram.enumerated().map { bin, count in
                "\(outcome.name): \(HTMLNumbers.count(count)) of \(HTMLNumbers.count(outcome.rows)) rows "
                    + "(\(HTMLNumbers.percent(fraction(count, outcome.rows)))) with confidence \(edges[bin])–\(edges[bin + 1])"
            }
            return GroupedBars.Series(name: outcome.name, shares: outcome.confidenceHistogram.map { fraction($0, outcome.rows) },
                                      tooltips: tooltips)
        }
        let chart = GroupedBars(series: series, xLabels: .boundaries(edges),
                                xTitle: "confidence: the largest class probability of a row",
                                yTitle: "share of the split's rows")
        let caption = "Ten equal bins from \(edges[0]) (1 / \(classes), a uniform guess) to 1. Mass at the left means the LFs "
            + "leave many rows undecided; rows no LF votes on usually sit there."
        return figure("Confidence", chart.svg(label: "Confidence histogram per split"), caption: caption)
    }

    private static func fraction(_ count: Int, _ total: Int) -> Double {
        total > 0 ? Double(count) / Double(total) : 0
    }
}
