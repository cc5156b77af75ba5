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
