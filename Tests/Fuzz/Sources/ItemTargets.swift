import Foundation
import WSLabelCore
import WSLabelData
import WSLabeling

/// `ItemReader` on JSONL, CSV and TSV items, and the JSONL fast path against the parser.
enum ItemTargets {
    /// One source that names the id, text and gold fields, and one that names only the text.
    private static func sources(_ format: ItemSource.Format) -> [ItemSource] {
        [ItemSource(format: format, idField: "id", textField: "text", goldField: "label"), ItemSource(format: format)]
    }

    static func checkJSONL(_ bytes: [UInt8]) throws {
        for source in sources(.jsonl) { try checkScanner(bytes, source: source) }
        try checkReader(bytes, fileName: "items.jsonl", sources: sources(.jsonl))
    }

    /// The bytes as CSV (comma, then semicolon without a header row) and as TSV (with and
    /// without a header row): every dialect of the one scanner.
    static func checkCSV(_ bytes: [UInt8]) throws {
        let semicolons = ItemSource(format: .csv, textField: "2", delimiter: ItemSource.Delimiter(";"), hasHeader: false)
        try checkReader(bytes, fileName: "items.csv", sources: sources(.csv) + [semicolons])
        try checkReader(bytes, fileName: "items.tsv", sources: sources(.tsv) + [ItemSource(format: .tsv, textField: "1", hasHeader: false)])
    }

    /// Reads the file whole on one thread and in small chunks on three: neither streaming nor
    /// decoding in parallel may change the items or the error. A reader that threw throws the
    /// same error again.
    private static func checkReader(_ bytes: [UInt8], fileName: String, sources: [ItemSource]) throws {
        let url = try Scratch.file(fileName, bytes)
        // Chunks of 1 to 16 bytes, varying with the input, split records everywhere.
        let smallChunk = 1 + bytes.reduce(0) { ($0 &+ Int($1)) & 0xFFFF } % 16
        for source in sources {
            let whole = try read(url, source, chunkSize: 1 << 20, threads: 1)
            let chunked = try read(url, source, chunkSize: smallChunk, threads: 3)
            guard whole == chunked else {
                throw PropertyViolation("\(fileName) read whole on one thread gives \(whole), in chunks of \(smallChunk) bytes on three \(chunked)")
            }
            if fileName.hasSuffix(".jsonl"), source.idField == nil, case let .value(items) = whole {
                try checkFields(items, lines: bytes.split(separator: 0x0A, omittingEmptySubsequences: false))
            }
            try checkViews(url, source, chunkSize: smallChunk, expected: whole)
        }
    }

    /// What an LF can read of a view.
    private struct ViewParts: Equatable {
        var item: Item, text: [UInt8]?, lowercased: [UInt8]?, lowercasedText: String, tokens: [Substring], wordCount: Int

        init(_ view: ItemView) {
            item = view.item
            text = view.withUTF8(lowercased: false) { Array($0) }
            lowercased = view.withUTF8(lowercased: true) { Array($0) }
            lowercasedText = view.lowercasedText
            tokens = view.tokens
            wordCount = view.wordCount
        }
    }

    /// Items viewed where they are decoded (over their records, for JSONL), in blocks on three
    /// threads, must show what views of the items read in batches show, and end in the same error.
    private static func checkViews(_ url: URL, _ source: ItemSource, chunkSize: Int, expected: ParseOutcome<[Item]>) throws {
        let reader = try ItemReader(url: url, source: source, chunkSize: chunkSize, threads: 3)
        var viewed: [ViewParts] = []
        let outcome = try ParseOutcome("ItemReader.forEachBlock") {
            try reader.forEachBlock(process: { $0.map(ViewParts.init) }) { parts, count in viewed += parts.prefix(count) }
        }
        switch (outcome, expected) {
        case let (.value, .value(items)):
            let expectedParts = items.map { ViewParts(ItemView($0)) }
            guard viewed == expectedParts else {
                let index = zip(viewed, expectedParts).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(viewed.count, expectedParts.count)
                throw PropertyViolation("view \(index) of \(viewed.count) viewed in blocks differs from the item's: "
                                        + "\(index < viewed.count ? "\(viewed[index])" : "none") vs \(index < expectedParts.count ? "\(expectedParts[index])" : "none")")
            }
        case let (.rejected(error), .rejected(expectedError)):
            guard error == expectedError else { throw PropertyViolation("blocks end in \(error), batches in \(expectedError)") }
        default:
            throw PropertyViolation("blocks give \(outcome), batches \(expected)")
        }
    }

