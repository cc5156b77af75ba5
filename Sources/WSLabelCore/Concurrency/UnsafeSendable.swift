/// A pointer handed to parallel blocks that only read through it (``SharedMutableBuffer`` is
/// its writing counterpart).
///
/// Sendable by contract: the memory outlives the blocks and nothing writes it while they run.
struct UnsafeSendable<Pointer>: @unchecked Sendable {
    let value: Pointer
    init(_ value: Pointer) { self.value = value }
}
