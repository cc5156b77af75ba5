import Foundation
import WSLabelCore
import WSLabelData

/// The items of one of a task's splits, file after file, batch by batch, as the LFs see them:
/// gold values mapped to label names (by the readers, through ``ItemSource/goldLabels``) and,
/// when the task has no id field, items named `file:row` so that ids stay unique across files
/// (`Youtube01-Psy.csv:12`).
final class SplitItemStream {
    private let task: TaskFile
    private var files: IndexingIterator<[URL]>
    private var reader: ItemReader?
    private var bytesOfFinishedFiles = 0
    /// Threads decoding JSONL; `nil` for every core.
    private let threads: Int?

    /// The stream of `split`, a split read from files, decoded on `threads` threads (`nil`: every core).
    init(split: TaskFile.Split, task: TaskFile, threads: Int? = nil) {
        self.task = task
        self.threads = threads
        files = split.files.makeIterator()
    }

    /// The file being read, once a batch was asked for.
    private(set) var currentFile: URL?

    /// Bytes of the split's files read so far.
    var bytesRead: Int { bytesOfFinishedFiles + (reader?.bytesRead ?? 0) }

    /// The next batch, or `nil` after the split's last item.
    /// - Throws: the readers' errors, among them a gold value that names no label.
    func nextBatch() throws -> [Item]? {
        while true {
            if reader == nil {
                guard let next = files.next() else { return nil }
                reader = try makeReader(of: next)
            }
            if let batch = try reader!.nextBatch() { return batch }
            bytesOfFinishedFiles += reader!.bytesRead
            reader = nil
        }
    }

    /// The split's items applied by `applier`, file after file, each file's reader through
    /// ``LFApplier/apply(_:forEachBatch:)`` (so, without a cache and LLM LFs, decoded and applied
    /// block by block on every thread), with the ids ``nextBatch()`` gives: the rows, ids, gold
    /// labels, report counts and errors of applying its batches.
    ///
    /// - Parameter progress: called after each run of rows with the items done so far.
    /// - Precondition: no batch has been read from the stream.
    func applied(by applier: LFApplier, progress: (_ done: Int) -> Void) throws -> AppliedVotes {
        precondition(reader == nil && bytesOfFinishedFiles == 0, "a split is applied from its start")
        var result = try applier.emptyResult()
        while let file = files.next() {
            let reader = try makeReader(of: file)
            self.reader = reader
            try applier.apply(reader) { run in
                result.append(run)
                progress(result.itemIDs.count)
            }
            bytesOfFinishedFiles += reader.bytesRead
            self.reader = nil
        }
        return result
    }

    /// A reader of `file` that names numbered items `file:row`, as every path of the split
    /// (and every LF) sees them.
    private func makeReader(of file: URL) throws -> ItemReader {
        currentFile = file
        var source = task.source
        source.numberedIDPrefix = file.lastPathComponent + ":"
        return try ItemReader(url: file, source: source, threads: threads)
    }
}
