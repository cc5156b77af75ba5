import Foundation

/// TF-IDF weights of hashed n-grams, learned from the training items: which buckets are kept
/// (those at least ``TextFeatureSettings/minDocumentFrequency`` training items use) and each
/// one's inverse document frequency.
///
/// An item's feature vector is, per family, `tf · idf` normalized to unit length, the families
/// then scaled by `1/√families`, so words count as much as characters however many more
/// character n-grams a text has: the vector has length 1 when every family has a known n-gram
/// in the text, less when one has none (`1/√2` of two), 0 with no known n-gram at all.
public struct TFIDFWeights: Sendable, Equatable {
    /// The settings the texts were hashed with.
    public let settings: TextFeatureSettings
    /// The buckets kept, ascending: feature `j` is bucket `buckets[j]`, so a text's buckets
    /// (ascending) give its features in column order with no sorting.
    public let buckets: [UInt32]
    /// Inverse document frequency of each kept bucket: `ln((1 + n) / (1 + df)) + 1` over the
    /// `n` training items, as scikit-learn's smoothed IDF.
    public let inverseDocumentFrequencies: [Double]
    /// Feature index by bucket.
    private let featureOfBucket: [UInt32: Int32]

    /// Number of features.
    public var featureCount: Int { buckets.count }

    /// Weights learned from `texts`, the training items' hashed n-grams.
    public init(fitting texts: [HashedText], settings: TextFeatureSettings) {
        var all: [UInt32] = []
        all.reserveCapacity(texts.reduce(0) { $0 + $1.buckets.count })
        for text in texts { all.append(contentsOf: text.buckets) }
        RadixSort.sort(&all)
        var kept: [(bucket: UInt32, documentFrequency: Int)] = []
        var start = 0
        while start < all.count {
            var end = start + 1
            while end < all.count && all[end] == all[start] { end += 1 }
            if end - start >= settings.minDocumentFrequency { kept.append((all[start], end - start)) }
            start = end
        }
        let itemCount = Double(texts.count)
        let buckets = kept.map(\.bucket)
        let idf = kept.map { log((1 + itemCount) / (1 + Double($0.documentFrequency))) + 1 }
        self.init(settings: settings, buckets: buckets, inverseDocumentFrequencies: idf)
    }

    /// Weights as saved.
    /// - Precondition: `buckets` ascend, with one IDF each (a saved model's reader checks).
    public init(settings: TextFeatureSettings, buckets: [UInt32], inverseDocumentFrequencies: [Double]) {
        precondition(buckets.count == inverseDocumentFrequencies.count && zip(buckets, buckets.dropFirst()).allSatisfy { $0 < $1 },
                     "buckets must ascend, one IDF each")
        self.settings = settings
        self.buckets = buckets
        self.inverseDocumentFrequencies = inverseDocumentFrequencies
        var featureOfBucket: [UInt32: Int32] = [:]
        featureOfBucket.reserveCapacity(buckets.count)
        for (feature, bucket) in buckets.enumerated() { featureOfBucket[bucket] = Int32(feature) }
        self.featureOfBucket = featureOfBucket
    }

    public static func == (left: TFIDFWeights, right: TFIDFWeights) -> Bool {
        left.settings == right.settings && left.buckets == right.buckets && left.inverseDocumentFrequencies == right.inverseDocumentFrequencies
    }

    /// The feature vector of one hashed text, ascending by feature; buckets the training
    /// items did not keep are left out.
    public func features(of text: HashedText) -> [(column: Int32, value: Double)] {
        var entries: [(column: Int32, value: Double)] = []
        var families: [Int] = []
        var squares = [Double](repeating: 0, count: HashedText.Family.allCases.count)
        for (bucket, count) in zip(text.buckets, text.counts) {
            guard let feature = featureOfBucket[bucket] else { continue }
            let termFrequency = settings.sublinearTermFrequency ? 1 + log(Double(count)) : Double(count)
            let value = termFrequency * inverseDocumentFrequencies[Int(feature)]
            let family = HashedText.family(of: bucket, hashBits: settings.hashBits)
            entries.append((feature, value))
            families.append(family)
            squares[family] += value * value
        }
        let familyCount = Double([settings.wordNGrams != nil, settings.characterNGrams != nil].filter { $0 }.count)
        let scales = squares.map { $0 > 0 ? 1 / ($0.squareRoot() * familyCount.squareRoot()) : 0 }
        for index in entries.indices { entries[index].value *= scales[families[index]] }
        // Buckets ascend, and so do their features.
        return entries
    }

    /// The feature rows of `texts`, one per text in order, computed on `threads` threads.
    public func rows(_ texts: [HashedText], threads: Int? = nil) -> SparseRows {
        let entries = ParallelBlocks(itemCount: texts.count, blockSize: 256).map(threads: threads ?? defaultThreadCount()) { features(of: texts[$0]) }
        var rows = SparseRows(columnCount: featureCount)
        for row in entries { rows.appendRow(row) }
        return rows
    }
}
