import WSLabelCore

/// The rows of a labels file: every split result's items in order, numbered across splits and
/// cut into blocks of ``ProbabilisticLabelsWriter/rowsPerBlock``, with each block's JSON Lines.
///
/// What repeats on every line (the split and label names as JSON strings, the keys) is encoded
/// once here; a block's bytes depend on nothing but the rows, so blocks can be formatted on any
/// thread.
struct LabelRows: Sendable {
    let results: [LabelingRun.SplitResult]
    let labelNames: [String]
    /// The blocks of rows over all splits.
    let blocks: ParallelBlocks
    /// The first global row of each result, and the total at the end.
    let firstRows: [Int]
    /// `,"split":"<name>","label":` per result.
    private let splitFields: [[UInt8]]
    /// `"<label>"` per class.
    private let labelValues: [[UInt8]]
    /// `"<label>":` per class, as the keys of the probabilities.
    private let probabilityKeys: [[UInt8]]

    init(_ results: [LabelingRun.SplitResult], labelNames: [String]) {
        self.results = results
        self.labelNames = labelNames
        var firstRows = [0]
        for result in results { firstRows.append(firstRows.last! + result.ids.count) }
        self.firstRows = firstRows
        blocks = ParallelBlocks(itemCount: firstRows.last!, blockSize: ProbabilisticLabelsWriter.rowsPerBlock)
        splitFields = results.map { result in
            var bytes = Array(#","split":"#.utf8)
            JSONBytes.appendString(result.name, to: &bytes)
            bytes += #","label":"#.utf8
            return bytes
        }
        labelValues = labelNames.map { name in
            var bytes: [UInt8] = []
            JSONBytes.appendString(name, to: &bytes)
            return bytes
        }
        probabilityKeys = labelValues.map { $0 + [UInt8(ascii: ":")] }
    }

    /// The split result and its row that global row `row` is.
    func position(of row: Int) -> (result: Int, row: Int) {
        var result = 0
        while firstRows[result + 1] <= row { result += 1 }
        return (result, row - firstRows[result])
    }

    /// Appends the JSON Lines of block `block` to `output`, as ``JSONValue`` serialization
    /// writes each line's object (id, split, label, probabilities, confidence).
    func appendJSONLines(block: Int, to output: inout [UInt8]) {
        let range = blocks.range(ofBlock: block)
        output.reserveCapacity(output.count + range.count * (64 + 24 * labelNames.count))
        guard !range.isEmpty else { return }
        var (result, row) = position(of: range.lowerBound)
        for _ in range {
            while row == results[result].ids.count {
                result += 1
                row = 0
            }
            appendLine(result: results[result], splitField: splitFields[result], row: row, to: &output)
            row += 1
        }
    }

    private func appendLine(result: LabelingRun.SplitResult, splitField: [UInt8], row: Int, to output: inout [UInt8]) {
        output += #"{"id":"#.utf8
        JSONBytes.appendString(result.ids[row], to: &output)
        output += splitField
        let label = result.predictions[row]
        if label == VoteMatrix.abstain { output += "null".utf8 } else { output += labelValues[label] }
        output += #","probabilities":{"#.utf8
        let probabilities = result.probabilities
        let start = row * probabilities.classCount
        // `Sequence.max()` as the JSON writer took it: the first value, replaced by each larger one.
        var confidence = probabilities.values[start]
        for column in 0..<min(labelNames.count, probabilities.classCount) {
            if column > 0 { output.append(UInt8(ascii: ",")) }
            output += probabilityKeys[column]
            JSONBytes.appendNumber(probabilities.values[start + column], to: &output)
        }
        for column in 1..<probabilities.classCount where confidence < probabilities.values[start + column] {
            confidence = probabilities.values[start + column]
        }
        output += #"},"confidence":"#.utf8
        JSONBytes.appendNumber(confidence, to: &output)
        output += "}\n".utf8
    }
}
