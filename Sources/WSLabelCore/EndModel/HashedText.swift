/// An item's text as hashed n-gram counts: the buckets it uses, ascending, and how often.
///
/// A bucket is `family << hashBits | hash bits`, so word and character n-grams never share
/// one and each family can be normalized on its own (``TFIDFWeights``).
public struct HashedText: Sendable, Equatable {
    /// Buckets used, ascending and distinct.
    public let buckets: [UInt32]
    /// Occurrences of each bucket's n-grams.
    public let counts: [Int32]

    /// The families of n-grams, by their place in a bucket's high bits.
    public enum Family: UInt32, Sendable, CaseIterable {
        case word = 0, character = 1
    }

    /// The hashed n-grams of `text` under `settings`.
    public init(_ text: String, settings: TextFeatureSettings) {
        var hashes: [UInt32] = []
        let scalars = Array(text.lowercased().unicodeScalars)
        let mask = UInt64(1) << UInt64(settings.hashBits) - 1
        func emit(_ hash: UInt64, _ family: Family) {
            hashes.append(family.rawValue << UInt32(settings.hashBits) | UInt32(truncatingIfNeeded: Self.finalized(hash) & mask))
        }
        if let range = settings.wordNGrams {
            let words = Self.wordHashes(scalars)
            for start in words.indices {
                var hash = Self.wordSeed
                for length in 1...range.upperBound where start + length <= words.count {
                    hash = Self.step(hash, words[start + length - 1])
                    if length >= range.lowerBound { emit(hash ^ UInt64(length), .word) }
                }
            }
        }
        if let range = settings.characterNGrams {
            let characters = Self.spaceNormalized(scalars)
            for start in characters.indices {
                var hash = Self.characterSeed
                for length in 1...range.upperBound where start + length <= characters.count {
                    hash = Self.step(hash, UInt64(characters[start + length - 1]))
                    if length >= range.lowerBound { emit(hash ^ UInt64(length), .character) }
                }
            }
        }
        RadixSort.sort(&hashes)
        var buckets: [UInt32] = []
        var counts: [Int32] = []
        for hash in hashes {
            if buckets.last == hash { counts[counts.count - 1] += 1 } else {
                buckets.append(hash)
                counts.append(1)
            }
        }
        self.buckets = buckets
        self.counts = counts
    }

    /// The hashed n-grams of every text, in order, hashed on `threads` threads.
    public static func hashing(_ texts: [String], settings: TextFeatureSettings, threads: Int? = nil) -> [HashedText] {
        ParallelBlocks(itemCount: texts.count, blockSize: 256).map(threads: threads ?? defaultThreadCount()) { HashedText(texts[$0], settings: settings) }
    }

    /// The family a bucket belongs to under `hashBits`.
    static func family(of bucket: UInt32, hashBits: Int) -> Int { Int(bucket >> UInt32(hashBits)) }

    // FNV-1a's prime as the multiplier of each step and SplitMix64's finalizer at the end: a
    // hash that is the same on every platform and run (Swift's `Hasher` is seeded per process).
    private static let wordSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let characterSeed: UInt64 = 0x8422_2325_cbf2_9ce4

    private static func step(_ hash: UInt64, _ value: UInt64) -> UInt64 { (hash ^ value) &* 0x0000_0100_0000_01b3 }

    private static func finalized(_ hash: UInt64) -> UInt64 { SplitMix64.finalized(hash) }

    /// One hash per word: a run of letters, digits and marks.
    private static func wordHashes(_ scalars: [Unicode.Scalar]) -> [UInt64] {
        var words: [UInt64] = []
        var hash: UInt64?
        for scalar in scalars {
            if isWordScalar(scalar) {
                hash = step(hash ?? wordSeed, UInt64(scalar.value))
            } else if let finished = hash {
                words.append(finalized(finished))
                hash = nil
            }
        }
        if let hash { words.append(finalized(hash)) }
        return words
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || (value >= 0x61 && value <= 0x7a) || (value >= 0x41 && value <= 0x5a) || value == 0x5f
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }

    /// The scalars' values with every whitespace run made one space, padded with a space at each end.
    private static func spaceNormalized(_ scalars: [Unicode.Scalar]) -> [UInt32] {
        var result: [UInt32] = [0x20]
        for scalar in scalars {
            if scalar.properties.isWhitespace {
                if result.last != 0x20 { result.append(0x20) }
            } else {
                result.append(scalar.value)
            }
        }
        if result.last != 0x20 { result.append(0x20) }
        return result
    }
}
