import GRDB
import WSLabelCore

/// The vote cache's tables and their version.
///
/// `PRAGMA user_version` holds the schema version and `PRAGMA application_id` marks the file as
/// a wslabel vote cache. A newer version is refused with a message rather than misread; an
/// older one is migrated forward here when a version 2 exists.
enum VoteCacheSchema {
    /// The schema this build writes.
    static let currentVersion = 1
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
    }

    private static func create(_ db: Database) throws {
        // `lfs` maps long fingerprints (keyword lists, prompts) to small ids. `votes` is
        // clustered by item so one lookup finds every LF's outcome on an item; `vote` NULL with
        // `failure` NULL is an abstain, `failure` non-NULL is an LF that threw.
        try db.execute(sql: """
            CREATE TABLE lfs (
                id INTEGER PRIMARY KEY,
                fingerprint TEXT NOT NULL UNIQUE
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
