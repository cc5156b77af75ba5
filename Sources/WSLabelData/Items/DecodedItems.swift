import WSLabelCore

/// Items decoded ahead of the reader, in file order: raw memory that decoding threads fill in
/// place, block by block, and that the reader then moves the items out of.
///
/// Neither step copies an item: a copy retains the item's strings and field table (four
/// references), and releasing them again on the reader's thread cost as much as a tenth of
/// reading. Each block of lines owns the slots from its first line's index on (a line makes at
/// most one item), so blocks write without sharing a slot; ``takeSegment(start:count:)`` then
/// records, in file order, which slots hold items to hand out.
final class DecodedItems: @unchecked Sendable {
    private var slots: UnsafeMutablePointer<Item>
    private var capacity: Int
    /// Filled runs of slots in file order, and the next slot of each to hand out.
    private var segments: [(start: Int, end: Int)] = []
    private var segment = 0
    private var next = 0

    init() {
        capacity = 0
        slots = UnsafeMutablePointer<Item>.allocate(capacity: 0)
    }

    deinit {
        reset(capacity: 0)
        slots.deallocate()
    }

    /// Whether every recorded item has been handed out.
    var isEmpty: Bool { segment == segments.count }

    /// Drops the items not handed out and makes room for `count` new ones.
    func reset(capacity count: Int) {
        while segment < segments.count {
            let (_, end) = segments[segment]
            (slots + next).deinitialize(count: end - next)
            segment += 1
            if segment < segments.count { next = segments[segment].start }
        }
        segments.removeAll(keepingCapacity: true)
        segment = 0
        next = 0
        if count > capacity {
            slots.deallocate()
            capacity = max(count, capacity * 2)
            slots = UnsafeMutablePointer<Item>.allocate(capacity: capacity)
        }
    }

    /// The slots, for decoding threads to initialize (each its own, then ``takeSegment(start:count:)``).
    var writableSlots: SharedMutableBuffer<Item> { SharedMutableBuffer(base: slots, count: capacity) }

    /// The id of the item in an initialized slot.
    func id(at slot: Int) -> String { slots[slot].id }

    /// Records that slots `start..<start + count` hold items, to be handed out after those
    /// recorded before. Items in slots never recorded must be deinitialized by their writer.
    func takeSegment(start: Int, count: Int) {
        guard count > 0 else { return }
        if segments.isEmpty { next = start }
        segments.append((start, start + count))
    }

    /// Deinitializes slots `start..<start + count`, items that will not be handed out.
    func discard(start: Int, count: Int) {
        (slots + start).deinitialize(count: count)
    }

    /// Moves items to the end of `items` until it holds `count` or none are left.
    func moveItems(into items: inout [Item], upTo count: Int) {
        items.reserveCapacity(count)
        while items.count < count, segment < segments.count {
            let end = min(segments[segment].end, next + count - items.count)
            // `move()` hands over the item's references: appending it retains nothing.
            for slot in next..<end { items.append((slots + slot).move()) }
            next = end
            if next == segments[segment].end {
                segment += 1
                if segment < segments.count { next = segments[segment].start }
            }
        }
    }
}
