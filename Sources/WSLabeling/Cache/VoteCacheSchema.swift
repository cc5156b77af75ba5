import GRDB
import WSLabelCore

/// The vote cache's tables and their version.
///
/// `PRAGMA user_version` holds the schema version and `PRAGMA application_id` marks the file as
/// a wslabel vote cache. A newer version is refused with a message rather than misread; an
/// older one is migrated forward here.
///
/// Versions: 1, the outcomes by (item, LF fingerprint); 2, each fingerprint's LF name beside it
/// (`lfs.name`), for `wslabel cache` and the apply log's "edited".
enum VoteCacheSchema {
    /// The schema this build writes.
    static let currentVersion = 2
    /// The LF kinds whose fingerprints start `kind|name|`, as version 1 files hold them.
    static let namedFingerprintKinds = ["keyword", "regex", "heuristic", "llm"]
    /// "wslb" in ASCII: tells a vote cache from some other SQLite file.
    static let applicationID: Int32 = 0x7773_6C62

    /// Creates the tables in an empty file, or checks that an existing file is a vote cache of a
    /// version this build reads. Runs inside a write transaction.
    static func prepare(_ db: Database, path: String) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if version == 0 {
            let tableCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
            guard tableCount == 0 && application == 0 else {
                throw WSLabelError.fileAccess(path: path, "this SQLite database is not a wslabel vote cache; choose another cache path")
            }
            try create(db)
            return
        }
        guard application == applicationID else {
            throw WSLabelError.fileAccess(path: path, "this SQLite database is not a wslabel vote cache; choose another cache path")
        }
        guard version <= currentVersion else {
            throw WSLabelError.fileAccess(path: path, """
                the vote cache has schema version \(version), newer than the version \(currentVersion) this wslabel \
                reads; upgrade wslabel, or delete the cache file to rebuild it
                """)
        }
        if version < 2 { try addNames(db) }
    }

    /// Version 1 → 2: the `name` column, filled from the fingerprints of wslabel's own LF kinds
    /// (`keyword|name|…`); others (a user's own `LabelingFunction` types) stay unnamed until
    /// `wslabel cache clear` removes them or the cache is rebuilt.
    private static func addNames(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE lfs ADD COLUMN name TEXT")
        let rows = try Row.fetchAll(db, sql: "SELECT id, fingerprint FROM lfs")
        let update = try db.makeStatement(sql: "UPDATE lfs SET name = ? WHERE id = ?")
        for row in rows {
            guard let name = name(inFingerprint: row[1]) else { continue }
            try update.execute(arguments: [name, row[0] as Int64])
        }
        try db.execute(sql: "PRAGMA user_version = 2")
    }

    /// The LF name in a fingerprint of one of wslabel's own kinds (`kind|name|…`): up to the
    /// next `|`, so a name that holds a `|` itself comes out cut short (and reads as another LF).
    static func name(inFingerprint fingerprint: String) -> String? {
        let parts = fingerprint.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, namedFingerprintKinds.contains(String(parts[0])), !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }

    private static func create(_ db: Database) throws {
        // `lfs` maps long fingerprints (keyword lists, prompts) to small ids, and names the LF
        // each was first stored for (NULL when not known). `votes` is
        // clustered by item so one lookup finds every LF's outcome on an item; `vote` NULL with
        // `failure` NULL is an abstain, `failure` non-NULL is an LF that threw.
        try db.execute(sql: """
            CREATE TABLE lfs (
                id INTEGER PRIMARY KEY,
                fingerprint TEXT NOT NULL UNIQUE,
                name TEXT
            );
            CREATE TABLE votes (
                item BLOB NOT NULL,
                lf INTEGER NOT NULL REFERENCES lfs(id),
                vote TEXT,
                failure TEXT,
                PRIMARY KEY (item, lf)
            ) WITHOUT ROWID;
            PRAGMA application_id = \(applicationID);
            PRAGMA user_version = \(currentVersion);
            """)
    }
}
