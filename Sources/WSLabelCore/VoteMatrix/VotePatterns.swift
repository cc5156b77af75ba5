/// The distinct vote patterns of a matrix, each with the number of rows that share it.
///
/// A label model sees an item only through its votes, so rows with equal votes have equal
/// posteriors: fitting over patterns with counts gives the same result as fitting over rows and
/// costs time in the number of distinct patterns, not rows. Rows with a gold label are kept
/// apart from unlabeled rows with the same votes (their class is *clamped* in semi-supervised
/// fitting), so a pattern is the pair (votes, gold class or none).
///
/// Patterns are numbered in order of first appearance, which makes everything built on them
/// deterministic.
public struct VotePatterns: Sendable {
    /// Number of LFs per pattern.
    public let lfCount: Int
    /// Number of classes.
    public let classCount: Int
    /// How many rows share each pattern.
    public private(set) var counts: [Double] = []
    /// For each pattern, the gold class its rows are clamped to, or -1 when unlabeled.
    public private(set) var clampedClass: [Int] = []
    /// For each row of the source matrix, the index of its pattern.
    public private(set) var patternOfRow: [Int32] = []

    // The patterns themselves, in compressed sparse rows like `VoteMatrix`.
    private(set) var starts: [Int] = [0]
    private(set) var lfIndices: [UInt16] = []
    private(set) var classVotes: [UInt8] = []

    /// Number of distinct patterns.
    public var count: Int { counts.count }

    /// Number of non-abstain votes summed over the distinct patterns.
    public var voteCount: Int { lfIndices.count }

    /// Groups the rows of `matrix` by vote pattern.
    ///
    /// - Parameters:
    ///   - matrix: the votes.
    ///   - clampedLabels: optional gold class per row (`nil` entries and a `nil` array mean
    ///     unlabeled); labeled rows form their own patterns.
    /// - Complexity: O(votes + rows) expected time; memory O(rows) for `patternOfRow` plus the
    ///   distinct patterns.
    public init(_ matrix: VoteMatrix, clampedLabels: [Int?]? = nil) {
        precondition(clampedLabels == nil || clampedLabels!.count == matrix.rowCount, "one label per row")
        lfCount = matrix.lfCount
        classCount = matrix.classCount
        patternOfRow.reserveCapacity(matrix.rowCount)
        var table = PatternTable(capacity: 1024)
        for row in 0..<matrix.rowCount {
            let clamp = clampedLabels?[row] ?? -1
            let start = matrix.rowStarts[row], end = matrix.rowStarts[row + 1]
            let hash = Self.hash(matrix.lfIndices, matrix.classVotes, start..<end, clamp: clamp)
            let pattern = table.findOrInsert(hash: hash) { candidate in
                clampedClass[candidate] == clamp
                    && starts[candidate + 1] - starts[candidate] == end - start
                    && lfIndices[starts[candidate]..<starts[candidate + 1]].elementsEqual(matrix.lfIndices[start..<end])
                    && classVotes[starts[candidate]..<starts[candidate + 1]].elementsEqual(matrix.classVotes[start..<end])
            } insert: {
                lfIndices.append(contentsOf: matrix.lfIndices[start..<end])
                classVotes.append(contentsOf: matrix.classVotes[start..<end])
                starts.append(lfIndices.count)
                counts.append(0)
                clampedClass.append(clamp)
                return counts.count - 1
            }
            counts[pattern] += 1
            patternOfRow.append(Int32(pattern))
        }
    }

    /// The `(lf, vote)` pairs of pattern `index`, in increasing LF order.
    public func votes(ofPattern index: Int) -> [(lf: Int, vote: Int)] {
        (starts[index]..<starts[index + 1]).map { (Int(lfIndices[$0]), Int(classVotes[$0])) }
    }

    /// The range of pattern `index` in the stored LF-index and vote arrays.
    func storageRange(ofPattern index: Int) -> Range<Int> { starts[index]..<starts[index + 1] }

    private static func hash(_ lfs: [UInt16], _ votes: [UInt8], _ range: Range<Int>, clamp: Int) -> UInt64 {
        // FNV-1a over (lf, vote) pairs; then a final avalanche so the low bits index well.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bitPattern: Int64(clamp))
        for index in range {
            hash = (hash ^ (UInt64(lfs[index]) << 8 | UInt64(votes[index]))) &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}

/// Open-addressing hash table from a pattern's hash to its index; the caller compares contents.
private struct PatternTable {
    private var slots: [Int32]       // pattern index + 1; 0 = empty
    private var hashes: [UInt64]
    private var occupied = 0

    init(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        hashes = Array(repeating: 0, count: capacity)
    }

    mutating func findOrInsert(hash: UInt64, matches: (Int) -> Bool, insert: () -> Int) -> Int {
        if (occupied + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if hashes[slot] == hash && matches(Int(slots[slot]) - 1) { return Int(slots[slot]) - 1 }
            slot = (slot + 1) & mask
        }
        let index = insert()
        slots[slot] = Int32(index + 1)
        hashes[slot] = hash
        occupied += 1
        return index
    }

    private mutating func grow() {
        let oldSlots = slots, oldHashes = hashes
        slots = Array(repeating: 0, count: oldSlots.count * 2)
        hashes = Array(repeating: 0, count: oldSlots.count * 2)
        let mask = slots.count - 1
        for (slotValue, hash) in zip(oldSlots, oldHashes) where slotValue != 0 {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = slotValue
            hashes[slot] = hash
        }
    }
}
