import Foundation

/// Numeric item fields as end-model features (a price, a length, a count): each standardized
/// by the train items' mean and standard deviation, clipped to ±5 so one outlier cannot
/// outweigh an item's text, and 0 (the mean) where an item has no value.
public struct NumericFeatures: Sendable, Equatable {
    /// One numeric field.
    public struct Field: Sendable, Equatable {
        /// The field's name in the items.
        public let name: String
        /// Its mean over the train items that have it.
        public let mean: Double
        /// Its standard deviation there (1 when it does not vary, so values pass through centred).
        public let standardDeviation: Double

        public init(name: String, mean: Double, standardDeviation: Double) {
            self.name = name
            self.mean = mean
            self.standardDeviation = standardDeviation
        }
    }

    /// The fields, in feature order.
    public let fields: [Field]

    /// No numeric features.
    public static let none = NumericFeatures(fields: [])

    public init(fields: [Field]) {
        self.fields = fields
    }

    /// The standardization of `values` (per field, each train item's value or `nil`) for the
    /// fields `names`.
    public init(fitting values: [[Double?]], names: [String]) {
        precondition(values.count == names.count, "one column of values per field")
        fields = zip(names, values).map { name, column in
            let present = column.compactMap { $0 }
            let mean = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
            let variance = present.isEmpty ? 0 : present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count)
            return Field(name: name, mean: mean, standardDeviation: variance > 0 ? variance.squareRoot() : 1)
        }
    }

    /// The largest magnitude a standardized value keeps.
    public static let clip = 5.0

    /// Item `item`'s standardized values as entries of columns `firstColumn…`, missing values left out.
    func entries(item: Int, values: [[Double?]], firstColumn: Int) -> [(column: Int32, value: Double)] {
        fields.indices.compactMap { index in
            guard let value = values[index][item] else { return nil }
            let field = fields[index]
            let standardized = min(Self.clip, max(-Self.clip, (value - field.mean) / field.standardDeviation))
            return (Int32(firstColumn + index), standardized)
        }
    }

    /// A field's text value as a number: `nil` when absent or empty, the number when it reads as
    /// a finite one (surrounding spaces ignored).
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` at `location` (its field set to `field`)
    ///   for any other text.
    public static func number(_ text: String?, field: String, at location: SourceLocation) throws -> Double? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        guard let value = Double(trimmed), value.isFinite else {
            var located = location
            located.field = field
            throw WSLabelError.malformedInput(located, "numeric field: expected a finite number, found \"\(text.prefix(40))\"")
        }
        return value
    }
}
