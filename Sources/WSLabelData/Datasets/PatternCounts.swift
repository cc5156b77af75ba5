import Foundation
import WSLabelCore

/// A split's votes reduced to its distinct vote patterns and how many items share each one: all
/// a label model needs to fit, in a file two shards' files merge into by addition.
///
/// A pattern is an item's votes together with its gold class (or none), so a dev split keeps
/// what scoring needs. Patterns are kept in order of first appearance: merging shards in the
/// order of their items then gives exactly the patterns, order and counts of one pass over all
/// items, and fitting on them gives the same model byte for byte (``labeledSplit``).
///
/// The file (`.counts`, version 1) is UTF-8 text: a JSON header line, then one line per pattern,
///
///     {"format":"wslabel-pattern-counts","version":1,"split":"train","labels":["HAM","SPAM"],"lfs":["lf_a","lf_b","lf_c"]}
///     1520<TAB>-<TAB>0:1,2:1
///     37<TAB>1<TAB>1:0
///     404<TAB>-<TAB>
///
/// where each line holds the count, the gold class index (`-` for none) and the votes as
/// `lf:class` pairs in increasing LF order (indices into the header's `lfs` and `labels`; an
/// empty field when every LF abstains). Shards of one task have identical headers.
///
/// ```swift
/// var counts = PatternCounts(split: train, labelNames: names, lfNames: lfs)
/// try counts.merge(PatternCounts.read(from: otherShard))
/// try counts.write(to: URL(fileURLWithPath: "train.counts"))
/// ```
public struct PatternCounts: Sendable, Equatable {
    /// The format's name and version, checked on read.
    public static let formatName = "wslabel-pattern-counts"
    public static let formatVersion = 1

    /// The split the items belong to.
    public var split: String
    /// Class names by index.
    public let labelNames: [String]
    /// LF names by vote-matrix column.
    public let lfNames: [String]
    /// The distinct patterns' votes, one row per pattern, in order of first appearance.
    public internal(set) var patterns: VoteMatrix
    /// Each pattern's gold class, or `nil`.
    public internal(set) var gold: [Int?]
    /// How many items share each pattern.
    public internal(set) var counts: [Int]

    /// The number of items counted.
    public var itemCount: Int { counts.reduce(0, +) }

    /// Reduces a split's items to their patterns, in order of first appearance.
    public init(split: LabeledSplit, labelNames: [String], lfNames: [String]) {
        precondition(lfNames.count == split.votes.lfCount && labelNames.count == split.votes.classCount, "one name per LF and class")
        let grouped = VotePatterns(split.votes, clampedLabels: split.gold, mapsRows: false, grouping: .always)
        var patterns = try! VoteMatrix(lfCount: split.votes.lfCount, classCount: split.votes.classCount)
        for index in 0..<grouped.count {
            let votes = grouped.votes(ofPattern: index)
            patterns.appendSparseRow(lfs: votes.map(\.lf), votes: votes.map(\.vote))
        }
        self.split = split.name
        self.labelNames = labelNames
        self.lfNames = lfNames
        self.patterns = patterns
        gold = (0..<grouped.count).map { grouped.clamp(ofPattern: $0) }.map { $0 < 0 ? nil : $0 }
        counts = grouped.counts.map { Int($0) }
    }

    /// Counts read from a file, checked.
    init(split: String, labelNames: [String], lfNames: [String], patterns: VoteMatrix, gold: [Int?], counts: [Int]) {
        self.split = split
        self.labelNames = labelNames
        self.lfNames = lfNames
        self.patterns = patterns
        self.gold = gold
        self.counts = counts
    }

    /// Adds `other`'s counts: its patterns already here add to their counts, new ones follow in
    /// `other`'s order.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when the files are of different tasks
    ///   (labels or LFs differ) or splits.
    public mutating func merge(_ other: PatternCounts) throws {
        guard other.labelNames == labelNames, other.lfNames == lfNames else {
            throw WSLabelError.invalidArgument("pattern counts of different tasks: labels or LFs differ (\(labelNames) × \(lfNames.count) LFs against \(other.labelNames) × \(other.lfNames.count) LFs)")
        }
        guard other.split == split else {
            throw WSLabelError.invalidArgument("pattern counts of different splits: \(split) and \(other.split)")
        }
        var index: [Key: Int] = [:]
        for row in 0..<patterns.rowCount { index[key(row)] = row }
        for row in 0..<other.patterns.rowCount {
            let key = other.key(row)
            if let existing = index[key] {
                counts[existing] += other.counts[row]
            } else {
                index[key] = patterns.rowCount
                let votes = other.patterns.votes(inRow: row)
                patterns.appendSparseRow(lfs: votes.map(\.lf), votes: votes.map(\.vote))
                gold.append(other.gold[row])
                counts.append(other.counts[row])
            }
        }
    }

    /// The split to fit on: one row per pattern standing for its count of items
    /// (``VoteMatrix/rowCounts``), ids `pattern:1`, `pattern:2`, …
    public var labeledSplit: LabeledSplit {
        LabeledSplit(name: split, ids: (0..<patterns.rowCount).map { "pattern:\($0 + 1)" },
                     votes: patterns.withRowCounts(counts.map(Double.init)), gold: gold)
    }

    /// The split with each pattern repeated as often as it was counted, in pattern order: for a
    /// dev split, whose items are scored one by one.
    public var expandedSplit: LabeledSplit {
        let rows = counts.indices.flatMap { Array(repeating: $0, count: counts[$0]) }
        return LabeledSplit(name: split, ids: rows.indices.map { "item:\($0 + 1)" }, votes: patterns.selectingRows(rows),
                            gold: rows.map { gold[$0] })
    }

    /// A pattern's identity: its votes and gold class.
    private struct Key: Hashable {
        var gold: Int
        var lfs: [UInt16]
        var votes: [UInt8]
    }

    private func key(_ row: Int) -> Key {
        let votes = patterns.votes(inRow: row)
        return Key(gold: gold[row] ?? -1, lfs: votes.map { UInt16($0.lf) }, votes: votes.map { UInt8($0.vote) })
    }
}
