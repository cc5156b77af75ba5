/// Least-significant-digit radix sort of 32-bit keys, a byte at a time: the end model sorts a
/// few hundred hashed n-grams per text and millions per training set, where a comparison
/// sort's merges were a fifth of training time.
package enum RadixSort {
    /// Sorts `keys` ascending, in place.
    package static func sort(_ keys: inout [UInt32]) {
        guard keys.count > 32 else {
            keys.sort()
            return
        }
        var buffer = [UInt32](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: UInt32(0), to: 32, by: 8) {
            for index in counts.indices { counts[index] = 0 }
            for key in keys { counts[Int((key >> shift) & 0xff)] += 1 }
            // A byte that is the same in every key reorders nothing.
            if counts.contains(keys.count) { continue }
            var total = 0
            for index in counts.indices {
                let count = counts[index]
                counts[index] = total
                total += count
            }
            for key in keys {
                let digit = Int((key >> shift) & 0xff)
                buffer[counts[digit]] = key
                counts[digit] += 1
            }
            swap(&keys, &buffer)
        }
    }
}
