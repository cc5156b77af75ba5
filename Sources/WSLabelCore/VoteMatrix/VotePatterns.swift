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
///
/// When rows barely repeat (dense LFs: nearly every row is its own pattern), grouping costs a
/// hash-table probe per row and a copy of every vote and saves almost nothing, so a large
/// matrix whose rows turn out mostly distinct is not grouped: each row is its own pattern with
/// count 1, and the pattern storage *is* the matrix's (shared, not copied); see
/// ``Grouping/automatic``.
///
/// ```swift
/// let matrix = try VoteMatrix(denseRows: [[1, -1], [1, -1], [-1, -1]], classCount: 2)
/// let patterns = VotePatterns(matrix)
/// patterns.counts         // [2, 1]
/// patterns.patternOfRow   // [0, 0, 1]
/// ```
public struct VotePatterns: Sendable {
    /// Number of LFs per pattern.
    public let lfCount: Int
    /// Number of classes.
    public let classCount: Int
    /// How many rows share each pattern.
    public private(set) var counts: [Double] = []
    /// For each pattern, the gold class its rows are clamped to, or -1 when unlabeled; empty
    /// when no clamped labels were given (every pattern is unlabeled then).
    public private(set) var clampedClass: [Int] = []
    /// For each row of the source matrix, the index of its pattern; empty when grouped with
    /// `mapsRows: false`.
    public private(set) var patternOfRow: [Int32] = []

    /// Whether pattern `i` is row `i` (the rows were not grouped; every count is 1).
    private(set) var isRowAligned = false

    // The patterns themselves, in compressed sparse rows like `VoteMatrix` (and, when
    // row-aligned, the matrix's own arrays).
    private var starts: [Int] = [0]
    private(set) var lfIndices: [UInt16] = []
    private(set) var classVotes: [UInt8] = []

    /// Number of distinct patterns.
    public var count: Int { counts.count }

    /// Number of non-abstain votes summed over the distinct patterns.
    public var voteCount: Int { lfIndices.count }

    /// Groups the rows of `matrix` by vote pattern.
    ///
    /// Storage is reserved for the worst case (every row distinct) up front, so the arrays never
    /// move while they fill; the capacity never written costs address space, not memory.
    ///
    /// - Parameters:
    ///   - matrix: the votes.
    ///   - clampedLabels: optional gold class per row (`nil` entries and a `nil` array mean
    ///     unlabeled); labeled rows form their own patterns.
    ///   - mapsRows: also record ``patternOfRow`` (needed to expand per-pattern results back to
    ///     rows; fitting does not need it).
    /// - Complexity: O(votes + rows) expected time; memory for the distinct patterns, a hash
    ///   table of 8 bytes per slot (at most 70% full), and `patternOfRow` when `mapsRows`. When
    ///   the rows are left ungrouped (see ``Grouping/automatic``): O(rows) time and 8 bytes
    ///   per row for the counts (plus 8 for clamps, 4 for `patternOfRow`).
    public init(_ matrix: VoteMatrix, clampedLabels: [Int?]? = nil, mapsRows: Bool = true) {
        self.init(matrix, clampedLabels: clampedLabels, mapsRows: mapsRows, grouping: .automatic)
    }

    /// Whether rows are grouped into patterns.
    package enum Grouping {
        /// Group, unless the matrix has at least ``directRowMinimum`` rows and more than half
        /// of the first sixteenth of its rows (at least ``directRowMinimum``/2) are distinct
        /// patterns: then grouping would at best halve the cost of an EM pass over rows, while
        /// costing a hash-table probe per row and a copy of every vote, so the rows are used
        /// as they are. Rows that repeat mostly later than the first sixteenth are the one
        /// case where this gives up a saving (at most the grouping's, per pass).
        case automatic
        /// Always group (tests).
        case always
        /// Never group: pattern `i` is row `i` (tests).
        case never
    }

    /// Matrices with fewer rows are always grouped (grouping them costs little).
    static let directRowMinimum = 1 << 17

