import Foundation
import GRDB
import WSLabelCore

/// Every LLM answer a task has paid for, in one SQLite file, keyed by
/// ``LLMRequest/cacheKey(on:)`` (endpoint URL, model, API, prompt and parameters): a re-run
/// asks again only what is missing, and costs nothing for the rest.
///
/// Each answer is committed on its own as soon as it arrives (WAL journal), so a process killed
/// mid-run loses no completed answer. Beside each answer the file keeps what it cost when it
/// was asked (tokens, latency, dollars): the ledger a cost report reads.
///
/// The file holds prompts and answers, never an API key.
public final class LLMResponseCache: Sendable {
    /// A stored answer with what it cost when it was asked.
    public struct Entry: Sendable, Equatable {
        public var response: LLMResponse
        /// Dollars the call cost under the price book of its run.
        public var cost: Double
    }

    /// The file.
    public let path: String
    private let database: DatabaseQueue

    /// "wsll" in ASCII: tells this file from a vote cache or another program's database.
    static let applicationID: Int32 = 0x7773_6C6C
    static let schemaVersion = 1

    /// Opens the cache at `path`, creating it (and its folder) when missing.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when it cannot be created or opened, or
    ///   is not an LLM response cache of a version this build reads.
    public init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw WSLabelError.fileAccess(path: path, "cannot create the LLM cache's folder: \(error.localizedDescription)")
        }
        let configuration = SQLiteFileConfiguration.make(label: "wslabel.LLMResponseCache")
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.write { db in try Self.prepare(db, path: path) }
        } catch {
            throw VoteCache.fileError(error, path: path, doing: "cannot open the LLM response cache")
        }
    }

    /// The stored entries of `keys` (`nil` where none is stored), in order.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read.
    public func entries(for keys: [String]) throws -> [Entry?] {
        let decoder = JSONDecoder()
        do {
            return try database.read { db in
                try keys.map { key in
                    guard let row = try Row.fetchOne(db, sql: "SELECT response, cost FROM responses WHERE key = ?", arguments: [key]),
                          let response = try? decoder.decode(LLMResponse.self, from: Data((row[0] as String).utf8)) else { return nil }
                    return Entry(response: response, cost: row[1])
                }
            }
        } catch {
            throw VoteCache.fileError(error, path: path, doing: "cannot read the LLM response cache")
        }
    }

    /// Stores one answer, committed at once.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written.
    public func store(_ response: LLMResponse, cost: Double, key: String, endpoint: LLMEndpoint, kind: LLMRequest.Kind) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(response), as: UTF8.self)
        do {
            try database.write { db in
                try db.execute(sql: """
                    INSERT OR REPLACE INTO responses
                        (key, base_url, model, kind, response, prompt_tokens, completion_tokens, latency, cost, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [key, endpoint.baseURL.absoluteString, endpoint.model, kind.rawValue, json,
                                     response.promptTokens, response.completionTokens, response.latency, cost,
                                     ISO8601DateFormatter().string(from: Date())])
            }
        } catch {
            throw VoteCache.fileError(error, path: path, doing: "cannot write the LLM response cache")
        }
    }

    /// How many answers are stored.
    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM responses") ?? 0 }
    }

    private static func prepare(_ db: Database, path: String) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let notOurs = "this SQLite database is not a wslabel LLM response cache; choose another llm.cache path"
        if version == 0 {
            guard application == 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") == 0 else {
                throw WSLabelError.fileAccess(path: path, notOurs)
            }
            try db.execute(sql: """
                CREATE TABLE responses (
                    key TEXT PRIMARY KEY,
                    base_url TEXT NOT NULL,
                    model TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    response TEXT NOT NULL,
                    prompt_tokens INTEGER NOT NULL,
                    completion_tokens INTEGER NOT NULL,
                    latency REAL NOT NULL,
                    cost REAL NOT NULL,
                    created_at TEXT NOT NULL
                );
                PRAGMA application_id = \(applicationID);
                PRAGMA user_version = \(schemaVersion);
                """)
            return
        }
        guard application == applicationID else { throw WSLabelError.fileAccess(path: path, notOurs) }
        guard version <= schemaVersion else {
            throw WSLabelError.fileAccess(path: path, "the LLM response cache has schema version \(version), newer than this wslabel reads (\(schemaVersion)); upgrade wslabel")
        }
    }
}
