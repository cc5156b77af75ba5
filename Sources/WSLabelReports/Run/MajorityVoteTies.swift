import WSLabelCore
import WSLabelData

/// How a majority-vote run labeled the items it could not decide — classes tied among voting
/// LFs, and rows no LF votes on — stated wherever majority vote's numbers appear (`fit`,
/// `report`, `cost`), since the rule moves its accuracy by points on imbalanced data.
///
/// ```swift
/// let run = try LabelingRun(labelNames: names, splits: splits, configuration: .init(model: .mv))
/// MajorityVoteTies(run: run)?.text
/// // "ties: random among voters; uncovered rows: class prior from dev gold (valid)"
/// ```
public struct MajorityVoteTies: Sendable, Equatable {
    /// How one kind of undecided row is labeled.
    public enum Rule: String, Sendable {
        /// A seeded random draw among the tied classes.
        case random
        /// No label.
        case abstain
        /// The most likely class of a class prior.
        case classPrior = "class_prior"
    }

    /// Where a class prior comes from.
    public enum PriorSource: Sendable, Equatable {
        /// The dev split's gold labels.
        case devGold(split: String)
        /// Majority vote's own labels on the covered train rows.
        case majorityVoteLabels
        /// No dev gold: every class alike, so the lower class index wins.
        case uniform
    }

    /// The `--ties` choice the rules come from.
    public let choice: LabelingRunConfiguration.TieChoice
    /// Classes tied among the LFs that vote on a row.
    public let amongVoters: Rule
    /// Rows no LF votes on.
    public let uncoveredRows: Rule
    /// The class prior of the rows a ``Rule/classPrior`` rule labels.
    public let prior: [Double]?
    /// Where ``prior`` comes from.
    public let priorSource: PriorSource?
    /// The run's class names, which name the prior's classes.
    public let labelNames: [String]

    /// The rules of `run`, or `nil` when it did not fit majority vote.
    public init?(run: LabelingRun) {
        guard let model = run.model as? MajorityVote else { return nil }
        choice = run.configuration.ties
        labelNames = run.labelNames
        switch run.tiePolicy {
        case .abstain:
            (amongVoters, uncoveredRows, prior, priorSource) = (.abstain, .abstain, nil, nil)
        case .random:
            (amongVoters, uncoveredRows, prior, priorSource) = (.random, .random, nil, nil)
        case let .classPrior(values):
            // `--ties prior`: the dev gold's balance when there is one, else uniform weights.
            let source: PriorSource = if case let .devGold(split)? = model.uncoveredPrior?.source { .devGold(split: split) } else { .uniform }
            let total = values.reduce(0, +)
            (amongVoters, uncoveredRows, prior, priorSource) = (.classPrior, .classPrior, values.map { $0 / total }, source)
        case let .uncoveredByPrior(values, seed):
            let source: PriorSource = switch model.uncoveredPrior?.source {
            case let .devGold(split)?: .devGold(split: split)
            case .majorityVoteLabels?, nil: .majorityVoteLabels
            }
            (amongVoters, uncoveredRows, prior, priorSource) = (seed == nil ? .abstain : .random, .classPrior, values, source)
        }
    }

    /// The rules in a few words, e.g. `ties: random among voters; uncovered rows: class prior
    /// from dev gold (valid)`.
    public var text: String {
        switch (amongVoters, uncoveredRows) {
        case (.random, .random): return "ties: random, uncovered rows too (WRENCH)"
        case (.abstain, .abstain): return "ties: no label, uncovered rows too"
        case (.classPrior, .classPrior): return "ties: \(priorText), uncovered rows too"
        default: return "ties: \(words(amongVoters)) among voters; uncovered rows: \(words(uncoveredRows))"
        }
    }

    /// The rules in a few words for a table row, e.g. `ties random, uncovered → dev-gold prior`.
    public var shortText: String {
        switch (amongVoters, uncoveredRows) {
        case (.random, .random): return "random ties, uncovered too"
        case (.abstain, .abstain): return "ties unlabeled, uncovered too"
        case (.classPrior, .classPrior): return "ties → \(shortPrior), uncovered too"
        default: return "ties \(amongVoters == .random ? "random" : "unlabeled"), uncovered → \(shortPrior)"
        }
    }

    private var shortPrior: String {
        switch priorSource {
        case .devGold?: return "dev-gold prior"
        case .majorityVoteLabels?: return "prior of MV labels"
        case .uniform?, nil: return "lowest class"
        }
    }

    /// The rules as a JSON object: `choice` (the `--ties` value), `among_voters` and
    /// `uncovered_rows` (`random`, `abstain` or `class_prior`), and for a class prior
    /// `prior_source` (`dev_gold` with `dev_split`, `majority_vote_labels` or `uniform`) and
    /// `prior` (probability by label).
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("choice", .string(choice.rawValue)),
            ("among_voters", .string(amongVoters.rawValue)),
            ("uncovered_rows", .string(uncoveredRows.rawValue)),
        ]
        if let priorSource {
            switch priorSource {
            case let .devGold(split):
                members += [("prior_source", .string("dev_gold")), ("dev_split", .string(split))]
            case .majorityVoteLabels: members.append(("prior_source", .string("majority_vote_labels")))
            case .uniform: members.append(("prior_source", .string("uniform")))
            }
        }
        if let prior { members.append(("prior", .object(zip(labelNames, prior).map { ($0, .number($1)) }))) }
        return .object(members)
    }

    private func words(_ rule: Rule) -> String {
        switch rule {
        case .random: return "random"
        case .abstain: return "no label"
        case .classPrior: return priorText
        }
    }

    private var priorText: String {
        switch priorSource {
        case let .devGold(split)?: return "class prior from dev gold (\(split))"
        case .majorityVoteLabels?: return "class prior from majority vote's labels on covered train rows"
        case .uniform?, nil: return "lowest class index (no dev gold for a class prior)"
        }
    }
}
