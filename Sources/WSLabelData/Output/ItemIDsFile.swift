import Foundation
import WSLabelCore

/// The item ids that go with a `.npy` vote matrix (`<split>.ids.txt`, written by `wslabel
/// apply --format npy`) or `.npy` labels: one id per line in row order, each written as a JSON
/// string, so that every id reads back exactly, even one holding a line break, a tab or a quote:
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
        var bytes: [UInt8] = []
        for id in ids { appendLine(id, to: &bytes) }
        return Data(bytes)
    }

    /// Writes ``contents(_:)`` to `url` atomically.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written.
    public static func write(_ ids: [String], to url: URL) throws {
        try write(ids.lazy, to: url)
    }

    /// Writes the lines of `ids` to `url` atomically, a megabyte at a time.
    static func write(_ ids: some Sequence<String>, to url: URL) throws {
        try AtomicFile.write(to: url) { write in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Self.bytesPerWrite + 4096)
            for id in ids {
                appendLine(id, to: &bytes)
                if bytes.count >= Self.bytesPerWrite {
                    try bytes.withUnsafeBytes(write)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            try bytes.withUnsafeBytes(write)
        }
    }

    private static let bytesPerWrite = 1 << 20

    @inline(__always)
    private static func appendLine(_ id: String, to bytes: inout [UInt8]) {
        JSONBytes.appendString(id, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }
}
