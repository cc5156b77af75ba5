import Foundation
import GRDB
import WSLabelCore

/// A persistent store of LF outcomes keyed by (LF fingerprint, item fingerprint), so that a
/// re-run evaluates only the LFs that changed and the items that are new.
///
/// The cache is one SQLite file in WAL mode. Every ``store(_:)`` call is one transaction: a
/// process killed in the middle of a write loses that call's entries and nothing else, and the
/// file stays valid. Synchronous mode is `NORMAL`, so a power cut may also lose the last few
/// committed batches (they are recomputed on the next run) but never corrupts the file.
///
/// ```swift
/// let cache = try VoteCache(path: ".wslabel/votes.sqlite")
/// let item = ItemFingerprint(Item(id: "1", text: "free money"))
/// try cache.store([.init(fingerprint: lf.fingerprint, item: item, outcome: .vote("SPAM"))])
/// try cache.outcomes(of: [lf.fingerprint], on: [item])   // [[.vote("SPAM")]]
/// ```
///
/// Outcomes are stored as label names (not class indices) so a cache survives a change of the
/// task's label list. Each LF fingerprint is stored with the name of the LF it was stored for,
/// so that an apply can tell an edited LF (its name under another fingerprint) from a new one
/// (``LFCacheStatus``) and `wslabel cache` can show and clear outcomes by LF name. Stale rows of old LF versions stay until ``removeEntries(keepingOnly:)`` or
/// ``removeEntries(ofLFs:)``.
///
/// One `VoteCache` may be used from several threads; several processes may share a file
/// (writers wait up to ``busyTimeout`` for each other), and one may remove entries while
/// another applies: LF ids are looked up inside each transaction, never remembered across
/// transactions, so a removal cannot leave another process reading or writing under an id
/// that no longer means the same LF.
public final class VoteCache: Sendable {
    /// One outcome to store.
    public struct Entry: Sendable, Hashable {
        public var fingerprint: String
        /// The name of the LF whose outcome this is, stored with a fingerprint the first time it
        /// is seen; `nil` when not known.
        public var name: String?
        public var item: ItemFingerprint
        public var outcome: LFOutcome

        public init(fingerprint: String, name: String? = nil, item: ItemFingerprint, outcome: LFOutcome) {
            self.fingerprint = fingerprint
            self.name = name
            self.item = item
            self.outcome = outcome
        }
    }

    /// How long a write waits for another process holding the file's write lock.
    public static let busyTimeout: TimeInterval = 30
    /// Items per lookup statement: well under SQLite's smallest host-parameter limit (999).
    static let lookupChunkSize = 500

    /// The cache file.
    public let path: String
    let database: DatabaseQueue

