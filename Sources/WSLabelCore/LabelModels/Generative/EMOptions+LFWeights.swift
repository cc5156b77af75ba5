extension EMOptions {
    /// Checks ``lfWeights``: none, or one finite weight in `0...1` per LF.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` naming the first bad weight.
    func validateLFWeights(lfCount: Int) throws {
        guard let lfWeights else { return }
        guard lfWeights.count == lfCount else {
            throw WSLabelError.invalidArgument("expected \(lfCount) LF weights (one per LF), got \(lfWeights.count)")
        }
        if let bad = lfWeights.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw WSLabelError.invalidArgument("LF weight \(bad) is \(lfWeights[bad]); LF weights lie in 0...1")
        }
    }
}
