import Foundation
import WSLabelCore

extension WrenchDataset {
    /// The item texts of split `name` (`data.<field>` of every record), in row order: what an
    /// end model reads.
    ///
    /// - Throws: ``WSLabelError`` naming the file, line, record and field of a record without
    ///   the text (WRENCH's imdb and yelp train splits hold none), or when the split is missing.
    public static func texts(directory: URL, split name: String, field: String = "text") throws -> [String] {
        let url = directory.appendingPathComponent("\(name).json")
        var parser = JSONParser(bytes: [UInt8](try readData(url)), sourceName: url.path)
        var texts: [String] = []
        try parser.forEachTopLevelMember { id, line, record in
            guard let text = record["data"]?[field]?.stringValue else {
                let found = record["data"].map { $0[field]?.kindName ?? "no \(field)" } ?? "no data"
                throw WSLabelError.malformedInput(SourceLocation(file: url.path, line: line, record: id, field: "data.\(field)"),
                                                  "expected the item's text as a string, found \(found)")
            }
            texts.append(text)
        }
        return texts
    }

    /// The values of numeric fields `fields` (`data.<field>`: a number, a numeric string, or
    /// absent/null/empty for none) of split `name`, per field, in row order.
    ///
    /// - Throws: ``WSLabelError`` naming the file, line, record and field of a value that is not a number.
    public static func numbers(directory: URL, split name: String, fields: [String]) throws -> [[Double?]] {
        guard !fields.isEmpty else { return [] }
        let url = directory.appendingPathComponent("\(name).json")
        var parser = JSONParser(bytes: [UInt8](try readData(url)), sourceName: url.path)
        var columns = [[Double?]](repeating: [], count: fields.count)
        try parser.forEachTopLevelMember { id, line, record in
            for (index, field) in fields.enumerated() {
                let value = record["data"]?[field]
                switch value {
                case nil, .null?:
                    columns[index].append(nil)
                case let .string(text)?:
                    columns[index].append(try NumericFeatures.number(text, field: "data.\(field)",
                                                                     at: SourceLocation(file: url.path, line: line, record: id)))
                case let value?:
                    guard case let .number(number) = value else {
                        throw WSLabelError.malformedInput(SourceLocation(file: url.path, line: line, record: id, field: "data.\(field)"),
                                                          "expected a number, found \(value.kindName)")
                    }
                    columns[index].append(number)
                }
            }
        }
        return columns
    }
}
