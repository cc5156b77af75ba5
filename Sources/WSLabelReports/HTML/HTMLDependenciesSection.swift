import WSLabelCore

/// The dependent LF pairs (``LFDependencies``) with their evidence as a table, the clusters
/// they form, and what the numbers mean.
enum HTMLDependenciesSection {
    static func render(_ report: LFReport) -> String {
        guard let dependencies = report.dependencies else { return "" }
        let names = report.lfNames
        let split = HTMLEscaping.text(report.summary.analysedSplit)
        let body: String
        if dependencies.pairs.isEmpty {
            body = "<p class=\"all-clear\">No dependent pair: every pair of LFs votes together about as often as the class explains.</p>"
        } else {
            let header = ["LF", "LF", "co-voted rows", "agreeing rows", "expected if independent", "lift", "partial correlation", "exact duplicate"]
                .enumerated().map { "<th scope=\"col\"\($0.offset < 2 ? " class=\"name\"" : "")>\($0.element)</th>" }.joined()
            let rows = dependencies.pairs.map { pair in
                "<tr><td class=\"name\"><a class=\"lf\" href=\"#lf-\(pair.first)\">\(HTMLEscaping.text(names[pair.first]))</a></td>"
                    + "<td class=\"name\"><a class=\"lf\" href=\"#lf-\(pair.second)\">\(HTMLEscaping.text(names[pair.second]))</a></td>"
                    + "<td>\(HTMLNumbers.count(pair.coVoteRows))</td><td>\(HTMLNumbers.count(pair.agreeingRows))</td>"
                    + "<td>\(ReportNumbers.fixed(pair.expectedAgreeingRows, digits: 1))</td>"
                    + "<td>\(pair.agreementLift.isFinite ? ReportNumbers.fixed(pair.agreementLift, digits: 2) : "∞")</td>"
                    + "<td>\(pair.partialCorrelation.map { ReportNumbers.fixed($0, digits: 2) } ?? "–")</td>"
                    + "<td>\(pair.isExactDuplicate ? "yes" : "")</td></tr>"
            }
            let clusters = dependencies.clusters.map { cluster in
                "<li>" + cluster.map { HTMLEscaping.text(names[$0]) }.joined(separator: ", ") + " <span class=\"reason\">(weight 1/\(cluster.count) each when weighted)</span></li>"
            }.joined(separator: "\n")
            body = HTMLTable.render(header: header, rows: rows)
                + "\n<h3>Clusters</h3>\n<ul>\n\(clusters)\n</ul>"
        }
        let thresholds = LFDependencies.Thresholds.self
        return """
        <section id="dependencies">
        <h2>Dependent LF pairs on \(split)</h2>
        \(body)
        <details class="legend">
        <summary>How pairs are found</summary>
        <p>Under a model whose LFs are independent given the class, the <em>expected</em> agreeing rows of a pair follow from each LF's accuracy and coverage; the <em>lift</em> is observed ÷ expected. The <em>partial correlation</em> is that of the two LFs' votes given the class and every other LF (the inverse of their within-class covariance). A pair is dependent when it agrees on at least \(thresholds.minimumAgreeingRows) rows and either votes identically on every row, or has partial correlation ≥ \(ReportNumbers.fixed(thresholds.minimumPartialCorrelation, digits: 2)) and lift ≥ \(ReportNumbers.fixed(thresholds.minimumLift, digits: 2)). Dependent LFs count the same evidence more than once; <code>--lf-dependencies weight</code> gives each LF of a cluster the weight 1/(cluster size).</p>
        </details>
        </section>
        """
    }
}
