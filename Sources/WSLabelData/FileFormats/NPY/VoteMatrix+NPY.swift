import Foundation
import WSLabelCore

extension VoteMatrix {
    /// Reads a dense NumPy `.npy` file of shape `(items, LFs)`, abstain as -1: what Snorkel users
    /// save with `np.save("L_train.npy", L_train)`.
    ///
    /// Accepts format versions 1.0, 2.0 and 3.0; dtypes `int8`, `int16`, `int32`, `int64` in
    /// either byte order (`|i1`, `<i2`, `>i4`, `=i8`, ...), and unsigned `uint8`...`uint64` as long
    /// as every value is a valid class (an unsigned array cannot hold the abstain vote -1); C or
    /// Fortran order. Bytes after the array (a second `np.save` into the same file) are ignored.
    ///
    /// ```swift
    /// // python: np.save("L.npy", np.array([[0, -1], [1, 1]], dtype=np.int8))
    /// let votes = try VoteMatrix(npyFile: URL(fileURLWithPath: "L.npy"), classCount: nil)
    /// votes.classCount          // 2 (max vote + 1)
    /// votes.vote(row: 0, lf: 1) // -1
    /// ```
    ///
    /// - Parameters:
    ///   - url: The `.npy` file.
    ///   - classCount: The number of classes; `nil` infers the largest vote + 1 (at least 2),
    ///     which undercounts when the last classes get no votes.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read;
    ///   ``WSLabelError/malformedInput(_:_:)`` naming the file (and for a bad vote its row and
    ///   LF column) for a file that is not `.npy`, an unsupported dtype or format version, an
    ///   array that is not 2-D, truncated data (expected vs found bytes), or a vote outside
    ///   `-1..<classCount`, or rows without LF columns (shape `(n, 0)`, which holds no votes);
    ///   ``WSLabelError/invalidArgument(_:)`` for a `classCount` outside 2...255.
    /// - Complexity: O(items × LFs), two tight passes over the file's bytes held in memory once;
    ///   no allocation per cell.
    public init(npyFile url: URL, classCount: Int? = nil) throws {
        if let classCount { try Self.validateShape(lfCount: 0, classCount: classCount) }
        let data = try readData(url)
        let file = url.path
        let parsed = try data.withUnsafeBytes { raw in
            try NPYDecoding.decode(raw, classCount: classCount, file: file)
        }
        try self.init(lfCount: parsed.lfCount, classCount: parsed.classCount)
        rowStarts = parsed.rowStarts
        lfIndices = parsed.lfIndices
        classVotes = parsed.classVotes
    }

    /// Writes the matrix as a dense NumPy `.npy` file (format 1.0, little-endian, C order, abstain
    /// as -1) that `np.load` reads as an `(items, LFs)` integer array. The file is replaced
    /// atomically.
    ///
    /// ```swift
    /// try votes.writeNPY(to: URL(fileURLWithPath: "L_train.npy"))   // int8 for ≤ 128 classes
    /// // python: L = np.load("L_train.npy")
    /// ```
    ///
    /// - Parameters:
    ///   - url: The file to write.
    ///   - dtype: The element type; `nil` picks ``NPYIntegerType/smallest(forClassCount:)``.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `dtype` cannot hold the largest class
    ///   or the matrix has rows but no LFs (which the reader refuses);
    ///   ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written.
    /// - Complexity: O(items × LFs) time and bytes: the dense array is built in memory first.
    public func writeNPY(to url: URL, dtype: NPYIntegerType? = nil) throws {
        try AtomicFile.write(npyData(dtype: dtype), to: url)
    }

    /// The bytes ``writeNPY(to:dtype:)`` writes.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `dtype` cannot hold the largest class,
    ///   the matrix has rows but no LFs, or the array would not fit in memory.
    public func npyData(dtype: NPYIntegerType? = nil) throws -> Data {
        guard lfCount > 0 || rowCount == 0 else {
            throw WSLabelError.invalidArgument("a vote matrix with rows but no LFs cannot be saved as .npy: shape (\(rowCount), 0) holds no votes, and readers refuse it")
        }
        let type = dtype ?? .smallest(forClassCount: classCount)
        guard classCount - 1 <= type.maxValue else {
            throw WSLabelError.invalidArgument(
                "dtype \(type.rawValue) cannot hold class \(classCount - 1) of a \(classCount)-class vote matrix; use \(NPYIntegerType.smallest(forClassCount: classCount).rawValue) or wider")
        }
        let prefix = NPYHeader.encoded(descr: type.descr, rows: rowCount, columns: lfCount)
        let (cells, cellsOverflow) = rowCount.multipliedReportingOverflow(by: lfCount)
        let (dataBytes, bytesOverflow) = cells.multipliedReportingOverflow(by: type.byteCount)
        guard !cellsOverflow, !bytesOverflow, dataBytes <= Int.max - prefix.count else {
            throw WSLabelError.invalidArgument("a \(rowCount) × \(lfCount) \(type.rawValue) array is too large to write")
        }
        let dataStart = prefix.count
        // 0xFF in every byte is -1 (abstain) in two's complement at every width.
        var data = Data(repeating: 0xFF, count: dataStart + dataBytes)
        data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            for (offset, byte) in prefix.enumerated() { raw[offset] = byte }
            let size = type.byteCount
            for row in 0..<rowCount {
                let rowBase = dataStart + row * lfCount * size
                for index in rowStarts[row]..<rowStarts[row + 1] {
                    // Little-endian non-negative vote: low byte first, zeros above.
                    let cell = rowBase + Int(lfIndices[index]) * size
                    raw[cell] = classVotes[index]
                    for byte in 1..<size { raw[cell + byte] = 0 }
                }
            }
        }
        return data
    }
}
