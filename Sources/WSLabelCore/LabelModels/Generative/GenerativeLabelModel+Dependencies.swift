extension GenerativeLabelModel {
    /// Looks for dependent LFs (``LFDependencies/init(votes:threads:)``, under its own
    /// detection model) and fits the model, when there are some with each cluster of dependent LFs weighted to count once
    /// (``EMOptions/lfWeights`` = ``LFDependencies/weights``).
    ///
    /// The fit starts from majority vote with `options` plus the weights (the M-step is
    /// unchanged); `options.lfWeights` is replaced, by `nil` when no LF is dependent.
    ///
    /// - Parameters:
    ///   - votes: the training votes.
    ///   - options: the model variant.
    ///   - clampedLabels: gold class per row that keeps its class (semi-supervised EM).
    ///   - threads: worker threads; the result does not depend on it.
    /// - Returns: the model and the dependencies found.
    /// - Throws: what ``fit(_:options:clampedLabels:threads:)`` throws.
    /// - Complexity: two fits (detection, then the model) and one E-step.
    public static func fitCountingDependentLFsOnce(
        _ votes: VoteMatrix, options: EMOptions = EMOptions(),
        clampedLabels: [Int?]? = nil, threads: Int? = nil
    ) throws -> (model: GenerativeLabelModel, dependencies: LFDependencies) {
        let dependencies = try LFDependencies(votes: votes, threads: threads)
        var weighted = options
        weighted.lfWeights = dependencies.clusters.isEmpty ? nil : dependencies.weights
        return (try fit(votes, options: weighted, clampedLabels: clampedLabels, threads: threads), dependencies)
    }
}
