import WSLabelCore
import WSLabelData
import WSLabeling
/// Something about an LF worth a look, with the reason in words: what the report's "flags"
/// column shows.
public struct LFFlag: Sendable, Equatable {
    /// The kinds of flag.
    public enum Kind: String, Sendable, CaseIterable {
        /// The LF votes on no row of the analysed split.
        case neverVotes = "never-votes"
        /// Its accuracy (on gold when there is enough, else as learned) is below `1 / classes`.
        case belowChance = "below-chance"
        /// It votes like another LF on nearly every row either votes on: it adds no evidence,
        /// and counts the same evidence twice.
        case nearDuplicate = "near-duplicate"
        /// On the rows it votes on, most other LFs' votes are for another class: the rest of
        /// the LFs overrule it.
        case conflictsWithMost = "conflicts-with-most"
    }

    /// The LF's column.
    public var lf: Int
    public var kind: Kind
    /// The numbers behind the flag, e.g. "accuracy 31.0% on dev (42 votes), chance is 50.0%".
    public var reason: String

    /// Thresholds of the flags; public so reports can state them.
    public enum Thresholds {
        /// Two LFs are near-duplicates when they vote the same class on at least this share of
        /// the rows either votes on (``PairwiseLFStatistics/sameVoteShare(_:_:)``).
        public static let nearDuplicateShare = 0.9
        /// Gold votes needed before empirical accuracy, not learned accuracy, judges an LF.
        public static let minimumGoldVotes = 10
        /// Other LFs' votes on an LF's rows needed before ``Kind/conflictsWithMost`` judges it.
        public static let minimumOtherVotes = 10
    }

    /// The flags of every LF, in LF order, then kind order.
    /// - Parameters:
    ///   - summary: the Snorkel columns (coverage on the analysed split, gold counts).
    ///   - pairwise: pair statistics of the analysed split.
    ///   - learnedAccuracies: the label model's accuracies, when it has them.
    ///   - classCount: number of classes (chance is `1 / classCount`).
    public static func flags(summary: LFSummary, pairwise: PairwiseLFStatistics,
                             learnedAccuracies: [Double]?, classCount: Int) -> [LFFlag] {
        let chance = 1 / Double(classCount)
        var flags: [LFFlag] = []
        for (lf, row) in summary.rows.enumerated() {
            if pairwise.overlapCount(lf, lf) == 0 {
                flags.append(LFFlag(lf: lf, kind: .neverVotes, reason: "no vote on the \(pairwise.rowCount) rows of \(summary.analysedSplit)"))
                continue
            }
            if let gold = row.gold, gold.correct + gold.incorrect >= Thresholds.minimumGoldVotes {
                if gold.empiricalAccuracy < chance {
                    flags.append(LFFlag(lf: lf, kind: .belowChance, reason: "accuracy \(percent(gold.empiricalAccuracy)) on \(summary.goldSplit ?? "gold") (\(gold.correct + gold.incorrect) votes), chance is \(percent(chance))"))
                }
            } else if let learned = learnedAccuracies?[lf], learned < chance {
                flags.append(LFFlag(lf: lf, kind: .belowChance, reason: "learned accuracy \(percent(learned)), chance is \(percent(chance))"))
            }
            let twins = (0..<pairwise.lfCount).filter {
                $0 != lf && pairwise.sameVoteShare(lf, $0) >= Thresholds.nearDuplicateShare
            }
            if let twin = twins.first {
                let others = twins.count > 1 ? " and \(twins.count - 1) more" : ""
                flags.append(LFFlag(lf: lf, kind: .nearDuplicate, reason: "same votes as \(summary.rows[twin].name)\(others) on \(percent(pairwise.sameVoteShare(lf, twin))) of the rows either votes on"))
            }
            // Votes of other LFs on the rows this one votes on, for and against it.
            let others = (0..<pairwise.lfCount).filter { $0 != lf }
            let against = others.reduce(0) { $0 + pairwise.conflictCount(lf, $1) }
            let with = others.reduce(0) { $0 + pairwise.agreementCount(lf, $1) }
            if against + with >= Thresholds.minimumOtherVotes && against > with {
                flags.append(LFFlag(lf: lf, kind: .conflictsWithMost, reason: "\(against) of the \(against + with) other votes on its rows are against it"))
            }
        }
        return flags
    }

    private static func percent(_ value: Double) -> String {
        let tenths = (value * 1000).rounded() / 10
        return "\(tenths)%"
    }
}
