/// Coverage, overlap and conflict statistics of a vote matrix, with the definitions of Snorkel's
/// `LFAnalysis`, so numbers read the same in both tools.
///
/// Every fraction is over all rows of the matrix (Snorkel's default, not normalised by
/// coverage). A row is *covered* when at least one LF votes on it, *overlapped* when at least two
/// do, and *conflicted* when the LFs voting on it do not all give the same class. An LF's
/// overlap (conflict) is the fraction of rows it votes on that are overlapped (conflicted), so
/// an LF that agrees with the majority on a conflicted row still counts that row.
///
/// ```swift
/// let votes = try VoteMatrix(denseRows: [[-1, 0, 0], [-1, -1, -1], [1, 0, -1],
///                                        [-1, 0, -1], [0, 0, 0]], classCount: 2)
/// let analysis = LFAnalysis(votes)
/// analysis.labelCoverage   // 0.8
/// analysis.labelOverlap    // 0.6
/// analysis.labelConflict   // 0.2
/// analysis.lfPolarities    // [[0, 1], [0], [0]]
/// analysis.lfCoverages     // [0.4, 0.8, 0.4]
/// analysis.lfOverlaps      // [0.4, 0.6, 0.4]
/// analysis.lfConflicts     // [0.2, 0.2, 0.0]
/// ```
///
/// - Complexity: O(v + m·k) for v votes, m LFs and k classes; one pass over the matrix.
public struct LFAnalysis: Sendable, Equatable {
    /// Number of rows analysed.
    public let rowCount: Int
    /// Rows with at least one vote.
    public let coveredRows: Int
    /// Rows with at least two votes.
    public let overlappedRows: Int
    /// Rows whose votes are not all the same class.
    public let conflictedRows: Int
    /// Per LF: rows it votes on.
    public let lfVoteCounts: [Int]
    /// Per LF: rows it votes on that another LF also votes on.
    public let lfOverlapCounts: [Int]
    /// Per LF: rows it votes on where the votes disagree.
    public let lfConflictCounts: [Int]
    /// Per LF and class (`lf * classCount + class`): how often the LF votes for that class.
    public let lfClassVoteCounts: [Int]
    /// Per class: rows with at least one vote for that class.
    public let classCoveredRows: [Int]
    /// Number of classes of the analysed matrix.
    public let classCount: Int

    /// Analyses `votes` in one pass.
    public init(_ votes: VoteMatrix) {
        let lfs = votes.lfCount, classes = votes.classCount
        var covered = 0, overlapped = 0, conflicted = 0
        var voteCounts = [Int](repeating: 0, count: lfs)
        var overlapCounts = [Int](repeating: 0, count: lfs)
        var conflictCounts = [Int](repeating: 0, count: lfs)
        var classVotes = [Int](repeating: 0, count: lfs * classes)
        var classRows = [Int](repeating: 0, count: classes)
        // The last row each class was counted for: counts a class once per row without a set.
        var classSeenInRow = [Int](repeating: -1, count: classes)
        for row in 0..<votes.rowCount {
            let range = votes.rowStarts[row]..<votes.rowStarts[row + 1]
            guard let first = range.first else { continue }
            covered += 1
            let firstVote = votes.classVotes[first]
            let overlaps = range.count > 1
            let conflicts = range.contains { votes.classVotes[$0] != firstVote }
            if overlaps { overlapped += 1 }
            if conflicts { conflicted += 1 }
            for index in range {
                let lf = Int(votes.lfIndices[index])
                voteCounts[lf] += 1
                let vote = Int(votes.classVotes[index])
                classVotes[lf * classes + vote] += 1
                if classSeenInRow[vote] != row {
                    classSeenInRow[vote] = row
                    classRows[vote] += 1
                }
                if overlaps { overlapCounts[lf] += 1 }
                if conflicts { conflictCounts[lf] += 1 }
            }
        }
        rowCount = votes.rowCount
        coveredRows = covered
        overlappedRows = overlapped
        conflictedRows = conflicted
        lfVoteCounts = voteCounts
        lfOverlapCounts = overlapCounts
        lfConflictCounts = conflictCounts
        lfClassVoteCounts = classVotes
        classCoveredRows = classRows
        classCount = classes
    }

    /// Number of LFs analysed.
    public var lfCount: Int { lfVoteCounts.count }

    /// Fraction of rows with at least one vote (Snorkel `label_coverage`).
    public var labelCoverage: Double { fraction(coveredRows) }
    /// Fraction of rows with at least two votes (Snorkel `label_overlap`).
    public var labelOverlap: Double { fraction(overlappedRows) }
    /// Fraction of rows whose votes disagree (Snorkel `label_conflict`).
    public var labelConflict: Double { fraction(conflictedRows) }
    /// Per class: fraction of rows with at least one vote for it.
    public var classCoverages: [Double] { classCoveredRows.map(fraction) }

    /// The classes each LF emitted, ascending (Snorkel `lf_polarities`); empty for an LF that
    /// never votes.
    public var lfPolarities: [[Int]] {
        (0..<lfCount).map { lf in (0..<classCount).filter { lfClassVoteCounts[lf * classCount + $0] > 0 } }
    }
    /// Fraction of rows each LF votes on (Snorkel `lf_coverages`).
    public var lfCoverages: [Double] { lfVoteCounts.map(fraction) }
    /// Fraction of rows each LF votes on together with another LF (Snorkel `lf_overlaps`).
    public var lfOverlaps: [Double] { lfOverlapCounts.map(fraction) }
    /// Fraction of rows each LF votes on where the votes disagree (Snorkel `lf_conflicts`).
    public var lfConflicts: [Double] { lfConflictCounts.map(fraction) }

    // Snorkel divides by the row count and maps 0/0 to 0 (`nan_to_num`).
    private func fraction(_ count: Int) -> Double {
        rowCount > 0 ? Double(count) / Double(rowCount) : 0
    }
}
