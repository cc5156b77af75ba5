import Foundation
import WSLabelCore

extension WrenchDataset {
    /// Draws a WRENCH-layout dataset from a known generative model shaped like the WRENCH sets
    /// (``SyntheticVotes/Parameters/realistic(lfCount:classCount:seed:)``) and writes it to
    /// `folder`: every row has its true class as gold label. What `wslabel synthesize` does.
    /// - Parameters:
    ///   - splitSizes: rows per split, in order; splits of 0 rows are left out.
    ///   - seed: every draw's seed: the same seed writes the same files.
    /// - Returns: the splits written.
    /// - Throws: ``WSLabelError`` for shapes a vote matrix cannot hold or a folder that cannot
    ///   be written.
    @discardableResult
    public static func synthesize(labelNames: [String], lfCount: Int, splitSizes: [(name: String, rows: Int)], seed: UInt64,
                                  to folder: URL) throws -> [LabeledSplit] {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: lfCount, classCount: labelNames.count, seed: seed)
        let data = try SyntheticVotes(parameters: truth, rows: splitSizes.map(\.rows).reduce(0, +), seed: seed)
        let splits = data.splits(splitSizes.map { ($0.name, $0.rows) }).filter { !$0.ids.isEmpty }
        try write(labelNames: labelNames, splits: splits, to: folder)
        return splits
    }
}
