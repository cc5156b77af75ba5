/// A sparse items × labeling-functions matrix of class votes.
///
/// Row `i` holds the votes of every LF on item `i`. A vote is a class index `0..<classCount`, or
/// ``VoteMatrix/abstain`` (-1) when the LF does not vote. Only the votes are stored (compressed
/// sparse rows), because most LFs abstain on most items.
///
/// ```swift
/// let votes = try VoteMatrix(denseRows: [[1, -1, 0], [-1, -1, -1]], classCount: 2)
/// votes.vote(row: 0, lf: 2)   // 0
/// votes.voteCount             // 2
/// ```
///
/// Limits: at most 65,535 LFs and 255 classes, which keeps a stored vote at 3 bytes.
public struct VoteMatrix: Sendable, Equatable {
    /// The vote value that means "this LF does not vote on this item", in every format.
    public static let abstain = -1
    /// The most LFs a matrix can hold.
    public static let maxLFCount = Int(UInt16.max)
    /// The most classes a matrix can hold.
    public static let maxClassCount = Int(UInt8.max)

    /// Number of items.
    public var rowCount: Int { rowStarts.count - 1 }
    /// Number of labeling functions (columns).
    public let lfCount: Int
    /// Number of classes; votes lie in `0..<classCount`.
    public let classCount: Int

    // Compressed sparse rows: the votes of row i are at rowStarts[i]..<rowStarts[i+1], sorted by LF.
    @usableFromInline package var rowStarts: [Int]
    @usableFromInline package var lfIndices: [UInt16]
    @usableFromInline package var classVotes: [UInt8]

    /// How many items each row stands for, when the rows are distinct vote patterns with counts
    /// (a pattern-count file); `nil`: every row is one item. Label models fit on the counts, so
    /// a matrix of patterns with counts fits exactly as the items it counts would.
    public var rowCounts: [Double]? { storedRowCounts }
    @usableFromInline package var storedRowCounts: [Double]?

    /// The number of items the rows stand for: ``rowCount``, or the sum of ``rowCounts``.
    public var itemCount: Double { rowCounts?.reduce(0, +) ?? Double(rowCount) }

    /// The same rows, each standing for `counts[row]` items.
    /// - Precondition: one finite, non-negative count per row.
    public func withRowCounts(_ counts: [Double]) -> VoteMatrix {
        precondition(counts.count == rowCount && counts.allSatisfy { $0.isFinite && $0 >= 0 }, "one count per row")
        var result = self
        result.storedRowCounts = counts
        return result
    }

    /// An empty matrix with no rows.
    public init(lfCount: Int, classCount: Int) throws {
        try Self.validateShape(lfCount: lfCount, classCount: classCount)
        self.lfCount = lfCount
        self.classCount = classCount
        self.rowStarts = [0]
        self.lfIndices = []
        self.classVotes = []
        self.storedRowCounts = nil
    }

    /// A matrix from dense rows, one vote per LF, abstain as -1.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the row and LF of a ragged row or
    ///   of a vote outside `-1..<classCount`.
    public init(denseRows: [[Int]], classCount: Int, lfCount: Int? = nil) throws {
        let width = lfCount ?? denseRows.first?.count ?? 0
        try self.init(lfCount: width, classCount: classCount)
        for (index, row) in denseRows.enumerated() {
            do { try appendRow(row) } catch let error as WSLabelError {
                throw error.locatedIn(SourceLocation(record: "row \(index)"))
            }
        }
    }

    package static func validateShape(lfCount: Int, classCount: Int) throws {
        guard (0...maxLFCount).contains(lfCount) else {
            throw WSLabelError.invalidArgument("a vote matrix holds 0 to \(maxLFCount) LFs, not \(lfCount)")
        }
        guard (2...maxClassCount).contains(classCount) else {
            throw WSLabelError.invalidArgument("a vote matrix needs 2 to \(maxClassCount) classes, not \(classCount)")
        }
    }

