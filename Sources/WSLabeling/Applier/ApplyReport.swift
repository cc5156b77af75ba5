/// What applying a catalog cost and where it went wrong, per LF.
///
/// A failure is either an LF that threw or an LF that voted for a label the task does not have;
/// both count as abstains in the vote matrix. `firstFailure` is the message of the first failure
/// in input order, so the report is the same whatever the thread count.
public struct ApplyReport: Sendable, Equatable {
    /// Why an LF was evaluated on some items instead of every vote coming from the cache.
    public enum EvaluationReason: Sendable, Hashable {
        /// The cache held nothing of the LF (never applied with this cache, or cleared).
        case new
        /// The cache held the LF's name under other fingerprints only: it was edited.
        case edited
        /// No cache was read (`--no-cache`, or none given).
        case noCache
        /// The cache held the LF, but not its outcomes on this many items (new items, or items
        /// whose earlier outcome was a failure that is tried again).
        case newItems(Int)
    }

    /// Counts for one LF.
    public struct LFStatistics: Sendable, Equatable {
        /// The LF's name.
        public var name: String
        /// The LF's fingerprint (the cache key).
        public var fingerprint: String
        /// Items the LF was run on in this apply.
        public var evaluations: Int = 0
        /// Items whose outcome came from the vote cache instead.
        public var cacheHits: Int = 0
        /// Non-abstain votes for one of the task's labels.
        public var votes: Int = 0
        /// Items on which the LF failed: threw, or voted for an unknown label.
        public var failures: Int = 0
        /// The part of `failures` that were votes for a label the task does not have.
        public var unknownLabels: Int = 0
        /// The message of the first failure, in input order.
        public var firstFailure: String?
        /// What the cache held of the LF when the apply began.
        public var cacheStatus: LFCacheStatus
        /// Whether the LF is Swift code whose fingerprint cannot follow that code: a
        /// ``HeuristicLF`` declared in a target built without the `LFSourceFingerprints` plugin,
        /// whose cached votes outlive edits until its `version` changes.
        public var lacksSourceFingerprint = false

        public init(name: String, fingerprint: String, cacheStatus: LFCacheStatus = .noCache) {
            self.name = name
            self.fingerprint = fingerprint
            self.cacheStatus = cacheStatus
        }

        /// Why the LF was evaluated, or `nil` when it was not (every outcome came from the cache).
        public var evaluationReason: EvaluationReason? {
            guard evaluations > 0 else { return nil }
            switch cacheStatus {
            case .noCache: return .noCache
            case .new: return .new
            case .edited: return .edited
            case .cached: return .newItems(evaluations)
            }
        }

        /// Adds `other`'s counts, of the same LF on later items. The cache status stays this
        /// one's: the status when the earlier items began, before they stored anything.
        mutating func merge(_ other: LFStatistics) {
            lacksSourceFingerprint = lacksSourceFingerprint || other.lacksSourceFingerprint
            evaluations += other.evaluations
            cacheHits += other.cacheHits
            votes += other.votes
            failures += other.failures
            unknownLabels += other.unknownLabels
            firstFailure = firstFailure ?? other.firstFailure
        }
    }

    /// One entry per LF, in catalog order.
    public var lfs: [LFStatistics]
    /// Items labeled.
    public var itemCount: Int = 0
    /// Wall-clock seconds spent applying, cache reads and writes included.
    public var seconds: Double = 0

    public init(lfs: [LFStatistics]) {
        self.lfs = lfs
    }

    /// LF runs over all LFs.
    public var evaluations: Int { lfs.reduce(0) { $0 + $1.evaluations } }
    /// Cache hits over all LFs.
    public var cacheHits: Int { lfs.reduce(0) { $0 + $1.cacheHits } }
    /// Failures over all LFs.
    public var failures: Int { lfs.reduce(0) { $0 + $1.failures } }
    /// The LFs that were evaluated on some item, in catalog order, with the reason.
    public var evaluatedLFs: [(name: String, reason: EvaluationReason)] {
        lfs.compactMap { lf in lf.evaluationReason.map { (lf.name, $0) } }
    }

    /// Adds the counts of `other`, a report of the same catalog on later items.
    /// - Precondition: both reports list the same LFs.
    public mutating func merge(_ other: ApplyReport) {
        precondition(lfs.map(\.fingerprint) == other.lfs.map(\.fingerprint), "reports of different catalogs")
        for index in lfs.indices { lfs[index].merge(other.lfs[index]) }
        itemCount += other.itemCount
        seconds += other.seconds
    }
}
