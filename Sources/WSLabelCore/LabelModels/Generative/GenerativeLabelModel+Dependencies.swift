extension GenerativeLabelModel {
    /// Fits the model, looks for dependent LFs under it (``LFDependencies``), and when it finds
    /// some, fits again with each cluster of dependent LFs weighted to count once
    /// (``EMOptions/lfWeights`` = ``LFDependencies/weights``).
    ///
    /// The second fit starts afresh from majority vote with the same options plus the weights;
    /// the M-step is unchanged. `options.lfWeights` is replaced.
    ///
    /// - Parameters:
    ///   - votes: the training votes.
    ///   - options: the model variant.
    ///   - clampedLabels: gold class per row that keeps its class (semi-supervised EM).
    ///   - threads: worker threads; the result does not depend on it.
    /// - Returns: the final model and the dependencies found under the unweighted fit.
    /// - Throws: what ``fit(_:options:clampedLabels:threads:)`` throws.
    /// - Complexity: one fit and one E-step, and a second fit when dependencies are found.
    public static func fitCountingDependentLFsOnce(
        _ votes: VoteMatrix, options: EMOptions = EMOptions(),
        clampedLabels: [Int?]? = nil, threads: Int? = nil
    ) throws -> (model: GenerativeLabelModel, dependencies: LFDependencies) {
        var unweighted = options
        unweighted.lfWeights = nil
        let first = try fit(votes, options: unweighted, clampedLabels: clampedLabels, threads: threads)
        let dependencies = LFDependencies(votes: votes, model: first, threads: threads)
        guard !dependencies.clusters.isEmpty else { return (first, dependencies) }
        var weighted = unweighted
        weighted.lfWeights = dependencies.weights
        return (try fit(votes, options: weighted, clampedLabels: clampedLabels, threads: threads), dependencies)
    }
}
