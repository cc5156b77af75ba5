import GRDB

/// How wslabel opens its SQLite files (the vote cache, the LLM response cache): WAL journal,
/// so a crash never corrupts and readers never block the writer; `synchronous = NORMAL`, so a
/// power cut may drop the newest commits but never the file; writers of other processes waited
/// for up to ``VoteCache/busyTimeout``.
enum SQLiteFileConfiguration {
    /// - Parameters:
    ///   - label: GRDB's name for the connection, in its diagnostics.
    ///   - pragmas: further `PRAGMA` statements run on opening.
    static func make(label: String, pragmas: [String] = []) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(VoteCache.busyTimeout)
        configuration.label = label
        configuration.prepareDatabase { db in
            // WAL by a plain PRAGMA (a no-op on a file already in WAL mode), not GRDB's
            // `journalMode` setting, which writes to the file on every open: a recorded ledger
            // committed to a repository must stay the same bytes when it is only read.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            for pragma in pragmas { try db.execute(sql: pragma) }
        }
        return configuration
    }
}