    package init(_ matrix: VoteMatrix, clampedLabels: [Int?]?, mapsRows: Bool, grouping: Grouping) {
        precondition(clampedLabels == nil || clampedLabels!.count == matrix.rowCount, "one label per row")
        precondition(matrix.voteCount < Int(UInt32.max) && matrix.rowCount < Int(Int32.max),
                     "VotePatterns holds fewer than 2^31 rows and 2^32 votes")
        lfCount = matrix.lfCount
        classCount = matrix.classCount
        let rowCount = matrix.rowCount
        if grouping == .never {
            alignWithRows(of: matrix, clampedLabels: clampedLabels, mapsRows: mapsRows)
            return
        }
        // Items after which the automatic rule looks at the share of distinct patterns. A
        // matrix of patterns with counts is judged by the items it counts, so that it is
        // grouped exactly when the items themselves would be.
        let weights = matrix.rowCounts
        let itemCount = weights.map { Int($0.reduce(0, +)) } ?? rowCount
        var probeItems = grouping == .automatic && itemCount >= Self.directRowMinimum
            ? Double(max(Self.directRowMinimum / 2, itemCount / 16)) : .infinity
        var itemsSeen = 0.0
        counts.reserveCapacity(rowCount)
        starts.reserveCapacity(rowCount + 1)
        lfIndices.reserveCapacity(matrix.voteCount)
        classVotes.reserveCapacity(matrix.voteCount)
        if clampedLabels != nil { clampedClass.reserveCapacity(rowCount) }
        if mapsRows { patternOfRow.reserveCapacity(rowCount) }

        // Small matrices without clamped labels: each row's votes packed into one integer, so a
        // candidate pattern is compared by one load rather than a loop over its votes.
        let voteBits = Int.bitWidth - classCount.leadingZeroBitCount
        let packsRows = clampedLabels == nil && lfCount * voteBits <= 64
        var packedPatterns: [UInt64] = []
        var table = PatternTable()
        var abandoned = false
        matrix.rowStarts.withUnsafeBufferPointer { rowStarts in
        matrix.lfIndices.withUnsafeBufferPointer { rowLFs in
        matrix.classVotes.withUnsafeBufferPointer { rowVotes in
            for row in 0..<rowCount {
                if itemsSeen >= probeItems {
                    if Double(counts.count * 2) > itemsSeen {
                        abandoned = true
                        break
                    }
                    probeItems = .infinity
                }
                let clamp = clampedLabels.map { $0[row] ?? -1 } ?? -1
                let start = rowStarts[row], length = rowStarts[row + 1] - start
                let lfs = rowLFs.baseAddress.map { $0 + start }, votes = rowVotes.baseAddress.map { $0 + start }
                let packed = packsRows ? Self.pack(lfs, votes, count: length, voteBits: voteBits) : 0
                let hash = packsRows ? Self.mix(packed) : Self.hash(lfs, votes, count: length, clamp: clamp)
                var slot = table.firstSlot(of: hash)
                var pattern = -1
                while let candidate = table.pattern(at: slot, ifHashMatches: hash) {
                    let matches = packsRows
                        ? candidate >= 0 && packedPatterns[candidate] == packed
                        : candidate >= 0 && (clampedClass.isEmpty || clampedClass[candidate] == clamp)
                            && storesVotes(of: candidate, equalTo: lfs, votes, count: length)
                    if matches {
                        pattern = candidate
                        break
                    }
                    slot = table.nextSlot(after: slot)
                }
                if pattern < 0 {
                    pattern = counts.count
                    lfIndices.append(contentsOf: UnsafeBufferPointer(start: lfs, count: length))
                    classVotes.append(contentsOf: UnsafeBufferPointer(start: votes, count: length))
                    starts.append(lfIndices.count)
                    counts.append(0)
                    if clampedLabels != nil { clampedClass.append(clamp) }
                    if packsRows { packedPatterns.append(packed) }
                    table.insert(pattern: pattern, hash: hash, at: slot)
                }
                let weight = weights?[row] ?? 1
                counts[pattern] += weight
                itemsSeen += weight
                if mapsRows { patternOfRow.append(Int32(pattern)) }
            }
        }}}
        if abandoned {
            alignWithRows(of: matrix, clampedLabels: clampedLabels, mapsRows: mapsRows)
        }
    }

