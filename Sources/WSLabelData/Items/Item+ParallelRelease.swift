import WSLabelCore

extension Item {
    /// Empties `batch`, freeing its items' strings and field tables on `threads` threads.
    ///
    /// Freeing is the one step of reading and applying that otherwise runs on a single thread:
    /// dropping a batch costs about a tenth of a microsecond per item (some 0.1 s per million),
    /// spent while every other thread waits for the next batch. Pipelines that decode and
    /// apply on every thread drop each batch this way once they are done with it.
    ///
    /// ```swift
    /// while var batch = try reader.nextBatch() {
    ///     let votes = try applier.apply(batch: batch)
    ///     Item.release(&batch, threads: 2)
    /// }
    /// ```
    ///
    /// Items still referenced elsewhere (another copy of the array) are released, not freed; the
    /// result is the same as `batch = []` in every case.
    ///
    /// - Complexity: O(n) for n items, spread over the threads in blocks of 512.
    public static func release(_ batch: inout [Item], threads: Int) {
        guard threads > 1, batch.count > 512 else {
            batch = []
            return
        }
        // Each item is overwritten in place by an empty one: the assignment frees the old item
        // on the thread that makes it. (Not unique, the array is copied first, and the copy's
        // items are only released.)
        let empty = Item(id: "", text: "")
        batch.withUnsafeMutableBufferPointer { buffer in
            let slots = SharedMutableBuffer(base: buffer.baseAddress!, count: buffer.count)
            ParallelBlocks(itemCount: buffer.count, blockSize: 512).forEach(threads: threads) { _, _, range in
                for index in range { slots[index] = empty }
            }
        }
        batch = []
    }
}
