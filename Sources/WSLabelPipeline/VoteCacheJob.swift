import Foundation
import WSLabelCore
import WSLabeling

/// A task's vote cache looked at or cleared, as one call each: what `wslabel cache stats` and
/// `wslabel cache clear` do before they render.
///
/// Neither creates a cache: a task without one yet is an error that says the first apply
/// writes it.
///
/// ```swift
/// let job = VoteCacheJob(task: URL(fileURLWithPath: "wslabel.yaml"))
/// let statistics = try job.statistics()                                  // per LF: current and stale votes
/// let result = try job.clear(VoteCacheClearing(lfPatterns: ["keyword_refund"]))
/// result.votes                                                           // 440
/// ```
public struct VoteCacheJob: Sendable {
    /// The task file.
    public var task: URL
    /// Where the task's Swift catalogs are looked up.
    public var registry: LFCatalogRegistry

    public init(task: URL, registry: LFCatalogRegistry = .shared) {
        self.task = task
        self.registry = registry
    }

    /// What the task's cache holds, LF by LF, against the task's LFs now.
    /// - Throws: ``WSLabelError`` for a bad task file or LF source (file and line), or a cache
    ///   that does not exist yet or cannot be read.
    public func statistics() throws -> VoteCacheStatistics {
        let taskFile = try TaskFile(contentsOf: task)
        let cache = try taskFile.existingVoteCache()
        return try VoteCacheStatistics(cache: cache, lfs: taskFile.appliedCatalog(registry: registry).functions)
    }

    /// Removes what `clearing` chooses from the task's cache, in one transaction.
    /// - Throws: ``WSLabelError`` for a bad task file or LF source (not read when clearing
    ///   everything), a pattern matching no LF, or a cache that does not exist yet or cannot be
    ///   written.
    public func clear(_ clearing: VoteCacheClearing) throws -> VoteCacheClearing.Result {
        let taskFile = try TaskFile(contentsOf: task)
        let cache = try taskFile.existingVoteCache()
        let lfs = clearing.needsTaskLFs ? try taskFile.appliedCatalog(registry: registry).functions : []
        return try clearing.clear(cache, taskLFs: lfs)
    }
}
