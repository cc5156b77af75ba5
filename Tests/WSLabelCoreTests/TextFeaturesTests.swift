import Foundation
import XCTest
@testable import WSLabelCore

/// From text to the end model's feature rows: hashed word and character n-grams
/// (`HashedText`), TF-IDF weights and normalization (`TFIDFWeights`), the sparse rows they fill,
/// and the L-BFGS minimizer the classifier is fit with.
final class TextFeaturesTests: XCTestCase {
    private let wordsOnly = TextFeatureSettings(wordNGrams: 1...1, characterNGrams: nil)
    private let charactersOnly = TextFeatureSettings(wordNGrams: nil, characterNGrams: 1...1)

    // MARK: HashedText

    func testHashingIsDeterministicAndIgnoresCase() {
        let settings = TextFeatureSettings()
        let text = "Win a FREE phone: click the link now!"
        XCTAssertEqual(HashedText(text, settings: settings), HashedText(text, settings: settings))
        XCTAssertEqual(HashedText(text, settings: settings), HashedText(text.lowercased(), settings: settings))
        XCTAssertEqual(HashedText("ÉCOLE Straße", settings: settings), HashedText("école straße", settings: settings))
        XCTAssertNotEqual(HashedText(text, settings: settings), HashedText("Win a free phone: call the number now!", settings: settings))
        let hashed = HashedText(text, settings: settings)
        XCTAssertEqual(hashed.buckets, hashed.buckets.sorted())
        XCTAssertEqual(Set(hashed.buckets).count, hashed.buckets.count, "buckets are distinct")
    }

    func testWordNGramCounts() {
        // "a b a": the unigram a twice, b once.
        let unigrams = HashedText("a b a", settings: wordsOnly)
        XCTAssertEqual(unigrams.buckets.count, 2)
        XCTAssertEqual(unigrams.counts.sorted(), [1, 2])
        // Unigrams and the bigrams "a b", "b a": four n-grams, five occurrences.
        let bigrams = HashedText("a b a", settings: TextFeatureSettings(wordNGrams: 1...2, characterNGrams: nil))
        XCTAssertEqual(bigrams.buckets.count, 4)
        XCTAssertEqual(bigrams.counts.reduce(0, +), 5)
        XCTAssertTrue(Set(unigrams.buckets).isSubset(of: bigrams.buckets))
        // Bigrams alone: "a b" and "b a" differ (order counts), once each.
        let onlyBigrams = HashedText("a b a", settings: TextFeatureSettings(wordNGrams: 2...2, characterNGrams: nil))
        XCTAssertEqual(onlyBigrams.counts, [1, 1])
        XCTAssertTrue(Set(onlyBigrams.buckets).isDisjoint(with: unigrams.buckets))
        // Longer than the text: nothing.
        XCTAssertEqual(HashedText("a b", settings: TextFeatureSettings(wordNGrams: 3...3, characterNGrams: nil)).buckets, [])
    }

    func testWordsAreRunsOfLettersAndDigits() {
        // Punctuation and spacing separate words and are not part of them.
        XCTAssertEqual(HashedText("a, b!", settings: wordsOnly), HashedText("a b", settings: wordsOnly))
        XCTAssertEqual(HashedText("  a\n\tb  ", settings: wordsOnly), HashedText("a b", settings: wordsOnly))
        // "don't" is two words, "don" and "t".
        XCTAssertEqual(HashedText("don't", settings: wordsOnly), HashedText("t don", settings: wordsOnly))
        XCTAssertEqual(HashedText("win100 café", settings: wordsOnly).buckets.count, 2)
        XCTAssertEqual(HashedText("?!. ,", settings: wordsOnly).buckets, [])
    }

    func testCharacterNGramCounts() {
        // "ab" is read as " ab ": characters ' ' (twice), 'a', 'b'.
        let characters = HashedText("ab", settings: charactersOnly)
        XCTAssertEqual(characters.buckets.count, 3)
        XCTAssertEqual(characters.counts.sorted(), [1, 1, 2])
        // Bigrams of " ab ": " a", "ab", "b ".
        let bigrams = HashedText("ab", settings: TextFeatureSettings(wordNGrams: nil, characterNGrams: 2...2))
        XCTAssertEqual(bigrams.counts, [1, 1, 1])
        // Whitespace runs are one space; the padding is one space too.
        XCTAssertEqual(HashedText(" a \t\n b ", settings: TextFeatureSettings(wordNGrams: nil, characterNGrams: 1...3)),
                       HashedText("a b", settings: TextFeatureSettings(wordNGrams: nil, characterNGrams: 1...3)))
        // Punctuation is a character like any other.
        XCTAssertNotEqual(HashedText("a!", settings: charactersOnly), HashedText("a", settings: charactersOnly))
    }

