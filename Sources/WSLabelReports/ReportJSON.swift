import WSLabelCore
import WSLabelData
import WSLabeling

/// The whole report as JSON, numbers at full precision.
///
/// Keys: `model`, for majority vote `ties` (``MajorityVoteTies/json``), `labels`, `lf_summary` (``LFSummary/json``: Snorkel's columns),
/// `class_coverage`, `learned` (per-LF `accuracy` and `table` — rows per true class, columns
/// abstain then each class — plus `class_prior`; null for majority vote), `flags` (`lf`, `kind`,
/// `reason`), `pairwise` (`overlap_rows`, `conflict_rows`: LF × LF counts on the analysed split)
/// `dependencies` (``LFDependencies`` on the analysed split: `pairs`, each with `first`,
/// `second`, `co_vote_rows`, `agreeing_rows`, `expected_agreeing_rows`, `agreement_lift` (null
/// when infinite), `partial_correlation` (null when not computed), `exact_duplicate`; `clusters`
/// as lists of LF names; `weights` per LF; null when the split has no rows)
/// and `splits` (per split `rows`, `label_counts`, `unlabeled_ties`, `unlabeled_no_votes`,
/// `labeled_without_votes`, `confidence_histogram`, and with gold `accuracy`, `macro_f1`,
/// `per_class`, `confusion_matrix` and `unlabeled_by_class` (``ScoreTables/json(_:labelNames:)``), or for a test split
/// whose scores are hidden `scores_hidden: true`);
/// with LLM-prompt LFs, `llm` (``LLMRunCosts/json``).
enum ReportJSON {
    static func value(of report: LFReport) -> JSONValue {
        let m = report.lfNames.count
        func number(_ value: Int) -> JSONValue { .number(Double(value)) }
        func matrix(_ entry: (Int, Int) -> Int) -> JSONValue {
            .array((0..<m).map { i in .array((0..<m).map { j in number(entry(i, j)) }) })
        }
        var learned = JSONValue.null
        if let parameters = report.learned {
            let tables = parameters.tables
            learned = .object([
                ("class_prior", .array(parameters.classPrior.map(JSONValue.number))),
                ("lfs", .array((0..<m).map { lf in
                    .object([
                        ("name", .string(report.lfNames[lf])),
                        ("accuracy", .number(parameters.accuracies[lf])),
                        ("table", .array((0..<tables.classCount).map { truth in
                            .array([.number(tables.abstainProbability(lf: lf, trueClass: truth))]
                                   + (0..<tables.classCount).map { .number(tables.voteProbability(lf: lf, trueClass: truth, vote: $0)) })
                        })),
                    ])
                })),
            ])
        }
        var members: [(key: String, value: JSONValue)] = [
            ("model", .string(report.modelDescription)),
        ]
        if let ties = report.majorityVoteTies { members.append(("ties", ties.json)) }
        members += [
            ("labels", .array(report.labelNames.map(JSONValue.string))),
            ("lf_summary", report.summary.json),
            ("class_coverage", .object(zip(report.labelNames, report.summary.analysis.classCoverages).map { ($0, .number($1)) })),
            ("learned", learned),
            ("flags", .array(report.flags.map {
                .object([("lf", .string(report.lfNames[$0.lf])), ("kind", .string($0.kind.rawValue)), ("reason", .string($0.reason))])
            })),
            ("pairwise", .object([
                ("lfs", .array(report.lfNames.map(JSONValue.string))),
                ("overlap_rows", matrix(report.pairwise.overlapCount)),
                ("conflict_rows", matrix(report.pairwise.conflictCount)),
            ])),
            ("dependencies", dependencies(report)),
            ("splits", .object(report.outcomes.map { outcome in
                var members: [(key: String, value: JSONValue)] = [
                    ("rows", number(outcome.rows)),
                    ("label_counts", .object(zip(report.labelNames, outcome.labelCounts).map { ($0, number($1)) })),
                    ("unlabeled_ties", number(outcome.unlabeledTies)),
                    ("unlabeled_no_votes", number(outcome.unlabeledNoVotes)),
                    ("labeled_without_votes", number(outcome.labeledWithoutVotes)),
                    ("confidence_histogram", .array(outcome.confidenceHistogram.map(number))),
                ]
                if let metrics = outcome.metrics {
                    members += [("accuracy", .number(metrics.accuracy)), ("macro_f1", .number(metrics.macroF1))]
                }
                if let confusion = outcome.confusion { members += ScoreTables.json(confusion, labelNames: report.labelNames) }
                if outcome.scoresHidden { members.append(("scores_hidden", .bool(true))) }
                return (outcome.name, .object(members))
            })),
        ]
        if let costs = report.llmCosts { members.append(("llm", costs.json)) }
        return .object(members)
    }

    private static func dependencies(_ report: LFReport) -> JSONValue {
        guard let dependencies = report.dependencies else { return .null }
        let names = report.lfNames
        func finite(_ value: Double?) -> JSONValue { value.map { $0.isFinite ? .number($0) : .null } ?? .null }
        return .object([
            ("pairs", .array(dependencies.pairs.map { pair in
                .object([
                    ("first", .string(names[pair.first])), ("second", .string(names[pair.second])),
                    ("co_vote_rows", .number(Double(pair.coVoteRows))), ("agreeing_rows", .number(Double(pair.agreeingRows))),
                    ("expected_agreeing_rows", .number(pair.expectedAgreeingRows)),
                    ("agreement_lift", finite(pair.agreementLift)),
                    ("partial_correlation", finite(pair.partialCorrelation)),
                    ("exact_duplicate", .bool(pair.isExactDuplicate)),
                ])
            })),
            ("clusters", .array(dependencies.clusters.map { .array($0.map { .string(names[$0]) }) })),
            ("weights", .array(dependencies.weights.map(JSONValue.number))),
        ])
    }
}