    /// Each item's fields (which items read from JSONL decode from their record on use) must be
    /// those `JSONParser` finds on its line: the first value of each key, as text, nulls left
    /// out. `items` were read with ids numbering the lines.
    private static func checkFields(_ items: [Item], lines: [ArraySlice<UInt8>]) throws {
        for item in items {
            guard let line = Int(item.id), lines.indices.contains(line - 1) else { throw PropertyViolation("item id \(item.id) is no line number") }
            var bytes = Array(lines[line - 1])
            if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            var parser = JSONParser(bytes: bytes)
            guard case let .object(members)? = try? parser.parseDocument() else { continue }  // the slow path's own items
            var first: [String: JSONValue] = [:]
            for (key, value) in members where first[key] == nil { first[key] = value }
            let fields = first.compactMapValues(text)
            guard item.fields == fields else {
                throw PropertyViolation("line \(line): the item's fields \(item.fields) differ from the parser's \(fields)")
            }
        }
    }

    private static func read(_ url: URL, _ source: ItemSource, chunkSize: Int, threads: Int) throws -> ParseOutcome<[Item]> {
        let reader = try ParseOutcome("ItemReader.init") { try ItemReader(url: url, source: source, chunkSize: chunkSize, threads: threads) }
        guard case let .value(reader) = reader else { throw PropertyViolation("ItemReader could not open \(url.path)") }
        let items = try ParseOutcome("ItemReader.readAll") { try reader.readAll() }
        if case let .rejected(error) = items {
            let again = try ParseOutcome("ItemReader.nextBatch after an error") { try reader.nextBatch() }
            guard case .rejected(error) = again else {
                throw PropertyViolation("after \(error), the reader's next call gave \(again)")
            }
        }
        return items
    }

    /// Every line the JSONL scanner decodes must be an object `JSONParser` takes, with the
    /// text, id and gold the reader's slow path takes from it (the fields are decoded from the
    /// record itself, on use: `checkReader` compares them). The borrowed record (text left as
    /// bytes) must be the same record.
    private static func checkScanner(_ bytes: [UInt8], source: ItemSource) throws {
        var scanner = JSONLRecordScanner(source: source)
        for line in bytes.split(separator: 0x0A) {
            let line = Array(line)
            let record = line.withUnsafeBufferPointer { scanner.record($0) }
            let borrowed = line.withUnsafeBufferPointer { scanner.borrowedRecord($0) }
            guard (record == nil) == (borrowed == nil) else {
                throw PropertyViolation("the scanner took the line as a record \(record == nil ? "only borrowed" : "but not borrowed")")
            }
            guard let record, let borrowed else { continue }
            let borrowedText = borrowed.textRange.map { Array(line[$0]) } ?? scanner.unescapedText
            guard borrowedText == Array(record.text.utf8), borrowed.id == record.id, borrowed.gold == record.gold else {
                throw PropertyViolation("the borrowed record \(borrowed) differs from the record \(record)")
            }
            var parser = JSONParser(bytes: line)
            guard case let .object(members)? = try? parser.parseDocument() else {
                throw PropertyViolation("the scanner decoded a line JSONParser does not take as an object")
            }
            var first: [String: JSONValue] = [:]
            for (key, value) in members where first[key] == nil { first[key] = value }
            guard case let .string(text)? = first[source.textField], record.text == text else {
                throw PropertyViolation("the scanner's text \(record.text.debugDescription) differs from the parser's \(String(describing: first[source.textField]))")
            }
            if let idField = source.idField {
                guard let id = first[idField].flatMap(scalarText), !id.isEmpty, record.id == id else {
                    throw PropertyViolation("the scanner's id \(String(describing: record.id)) differs from the parser's \(String(describing: first[idField]))")
                }
            }
            var gold: String?
            if let goldField = source.goldField, let value = first[goldField], value != .null {
                guard let text = scalarText(value) else { throw PropertyViolation("the scanner decoded a record whose gold is \(value.kindName)") }
                gold = text.isEmpty ? nil : text
            }
            guard record.gold == gold else {
                throw PropertyViolation("the scanner's gold \(String(describing: record.gold)) differs from the parser's \(String(describing: gold))")
            }
        }
    }

    /// A field's text as items keep it: strings as they are, numbers and booleans as JSON
    /// writes them, arrays and objects as compact JSON; `nil` for null.
    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .array, .object: value.serialized
        default: scalarText(value)
        }
    }

    /// The text of a value that may be an id or a gold label; `nil` for null and containers.
    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case let .string(string): string
        case let .bool(flag): flag ? "true" : "false"
        case .number: value.serialized
        case .null, .array, .object: nil
        }
    }
}