    /// Appends one item given as a dense row of `lfCount` votes.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` for a row of the wrong length or a vote
    ///   out of range; the matrix is unchanged then.
    public mutating func appendRow(_ votes: some Collection<Int>) throws {
        guard votes.count == lfCount else {
            throw WSLabelError.malformedInput(
                SourceLocation(), "expected \(lfCount) votes (one per LF), found \(votes.count)")
        }
        let start = lfIndices.count
        for (lf, vote) in votes.enumerated() where vote != Self.abstain {
            guard vote >= 0 && vote < classCount else {
                lfIndices.removeSubrange(start...)
                classVotes.removeSubrange(start...)
                throw WSLabelError.malformedInput(
                    SourceLocation(field: "LF \(lf)"),
                    "vote \(vote) is out of range: expected -1 (abstain) or a class 0..<\(classCount)")
            }
            lfIndices.append(UInt16(lf))
            classVotes.append(UInt8(vote))
        }
        rowStarts.append(lfIndices.count)
        storedRowCounts?.append(1)
    }

    /// Appends one item given as its non-abstain votes `(lf, class)`, in increasing LF order.
    ///
    /// This is the fast path for generators and sparse readers: no dense row is built.
    /// - Precondition: LFs strictly increase, `lf < lfCount`, `vote < classCount`.
    @inlinable
    public mutating func appendSparseRow(lfs: some Sequence<Int>, votes: some Sequence<Int>) {
        for (lf, vote) in zip(lfs, votes) {
            precondition(lf >= 0 && lf < lfCount && vote >= 0 && vote < classCount, "vote out of range")
            precondition(lfIndices.count == rowStarts[rowStarts.count - 1] || Int(lfIndices[lfIndices.count - 1]) < lf,
                         "LFs of a sparse row must increase")
            lfIndices.append(UInt16(lf))
            classVotes.append(UInt8(vote))
        }
        rowStarts.append(lfIndices.count)
        storedRowCounts?.append(1)
    }

    /// Appends one item given as a code per LF, in LF order: a class, or any negative code for
    /// no vote. The applier's form: no list of voting LFs is built per row.
    /// - Precondition: `codes.count == lfCount`, every class below `classCount`.
    @inlinable
    package mutating func appendRow(codes: UnsafeBufferPointer<Int16>) {
        precondition(codes.count == lfCount, "one code per LF")
        for lf in 0..<codes.count where codes[lf] >= 0 {
            precondition(Int(codes[lf]) < classCount, "vote out of range")
            lfIndices.append(UInt16(lf))
            classVotes.append(UInt8(codes[lf]))
        }
        rowStarts.append(lfIndices.count)
        storedRowCounts?.append(1)
    }

    /// Reserves storage for `rows` more items holding `votes` more votes in all.
    public mutating func reserveCapacity(rows: Int, votes: Int) {
        rowStarts.reserveCapacity(rowStarts.count + rows)
        lfIndices.reserveCapacity(lfIndices.count + votes)
        classVotes.reserveCapacity(classVotes.count + votes)
    }

    /// The vote of `lf` on item `row`, or ``abstain``.
    /// - Complexity: O(log v) for v votes in the row.
    public func vote(row: Int, lf: Int) -> Int {
        precondition(row >= 0 && row < rowCount && lf >= 0 && lf < lfCount, "index out of range")
        var low = rowStarts[row], high = rowStarts[row + 1]
        while low < high {
            let mid = (low + high) / 2
            let found = Int(lfIndices[mid])
            if found == lf { return Int(classVotes[mid]) }
            if found < lf { low = mid + 1 } else { high = mid }
        }
        return Self.abstain
    }

    /// The non-abstain votes of item `row` as `(lf, vote)` pairs in increasing LF order.
    public func votes(inRow row: Int) -> [(lf: Int, vote: Int)] {
        (rowStarts[row]..<rowStarts[row + 1]).map { (Int(lfIndices[$0]), Int(classVotes[$0])) }
    }

    /// Item `row` as a dense array of `lfCount` votes, abstain as -1.
    public func denseRow(_ row: Int) -> [Int] {
        var dense = [Int](repeating: Self.abstain, count: lfCount)
        for index in rowStarts[row]..<rowStarts[row + 1] {
            dense[Int(lfIndices[index])] = Int(classVotes[index])
        }
        return dense
    }

