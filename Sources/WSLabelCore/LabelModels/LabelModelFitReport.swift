/// How a label model's fit on the training votes ended.
public struct LabelModelFitReport: Sendable, Equatable, Codable {
    /// Iterations run (EM).
    public var iterations: Int
    /// Whether the parameters stopped moving by more than the tolerance before the iteration cap.
    public var converged: Bool
    /// Final log-likelihood of the training votes (summed over rows).
    public var logLikelihood: Double
    /// Distinct vote patterns the fit ran over.
    public var patternCount: Int
    /// Training rows.
    public var rowCount: Int
}
