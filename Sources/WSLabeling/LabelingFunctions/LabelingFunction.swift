/// A labeling function: looks at one item and votes for a label, or abstains (`nil`).
///
/// Labels are referred to by name; the applier maps names to class indices of the task and
/// rejects names the task does not have. An LF that throws counts as an abstain, and the
/// applier counts such failures per LF.
///
/// The ``fingerprint`` identifies what the LF computes: cached votes are reused only while it
/// stays the same. Declarative LFs derive it from their content; Swift LFs from their name and
/// a version the author bumps when the code changes.
public protocol LabelingFunction: Sendable {
    /// Unique name within a catalog.
    var name: String { get }
    /// Changes whenever the LF's votes may change.
    var fingerprint: String { get }
    /// The label names the LF can vote for, when known in advance (keyword and regex LFs);
    /// `nil` for LFs that may vote any label.
    var possibleLabels: [String]? { get }
    /// The LF's vote on `item`: a label name, or `nil` to abstain.
    func vote(on item: ItemView) throws -> String?
}

extension LabelingFunction {
    public var possibleLabels: [String]? { nil }
}
