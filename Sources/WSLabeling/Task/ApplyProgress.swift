/// How far applying a task's LFs to one split has come: what a progress bar shows.
///
/// Items are counted as their votes are done; bytes as the split's files are read (a chunk
/// ahead of the items), so ``fractionDone`` is an estimate that reaches 1 at the end.
public struct ApplyProgress: Sendable, Equatable {
    /// The split's name.
    public var split: String
    /// Items whose votes are done.
    public var itemsDone: Int
    /// Bytes of the split's files read so far.
    public var bytesRead: Int
    /// The size of the split's files together, when every size could be read.
    public var totalBytes: Int?

    /// The share of the split's bytes read, in 0...1; `nil` when the size is unknown.
    public var fractionDone: Double? {
        guard let totalBytes else { return nil }
        guard totalBytes > 0 else { return 1 }
        return min(1, Double(bytesRead) / Double(totalBytes))
    }

    /// A split's progress.
    public init(split: String, itemsDone: Int, bytesRead: Int, totalBytes: Int?) {
        self.split = split
        self.itemsDone = itemsDone
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }
}