    /// Number of non-abstain votes in the whole matrix.
    public var voteCount: Int { lfIndices.count }

    /// Number of non-abstain votes of item `row`.
    public func voteCount(inRow row: Int) -> Int { rowStarts[row + 1] - rowStarts[row] }

    /// Bytes of the sparse storage (row offsets, LF indices, votes): the size memory targets refer to.
    public var storageBytes: Int {
        rowStarts.count * MemoryLayout<Int>.stride + lfIndices.count * (MemoryLayout<UInt16>.stride + MemoryLayout<UInt8>.stride)
    }

    /// The matrix of the given rows, in the given order.
    public func selectingRows(_ rows: some Collection<Int>) -> VoteMatrix {
        var result = self
        result.rowStarts = [0]
        result.lfIndices = []
        result.classVotes = []
        result.rowStarts.reserveCapacity(rows.count + 1)
        for row in rows {
            let range = rowStarts[row]..<rowStarts[row + 1]
            result.lfIndices.append(contentsOf: lfIndices[range])
            result.classVotes.append(contentsOf: classVotes[range])
            result.rowStarts.append(result.lfIndices.count)
        }
        result.storedRowCounts = rowCounts.map { counts in rows.map { counts[$0] } }
        return result
    }

    /// The matrix of the given LF columns, in the given order: column `k` of the result is
    /// column `columns[k]` of `self`.
    /// - Precondition: the columns are distinct and lie in `0..<lfCount`.
    public func selectingColumns(_ columns: [Int]) -> VoteMatrix {
        precondition(Set(columns).count == columns.count && columns.allSatisfy { (0..<lfCount).contains($0) },
                     "distinct columns of the matrix")
        var newIndex = [Int](repeating: -1, count: lfCount)
        for (new, old) in columns.enumerated() { newIndex[old] = new }
        // Empty shapes are always valid, and the new width is no larger than this one.
        var result = try! VoteMatrix(lfCount: columns.count, classCount: classCount)
        result.rowStarts.reserveCapacity(rowCount + 1)
        var kept: [(lf: UInt16, vote: UInt8)] = []
        for row in 0..<rowCount {
            kept.removeAll(keepingCapacity: true)
            for position in rowStarts[row]..<rowStarts[row + 1] where newIndex[Int(lfIndices[position])] >= 0 {
                kept.append((UInt16(newIndex[Int(lfIndices[position])]), classVotes[position]))
            }
            kept.sort { $0.lf < $1.lf }  // rows stay sorted by LF
            result.lfIndices.append(contentsOf: kept.map(\.lf))
            result.classVotes.append(contentsOf: kept.map(\.vote))
            result.rowStarts.append(result.lfIndices.count)
        }
        result.storedRowCounts = rowCounts
        return result
    }

    /// The rows of `self` followed by the rows of `other`.
    /// - Precondition: both have the same LF and class counts.
    public func appending(_ other: VoteMatrix) -> VoteMatrix {
        var result = self
        result.append(other)
        return result
    }

    /// Appends the rows of `other`, in place: for a matrix grown batch by batch, which
    /// ``appending(_:)`` would copy whole each time.
    /// - Precondition: both have the same LF and class counts.
    public mutating func append(_ other: VoteMatrix) {
        precondition(lfCount == other.lfCount && classCount == other.classCount, "shapes differ")
        if rowCounts != nil || other.rowCounts != nil {
            storedRowCounts = (rowCounts ?? [Double](repeating: 1, count: rowCount))
                + (other.rowCounts ?? [Double](repeating: 1, count: other.rowCount))
        }
        let offset = lfIndices.count
        lfIndices.append(contentsOf: other.lfIndices)
        classVotes.append(contentsOf: other.classVotes)
        rowStarts.append(contentsOf: other.rowStarts.dropFirst().lazy.map { $0 + offset })
    }

    /// Calls `body` with the LF indices and votes of one row as buffers, without copying.
    @inlinable
    func withRow<R>(_ row: Int, _ body: (ArraySlice<UInt16>, ArraySlice<UInt8>) throws -> R) rethrows -> R {
        let range = rowStarts[row]..<rowStarts[row + 1]
        return try body(lfIndices[range], classVotes[range])
    }
}
