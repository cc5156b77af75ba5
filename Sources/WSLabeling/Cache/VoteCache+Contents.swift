import Foundation
import GRDB
import WSLabelCore

/// What a vote cache holds, LF by LF, and removing an LF's outcomes: what `wslabel cache stats`
/// and `wslabel cache clear` are made of.
extension VoteCache {
    /// One LF fingerprint the cache holds outcomes of.
    public struct StoredLF: Sendable, Hashable {
        /// The fingerprint (``LabelingFunction/fingerprint``).
        public var fingerprint: String
        /// The name of the LF it was stored for; `nil` when not known (a user's own LF type in
        /// a cache written by a wslabel older than names in the cache).
        public var name: String?
        /// Outcomes stored under the fingerprint (votes, abstains and kept failures).
        public var outcomes: Int

        public init(fingerprint: String, name: String?, outcomes: Int) {
            self.fingerprint = fingerprint
            self.name = name
            self.outcomes = outcomes
        }
    }

    /// Every LF fingerprint the cache holds, with its name, without counting outcomes: what an
    /// apply reads first to tell new and edited LFs apart (``LFCacheStatus``).
    ///
    /// - Returns: fingerprint → name (`nil` when not known).
    /// - Complexity: one read of the small `lfs` table; no outcome is read.
    public func storedNames() throws -> [String: String?] {
        do {
            return try database.read { db in
                var names: [String: String?] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT fingerprint, name FROM lfs") {
                    names[row[0] as String] = row[1] as String?
                }
                return names
            }
        } catch {
            throw Self.fileError(error, path: path, doing: "cannot read the vote cache")
        }
    }

    /// Every LF fingerprint the cache holds outcomes of, with the number of outcomes, sorted by
    /// name (unnamed last), then fingerprint.
    ///
    /// - Complexity: one pass over every stored outcome.
    public func storedLFs() throws -> [StoredLF] {
        do {
            return try database.read { db in
                try Self.storedLFs(db, includingEmpty: false).map(\.lf)
                    .sorted { ($0.name ?? "\u{10FFFF}", $0.fingerprint) < ($1.name ?? "\u{10FFFF}", $1.fingerprint) }
            }
        } catch {
            throw Self.fileError(error, path: path, doing: "cannot read the vote cache")
        }
    }

    /// The rows of `lfs` with their ids and outcome counts, in one pass over the outcomes;
    /// fingerprints without outcomes only when `includingEmpty`.
    private static func storedLFs(_ db: Database, includingEmpty: Bool) throws -> [(id: Int64, lf: StoredLF)] {
        var counts: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT lf, COUNT(*) FROM votes GROUP BY lf") {
            counts[row[0] as Int64] = row[1] as Int
        }
        return try Row.fetchAll(db, sql: "SELECT id, fingerprint, name FROM lfs").compactMap { row in
            let id: Int64 = row[0]
            guard includingEmpty || counts[id] != nil else { return nil }
            return (id, StoredLF(fingerprint: row[1], name: row[2], outcomes: counts[id] ?? 0))
        }
    }

    /// The cache file's size in bytes, its write-ahead log included (outcomes written by a run
    /// live there until SQLite moves them into the file).
    public func fileBytes() -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    /// Deletes the outcomes of every LF fingerprint for which `shouldRemove` is true, in one
    /// transaction, and returns what was removed.
    ///
    /// `shouldRemove` sees each stored fingerprint (with its name and number of outcomes) as of
    /// that transaction, so an LF another process stores meanwhile is either wholly seen or not
    /// at all. The file does not shrink: SQLite reuses the freed pages for later outcomes.
    ///
    /// ```swift
    /// try cache.removeEntries { $0.name == "keyword_refund" }   // one LF, every version
    /// try cache.removeEntries { _ in true }                      // everything
    /// ```
    ///
    /// - Returns: the fingerprints removed, each with the number of outcomes it had.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written; then
    ///   nothing is removed.
    @discardableResult
    public func removeEntries(ofLFs shouldRemove: (StoredLF) -> Bool) throws -> [StoredLF] {
        do {
            return try database.write { db -> [StoredLF] in
                let stored = try Self.storedLFs(db, includingEmpty: true)
                let removed = stored.filter { shouldRemove($0.lf) }
                if removed.count == stored.count {
                    // Without a WHERE clause SQLite drops the pages at once instead of row by row.
                    try db.execute(sql: "DELETE FROM votes")
                    try db.execute(sql: "DELETE FROM lfs")
                } else {
                    let ids = removed.map(\.id)
                    for start in stride(from: 0, to: ids.count, by: Self.lookupChunkSize) {
                        let chunk = Array(ids[start..<min(start + Self.lookupChunkSize, ids.count)])
                        let list = Self.placeholders(chunk.count)
                        try db.execute(sql: "DELETE FROM votes WHERE lf IN (\(list))", arguments: StatementArguments(chunk))
                        try db.execute(sql: "DELETE FROM lfs WHERE id IN (\(list))", arguments: StatementArguments(chunk))
                    }
                }
                return removed.map(\.lf)
            }
        } catch {
            throw Self.fileError(error, path: path, doing: "cannot write the vote cache")
        }
    }

    /// Deletes the outcomes of every LF fingerprint not in `fingerprints` (old LF versions,
    /// removed LFs), and returns how many outcomes were deleted.
    ///
    /// The file does not shrink until SQLite reuses the freed pages or someone runs `VACUUM`.
    @discardableResult
    public func removeEntries(keepingOnly fingerprints: some Sequence<String>) throws -> Int {
        let keep = Set(fingerprints)
        return try removeEntries { !keep.contains($0.fingerprint) }.reduce(0) { $0 + $1.outcomes }
    }
}
