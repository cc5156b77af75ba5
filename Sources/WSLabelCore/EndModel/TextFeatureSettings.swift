/// Which features the end model reads from an item's text: hashed word and character n-grams,
/// weighted by TF-IDF (``TFIDFWeights``).
///
/// Hashing needs no vocabulary pass and no vocabulary in memory: an n-gram's feature is its
/// 64-bit hash cut to ``hashBits`` bits, within its family (words, characters). With 2²⁰
/// buckets per family, two n-grams share a bucket about once per million pairs; the model keeps
/// only the buckets the training items use.
public struct TextFeatureSettings: Sendable, Equatable, Codable {
    /// Word n-gram lengths (tokens are runs of letters and digits, lowercased); `nil`: none.
    public var wordNGrams: ClosedRange<Int>?
    /// Character n-gram lengths over the lowercased text, whitespace runs made one space and
    /// the text padded with a space at each end; `nil`: none.
    public var characterNGrams: ClosedRange<Int>?
    /// Bits of each family's hash kept: 2^hashBits buckets per family.
    public var hashBits: Int
    /// Term frequency as `1 + ln(count)` rather than the count, so a word repeated ten times
    /// weighs about three times one occurrence, not ten.
    public var sublinearTermFrequency: Bool
    /// Buckets that fewer training items than this use are dropped: a feature seen once teaches
    /// the model about that item alone.
    public var minDocumentFrequency: Int

    /// Word 1–2-grams and character 2–4-grams, 2²⁰ buckets each, sublinear TF, buckets used by
    /// at least two training items.
    public init(wordNGrams: ClosedRange<Int>? = 1...2, characterNGrams: ClosedRange<Int>? = 2...4, hashBits: Int = 20,
                sublinearTermFrequency: Bool = true, minDocumentFrequency: Int = 2) {
        self.wordNGrams = wordNGrams
        self.characterNGrams = characterNGrams
        self.hashBits = hashBits
        self.sublinearTermFrequency = sublinearTermFrequency
        self.minDocumentFrequency = minDocumentFrequency
    }

    /// Checks the settings, naming the first bad one.
    public func validate() throws {
        for (name, range) in [("word n-grams", wordNGrams), ("character n-grams", characterNGrams)] {
            if let range, range.lowerBound < 1 || range.upperBound > 8 {
                throw WSLabelError.invalidArgument("\(name) must lie in 1...8, not \(range.lowerBound)...\(range.upperBound)")
            }
        }
        guard wordNGrams != nil || characterNGrams != nil else {
            throw WSLabelError.invalidArgument("the end model needs word or character n-grams (or both)")
        }
        guard (8...24).contains(hashBits) else { throw WSLabelError.invalidArgument("hash bits must lie in 8...24, not \(hashBits)") }
        guard minDocumentFrequency >= 1 else {
            throw WSLabelError.invalidArgument("the minimum document frequency must be at least 1, not \(minDocumentFrequency)")
        }
    }
}
