import Foundation
import WSLabelCore

/// `label.json`: the class names that the class indices of vote files stand for, as WRENCH
/// writes them — an object from class index (as text) to class name, `{"0": "HAM", "1": "SPAM"}`.
///
/// `wslabel apply` writes it beside every format's vote files, and `wslabel fit --votes` and
/// `wslabel predict --votes` read the one beside the vote file when `--labels` is not given, so
/// the votes go back in with their names:
///
/// ```swift
/// try LabelNamesFile.write(["HAM", "SPAM"], into: folder)                        // folder/label.json
/// let names = try LabelNamesFile.beside(folder.appendingPathComponent("train.csv")).map(LabelNamesFile.read)
/// // python: names = [n for _, n in sorted(json.load(open("label.json")).items(), key=lambda kv: int(kv[0]))]
/// ```
public enum LabelNamesFile {
    /// The file's name in a folder of vote files.
    public static let fileName = "label.json"

    /// Writes `names` (class-index order) as `label.json` in `folder`, atomically.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written.
    public static func write(_ names: [String], into folder: URL) throws {
        let labels = JSONValue.object(names.enumerated().map { (String($0), .string($1)) })
        try AtomicFile.write(Data((labels.serialized + "\n").utf8), to: folder.appendingPathComponent(fileName))
    }

    /// The `label.json` in the folder of `voteFile`, when there is one.
    public static func beside(_ voteFile: URL) -> URL? {
        let url = voteFile.deletingLastPathComponent().appendingPathComponent(fileName)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Reads class names by class index.
    /// - Throws: ``WSLabelError`` naming the file and the class index at fault: not an object,
    ///   indices other than `0..<count`, a name that is not a string, names that break
    ///   ``ClassNames`` (empty, repeated, fewer than 2 or more than 255).
    public static func read(_ url: URL) throws -> [String] {
        var parser = JSONParser(bytes: [UInt8](try readData(url)), sourceName: url.path)
        guard case let .object(members) = try parser.parseDocument() else {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path), "expected an object mapping class index to class name")
        }
        var names = [String?](repeating: nil, count: members.count)
        for (key, value) in members {
            guard let index = Int(key), index >= 0, index < members.count else {
                throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: key),
                                                  "class indices must be 0..<\(members.count), found \"\(key)\"")
            }
            guard let name = value.stringValue else {
                throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: key), "class name must be a string, found \(value.kindName)")
            }
            guard names[index] == nil else {
                throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: key), "class index \(index) appears twice")
            }
            names[index] = name
        }
        let labelNames = names.map { $0! }
        // Duplicate names would make duplicate JSON keys in every output line.
        if let problem = ClassNames.firstProblem(in: labelNames) {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: problem.index.map(String.init)), problem.message)
        }
        return labelNames
    }
}
