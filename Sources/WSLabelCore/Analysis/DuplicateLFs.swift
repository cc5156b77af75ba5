/// LFs that cast the same vote (or abstain together) on every row: exact duplicates, which add
/// no information however many copies there are — the same keyword in two LF files, an LF
/// registered twice. Counting each group once is exact for the model
/// (``LabelingRunConfiguration/DependentLFs/duplicates``); it is not the default because on
/// real LF sets a duplicated strong LF can also be what holds a misspecified model together.
///
/// Found in O(votes): each LF's column is hashed, and LFs with equal hashes are compared.
///
/// ```swift
/// let duplicates = DuplicateLFs(votes: train)
/// duplicates.groups    // e.g. [[8, 39, 63], [27, 62]]
/// duplicates.weights   // 1/3 for 8, 39, 63; 1/2 for 27, 62; 1 elsewhere; nil without groups
/// ```
public struct DuplicateLFs: Sendable, Equatable {
    /// Groups of identical LFs (at least two each, every LF with at least one vote), each in
    /// increasing LF order, ordered by their first LF.
    public let groups: [[Int]]
    /// Number of LFs.
    public let lfCount: Int

    /// The E-step weight of each LF, `1 / group size` (``EMOptions/lfWeights``), or `nil` when no
    /// LF has a duplicate.
    public var weights: [Double]? {
        guard !groups.isEmpty else { return nil }
        var weights = [Double](repeating: 1, count: lfCount)
        for group in groups { for lf in group { weights[lf] = 1 / Double(group.count) } }
        return weights
    }

    public init(votes: VoteMatrix) {
        lfCount = votes.lfCount
        // Each LF's column as (row, vote) pairs, in row order, hashed (FNV-1a) as it is read.
        var hashes = [UInt64](repeating: 0xcbf2_9ce4_8422_2325, count: votes.lfCount)
        var counts = [Int](repeating: 0, count: votes.lfCount)
        for row in 0..<votes.rowCount {
            for index in votes.rowStarts[row]..<votes.rowStarts[row + 1] {
                let lf = Int(votes.lfIndices[index])
                hashes[lf] = (hashes[lf] ^ (UInt64(row) << 8 | UInt64(votes.classVotes[index]))) &* 0x0000_0100_0000_01B3
                counts[lf] += 1
            }
        }
        var byHash: [UInt64: [Int]] = [:]
        for lf in 0..<votes.lfCount where counts[lf] > 0 { byHash[hashes[lf] ^ UInt64(counts[lf]), default: []].append(lf) }
        // Equal hashes are confirmed column by column (a collision must not merge two LFs).
        var groups: [[Int]] = []
        for candidates in byHash.values where candidates.count > 1 {
            var remaining = candidates
            while let first = remaining.first {
                let column = Self.column(of: first, in: votes)
                let same = remaining.filter { $0 == first || Self.column(of: $0, in: votes) == column }
                if same.count > 1 { groups.append(same.sorted()) }
                remaining.removeAll { same.contains($0) }
            }
        }
        self.groups = groups.sorted { $0[0] < $1[0] }
    }

    private static func column(of lf: Int, in votes: VoteMatrix) -> [Int] {
        var column: [Int] = []
        for row in 0..<votes.rowCount {
            let vote = votes.vote(row: row, lf: lf)
            if vote != VoteMatrix.abstain { column.append(row << 8 | vote) }
        }
        return column
    }
}