    /// Word buckets carry family 0 in the bits above `hashBits`, character buckets family 1, so
    /// the two never share a bucket even when 8 hash bits make collisions within a family common.
    func testWordAndCharacterFamiliesNeverCollide() {
        let bits = 8
        let words = TextFeatureSettings(wordNGrams: 1...3, characterNGrams: nil, hashBits: bits)
        let characters = TextFeatureSettings(wordNGrams: nil, characterNGrams: 1...4, hashBits: bits)
        let both = TextFeatureSettings(wordNGrams: 1...3, characterNGrams: 1...4, hashBits: bits)
        var random = SplitMix64(seed: 5)
        let vocabulary = ["free", "win", "song", "love", "click", "prize", "music", "the", "a", "video", "cash", "link"]
        var wordBuckets = Set<UInt32>(), characterBuckets = Set<UInt32>()
        for _ in 0..<200 {
            let text = (0..<8).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
            let w = HashedText(text, settings: words), c = HashedText(text, settings: characters), b = HashedText(text, settings: both)
            XCTAssertTrue(w.buckets.allSatisfy { $0 >> UInt32(bits) == 0 })
            XCTAssertTrue(c.buckets.allSatisfy { $0 >> UInt32(bits) == 1 })
            XCTAssertEqual(Set(b.buckets), Set(w.buckets).union(c.buckets))
            XCTAssertEqual(b.counts.reduce(0, +), w.counts.reduce(0, +) + c.counts.reduce(0, +), "no count merged across families")
            wordBuckets.formUnion(w.buckets)
            characterBuckets.formUnion(c.buckets)
        }
        XCTAssertGreaterThan(characterBuckets.count, 128, "enough n-grams that 256 buckets collide within the family")
        XCTAssertTrue(wordBuckets.isDisjoint(with: characterBuckets))
    }

    // MARK: TFIDFWeights

    func testBucketsUnderTheMinimumDocumentFrequencyAreDropped() {
        let texts = ["a b", "a c", "a b d", "a a"].map { HashedText($0, settings: wordsOnly) }
        let bucket = { (word: String) in HashedText(word, settings: self.wordsOnly).buckets[0] }
        let weights = TFIDFWeights(fitting: texts, settings: wordsOnly)  // minDocumentFrequency 2
        // a in four texts, b in two; c and d in one each.
        XCTAssertEqual(weights.buckets, [bucket("a"), bucket("b")].sorted(), "kept, ascending")
        // Smoothed IDF: ln((1 + n) / (1 + df)) + 1.
        let a = weights.buckets.firstIndex(of: bucket("a"))!, b = weights.buckets.firstIndex(of: bucket("b"))!
        XCTAssertEqual(weights.inverseDocumentFrequencies[a], log(5.0 / 5) + 1, accuracy: 1e-15)
        XCTAssertEqual(weights.inverseDocumentFrequencies[b], log(5.0 / 3) + 1, accuracy: 1e-15)

        var everything = wordsOnly
        everything.minDocumentFrequency = 1
        XCTAssertEqual(TFIDFWeights(fitting: texts, settings: everything).featureCount, 4)
        var rare = wordsOnly
        rare.minDocumentFrequency = 3
        XCTAssertEqual(TFIDFWeights(fitting: texts, settings: rare).buckets, [bucket("a")])
        // The saved form rebuilds the same weights.
        XCTAssertEqual(TFIDFWeights(settings: wordsOnly, buckets: weights.buckets, inverseDocumentFrequencies: weights.inverseDocumentFrequencies),
                       weights)
    }

