/// What a task's vote cache holds, LF by LF: the numbers `wslabel cache stats` shows.
///
/// Each stored outcome counts once, as *current* when its fingerprint is one a task LF has now
/// (a run reuses it) or *stale* otherwise (an edited LF's earlier versions, an LF that left the
/// task): `wslabel cache clear --stale` removes exactly the stale ones. Stale outcomes count
/// toward the LF of their stored name; fingerprints stored without a name (a user's own LF type
/// in a cache older than names in the cache) make one row of their own.
///
/// ```swift
/// let statistics = try VoteCacheStatistics(cache: cache, lfs: catalog.functions)
/// statistics.lfs[0]   // name keyword_refund, in the task, 440 current votes, 440 stale
/// ```
public struct VoteCacheStatistics: Sendable, Equatable {
    /// One LF: a task LF, or a name the cache holds that no task LF has.
    public struct LF: Sendable, Equatable {
        /// The LF's name; `nil` for the row of fingerprints stored without a name.
        public var name: String?
        /// The LF's fingerprint now, for a task LF; `nil` for one not in the task.
        public var fingerprint: String?
        /// Outcomes stored under ``fingerprint``: what the next run reuses.
        public var votes: Int
        /// Outcomes stored under the LF's name with fingerprints no task LF has.
        public var staleVotes: Int
        /// How many such fingerprints (earlier versions).
        public var staleFingerprints: Int
        /// Whether the task has the LF.
        public var inTask: Bool

        public init(name: String?, fingerprint: String?, votes: Int, staleVotes: Int, staleFingerprints: Int, inTask: Bool) {
            self.name = name
            self.fingerprint = fingerprint
            self.votes = votes
            self.staleVotes = staleVotes
            self.staleFingerprints = staleFingerprints
            self.inTask = inTask
        }

        /// 8 hex digits standing for ``fingerprint`` (a fingerprint may be a whole prompt),
        /// the same on every run and machine; `nil` without one.
        public var shortFingerprint: String? { fingerprint.map(VoteCacheStatistics.shortFingerprint) }
    }

    /// The cache file.
    public var path: String
    /// Its size in bytes, write-ahead log included.
    public var fileBytes: Int
    /// The task's LFs in catalog order, then the names only the cache holds, sorted (the
    /// unnamed row last).
    public var lfs: [LF]
    /// Every outcome the cache holds, current and stale.
    public var totalVotes: Int

    public init(path: String, fileBytes: Int, lfs: [LF], totalVotes: Int) {
        self.path = path
        self.fileBytes = fileBytes
        self.lfs = lfs
        self.totalVotes = totalVotes
    }

    /// Counts the outcomes of `cache` against the task LFs `functions`.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the cache cannot be read.
    public init(cache: VoteCache, lfs functions: [any LabelingFunction]) throws {
        self.init(path: cache.path, fileBytes: cache.fileBytes(), stored: try cache.storedLFs(), lfs: functions)
    }

    /// Counts the outcomes `stored` (``VoteCache/storedLFs()``) against the task LFs `functions`.
    public init(path: String, fileBytes: Int, stored: [VoteCache.StoredLF], lfs functions: [any LabelingFunction]) {
        let current = Set(functions.map(\.fingerprint))
        var rows = functions.map { LF(name: $0.name, fingerprint: $0.fingerprint, votes: 0, staleVotes: 0, staleFingerprints: 0, inTask: true) }
        var rowOfName: [String?: Int] = [:]
        for (index, function) in functions.enumerated() { rowOfName[function.name] = index }
        for entry in stored {
            if current.contains(entry.fingerprint) {
                // Two task LFs may share a fingerprint (a user's LF type that leaves its name
                // out of it); both reuse the outcomes.
                for index in rows.indices where rows[index].fingerprint == entry.fingerprint { rows[index].votes += entry.outcomes }
                continue
            }
            let index = rowOfName[entry.name] ?? {
                rows.append(LF(name: entry.name, fingerprint: nil, votes: 0, staleVotes: 0, staleFingerprints: 0, inTask: false))
                rowOfName[entry.name] = rows.count - 1
                return rows.count - 1
            }()
            rows[index].staleVotes += entry.outcomes
            rows[index].staleFingerprints += 1
        }
        let others = rows[functions.count...].sorted { ($0.name ?? "\u{10FFFF}") < ($1.name ?? "\u{10FFFF}") }
        self.init(path: path, fileBytes: fileBytes, lfs: Array(rows[..<functions.count]) + others,
                  totalVotes: stored.reduce(0) { $0 + $1.outcomes })
    }

    /// Outcomes no task LF's fingerprint has: what `clear --stale` removes.
    public var staleVotes: Int { lfs.reduce(0) { $0 + $1.staleVotes } }

    /// 8 hex digits of FNV-1a 128 over `fingerprint`: a fingerprint's short form.
    public static func shortFingerprint(_ fingerprint: String) -> String {
        var hasher = FNV1a128()
        hasher.combine(string: fingerprint)
        let high = UInt64(truncatingIfNeeded: hasher.state >> 64)
        let hex = String(high >> 32, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
