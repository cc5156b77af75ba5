import WSLabelCore

/// Which outcomes `wslabel cache clear` removes from a task's vote cache: everything, the LFs
/// matching names or globs (every fingerprint each was stored under), the stale ones (whose
/// fingerprint no task LF has any more), or the last two together.
///
/// Patterns are matched as `labeling_functions.include` / `exclude` match them
/// (``LFSelection``): an LF name or a shell glob (`keyword_*`). A pattern that matches no LF of
/// the task nor any name in the cache is an error, as a typo there would otherwise remove
/// nothing and say so only in a count.
///
/// ```swift
/// let removed = try VoteCacheClearing(lfPatterns: ["keyword_*"]).clear(cache, taskLFs: catalog.functions)
/// removed.votes   // 880
/// ```
public struct VoteCacheClearing: Sendable, Equatable {
    /// What one clearing removed.
    public struct Result: Sendable, Equatable {
        /// The cache file.
        public var path: String
        /// Each fingerprint removed, with its name and number of outcomes, sorted by name.
        public var removed: [VoteCache.StoredLF]

        public init(path: String, removed: [VoteCache.StoredLF]) {
            self.path = path
            self.removed = removed
        }

        /// Outcomes removed.
        public var votes: Int { removed.reduce(0) { $0 + $1.outcomes } }
    }

    /// LF names or globs whose outcomes go, under every fingerprint.
    public var lfPatterns: [String]
    /// Whether outcomes under fingerprints no task LF has go.
    public var stale: Bool

    /// - Parameters:
    ///   - lfPatterns: LF names or globs; with `stale` false and no pattern, everything goes.
    ///   - stale: remove the outcomes of fingerprints no task LF has.
    public init(lfPatterns: [String] = [], stale: Bool = false) {
        self.lfPatterns = lfPatterns
        self.stale = stale
    }

    /// Whether every outcome goes.
    public var clearsEverything: Bool { lfPatterns.isEmpty && !stale }

    /// Whether the clearing needs the task's LFs (their names or fingerprints); clearing
    /// everything does not, so it works while an LF file does not load.
    public var needsTaskLFs: Bool { !clearsEverything }

    /// Removes the chosen outcomes from `cache` in one transaction (``VoteCache/removeEntries(ofLFs:)``):
    /// a run applying the task meanwhile sees the cache before or after, never half-cleared,
    /// and stores what it evaluates under its LFs' fingerprints as usual.
    ///
    /// - Parameter taskLFs: the task's LFs as an apply runs them (``TaskFile/appliedCatalog(registry:)``);
    ///   unused when clearing everything.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` naming a pattern that matches no LF of the
    ///   task or the cache (nothing is removed then); ``WSLabelError/fileAccess(path:_:)`` when
    ///   the cache cannot be read or written.
    public func clear(_ cache: VoteCache, taskLFs: [any LabelingFunction]) throws -> Result {
        if !lfPatterns.isEmpty {
            let names = Set(taskLFs.map(\.name)).union(try cache.storedNames().values.compactMap { $0 })
            for pattern in lfPatterns where !names.contains(where: { LFSelection.glob(pattern, matches: $0) }) {
                let known = names.sorted()
                throw WSLabelError.invalidArgument(
                    "\(pattern) matches no LF of the task or its vote cache (the LFs: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
            }
        }
        let current = Set(taskLFs.map(\.fingerprint))
        let removed = try cache.removeEntries { stored in
            if clearsEverything { return true }
            if stale, !current.contains(stored.fingerprint) { return true }
            guard let name = stored.name else { return false }
            return lfPatterns.contains { LFSelection.glob($0, matches: name) }
        }
        return Result(path: cache.path, removed: removed.sorted {
            ($0.name ?? "\u{10FFFF}", $0.fingerprint) < ($1.name ?? "\u{10FFFF}", $1.fingerprint)
        })
    }
}
