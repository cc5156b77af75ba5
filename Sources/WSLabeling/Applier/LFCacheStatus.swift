/// What the vote cache held of an LF when an apply began: what tells, once the apply is done,
/// why the LF was evaluated (``ApplyReport/EvaluationReason``).
public enum LFCacheStatus: Sendable, Hashable {
    /// The apply read no cache (`--no-cache`, or no cache given to the applier).
    case noCache
    /// The cache held outcomes under the LF's fingerprint: only items it lacks are evaluated.
    case cached
    /// The cache held outcomes under the LF's name but other fingerprints only: the LF was
    /// edited (a changed keyword list, pattern, prompt, version or Swift source) since.
    case edited
    /// The cache held nothing of the LF: never applied with this cache, or cleared since.
    case new

    /// The status of each LF of `functions` (in order) in a cache holding `stored`, its
    /// fingerprints with their names (``VoteCache/storedNames()``).
    public static func statuses(of functions: [any LabelingFunction], stored: [String: String?]) -> [LFCacheStatus] {
        let storedNames = Set(stored.values.compactMap { $0 })
        return functions.map { function in
            if stored[function.fingerprint] != nil { return .cached }
            return storedNames.contains(function.name) ? .edited : .new
        }
    }
}
