import WSLabelCore
import WSLabelData
import WSLabeling
/// The per-LF table users read to improve their LFs: Snorkel's `lf_summary` columns (polarity,
/// coverage, overlaps, conflicts, and with gold labels correct, incorrect, empirical accuracy)
/// computed on a run's splits.
///
/// Coverage, overlaps and conflicts come from one split (normally `train`, the votes the model
/// was fit on); the gold columns from the split chosen by ``goldSplit(in:devSplit:)``.
///
/// ```swift
/// let summary = LFSummary(lfNames: ["kw_my", "kw_song"], labelNames: ["HAM", "SPAM"],
///                         analysed: train, gold: dev)
/// summary.rows[0].coverage                       // fraction of train rows kw_my votes on
/// summary.rows[0].gold?.empiricalAccuracy        // its accuracy on dev
/// ```
public struct LFSummary: Sendable {
    /// One LF's line.
    public struct Row: Sendable, Equatable {
        public var name: String
        /// Label names the LF voted for on the analysed split, in class order.
        public var polarity: [String]
        public var coverage: Double
        public var overlaps: Double
        public var conflicts: Double
        /// Correct and incorrect votes on the gold split, when there is one.
        public var gold: LFAnalysis.GoldCounts?
    }

    /// The split coverage, overlaps and conflicts describe.
    public let analysedSplit: String
    /// The split the gold columns describe, if any.
    public let goldSplit: String?
    /// Dataset-level statistics of the analysed split.
    public let analysis: LFAnalysis
    /// One row per LF, in column order.
    public let rows: [Row]

    /// Summarises `analysed`'s votes, with gold columns from `gold` when it has gold labels.
    /// - Parameters:
    ///   - lfNames: one name per vote-matrix column.
    ///   - labelNames: class names by index.
    ///   - analysed: the split for coverage, overlaps and conflicts.
    ///   - gold: the split to score LFs on; ignored when it has no gold labels.
    /// - Precondition: `lfNames.count == analysed.votes.lfCount`.
    public init(lfNames: [String], labelNames: [String], analysed: LabeledSplit, gold: LabeledSplit?) {
        precondition(lfNames.count == analysed.votes.lfCount, "one name per LF")
        let analysis = LFAnalysis(analysed.votes)
        let scored = gold.flatMap { $0.goldCount > 0 ? $0 : nil }
        let counts = scored.map { LFAnalysis.goldCounts($0.votes, gold: $0.gold) }
        let polarities = analysis.lfPolarities
        let (coverages, overlaps, conflicts) = (analysis.lfCoverages, analysis.lfOverlaps, analysis.lfConflicts)
        rows = lfNames.indices.map { lf in
            Row(name: lfNames[lf], polarity: polarities[lf].map { labelNames[$0] },
                coverage: coverages[lf], overlaps: overlaps[lf], conflicts: conflicts[lf],
                gold: counts?[lf])
        }
        analysedSplit = analysed.name
        goldSplit = scored?.name
        self.analysis = analysis
    }

    /// The split whose gold labels best judge LFs: the dev split when it has gold, otherwise the
    /// last other split with gold (usually `test`), otherwise `train` when it has gold.
    public static func goldSplit(in splits: [LabeledSplit], devSplit: String) -> LabeledSplit? {
        let labeled = splits.filter { $0.goldCount > 0 }
        return labeled.first { $0.name == devSplit }
            ?? labeled.last { $0.name != "train" }
            ?? labeled.first
    }

    /// Generic names for unnamed columns (WRENCH and `.npy` votes): `lf_0`, `lf_1`, …
    public static func defaultNames(lfCount: Int) -> [String] {
        (0..<lfCount).map { "lf_\($0)" }
    }

    /// The summary as JSON: `analysed_split`, `gold_split`, `label_coverage`,
    /// `label_overlap`, `label_conflict`, and `lfs`, one object per LF with `name`, `polarity`,
    /// `coverage`, `overlaps`, `conflicts` and, with gold, `correct`, `incorrect`,
    /// `empirical_accuracy`.
    public var json: JSONValue {
        .object([
            ("analysed_split", .string(analysedSplit)),
            ("gold_split", goldSplit.map(JSONValue.string) ?? .null),
            ("label_coverage", .number(analysis.labelCoverage)),
            ("label_overlap", .number(analysis.labelOverlap)),
            ("label_conflict", .number(analysis.labelConflict)),
            ("lfs", .array(rows.map { row in
                var members: [(key: String, value: JSONValue)] = [
                    ("name", .string(row.name)),
                    ("polarity", .array(row.polarity.map(JSONValue.string))),
                    ("coverage", .number(row.coverage)),
                    ("overlaps", .number(row.overlaps)),
                    ("conflicts", .number(row.conflicts)),
                ]
                if let gold = row.gold {
                    members += [("correct", .number(Double(gold.correct))),
                                ("incorrect", .number(Double(gold.incorrect))),
                                ("empirical_accuracy", .number(gold.empiricalAccuracy))]
                }
                return .object(members)
            })),
        ])
    }
}
