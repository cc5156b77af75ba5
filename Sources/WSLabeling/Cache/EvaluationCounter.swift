import Foundation
import WSLabelCore
import WSLabelData

/// How many times each split of a task was evaluated with `wslabel evaluate`, kept beside the
/// task's vote cache (`.wslabel/evaluations.json` by default), so a user sees how often they
/// looked at the test split: every look taken while LFs still change makes its score less of
/// a measure of new data.
///
/// The file is one JSON object, `{"version": 1, "splits": {"test": 3}}`, written atomically.
/// Two evaluations at the same moment may count once; the count is a reminder, not a ledger.
///
/// ```swift
/// let counter = EvaluationCounter(task: task)
/// let times = try counter.increment(split: "test")   // 1 the first time, then 2, …
/// ```
public struct EvaluationCounter: Sendable {
    /// The counts file.
    public let url: URL

    /// The counter of a task: `evaluations.json` in its vote cache's folder.
    public init(task: TaskFile) {
        url = task.cache.deletingLastPathComponent().appendingPathComponent("evaluations.json")
    }

    /// A counter kept in `url`.
    public init(url: URL) {
        self.url = url
    }

    /// Times each split was evaluated, by name; empty when the file does not exist yet.
    /// - Throws: ``WSLabelError`` when the file exists but is not a counts file.
    public func counts() throws -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        var parser = JSONParser(bytes: [UInt8](data), sourceName: url.path)
        let document = try parser.parseDocument()
        guard document["version"]?.intValue == 1, case let .object(members)? = document["splits"] else {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path),
                                              "not an evaluation counts file ({\"version\": 1, \"splits\": {...}}); delete it to start counting again")
        }
        var counts: [String: Int] = [:]
        for (split, value) in members {
            guard let count = value.intValue, count >= 0 else {
                throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: "splits.\(split)"), "expected a count, 0 or more")
            }
            counts[split] = count
        }
        return counts
    }

    /// Counts one more evaluation of `split` and returns its total.
    /// - Throws: ``WSLabelError`` when the file cannot be read or written.
    @discardableResult
    public func increment(split: String) throws -> Int {
        var counts = try counts()
        let total = (counts[split] ?? 0) + 1
        counts[split] = total
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw WSLabelError.fileAccess(path: url.deletingLastPathComponent().path, "cannot create the folder for the evaluation counts")
        }
        let document = JSONValue.object([
            ("version", .number(1)),
            ("splits", .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })),
        ])
        try AtomicFile.write(Data((document.serialized + "\n").utf8), to: url)
        return total
    }
}
