import Foundation

/// A counter that threads can increment safely; used to hand out block numbers (and, in
/// WSLabeling, LLM requests to the threads that send them).
package final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    package init() {}

    /// Returns the current value and adds one.
    package func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let current = value
        value += 1
        return current
    }
}

/// The machine's active core count.
enum ProcessInfoCores {
    static var count: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// A raw buffer that parallel blocks write into at disjoint offsets.
///
/// Sendable by contract: every block writes only its own slots, so there is no data race.
package struct SharedMutableBuffer<Element>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<Element>
    package let count: Int

    package init(base: UnsafeMutablePointer<Element>, count: Int) {
        self.base = base
        self.count = count
    }

    /// The element at `index`, borrowed in place (addressors, not a get/set pair), so reading
    /// a reference-holding element from several threads copies nothing and touches no
    /// reference count.
    package subscript(index: Int) -> Element {
        unsafeAddress { UnsafePointer(base + index) }
        nonmutating unsafeMutableAddress { base + index }
    }
}
