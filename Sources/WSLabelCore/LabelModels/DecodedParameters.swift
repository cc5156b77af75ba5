/// Checks of a label model's parameters as they are decoded, so that a decoded model is one
/// that can predict: a table of the wrong size would trap on an index, and a negative or
/// unnormalized probability would give every item a wrong label without a word.
///
/// Failures are `DecodingError.dataCorrupted` at the exact coding path of the bad value
/// (e.g. `tables.probabilities[7]`); ``SavedLabelModel/load(from:)`` turns them into errors
/// naming the file and the field.
struct DecodedParameters {
    /// How far a distribution's sum may be from 1. Fitted models are normalized to within
    /// rounding (about 1e-15); 1e-6 also accepts a file edited by hand with six decimals.
    static let sumTolerance = 1e-6

    /// The coding path of the container being decoded.
    let codingPath: [any CodingKey]

    /// An error about the value at `path` below ``codingPath``.
    func error(at path: [any CodingKey], _ message: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath + path, debugDescription: message))
    }

    /// Checks that `values` has `count` entries, every one a probability in [0, 1].
    /// - Parameters:
    ///   - what: how `count` follows from the model's shape, e.g. `2 classes`.
    ///   - describe: where entry `index` sits in the model, for messages (`nil`: no detail).
    func checkProbabilities(_ values: [Double], key: any CodingKey, count: Int, what: String,
                            describe: (Int) -> String? = { _ in nil }) throws {
        guard values.count == count else {
            throw error(at: [key], "has \(values.count) entries; \(what) need \(count)")
        }
        for (index, value) in values.enumerated() where !(value.isFinite && (0...1).contains(value)) {
            let detail = describe(index).map { " (\($0))" } ?? ""
            throw error(at: [key, IndexKey(index)], "\(value) is not a probability\(detail); every entry must lie in [0, 1]")
        }
    }

    /// Checks that `values[range]` sums to 1 within ``sumTolerance``; the error points at the
    /// range's first entry (or at `key` itself when the range is the whole array).
    func checkSum(_ values: [Double], _ range: Range<Int>, key: any CodingKey, what: String? = nil) throws {
        let sum = values[range].reduce(0, +)
        guard abs(sum - 1) > Self.sumTolerance else { return }
        let path: [any CodingKey] = range == values.indices ? [key] : [key, IndexKey(range.lowerBound)]
        let subject = what.map { "the distribution at entries \(range.lowerBound)...\(range.upperBound - 1) (\($0)) sums" } ?? "sums"
        throw error(at: path, "\(subject) to \(sum); it must sum to 1 (within \(Self.sumTolerance))")
    }

    /// The coding key of an array element.
    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue!)" }
        init(_ index: Int) { intValue = index }
        init?(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