    /// Makes every row its own pattern, sharing the matrix's storage.
    private mutating func alignWithRows(of matrix: VoteMatrix, clampedLabels: [Int?]?, mapsRows: Bool) {
        isRowAligned = true
        starts = matrix.rowStarts
        lfIndices = matrix.lfIndices
        classVotes = matrix.classVotes
        counts = matrix.rowCounts ?? [Double](repeating: 1, count: matrix.rowCount)
        clampedClass = clampedLabels.map { $0.map { $0 ?? -1 } } ?? []
        patternOfRow = mapsRows ? (0..<Int32(matrix.rowCount)).map { $0 } : []
    }

    /// About one pattern in `step`, chosen by a hash of each pattern's votes and clamp, with
    /// their counts: a sample that depends only on the patterns and counts, never on the order
    /// or grouping of the rows they came from (so the items and their pattern counts give the
    /// same sample). Patterns keep their order.
    /// - Precondition: `step >= 1`.
    package func sample(oneIn step: Int) -> VotePatterns {
        precondition(step >= 1, "a positive step")
        var result = VotePatterns(lfCount: lfCount, classCount: classCount)
        lfIndices.withUnsafeBufferPointer { lfs in
        classVotes.withUnsafeBufferPointer { votes in
            for pattern in 0..<count {
                let range = storageRange(ofPattern: pattern)
                let clamp = self.clamp(ofPattern: pattern)
                let hash = Self.hash(lfs.baseAddress.map { $0 + range.lowerBound }, votes.baseAddress.map { $0 + range.lowerBound },
                                     count: range.count, clamp: clamp)
                guard hash % UInt64(step) == 0 else { continue }
                result.lfIndices.append(contentsOf: lfs[range])
                result.classVotes.append(contentsOf: votes[range])
                result.starts.append(result.lfIndices.count)
                result.counts.append(counts[pattern])
                if !clampedClass.isEmpty { result.clampedClass.append(clamp) }
            }
        }}
        return result
    }

    /// No patterns yet.
    private init(lfCount: Int, classCount: Int) {
        self.lfCount = lfCount
        self.classCount = classCount
    }

    /// The `(lf, vote)` pairs of pattern `index`, in increasing LF order.
    public func votes(ofPattern index: Int) -> [(lf: Int, vote: Int)] {
        storageRange(ofPattern: index).map { (Int(lfIndices[$0]), Int(classVotes[$0])) }
    }

    /// The range of pattern `index` in the stored LF-index and vote arrays.
    @inline(__always)
    func storageRange(ofPattern index: Int) -> Range<Int> { starts[index]..<starts[index + 1] }

    /// Calls `body` with the pattern storage as raw pointers: pattern `i`'s votes are at
    /// `starts[i]..<starts[i + 1]` of `lfs` and `votes`, and it stands for `counts[i]` rows.
    /// Hot loops use it to keep bounds and reference-count checks out of the per-vote work.
    @inline(__always)
    func withStorage<Result>(
        _ body: (_ starts: UnsafePointer<Int>, _ lfs: UnsafePointer<UInt16>, _ votes: UnsafePointer<UInt8>,
                 _ counts: UnsafePointer<Double>) -> Result
    ) -> Result {
        // Empty arrays may have no base address; a dummy keeps the pointers valid (never read).
        var none: UInt16 = 0, noVote: UInt8 = 0, noCount = 0.0
        return starts.withUnsafeBufferPointer { starts in
        lfIndices.withUnsafeBufferPointer { lfs in
        classVotes.withUnsafeBufferPointer { votes in
        counts.withUnsafeBufferPointer { counts in
            withUnsafePointer(to: &none) { none in
            withUnsafePointer(to: &noVote) { noVote in
            withUnsafePointer(to: &noCount) { noCount in
                body(starts.baseAddress!, lfs.baseAddress ?? none, votes.baseAddress ?? noVote, counts.baseAddress ?? noCount)
            }}}
        }}}}
    }

