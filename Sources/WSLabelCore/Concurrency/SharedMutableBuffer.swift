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
