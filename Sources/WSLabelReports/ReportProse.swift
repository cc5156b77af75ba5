import WSLabelCore

/// The sentences the text and Markdown reports share, so both say the same thing.
enum ReportProse {
    /// Model, analysed split, dataset-level statistics and per-class coverage.
    static func overview(_ report: LFReport) -> [String] {
        let analysis = report.summary.analysis
        let classes = zip(report.labelNames, analysis.classCoverages).map { "\($0) \(ReportNumbers.percent($1))" }
        return [
            "model: \(report.modelDescription)",
            "\(report.summary.analysedSplit): \(analysis.rowCount) rows, \(report.lfNames.count) LFs; "
                + "\(ReportNumbers.percent(analysis.labelCoverage)) of rows covered, "
                + "\(ReportNumbers.percent(analysis.labelOverlap)) overlapped, "
                + "\(ReportNumbers.percent(analysis.labelConflict)) conflicted",
            "rows with a vote for each class: " + classes.joined(separator: ", "),
        ]
    }

    /// Up to `limit` LF pairs with the most conflicting rows, most first.
    static func mostConflictingPairs(_ report: LFReport, limit: Int = 5) -> [String] {
        let pairwise = report.pairwise
        var pairs: [(Int, Int, Int)] = []
        for i in 0..<pairwise.lfCount {
            for j in (i + 1)..<pairwise.lfCount where pairwise.conflictCount(i, j) > 0 {
                pairs.append((i, j, pairwise.conflictCount(i, j)))
            }
        }
        pairs.sort { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }
        return pairs.prefix(limit).map { i, j, count in
            "\(report.lfNames[i]) × \(report.lfNames[j]): \(count) rows (\(ReportNumbers.percent(pairwise.conflict(i, j)))), "
                + "agree on \(pairwise.agreementCount(i, j))"
        }
    }

    /// The heading of the dependent-pairs section, and one line per pair with its evidence
    /// (and one per cluster); no lines when there are none.
    static func dependentPairs(_ report: LFReport) -> (heading: String, lines: [String]) {
        let heading = "dependent LF pairs on \(report.summary.analysedSplit) (they vote together more than the class explains; "
            + "--lf-dependencies weight counts each cluster once):"
        guard let dependencies = report.dependencies, !dependencies.pairs.isEmpty else { return (heading, []) }
        let names = report.lfNames
        var lines = dependencies.pairs.map { pair in
            "\(names[pair.first]) × \(names[pair.second]): " + (pair.isExactDuplicate ? "exact duplicate; " : "")
                + "agree on \(pair.agreeingRows) of \(pair.coVoteRows) co-voted rows, "
                + "expected \(ReportNumbers.fixed(pair.expectedAgreeingRows, digits: 1)) if independent given the class "
                + "(lift \(pair.agreementLift.isFinite ? ReportNumbers.fixed(pair.agreementLift, digits: 2) : "∞")), "
                + "partial correlation \(pair.partialCorrelation.map { ReportNumbers.fixed($0, digits: 2) } ?? "–")"
        }
        lines += dependencies.clusters.map { cluster in
            "cluster: " + cluster.map { names[$0] }.joined(separator: ", ") + " (weight 1/\(cluster.count) each when weighted)"
        }
        return (heading, lines)
    }

    /// Notes a reader needs to read the numbers right.
    static func notes(_ report: LFReport) -> [String] {
        var notes = report.outcomes.filter(\.scoresHidden).map { HiddenScores.note(split: $0.name, items: $0.rows) }
        if report.learned != nil {
            notes.append("note: learned accuracies come from the label model without gold labels; a strongly "
                + "regularised variant (large λ) keeps them near its prior, so read them as weights, not measurements.")
        }
        if report.summary.goldSplit == nil {
            notes.append("note: no split \(report.hiddenSplits.isEmpty ? "" : "whose scores are shown ")has gold labels, so there are no correct/incorrect columns; "
                + "label a small dev split (data.splits.dev in the task file) to see them.")
        }
        return notes
    }
}
