import Dispatch
import Synchronization

/// Runs `body` over `0..<count` cut into fixed chunks, on up to `threads` threads.
///
/// Chunk boundaries depend only on `count` and `chunkSize`, and each chunk must write only its
/// own output slots, so results do not depend on the thread count or on scheduling.
func forEachChunk(count: Int, chunkSize: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
    precondition(chunkSize > 0, "chunk size must be positive")
    let chunks = (count + chunkSize - 1) / chunkSize
    let workers = max(1, min(threads, chunks))
    @Sendable func range(_ chunk: Int) -> Range<Int> { chunk * chunkSize..<min(count, (chunk + 1) * chunkSize) }
    if workers == 1 {
        for chunk in 0..<chunks { body(range(chunk)) }
        return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if chunk >= chunks { break }
            body(range(chunk))
        }
    }
}

/// A buffer that parallel chunks write at disjoint indices.
///
/// Sendable by contract: no two threads touch the same index.
struct DisjointSlots<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
