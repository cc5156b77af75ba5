import Foundation
import WSLabelCore

extension PatternCounts {
    /// The file's header line (without its newline): identical for every shard of one task's split.
    public var header: String {
        let header: JSONValue = .object([
            ("format", .string(Self.formatName)), ("version", .number(Double(Self.formatVersion))),
            ("split", .string(split)), ("labels", .array(labelNames.map(JSONValue.string))),
            ("lfs", .array(lfNames.map(JSONValue.string))),
        ])
        return header.serialized
    }

    /// The file's bytes: the header, then one line per pattern in order.
    public var serialized: Data {
        var text = header + "\n"
        for row in 0..<patterns.rowCount {
            text += String(counts[row])
            text += "\t"
            text += gold[row].map(String.init) ?? "-"
            text += "\t"
            text += patterns.votes(inRow: row).map { "\($0.lf):\($0.vote)" }.joined(separator: ",")
            text += "\n"
        }
        return Data(text.utf8)
    }

    /// Writes the file atomically (`-` or `/dev/stdout`: standard output).
    public func write(to url: URL) throws {
        try AtomicFile.write(serialized, to: url)
    }

    /// Reads a pattern-count file, checking every line; patterns listed twice add up.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file, line and field of the
    ///   first problem; ``WSLabelError/fileAccess(path:_:)`` when it cannot be read.
    public static func read(from url: URL) throws -> PatternCounts {
        try parse(readData(url), file: url.path)
    }

    /// Parses the bytes of a pattern-count file named `file` in errors.
    public static func parse(_ data: Data, file: String) throws -> PatternCounts {
        guard let text = String(data: data, encoding: .utf8) else {
            throw WSLabelError.malformedInput(SourceLocation(file: file), "not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first else {
            throw WSLabelError.malformedInput(SourceLocation(file: file, line: 1), "empty: expected a \(formatName) header")
        }
        func fail(_ line: Int, _ field: String?, _ message: String) -> WSLabelError {
            .malformedInput(SourceLocation(file: file, line: line, field: field), message)
        }
        let header = try Header(String(first), fail: { fail(1, $0, $1) })
        var counts = PatternCounts(split: header.split, labelNames: header.labels, lfNames: header.lfs,
                                   patterns: try VoteMatrix(lfCount: header.lfs.count, classCount: header.labels.count),
                                   gold: [], counts: [])
        var parsed = counts
        for (offset, line) in lines.dropFirst().enumerated() {
            let number = offset + 2
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else { throw fail(number, nil, "expected count<TAB>gold<TAB>votes, found \(fields.count) fields") }
            guard let count = Int(fields[0]), count > 0 else { throw fail(number, "count", "expected a positive whole number, found \"\(fields[0])\"") }
            var gold: Int?
            if fields[1] != "-" {
                guard let value = Int(fields[1]), header.labels.indices.contains(value) else {
                    throw fail(number, "gold", "expected - or a class index 0..<\(header.labels.count), found \"\(fields[1])\"")
                }
                gold = value
            }
            var lfs: [Int] = [], votes: [Int] = []
            for pair in fields[2].split(separator: ",", omittingEmptySubsequences: false) where !fields[2].isEmpty {
                let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, let lf = Int(parts[0]), let vote = Int(parts[1]) else {
                    throw fail(number, "votes", "expected lf:class pairs separated by commas, found \"\(pair)\"")
                }
                guard header.lfs.indices.contains(lf), lf > (lfs.last ?? -1) else {
                    throw fail(number, "votes", "LF \(lf) is out of order or outside 0..<\(header.lfs.count)")
                }
                guard header.labels.indices.contains(vote) else {
                    throw fail(number, "votes", "class \(vote) of LF \(lf) is outside 0..<\(header.labels.count)")
                }
                lfs.append(lf)
                votes.append(vote)
            }
            parsed.patterns.appendSparseRow(lfs: lfs, votes: votes)
            parsed.gold.append(gold)
            parsed.counts.append(count)
        }
        // Merging into an empty set of counts adds up patterns listed twice.
        try counts.merge(parsed)
        return counts
    }

    /// The header's fields.
    private struct Header {
        var split: String
        var labels: [String]
        var lfs: [String]

        init(_ line: String, fail: (String?, String) -> WSLabelError) throws {
            var parser = JSONParser(bytes: Array(line.utf8))
            guard let value = try? parser.parseDocument(), case let .object(members) = value else {
                throw fail(nil, "expected a JSON header ({\"format\":\"\(PatternCounts.formatName)\",…})")
            }
            let fields = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { (first: JSONValue, _: JSONValue) in first })
            guard case .string(PatternCounts.formatName)? = fields["format"] else {
                throw fail("format", "not a \(PatternCounts.formatName) file")
            }
            guard case .number(Double(PatternCounts.formatVersion))? = fields["version"] else {
                throw fail("version", "expected version \(PatternCounts.formatVersion)")
            }
            guard case let .string(split)? = fields["split"] else { throw fail("split", "missing: the split's name") }
            func names(_ key: String) throws -> [String] {
                guard case let .array(values)? = fields[key] else { throw fail(key, "missing: a list of names") }
                return try values.map { value in
                    guard case let .string(name) = value else { throw fail(key, "expected names (strings)") }
                    return name
                }
            }
            labels = try names("labels")
            lfs = try names("lfs")
            if let problem = ClassNames.firstProblem(in: labels) { throw fail("labels", problem.message) }
            guard lfs.count <= VoteMatrix.maxLFCount else { throw fail("lfs", "more than \(VoteMatrix.maxLFCount) LFs") }
            self.split = split
        }
    }
}
