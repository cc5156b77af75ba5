import WSLabelCore

/// The LF report as one self-contained HTML page: the screen users read to improve their LFs.
///
/// Sections, top to bottom: a header (model, analysed split, dataset-level coverage, overlap and
/// conflict, per-class coverage, scores), the flags with their reasons, the per-LF table
/// (Snorkel's columns, gold columns when there is gold, learned accuracy when the model has one;
/// sortable by clicking a column), the plots (coverage against accuracy, the pairwise conflict
/// heatmap, the label distribution and the confidence histogram, as inline SVG whose tooltips
/// hold the exact numbers), the dependent LF pairs with their evidence, a few sample items per LF (when given), the per-split outcomes,
/// per-class precision, recall and the confusion matrix of each split with gold labels, the run's LLM calls (with LLM-prompt LFs),
/// and the label model's learned parameters with its conditional tables folded away.
///
/// The page fetches nothing: styles are inline, fonts are the system's, plots are SVG, and the
/// only script is a few lines that sort the LF table (the page reads the same without it). Every
/// name is escaped, numbers never go through the locale and nothing depends on the clock, so the
/// same report gives the same bytes. The page is also well-formed XML.
///
/// ```swift
/// let run = try LabelingRun(labelNames: dataset.labelNames, splits: dataset.splits,
///                           configuration: LabelingRunConfiguration())
/// let report = LFReport(run: run, splits: dataset.splits, lfNames: names)
/// try HTMLReport.render(report, title: "YouTube spam").write(to: url, atomically: true, encoding: .utf8)
/// ```
public enum HTMLReport {
    /// The page for `report`.
    /// - Parameters:
    ///   - report: the report to show.
    ///   - title: the page's title and main heading.
    /// - Returns: a complete HTML document, UTF-8 text ending in a newline.
    ///   - costs: a cost analysis to show as a section, with its active-learning curve.
    ///   - learningCurveNote: why the curve is left out, shown in its place.
    ///   - endModel: an end model trained on the run's labels, shown as a section.
    ///   - samples: a few items per LF, shown as a section the LF table's names link to.
    public static func render(_ report: LFReport, title: String, costs: TaskCostAnalysis? = nil,
                              learningCurve: ActiveLearningCurve? = nil, learningCurveNote: String? = nil,
                              endModel: EndModelReport? = nil, samples: LFSamples? = nil) -> String {
        let costSection = costs.map { costs in
            (["<section id=\"costs\">", "<h2>Cost and quality</h2>"]
                + CostReport.htmlSections(costs, curve: learningCurve, curveNote: learningCurveNote, headingLevel: 3)
                + ["</section>"]).joined(separator: "\n")
        }
        let sections = [
            header(report, title: title),
            navigation(report, costs: costs != nil, endModel: endModel != nil, samples: samples != nil),
            HTMLFlagsSection.render(report),
            HTMLLFTable.render(report, linksToSamples: samples != nil),
            HTMLPlotsSection.render(report),
            HTMLDependenciesSection.render(report),
            HTMLSamplesSection.render(samples, report: report),
            HTMLOutcomesSection.render(report),
            HTMLClassScoresSection.render(report),
            HTMLEndModelSection.render(endModel),
            HTMLLLMSection.render(report),
            costSection ?? "",
            HTMLLearnedSection.render(report),
        ].filter { !$0.isEmpty }
        return HTMLPage.render(title: title, sections: sections, script: HTMLStyle.sortScript)
    }

    /// Title, model, and the numbers to read first.
    static func header(_ report: LFReport, title: String) -> String {
        let analysis = report.summary.analysis
        let split = HTMLEscaping.text(report.summary.analysedSplit)
        var stats: [(value: String, label: String, title: String)] = [
            (HTMLNumbers.count(analysis.rowCount), "rows in \(split)", "the split coverage, overlaps and conflicts describe"),
            (HTMLNumbers.count(report.lfNames.count), "labeling functions", "columns of the vote matrix"),
            (HTMLNumbers.percent(analysis.labelCoverage), "covered", "rows of \(split) with at least one vote"),
            (HTMLNumbers.percent(analysis.labelOverlap), "overlapped", "rows of \(split) with at least two votes"),
            (HTMLNumbers.percent(analysis.labelConflict), "conflicted", "rows of \(split) whose votes are not all the same class"),
            (HTMLNumbers.count(Set(report.flags.map(\.lf)).count), "flagged LFs", "LFs with at least one flag"),
        ]
        for outcome in report.outcomes {
            guard let metrics = outcome.metrics else { continue }
            let name = HTMLEscaping.text(outcome.name)
            stats.append((HTMLNumbers.percent(metrics.accuracy), "accuracy on \(name)",
                          "labels against gold on \(name); macro-F1 \(HTMLNumbers.percent(metrics.macroF1))"))
        }
        let cards = stats.map { stat in
            "<div class=\"stat\" title=\"\(stat.title)\"><div class=\"value\">\(stat.value)</div><div class=\"label\">\(stat.label)</div></div>"
        }.joined(separator: "\n")
        let classes = zip(report.labelNames, analysis.classCoverages).map { name, coverage in
            "<li><span class=\"class-name\">\(HTMLEscaping.text(name))</span>\(meter(coverage))<span class=\"num\">\(HTMLNumbers.percent(coverage))</span></li>"
        }.joined(separator: "\n")
        let gold = report.summary.goldSplit.map { "gold labels from <strong>\(HTMLEscaping.text($0))</strong>" }
            ?? "no gold labels"
        return """
        <header>
        <h1>\(HTMLEscaping.text(title))</h1>
        <p class="subtitle">model <code>\(HTMLEscaping.text(report.modelDescription))</code> · LFs analysed on <strong>\(split)</strong> · \(gold)</p>
        <div class="stats">
        \(cards)
        </div>
        <h2 class="minor">Rows of \(split) with a vote for each class</h2>
        <ul class="bars">
        \(classes)
        </ul>
        </header>
        """
    }

    /// Links to the sections below the header.
    static func navigation(_ report: LFReport, costs: Bool = false, endModel: Bool = false, samples: Bool = false) -> String {
        let links = [
            ("flags", "Flags"), ("lfs", "Labeling functions"), ("plots", "Plots"),
        ] + (report.dependencies == nil ? [] : [("dependencies", "Dependent LFs")]) + (samples ? [("samples", "Samples")] : []) + [
            ("splits", "Labels per split"),
        ] + (report.outcomes.contains { $0.confusion != nil } ? [("classes", "Per-class scores")] : [])
            + (endModel ? [("end-model", "End model")] : []) + (report.llmCosts == nil ? [] : [("llm", "LLM calls")]) + (costs ? [("costs", "Cost and quality")] : []) + [("model", "Label model")]
        return "<nav aria-label=\"Sections\">" + links.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " ") + "</nav>"
    }

    /// A small horizontal bar for a fraction, beside its number.
    static func meter(_ fraction: Double) -> String {
        let width = HTMLNumbers.coordinate(min(1, max(0, fraction)) * 100)
        return "<span class=\"meter\" aria-hidden=\"true\"><span style=\"width: \(width)%\"></span></span>"
    }
}