    /// The class pattern `index` is clamped to, or -1.
    @inline(__always)
    package func clamp(ofPattern index: Int) -> Int { clampedClass.isEmpty ? -1 : clampedClass[index] }

    /// Whether pattern `index` holds exactly the `count` votes at `lfs` and `votes`.
    @inline(__always)
    private func storesVotes(
        of index: Int, equalTo lfs: UnsafePointer<UInt16>?, _ votes: UnsafePointer<UInt8>?, count: Int
    ) -> Bool {
        let range = storageRange(ofPattern: index)
        guard range.count == count else { return false }
        for offset in 0..<count where lfIndices[range.lowerBound + offset] != lfs![offset]
            || classVotes[range.lowerBound + offset] != votes![offset] {
            return false
        }
        return true
    }

    /// The row's votes as one integer: `vote + 1` in the `voteBits` bits of each LF (0 = abstain).
    @inline(__always)
    private static func pack(_ lfs: UnsafePointer<UInt16>?, _ votes: UnsafePointer<UInt8>?, count: Int, voteBits: Int) -> UInt64 {
        var packed: UInt64 = 0
        for index in 0..<count { packed |= UInt64(votes![index] + 1) << UInt64(Int(lfs![index]) * voteBits) }
        return packed
    }

    @inline(__always)
    private static func hash(_ lfs: UnsafePointer<UInt16>?, _ votes: UnsafePointer<UInt8>?, count: Int, clamp: Int) -> UInt64 {
        // FNV-1a over (lf, vote) pairs, then a final avalanche.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bitPattern: Int64(clamp))
        for index in 0..<count {
            hash = (hash ^ (UInt64(lfs![index]) << 8 | UInt64(votes![index]))) &* 0x0000_0100_0000_01B3
        }
        return mix(hash)
    }

    /// A final avalanche (MurmurHash3's), so that the top bits, which pick a slot, mix all bits.
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}

/// Open-addressing (linear probing) hash table from a pattern's hash to its index; the caller
/// compares contents.
///
/// Each slot packs the high 32 bits of the hash (high half) with the pattern index + 1 (low
/// half, 0 = empty), so a probe touches one 8-byte word and rejects most mismatches without
/// looking at the pattern. The home slot is the top bits of the hash, which the slot keeps, so
/// growing rehashes without the patterns.
private struct PatternTable: ~Copyable {
    private var slots: UnsafeMutablePointer<UInt64>
    private var capacityBits = 10
    private var occupied = 0

    private var capacity: Int { 1 << capacityBits }

    init() {
        slots = .allocate(capacity: 1 << capacityBits)
        slots.initialize(repeating: 0, count: 1 << capacityBits)
    }

    deinit { slots.deallocate() }

    @inline(__always)
    func firstSlot(of hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - capacityBits)) }

    @inline(__always)
    func nextSlot(after slot: Int) -> Int { (slot + 1) & (capacity - 1) }

    /// `nil` at an empty slot (the end of the probe); otherwise the slot's pattern when its
    /// stored hash bits match `hash`, else -1 (keep probing).
    @inline(__always)
    func pattern(at slot: Int, ifHashMatches hash: UInt64) -> Int? {
        let entry = slots[slot]
        if entry == 0 { return nil }
        return entry >> 32 == hash >> 32 ? Int(truncatingIfNeeded: entry & 0xffff_ffff) - 1 : -1
    }

    /// Stores `pattern` at `slot`, the empty slot where its probe ended; may grow the table.
    mutating func insert(pattern: Int, hash: UInt64, at slot: Int) {
        slots[slot] = hash & 0xffff_ffff_0000_0000 | UInt64(pattern + 1)
        occupied += 1
        if occupied * 10 > capacity * 7 { grow() }
    }

    private mutating func grow() {
        precondition(capacityBits < 32, "too many distinct patterns")
        let old = slots, oldCapacity = capacity
        capacityBits += 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        for index in 0..<oldCapacity where old[index] != 0 {
            var slot = firstSlot(of: old[index])
            while slots[slot] != 0 { slot = nextSlot(after: slot) }
            slots[slot] = old[index]
        }
        old.deallocate()
    }
}