    func testRowsHaveUnitLengthAndUnknownTextGivesAnEmptyRow() {
        let settings = TextFeatureSettings(wordNGrams: 1...2, characterNGrams: 2...4)
        let corpus = ["free cash now", "win a free prize", "love this song", "this song is great", "click the link",
                      "great voice", "free song download", "the link is here"]
        let weights = TFIDFWeights(fitting: corpus.map { HashedText($0, settings: settings) }, settings: settings)
        let rows = weights.rows(corpus.map { HashedText($0, settings: settings) })
        XCTAssertEqual(rows.rowCount, corpus.count)
        XCTAssertEqual(rows.columnCount, weights.featureCount)
        for row in 0..<rows.rowCount {
            let range = rows.entries(ofRow: row)
            XCTAssertEqual(Array(rows.columns[range]), rows.columns[range].sorted(), "columns ascend")
            // Both families present in every text: each normalized to 1/√2, together 1.
            XCTAssertEqual(rows.values[range].map { $0 * $0 }.reduce(0, +), 1, accuracy: 1e-12, corpus[row])
            let words = rows.columns[range].filter { HashedText.family(of: weights.buckets[Int($0)], hashBits: settings.hashBits) == 0 }
            XCTAssertFalse(words.isEmpty)
        }
        XCTAssertEqual(weights.features(of: HashedText("xyz qqq", settings: settings)).count, 0)
        XCTAssertEqual(weights.rows([HashedText("xyz qqq", settings: settings)]).entryCount, 0)
        XCTAssertEqual(weights.features(of: HashedText("", settings: settings)).count, 0)

        // One family only: unit length too.
        let wordWeights = TFIDFWeights(fitting: corpus.map { HashedText($0, settings: wordsOnly) }, settings: wordsOnly)
        let features = wordWeights.features(of: HashedText("free song, free cash", settings: wordsOnly))
        XCTAssertEqual(features.map { $0.value * $0.value }.reduce(0, +), 1, accuracy: 1e-12)
    }

    /// With sublinear TF a word three times weighs `1 + ln 3` times one occurrence; without, 3.
    func testTermFrequencyIsSublinearWhenAskedFor() {
        for sublinear in [true, false] {
            var settings = wordsOnly
            settings.sublinearTermFrequency = sublinear
            let weights = TFIDFWeights(fitting: ["a b", "b a"].map { HashedText($0, settings: settings) }, settings: settings)
            XCTAssertEqual(weights.inverseDocumentFrequencies[0], weights.inverseDocumentFrequencies[1])
            let a = HashedText("a", settings: settings).buckets[0]
            let features = weights.features(of: HashedText("a b a a", settings: settings))
            XCTAssertEqual(features.count, 2)
            let aValue = features.first { weights.buckets[Int($0.column)] == a }!.value
            let bValue = features.first { weights.buckets[Int($0.column)] != a }!.value
            XCTAssertEqual(aValue / bValue, sublinear ? 1 + log(3.0) : 3, accuracy: 1e-12)
        }
    }

