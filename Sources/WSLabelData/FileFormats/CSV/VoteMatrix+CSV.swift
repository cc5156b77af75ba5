import Foundation
import WSLabelCore

extension VoteMatrix {
    /// Reads the votes of a CSV file, dropping ids and LF names; see
    /// ``CSVVotes/init(csvFile:classCount:hasHeader:idColumn:)`` for the format and errors.
    ///
    /// ```swift
    /// let votes = try VoteMatrix(csvFile: URL(fileURLWithPath: "L_train.csv"), classCount: nil)
    /// ```
    public init(csvFile url: URL, classCount: Int? = nil, hasHeader: Bool? = nil, idColumn: Int? = nil) throws {
        self = try CSVVotes(csvFile: url, classCount: classCount, hasHeader: hasHeader, idColumn: idColumn).votes
    }

    /// Writes the votes as CSV, abstain as `-1`, replacing the file atomically.
    ///
    /// With `ids` or `lfNames` the file starts with a header `id,<lf names...>` (no `id` column
    /// without ids; LFs named `lf_0`, `lf_1`, ... without names), else it holds votes only.
    /// Fields with commas, quotes or line breaks are quoted (RFC 4180), and so are empty fields
    /// and fields starting with U+FEFF (which would read as a byte order mark at the file's start).
    ///
    /// ```swift
    /// try votes.writeCSV(to: URL(fileURLWithPath: "votes.csv"), ids: ["a", "b"], lfNames: ["lf_x", "lf_y"])
    /// // id,lf_x,lf_y
    /// // a,1,-1
    /// // b,-1,0
    /// ```
    ///
    /// A header whose LF names all look like integers is not detected when reading back (pass
    /// `hasHeader: true`), and without ids an LF named `id` is read back as the id column (pass
    /// an explicit `idColumn`).
    ///
    /// - Parameters:
    ///   - url: The file to write.
    ///   - ids: One id per row, written as the first column.
    ///   - lfNames: One name per LF.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `ids` or `lfNames` have the wrong
    ///   count; ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written.
    /// - Complexity: O(items × LFs).
    public func writeCSV(to url: URL, ids: [String]? = nil, lfNames: [String]? = nil) throws {
        try AtomicFile.write(csvData(ids: ids, lfNames: lfNames), to: url)
    }

    /// The bytes ``writeCSV(to:ids:lfNames:)`` writes.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `ids` or `lfNames` have the wrong count.
    public func csvData(ids: [String]? = nil, lfNames: [String]? = nil) throws -> Data {
        try CSVVotes.validate(votes: self, ids: ids, lfNames: lfNames)
        var out: [UInt8] = []
        out.reserveCapacity(rowCount * (lfCount * 3 + (ids == nil ? 1 : 12)))
        func appendField(_ text: String) {
            let bytes = Array(text.utf8)
            let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            // Empty fields are quoted too, so that an empty id alone on a line is not a blank line,
            // and so are fields starting with U+FEFF, which the reader would skip as a byte order
            // mark at the start of the file.
            guard bytes.isEmpty || bytes.contains(where: special) || bytes.starts(with: [0xEF, 0xBB, 0xBF]) else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(UInt8(ascii: "\""))
            for byte in bytes {
                out.append(byte)
                if byte == UInt8(ascii: "\"") { out.append(byte) }
            }
            out.append(UInt8(ascii: "\""))
        }
        if ids != nil || lfNames != nil {
            var header = ids == nil ? [] : ["id"]
            header += lfNames ?? (0..<lfCount).map { "lf_\($0)" }
            for (index, name) in header.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendField(name)
            }
            out.append(0x0A)
        }
        // Each row's votes are formatted into one buffer (at most 3 digits and a comma per LF, and
        // a line feed), then appended at once.
        var rowBytes = [UInt8](repeating: 0, count: lfCount * 4 + 1)
        for row in 0..<rowCount {
            if let ids {
                appendField(ids[row])
                if lfCount > 0 { out.append(UInt8(ascii: ",")) }
            }
            let length = rowBytes.withUnsafeMutableBufferPointer { buffer -> Int in
                var length = 0
                var next = rowStarts[row]
                let end = rowStarts[row + 1]
                for lf in 0..<lfCount {
                    if lf > 0 {
                        buffer[length] = UInt8(ascii: ",")
                        length += 1
                    }
                    guard next < end, Int(lfIndices[next]) == lf else {
                        buffer[length] = UInt8(ascii: "-")
                        buffer[length + 1] = UInt8(ascii: "1")
                        length += 2
                        continue
                    }
                    let vote = classVotes[next]
                    next += 1
                    if vote >= 100 {
                        buffer[length] = UInt8(ascii: "0") + vote / 100
                        length += 1
                    }
                    if vote >= 10 {
                        buffer[length] = UInt8(ascii: "0") + vote / 10 % 10
                        length += 1
                    }
                    buffer[length] = UInt8(ascii: "0") + vote % 10
                    length += 1
                }
                buffer[length] = 0x0A
                return length + 1
            }
            out.append(contentsOf: rowBytes[0..<length])
        }
        return Data(out)
    }
}
