import Foundation
import WSLabelCore

/// A vote matrix with the item ids and LF names of a CSV file, as read by
/// ``init(csvFile:classCount:hasHeader:idColumn:)`` and written by ``writeCSV(to:)``.
///
/// The CSV layout: an optional header row, an optional id column, and one column per LF holding
/// a class index, with `-1` or an empty cell for abstain. Quoting follows RFC 4180.
///
/// ```
/// id,lf_keyword,lf_regex
/// doc-1,1,-1
/// "doc 2, draft",,0
/// ```
///
/// ```swift
/// let file = try CSVVotes(csvFile: URL(fileURLWithPath: "votes.csv"), classCount: 2)
/// file.ids            // ["doc-1", "doc 2, draft"]
/// file.lfNames        // ["lf_keyword", "lf_regex"]
/// file.votes.vote(row: 1, lf: 1)   // 0
/// ```
public struct CSVVotes: Sendable, Equatable {
    /// The item id of each row, when the file has an id column.
    public var ids: [String]?
    /// The name of each LF column, when the file has a header.
    public var lfNames: [String]?
    /// The votes, one row per item and one column per LF.
    public var votes: VoteMatrix

    /// Votes with optional ids and LF names.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `ids` does not have one id per row or
    ///   `lfNames` one name per LF.
    public init(votes: VoteMatrix, ids: [String]? = nil, lfNames: [String]? = nil) throws {
        try Self.validate(votes: votes, ids: ids, lfNames: lfNames)
        self.votes = votes
        self.ids = ids
        self.lfNames = lfNames
    }

    /// Reads a CSV file of votes.
    ///
    /// Rows end with LF or CRLF; blank lines and a leading UTF-8 byte-order mark are skipped.
    /// Vote cells may be quoted, padded with spaces, or written as integral decimals (`1.0`, as
    /// pandas writes integer columns that had missing values).
    ///
    /// - Parameters:
    ///   - url: The CSV file.
    ///   - classCount: The number of classes; `nil` infers the largest vote + 1 (at least 2).
    ///   - hasHeader: Whether the first row names the columns; `nil` detects a header when a cell
    ///     of the first row (other than the id column given by `idColumn`) is not an integer.
    ///   - idColumn: The 0-based column holding item ids; `nil` takes the header column named
    ///     `id` (any case), or an unnamed first column (a pandas index), and otherwise no ids.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read;
    ///   ``WSLabelError/malformedInput(_:_:)`` naming the file, 1-based physical line, record
    ///   (id or `row N`) and CSV column / LF of a ragged row, a cell that is not an integer, a
    ///   vote outside `-1..<classCount`, an id repeated (naming the line it first appeared on),
    ///   invalid UTF-8, an unclosed quote, or an empty file;
    ///   ``WSLabelError/invalidArgument(_:)`` for a `classCount` outside 2...255 or a negative
    ///   `idColumn`.
    /// - Complexity: O(file size), one pass; no allocation per vote cell.
    public init(csvFile url: URL, classCount: Int? = nil, hasHeader: Bool? = nil, idColumn: Int? = nil) throws {
        if let classCount { try VoteMatrix.validateShape(lfCount: 0, classCount: classCount) }
        if let idColumn, idColumn < 0 { throw WSLabelError.invalidArgument("the id column index must be 0 or more, not \(idColumn)") }
        let data = try readData(url)
        let file = url.path
        self = try data.withUnsafeBytes { raw in
            var reader = CSVVoteReader(bytes: raw, file: file, classCount: classCount)
            return try reader.read(hasHeader: hasHeader, idColumn: idColumn)
        }
    }

    /// Writes the votes, with an `id` column and an LF-name header when known; see
    /// ``VoteMatrix/writeCSV(to:ids:lfNames:)``.
    public func writeCSV(to url: URL) throws {
        try votes.writeCSV(to: url, ids: ids, lfNames: lfNames)
    }

    static func validate(votes: VoteMatrix, ids: [String]?, lfNames: [String]?) throws {
        if let ids, ids.count != votes.rowCount {
            throw WSLabelError.invalidArgument("expected one id per row (\(votes.rowCount)), found \(ids.count)")
        }
        if let lfNames, lfNames.count != votes.lfCount {
            throw WSLabelError.invalidArgument("expected one name per LF (\(votes.lfCount)), found \(lfNames.count)")
        }
    }
}
