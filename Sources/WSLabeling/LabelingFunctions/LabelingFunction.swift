import WSLabelData
/// A labeling function: looks at one item and votes for a label, or abstains (`nil`).
///
/// Labels are referred to by name; the applier maps names to class indices of the task and
/// rejects names the task does not have. An LF that throws counts as an abstain, and the
/// applier counts such failures per LF.
///
/// The ``fingerprint`` identifies what the LF computes: cached votes are reused only while it
/// stays the same. Declarative LFs derive it from their content; ``HeuristicLF`` from its name,
/// version and, when its target is built with the `LFSourceFingerprints` plugin, the hash of
/// its target's Swift sources, so an edited and rebuilt LF never reuses stale votes.
///
/// A conformance of your own whose votes come from Swift code does the same: take
/// `fileID: String = #fileID` in its initializer, keep
/// `LFSourceFingerprints.fingerprint(ofFileID: fileID)`, and put it into ``fingerprint`` (with
/// every setting that changes votes); apply the plugin to its target. Otherwise its cached votes
/// outlive edits to its code.
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
    /// Whether the vote cache may keep this LF's failures (default `true`: a deterministic LF
    /// fails the same way again). LFs whose failures are transient, such as LLM calls that
    /// timed out, say `false`, so a re-run tries those items again.
    var cachesFailures: Bool { get }
}

extension LabelingFunction {
    public var possibleLabels: [String]? { nil }
    public var cachesFailures: Bool { true }
}

/// An LF that is better asked about many items at once than one at a time: an LLM-prompt LF
/// keeps several calls in flight. The applier hands it, batch by batch, every item whose vote
/// the cache does not have, from one thread, after the other LFs of the batch have run.
public protocol BatchLabelingFunction: LabelingFunction {
    /// The LF's outcome on each of `items`, in order.
    func outcomes(on items: [ItemView]) -> [LFOutcome]
}
