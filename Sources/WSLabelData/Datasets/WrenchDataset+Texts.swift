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
}
