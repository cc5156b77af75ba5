/// How every pair of LFs relates: on how many rows both vote, and on how many of those they
/// vote differently. The heatmaps of the HTML report and the near-duplicate flag read these.
///
/// ```swift
/// let votes = try VoteMatrix(denseRows: [[0, 0, 1], [1, -1, 1], [-1, 0, -1]], classCount: 2)
/// let pairs = PairwiseLFStatistics(votes)
/// pairs.overlapCount(0, 2)    // 2: rows 0 and 1
/// pairs.conflictCount(0, 2)   // 1: row 0 (0 against 1)
/// pairs.overlapCount(1, 1)    // 2: an LF overlaps itself on the rows it votes on
/// ```
///
/// - Complexity: O(Σ vᵢ²) for vᵢ votes in row i, and O(m²) memory for m LFs.
public struct PairwiseLFStatistics: Sendable, Equatable {
    /// Number of LFs.
    public let lfCount: Int
    /// Number of rows the counts are over.
    public let rowCount: Int
    // Row-major m × m; symmetric. The diagonal of `overlaps` holds each LF's vote count.
    private var overlaps: [Int]
    private var conflicts: [Int]

    /// Counts every pair in one pass over the rows.
    public init(_ votes: VoteMatrix) {
        let m = votes.lfCount
        var overlaps = [Int](repeating: 0, count: m * m)
        var conflicts = [Int](repeating: 0, count: m * m)
        for row in 0..<votes.rowCount {
            let range = votes.rowStarts[row]..<votes.rowStarts[row + 1]
            for first in range {
                let i = Int(votes.lfIndices[first])
                overlaps[i * m + i] += 1
                for second in range where second > first {
                    let j = Int(votes.lfIndices[second])
                    overlaps[i * m + j] += 1
                    overlaps[j * m + i] += 1
                    if votes.classVotes[first] != votes.classVotes[second] {
                        conflicts[i * m + j] += 1
                        conflicts[j * m + i] += 1
                    }
                }
            }
        }
        lfCount = m
        rowCount = votes.rowCount
        self.overlaps = overlaps
        self.conflicts = conflicts
    }

    /// Rows on which both LFs vote (for `i == j`, the rows LF `i` votes on).
    public func overlapCount(_ i: Int, _ j: Int) -> Int { overlaps[i * lfCount + j] }
    /// Rows on which both LFs vote, for different classes.
    public func conflictCount(_ i: Int, _ j: Int) -> Int { conflicts[i * lfCount + j] }
    /// Rows on which both LFs vote for the same class.
    public func agreementCount(_ i: Int, _ j: Int) -> Int { overlapCount(i, j) - conflictCount(i, j) }

    /// Fraction of all rows on which both vote.
    public func overlap(_ i: Int, _ j: Int) -> Double { fraction(overlapCount(i, j)) }
    /// Fraction of all rows on which both vote differently.
    public func conflict(_ i: Int, _ j: Int) -> Double { fraction(conflictCount(i, j)) }

    /// Rows on which at least one of the two votes.
    public func unionCount(_ i: Int, _ j: Int) -> Int {
        overlapCount(i, i) + overlapCount(j, j) - overlapCount(i, j)
    }

    /// The share of rows either LF votes on where both vote the same class: 1 for two copies of
    /// one LF, 0 for LFs that never vote together or never agree.
    public func sameVoteShare(_ i: Int, _ j: Int) -> Double {
        let union = unionCount(i, j)
        return union > 0 ? Double(agreementCount(i, j)) / Double(union) : 0
    }

    private func fraction(_ count: Int) -> Double { rowCount > 0 ? Double(count) / Double(rowCount) : 0 }
}
