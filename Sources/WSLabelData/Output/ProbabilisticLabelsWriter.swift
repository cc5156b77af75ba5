import Foundation
import WSLabelCore

/// Writes probabilistic labels, one row per item of every split, as JSON Lines or as a NumPy
/// `.npy` array; the output file's extension chooses (``Format/init(for:)``).
///
/// JSON Lines, one item per line:
///
///     {"id":"17","split":"train","label":"SPAM","probabilities":{"HAM":0.08,"SPAM":0.92},"confidence":0.92}
///
/// `label` is `null` where the tie policy gave no label. Numbers use Swift's shortest
/// round-trip form, so the same run always writes the same bytes.
///
/// `.npy`: the probabilities as a float64 array of shape (items, classes), columns in the order
/// of the label names, rows in the order of the JSON Lines; beside it `<name>.ids.txt` and
/// `<name>.splits.txt` hold each row's id and split, one JSON string per line (the format of
/// `wslabel apply --format npy`'s ids files):
///
/// ```python
/// P = np.load("labels.npy")
/// ids = [json.loads(line) for line in open("labels.ids.txt", encoding="utf-8")]
/// splits = [json.loads(line) for line in open("labels.splits.txt", encoding="utf-8")]
/// ```
///
/// Rows are formatted in blocks on every thread and written in large pieces, in order: the
/// bytes do not depend on the thread count. Every file is replaced atomically (``AtomicFile``).
public enum ProbabilisticLabelsWriter {
    /// A layout of the labels.
    public enum Format: Sendable, Equatable {
        /// One JSON object per line.
        case jsonLines
        /// A float64 `.npy` array with the ids and splits in text files beside it.
        case npy

        /// The format a labels file's name asks for: `.npy` (any case) for ``npy``, anything else
        /// (`.jsonl`, `-` for standard output) for ``jsonLines``.
        public init(for url: URL) {
            self = url.pathExtension.lowercased() == "npy" ? .npy : .jsonLines
        }
    }

    /// The JSONL text of the given split results.
    public static func jsonLines(_ results: [LabelingRun.SplitResult], labelNames: [String]) -> String {
        let rows = LabelRows(results, labelNames: labelNames)
        var bytes: [UInt8] = []
        for block in 0..<rows.blocks.blockCount { rows.appendJSONLines(block: block, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the labels to `url` in the format its extension names (``Format/init(for:)``);
    /// for `.npy`, the ids and splits files beside it too (``files(for:)``).
    ///
    /// - Parameter threads: threads formatting rows (default: every core); the bytes do not
    ///   depend on it.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when a file cannot be written;
    ///   ``WSLabelError/invalidArgument(_:)`` for `.npy` labels whose class count differs from
    ///   the label names'.
    public static func write(_ results: [LabelingRun.SplitResult], labelNames: [String], to url: URL, threads: Int? = nil) throws {
        let rows = LabelRows(results, labelNames: labelNames)
        let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        switch Format(for: url) {
        case .jsonLines: try writeJSONLines(rows, to: url, threads: threads)
        case .npy: try writeNPY(rows, to: url)
        }
    }

    /// Every file ``write(_:labelNames:to:threads:)`` writes for `url`: `url` itself, and for
    /// `.npy` the ids and splits files beside it (`labels.npy`: `labels.ids.txt`,
    /// `labels.splits.txt`), for callers that check outputs against inputs first.
    public static func files(for url: URL) -> [URL] {
        guard Format(for: url) == .npy else { return [url] }
        let stem = url.deletingPathExtension()
        return [url, stem.appendingPathExtension("ids.txt"), stem.appendingPathExtension("splits.txt")]
    }

    /// Rows formatted per block: enough for every thread to have several, few enough that
    /// blocks stay a few hundred kilobytes.
    static let rowsPerBlock = 4096
    /// Blocks formatted before they are written: bounds the bytes held in memory (some 30 MB).
    static let blocksPerWrite = 64

    /// Formats blocks of JSON Lines on every thread, `blocksPerWrite` at a time, and writes
    /// each group in order.
    private static func writeJSONLines(_ rows: LabelRows, to url: URL, threads: Int) throws {
        try AtomicFile.write(to: url) { write in
            let blockCount = rows.blocks.blockCount
            // One buffer per block of a group, kept from group to group: fresh ones cost more
            // in page faults than the formatting.
            var formatted = [[UInt8]](repeating: [], count: min(blocksPerWrite, blockCount))
            for groupStart in stride(from: 0, to: blockCount, by: blocksPerWrite) {
                let group = groupStart..<min(groupStart + blocksPerWrite, blockCount)
                formatted.withUnsafeMutableBufferPointer { buffer in
                    let slots = SharedMutableBuffer(base: buffer.baseAddress!, count: buffer.count)
                    ParallelBlocks(itemCount: group.count, blockSize: 1).forEach(threads: threads) { _, index, _ in
                        slots.base[index].removeAll(keepingCapacity: true)
                        rows.appendJSONLines(block: group.lowerBound + index, to: &slots.base[index])
                    }
                }
                for block in formatted[..<group.count] { try block.withUnsafeBytes(write) }
            }
        }
    }
}
