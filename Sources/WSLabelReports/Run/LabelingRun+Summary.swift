import WSLabelCore
import WSLabelData
import WSLabeling
extension LabelingRun {
    /// The model as `fit` and the reports name it: `em (variant)`, or for majority vote `mv (ties
    /// and uncovered rows' rule)` (``MajorityVoteTies/text``).
    public var modelDescription: String {
        configuration.model.rawValue + (variant.map { " (\($0.summary))" } ?? MajorityVoteTies(run: self).map { " (\($0.text))" } ?? "")
    }

    /// The run as one JSON object: what `wslabel fit --json` prints.
    ///
    /// Keys: `model`, `labels` (the class names by class index: the names of the indices in
    /// `f1[1]` and the splits' `f1`), `variant`, `seed`, for majority vote `ties`
    /// (``MajorityVoteTies/json``), `iterations`, `log_likelihood`, `fit_seconds`,
    /// `selection` (metric, with `f1` its `positive_class` by name, dev split, variants tried, the chosen index and its dev score,
    /// whether the gold-free choice was kept and the dev winner's advantage over it in standard
    /// errors; or, chosen without gold, `metric: leave_one_lf_out_agreement`, its score and the
    /// number of variants that lost a class) and
    /// `splits`, where each split has `rows`, `lf_coverage`, the label `distribution` (rows per
    /// label name), `unlabeled` (rows without a label: ties under `--ties abstain`), and with
    /// gold labels `accuracy`, `macro_f1`, `coverage` and, for two classes, `f1` (of `labels[1]`);
    /// with `lfSummary`, also `lf_summary` (``LFSummary/json``); with `llmCosts`, `llm`
    /// (``LLMRunCosts/json``). A split named in `hiddenSplits` has no scores but
    /// `scores_hidden: true`.
    public func summary(lfSummary: LFSummary? = nil, llmCosts: LLMRunCosts? = nil, hiddenSplits: [String] = []) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("model", .string(configuration.model.rawValue)),
            ("labels", .array(labelNames.map { .string($0) })),
            ("variant", variant.map { .string($0.summary) } ?? .null),
            ("seed", .number(Double(configuration.seed))),
        ]
        if let ties = MajorityVoteTies(run: self) { members.append(("ties", ties.json)) }
        if let fit = model.fitSummary {
            members.append(("iterations", .number(Double(fit.iterations))))
            members.append(("converged", .bool(fit.converged)))
            members.append(("log_likelihood", .number(fit.logLikelihood)))
            members.append(("patterns", .number(Double(fit.patternCount))))
        } else {
            members.append(("iterations", .number(0)))
            members.append(("log_likelihood", .null))
        }
        members.append(("fit_seconds", .number(fitSeconds)))
        if let selection {
            var positiveClass: [(key: String, value: JSONValue)] = []
            if case let .f1(positive) = selection.metric, labelNames.indices.contains(positive) {
                positiveClass = [("positive_class", .string(labelNames[positive]))]
            }
            members.append(("selection", .object([
                ("metric", .string(selection.metric.name)),
            ] + positiveClass + [
                ("dev_split", .string(configuration.devSplitName)),
                ("variants", .number(Double(selection.candidates.count))),
                ("chosen", .number(Double(selection.chosenIndex))),
                ("dev_score", .number(selection.chosen.devScore)),
                ("kept_gold_free_choice", .bool(selection.incumbentIndex != nil && selection.chosenIndex == selection.incumbentIndex)),
                ("advantage_over_gold_free", selection.advantageOverIncumbent.map { .number($0) } ?? .null),
            ])))
        } else if let goldFreeSelection {
            members.append(("selection", .object([
                ("metric", .string("leave_one_lf_out_agreement")),
                ("dev_split", .null),
                ("variants", .number(Double(goldFreeSelection.candidates.count))),
                ("chosen", .number(Double(goldFreeSelection.chosenIndex))),
                ("agreement", goldFreeSelection.chosen.agreement.map { .number($0) } ?? .null),
                ("lost_a_class", .number(Double(goldFreeSelection.candidates.filter { !$0.lostClasses.isEmpty }.count))),
            ])))
        }
        members.append(("splits", .object(results.map { ($0.name, $0.summary(labelNames: labelNames, hidden: hiddenSplits.contains($0.name))) })))
        if let lfSummary { members.append(("lf_summary", lfSummary.json)) }
        if let llmCosts { members.append(("llm", llmCosts.json)) }
        return .object(members)
    }
}

extension LabelingRun.SplitResult {
    /// The split as JSON; `hidden`: its scores are left out and `scores_hidden: true` says so.
    func summary(labelNames: [String], hidden: Bool = false) -> JSONValue {
        var counts = [Double](repeating: 0, count: labelNames.count)
        var abstained = 0.0
        for label in predictions {
            if label == VoteMatrix.abstain { abstained += 1 } else { counts[label] += 1 }
        }
        // Keyed by label name only: rows without a label are counted apart, not as a pseudo-label.
        let distribution: [(key: String, value: JSONValue)] = zip(labelNames, counts).map { ($0, .number($1)) }
        var members: [(key: String, value: JSONValue)] = [
            ("rows", .number(Double(ids.count))),
            ("lf_coverage", .number(lfCoverage)),
            ("distribution", .object(distribution)),
            ("unlabeled", .number(abstained)),
        ]
        if hidden {
            members.append(("scores_hidden", .bool(true)))
        } else if let metrics {
            members.append(("accuracy", .number(metrics.accuracy)))
            members.append(("macro_f1", .number(metrics.macroF1)))
            if labelNames.count == 2 { members.append(("f1", .number(metrics.f1(ofClass: 1)))) }
            members.append(("coverage", .number(metrics.coverage)))
        }
        return .object(members)
    }
}
