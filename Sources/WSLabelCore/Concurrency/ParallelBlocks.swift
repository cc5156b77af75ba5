import Dispatch
import Foundation

/// Deterministic data parallelism over fixed-size blocks.
///
/// The work is cut into blocks whose boundaries depend only on the problem size, never on the
/// number of threads; each block is computed by one thread and any reduction runs in block
/// order afterwards. So the result is byte-identical whatever the thread count.
package struct ParallelBlocks: Sendable {
    /// Number of items to cover.
    package let itemCount: Int
    /// Items per block (the last block may be shorter).
    package let blockSize: Int

    package init(itemCount: Int, blockSize: Int) {
        precondition(blockSize > 0, "block size must be positive")
        self.itemCount = itemCount
        self.blockSize = blockSize
    }

    package var blockCount: Int { (itemCount + blockSize - 1) / blockSize }

    package func range(ofBlock block: Int) -> Range<Int> {
        let start = block * blockSize
        return start..<min(start + blockSize, itemCount)
    }

    /// The number of workers `forEach(threads:)` uses: never more than there are blocks.
    package func workerCount(threads: Int) -> Int { max(1, min(threads, blockCount)) }

    /// Runs `body(worker, block, range)` for every block, on `workerCount(threads:)` workers.
    ///
    /// `worker` (0..<workerCount) lets a block use per-worker scratch memory; the block's
    /// result must not depend on it.
    package func forEach(threads: Int, _ body: @Sendable (_ worker: Int, _ block: Int, _ range: Range<Int>) -> Void) {
        _ = BLAS.configureOnce  // OpenBLAS's own idle threads must not spin beside these
        let blocks = blockCount
        let workers = workerCount(threads: threads)
        if workers == 1 {
            for block in 0..<blocks { body(0, block, range(ofBlock: block)) }
            return
        }
        // Workers pull block numbers in turn; which worker runs a block does not matter because
        // each block writes only its own output slots.
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                let block = next.increment()
                if block >= blocks { break }
                body(worker, block, range(ofBlock: block))
            }
        }
    }
}

/// The number of threads to use when the caller does not say: every core.
func defaultThreadCount() -> Int {
    max(1, ProcessInfoCores.count)
}

/// The machine's active core count.
enum ProcessInfoCores {
    static var count: Int { ProcessInfo.processInfo.activeProcessorCount }
}

extension ParallelBlocks {
    /// `transform` of every index `0..<itemCount`, computed block by block on `threads` threads,
    /// in index order: the same array at any thread count.
    package func map<Element: Sendable>(threads: Int, _ transform: @Sendable (Int) -> Element) -> [Element] {
        var results = [Element?](repeating: nil, count: itemCount)
        results.withUnsafeMutableBufferPointer { buffer in
            let output = SharedMutableBuffer(base: buffer.baseAddress!, count: buffer.count)
            forEach(threads: threads) { _, _, range in
                for index in range { output[index] = transform(index) }
            }
        }
        return results.map { $0! }
    }
}
