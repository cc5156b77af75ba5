import WSLabelCore
import WSLabelData

/// What a parser made of an input: a value, or the `WSLabelError` it rejected it with.
enum ParseOutcome<Value> {
    case value(Value)
    case rejected(WSLabelError)

    /// Runs `parse`: an error that is not a `WSLabelError` is a ``PropertyViolation``.
    init(_ parser: String, _ parse: () throws -> Value) throws {
        do {
            self = .value(try parse())
        } catch let error as WSLabelError {
            self = .rejected(error)
        } catch let violation as PropertyViolation {
            throw violation
        } catch {
            throw PropertyViolation("\(parser) threw \(type(of: error)), not a WSLabelError: \(error)")
        }
    }

    /// The value, or `nil` when the input was rejected.
    var value: Value? {
        guard case let .value(value) = self else { return nil }
        return value
    }
}

extension ParseOutcome: Equatable where Value: Equatable {}
