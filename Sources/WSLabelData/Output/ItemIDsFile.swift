import Foundation
import WSLabelCore

/// The item ids that go with a `.npy` vote matrix (`<split>.ids.txt`, written by `wslabel
/// apply --format npy`): one id per line in row order, each written as a JSON string, so that
/// every id reads back exactly, even one holding a line break, a tab or a quote:
///
/// ```
/// "Youtube01-Psy.csv:1"
/// "two\nlines"
/// ```
///
/// ```python
/// ids = [json.loads(line) for line in open("train.ids.txt", encoding="utf-8")]
/// ```
public enum ItemIDsFile {
    /// The file's bytes for `ids`: one JSON string and a line feed per id.
    public static func contents(_ ids: [String]) -> Data {
        var text = ""
        for id in ids {
            JSONValue.string(id).write(to: &text)
            text += "\n"
        }
        return Data(text.utf8)
    }

    /// Writes ``contents(_:)`` to `url` atomically.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written.
    public static func write(_ ids: [String], to url: URL) throws {
        try AtomicFile.write(contents(ids), to: url)
    }
}
