extension SyntheticVotes {
    /// The drawn rows cut, in order, into named splits of the given sizes, with the true labels
    /// as gold and the row numbers as ids: a dataset with known ground truth.
    ///
    /// - Precondition: the sizes add up to the number of drawn rows.
    public func splits(_ sizes: [(name: String, rows: Int)]) -> [LabeledSplit] {
        precondition(sizes.map(\.rows).reduce(0, +) == matrix.rowCount, "split sizes must add up to the rows drawn")
        var start = 0
        return sizes.map { name, rows in
            let range = start..<(start + rows)
            start += rows
            return LabeledSplit(name: name, ids: range.map(String.init), votes: matrix.selectingRows(range),
                                gold: range.map { Int(labels[$0]) })
        }
    }
}