    /// Opens the cache at `path`, creating the file (and its folder) when missing.
    ///
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be created or opened,
    ///   is not a SQLite database, is some other program's database, or was written by a newer
    ///   wslabel (a higher schema version).
    public init(path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WSLabelError.fileAccess(path: path, "cannot create the vote cache's folder: \(error.localizedDescription)")
        }
        // Item keys are hashes, so inserts land all over the B-tree: a page cache larger than
        // SQLite's 2 MiB default halves the time of a cold run (measured on 600k outcomes).
        let configuration = SQLiteFileConfiguration.make(label: "wslabel.VoteCache", pragmas: ["PRAGMA cache_size = -65536"])
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            // IMMEDIATE: two processes opening an old or new file at once would otherwise both
            // read its version, and the second could not upgrade its stale read to a write.
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try VoteCacheSchema.prepare(db, path: path)
                    return .commit
                }
            }
        } catch let error as WSLabelError {
            throw error
        } catch {
            throw Self.fileError(error, path: path, doing: "cannot open the vote cache")
        }
    }

    /// The cached outcomes of each LF (by fingerprint) on each item.
    ///
    /// - Returns: `result[i][j]` is the outcome of LF `fingerprints[j]` on `items[i]`, or `nil`
    ///   when the cache does not hold it.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read.
    /// - Complexity: one indexed statement per 500 distinct items.
    public func outcomes(of fingerprints: [String], on items: [ItemFingerprint]) throws -> [[LFOutcome?]] {
        var result = [[LFOutcome?]](repeating: [LFOutcome?](repeating: nil, count: fingerprints.count), count: items.count)
        guard !fingerprints.isEmpty && !items.isEmpty else { return result }
        var rowsOfItem: [ItemFingerprint: [Int]] = [:]
        for (row, item) in items.enumerated() { rowsOfItem[item, default: []].append(row) }
        let distinctItems = Array(rowsOfItem.keys)
        do {
            try database.read { db in
                let ids = try Self.knownIDs(of: fingerprints, db)
                guard !ids.isEmpty else { return }
                var columnsOfID: [Int64: [Int]] = [:]
                for (column, fingerprint) in fingerprints.enumerated() {
                    if let id = ids[fingerprint] { columnsOfID[id, default: []].append(column) }
                }
                let idList = columnsOfID.keys.sorted()
                for start in stride(from: 0, to: distinctItems.count, by: Self.lookupChunkSize) {
                    let chunk = distinctItems[start..<min(start + Self.lookupChunkSize, distinctItems.count)]
                    let sql = """
                        SELECT item, lf, vote, failure FROM votes
                        WHERE lf IN (\(Self.placeholders(idList.count))) AND item IN (\(Self.placeholders(chunk.count)))
                        """
                    let statement = try db.cachedStatement(sql: sql)
                    var values: [any DatabaseValueConvertible] = idList
                    values.append(contentsOf: chunk.map { Data($0.bytes) })
                    let rows = try Row.fetchCursor(statement, arguments: StatementArguments(values))
                    while let row = try rows.next() {
                        guard let item = ItemFingerprint(bytes: row[0] as Data),
                              let itemRows = rowsOfItem[item],
                              let columns = columnsOfID[row[1] as Int64] else { continue }
                        let outcome = Self.outcome(vote: row[2], failure: row[3])
                        for itemRow in itemRows {
                            for column in columns { result[itemRow][column] = outcome }
                        }
                    }
                }
            }
        } catch {
            throw Self.fileError(error, path: path, doing: "cannot read the vote cache")
        }
        return result
    }

    /// Stores `entries` in one transaction, replacing earlier outcomes of the same pairs.
    ///
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written; then
    ///   none of the entries are stored.
    public func store(_ entries: [Entry]) throws {
        try store(entries, beforeCommit: nil)
    }

    /// ``store(_:)`` with a hook that runs inside the transaction, after every row is written
    /// and before the commit: tests use it to kill the process mid-write.
    func store(_ entries: [Entry], beforeCommit: (() throws -> Void)?) throws {
        guard !entries.isEmpty else { return }
        do {
            try database.write { db in
                var ids = try Self.knownIDs(of: Set(entries.map(\.fingerprint)), db)
                let insertLF = try db.cachedStatement(sql: "INSERT INTO lfs (fingerprint, name) VALUES (?, ?)")
                let insertVote = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO votes (item, lf, vote, failure) VALUES (?, ?, ?, ?)
                    """)
                // In key order, inserts walk the B-tree's leaves once instead of jumping around.
                let sorted = entries.sorted { ($0.item.high, $0.item.low) < ($1.item.high, $1.item.low) }
                for entry in sorted {
                    let id: Int64
                    if let known = ids[entry.fingerprint] {
                        id = known
                    } else {
                        try insertLF.execute(arguments: [entry.fingerprint, entry.name])
                        id = db.lastInsertedRowID
                        ids[entry.fingerprint] = id
                    }
                    let (vote, failure) = Self.columns(of: entry.outcome)
                    try insertVote.execute(arguments: [Data(entry.item.bytes), id, vote, failure])
                }
                try beforeCommit?()
            }
        } catch {
            throw Self.fileError(error, path: path, doing: "cannot write the vote cache")
        }
    }

    /// Number of stored outcomes, across every LF fingerprint ever stored.
    public func entryCount() throws -> Int {
        do {
            return try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM votes") ?? 0 }
        } catch {
            throw Self.fileError(error, path: path, doing: "cannot read the vote cache")
        }
    }

    // MARK: - Helpers

    /// Row ids of the fingerprints in `lfs`; unknown fingerprints are left out.
    ///
    /// Looked up in the caller's transaction every time rather than remembered: another process
    /// may remove an LF's row (``removeEntries(ofLFs:)``) between two transactions, and SQLite
    /// may give its id to the next new fingerprint. The lookups go by the `fingerprint` column's
    /// unique index, one per LF per batch.
    private static func knownIDs(of fingerprints: some Sequence<String>, _ db: Database) throws -> [String: Int64] {
        let select = try db.cachedStatement(sql: "SELECT id FROM lfs WHERE fingerprint = ?")
        var found: [String: Int64] = [:]
        for fingerprint in fingerprints where found[fingerprint] == nil {
            if let id = try Int64.fetchOne(select, arguments: [fingerprint]) { found[fingerprint] = id }
        }
        return found
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    static func columns(of outcome: LFOutcome) -> (vote: String?, failure: String?) {
        switch outcome {
        case let .vote(label): (label, nil)
        case .abstain: (nil, nil)
        case let .failed(message): (nil, message)
        }
    }

    static func outcome(vote: String?, failure: String?) -> LFOutcome {
        if let failure { return .failed(failure) }
        if let vote { return .vote(vote) }
        return .abstain
    }

    static func fileError(_ error: any Error, path: String, doing action: String) -> WSLabelError {
        if let error = error as? WSLabelError { return error }
        guard let error = error as? DatabaseError else {
            return .fileAccess(path: path, "\(action): \(error.localizedDescription)")
        }
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .fileAccess(path: path, "\(action): the file is not a SQLite database (delete it or choose another cache path)")
        case .SQLITE_CANTOPEN:
            return .fileAccess(path: path, "\(action): the file cannot be opened (check that the path is a file and writable)")
        case .SQLITE_FULL:
            return .fileAccess(path: path, "\(action): the disk is full")
        case .SQLITE_READONLY:
            return .fileAccess(path: path, "\(action): the file is read-only")
        default:
            return .fileAccess(path: path, "\(action): \(error.message ?? error.description)")
        }
    }
}
