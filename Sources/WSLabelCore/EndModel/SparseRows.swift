/// A sparse matrix in compressed-row form: row `i`'s entries are `columns[rowStarts[i]..<rowStarts[i+1]]`
/// with `values` at the same positions, columns ascending within a row.
///
/// The end model's feature matrix: one row per item, one column per kept n-gram bucket.
public struct SparseRows: Sendable, Equatable {
    /// Number of columns.
    public let columnCount: Int
    /// Where each row starts in ``columns`` and ``values``; `rowCount + 1` entries.
    public private(set) var rowStarts: [Int]
    /// Column of each stored entry.
    public private(set) var columns: [Int32]
    /// Value of each stored entry.
    public private(set) var values: [Double]

    /// An empty matrix with `columnCount` columns.
    public init(columnCount: Int) {
        self.columnCount = columnCount
        rowStarts = [0]
        columns = []
        values = []
    }

    /// Number of rows.
    public var rowCount: Int { rowStarts.count - 1 }
    /// Number of stored entries.
    public var entryCount: Int { columns.count }

    /// The stored entries of `row`.
    public func entries(ofRow row: Int) -> Range<Int> { rowStarts[row]..<rowStarts[row + 1] }

    /// Appends a row; `entries` must have ascending, distinct columns below ``columnCount``.
    public mutating func appendRow(_ entries: some Sequence<(column: Int32, value: Double)>) {
        for (column, value) in entries {
            precondition(column >= 0 && Int(column) < columnCount, "column \(column) out of range 0..<\(columnCount)")
            precondition(columns.count == rowStarts[rowStarts.count - 1] || columns[columns.count - 1] < column,
                         "columns must ascend within a row")
            columns.append(column)
            values.append(value)
        }
        rowStarts.append(columns.count)
    }

    /// This matrix with `count` more columns, row `i` gaining `entries(i)` (columns already
    /// offset past the old ones, ascending).
    public func appendingColumns(_ count: Int, entries: (Int) -> [(column: Int32, value: Double)]) -> SparseRows {
        guard count > 0 else { return self }
        var result = SparseRows(columnCount: columnCount + count)
        for row in 0..<rowCount {
            let range = self.entries(ofRow: row)
            result.appendRow(zip(columns[range], values[range]).map { (column: $0, value: $1) } + entries(row))
        }
        return result
    }

    /// The rows at `rows`, in that order.
    public func selectingRows(_ rows: some Sequence<Int>) -> SparseRows {
        var selected = SparseRows(columnCount: columnCount)
        for row in rows {
            let range = entries(ofRow: row)
            selected.columns.append(contentsOf: columns[range])
            selected.values.append(contentsOf: values[range])
            selected.rowStarts.append(selected.columns.count)
        }
        return selected
    }

    /// The transpose: one row per column of this matrix, rows ascending within each, so that a
    /// product `Xᵀ · R` can be summed column by column in a fixed order.
    public func transposed() -> SparseRows {
        var counts = [Int](repeating: 0, count: columnCount + 1)
        for column in columns { counts[Int(column) + 1] += 1 }
        for index in 0..<columnCount { counts[index + 1] += counts[index] }
        var result = SparseRows(columnCount: rowCount)
        result.rowStarts = counts
        result.columns = [Int32](repeating: 0, count: columns.count)
        result.values = [Double](repeating: 0, count: values.count)
        var next = counts
        for row in 0..<rowCount {
            for entry in entries(ofRow: row) {
                let column = Int(columns[entry])
                result.columns[next[column]] = Int32(row)
                result.values[next[column]] = values[entry]
                next[column] += 1
            }
        }
        return result
    }

    /// The matrix's storage as raw pointers, for inner loops that run on several threads.
    struct Pointers: @unchecked Sendable {
        let rowCount: Int
        let columnCount: Int
        let starts: UnsafePointer<Int>
        let columns: UnsafePointer<Int32>
        let values: UnsafePointer<Double>
    }

    /// Calls `body` with the storage's pointers, valid only inside it.
    func withPointers<Result>(_ body: (Pointers) throws -> Result) rethrows -> Result {
        try rowStarts.withUnsafeBufferPointer { starts in
            try columns.withUnsafeBufferPointer { columns in
                try values.withUnsafeBufferPointer { values in
                    // An empty array's buffer may have no address; nothing is read through it then.
                    let dummyColumn: Int32 = 0, dummyValue = 0.0
                    return try withUnsafePointer(to: dummyColumn) { column in
                        try withUnsafePointer(to: dummyValue) { value in
                            try body(Pointers(rowCount: rowCount, columnCount: columnCount, starts: starts.baseAddress!,
                                              columns: columns.baseAddress ?? column, values: values.baseAddress ?? value))
                        }
                    }
                }
            }
        }
    }
}
