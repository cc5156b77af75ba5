import Foundation
import WSLabelCore

/// A task's vote cache as `wslabel cache` reads it: the file the task names, opened only when
/// it exists, and the LFs with the fingerprints an apply stores them under.
extension TaskFile {
    /// The task's LFs as ``TaskApplication`` applies them: LLM-prompt LFs bound to their
    /// endpoints (whose URL and model are part of their fingerprints), without opening the LLM
    /// response cache or calling anything.
    ///
    /// - Throws: what ``catalog(registry:)`` throws, or an LLM LF naming an endpoint the task
    ///   does not define.
    public func appliedCatalog(registry: LFCatalogRegistry = .shared) throws -> LFCatalog {
        try TaskLLMBinding(catalog: try catalog(registry: registry), task: self, useCache: false).catalog
    }

    /// The task's vote cache (``cache``), which must exist already.
    ///
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when there is no cache file yet (saying
    ///   that the first apply writes it), or when it cannot be opened.
    public func existingVoteCache() throws -> VoteCache {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: cache.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw WSLabelError.fileAccess(path: cache.path, """
                no vote cache yet: the task's first `wslabel apply`, `fit` or `report` writes it \
                (output.cache in \(url.lastPathComponent) chooses where)
                """)
        }
        return try VoteCache(path: cache.path)
    }
}