    func testSettingsValidation() {
        XCTAssertNoThrow(try TextFeatureSettings().validate())
        let bad: [(TextFeatureSettings, String)] = [
            (TextFeatureSettings(wordNGrams: 0...2), "word n-grams"),
            (TextFeatureSettings(characterNGrams: 2...9), "character n-grams"),
            (TextFeatureSettings(wordNGrams: nil, characterNGrams: nil), "word or character"),
            (TextFeatureSettings(hashBits: 30), "hash bits"),
            (TextFeatureSettings(minDocumentFrequency: 0), "document frequency"),
        ]
        for (settings, phrase) in bad {
            XCTAssertThrowsError(try settings.validate()) { error in
                guard case let .invalidArgument(message) = error as? WSLabelError else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains(phrase), message)
            }
        }
    }

    // MARK: SparseRows

    func testTransposingTwiceGivesTheRowsBackAndSelectingKeepsOrder() {
        var rows = SparseRows(columnCount: 4)
        rows.appendRow([(column: 0, value: 1.0), (2, 2)])
        rows.appendRow([])
        rows.appendRow([(column: 1, value: 3.0), (2, 4), (3, 5)])
        let transposed = rows.transposed()
        XCTAssertEqual(transposed.rowCount, 4)
        XCTAssertEqual(transposed.columnCount, 3)
        XCTAssertEqual(Array(transposed.columns[transposed.entries(ofRow: 2)]), [0, 2])
        XCTAssertEqual(Array(transposed.values[transposed.entries(ofRow: 2)]), [2, 4])
        XCTAssertEqual(transposed.transposed(), rows)
        let selected = rows.selectingRows([2, 0])
        XCTAssertEqual(selected.rowCount, 2)
        XCTAssertEqual(Array(selected.values[selected.entries(ofRow: 0)]), [3, 4, 5])
        XCTAssertEqual(Array(selected.columns[selected.entries(ofRow: 1)]), [0, 2])
    }

    // MARK: LBFGS

    /// `½ (x − m)ᵀ A (x − m)` with `A` symmetric positive definite (condition number about 100):
    /// minimum `m`, value 0. L-BFGS stops when the gradient's largest component is at most 1e-4,
    /// so `x` is within about 1e-4 / λmin = 1e-4 of `m`.
    func testMinimizesAQuadratic() {
        let n = 6
        var random = SplitMix64(seed: 3)
        // A = Qᵀ D Q with D from 1 to 100 and Q from Gram-Schmidt on random vectors.
        var q: [[Double]] = []
        for _ in 0..<n {
            var v = (0..<n).map { _ in random.nextUnitDouble() - 0.5 }
            for u in q { let d = zip(u, v).map(*).reduce(0, +); v = zip(v, u).map { $0 - d * $1 } }
            let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            q.append(v.map { $0 / norm })
        }
        let eigenvalues = (0..<n).map { 1 + 99 * Double($0) / Double(n - 1) }
        let a = (0..<n).map { i in (0..<n).map { j in (0..<n).map { k in q[k][i] * eigenvalues[k] * q[k][j] }.reduce(0, +) } }
        let minimum = (0..<n).map { _ in random.nextUnitDouble() * 10 - 5 }
        var evaluations = 0
        let objective = { (x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double in
            evaluations += 1
            let d = (0..<n).map { x[$0] - minimum[$0] }
            var value = 0.0
            for i in 0..<n {
                gradient[i] = (0..<n).map { a[i][$0] * d[$0] }.reduce(0, +)
                value += 0.5 * d[i] * gradient[i]
            }
            return value
        }
        let result = LBFGS().minimize(from: [Double](repeating: 0, count: n), objective: objective)
        XCTAssertTrue(result.converged)
        for (found, truth) in zip(result.point, minimum) { XCTAssertEqual(found, truth, accuracy: 1e-3) }
        XCTAssertEqual(result.value, 0, accuracy: 1e-6)
        XCTAssertLessThan(result.iterations, 100, "a quadratic in 6 dimensions takes L-BFGS a few dozen steps at most")
        // Deterministic: the same start and objective give the same bytes.
        let again = LBFGS().minimize(from: [Double](repeating: 0, count: n), objective: objective)
        XCTAssertEqual(again.point.map(\.bitPattern), result.point.map(\.bitPattern))
        XCTAssertGreaterThan(evaluations, 2)
    }

    /// Rosenbrock's valley, the classic test of a quasi-Newton method's curvature estimate:
    /// minimum 0 at (1, 1) from the usual start (−1.2, 1).
    func testMinimizesRosenbrock() {
        let objective = { (x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double in
            let (a, b) = (x[0], x[1])
            gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a)
            gradient[1] = 200 * (b - a * a)
            return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
        }
        var lbfgs = LBFGS()
        lbfgs.relativeDecreaseTolerance = 0
        let result = lbfgs.minimize(from: [-1.2, 1], objective: objective)
        XCTAssertTrue(result.converged)
        XCTAssertEqual(result.point[0], 1, accuracy: 1e-3)
        XCTAssertEqual(result.point[1], 1, accuracy: 1e-3)
    }
}

/// The radix sort the hashing and the TF-IDF fit use sorts as the standard library does.
final class RadixSortTests: XCTestCase {
    func testSortsLikeTheStandardLibrary() {
        var random = SplitMix64(seed: 9)
        for count in [0, 1, 31, 33, 1000, 70_000] {
            let keys = (0..<count).map { _ in UInt32(truncatingIfNeeded: random.next()) & (count > 1000 ? 0x00ff_ffff : 0xffff_ffff) }
            var sorted = keys
            RadixSort.sort(&sorted)
            XCTAssertEqual(sorted, keys.sorted(), "\(count) keys")
        }
    }
}
