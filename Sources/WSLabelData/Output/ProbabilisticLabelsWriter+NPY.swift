import Foundation
import WSLabelCore

extension ProbabilisticLabelsWriter {
    /// Writes `<name>.npy` (float64, little-endian, C order, shape (rows, classes)) and the ids
    /// and splits files beside it, each atomically; the arrays go out split by split as they
    /// are in memory.
    static func writeNPY(_ rows: LabelRows, to url: URL) throws {
        let classCount = rows.labelNames.count
        for result in rows.results where result.probabilities.classCount != classCount {
            throw WSLabelError.invalidArgument(
                "split \(result.name) has \(result.probabilities.classCount) classes of probabilities, not the \(classCount) of the label names")
        }
        let files = files(for: url)
        let header = NPYHeader.encoded(descr: "<f8", rows: rows.firstRows.last!, columns: classCount)
        try AtomicFile.write(to: files[0]) { write in
            try header.withUnsafeBytes(write)
            for result in rows.results {
                #if _endian(big)
                let values = result.probabilities.values.map { $0.bitPattern.littleEndian }
                #else
                let values = result.probabilities.values
                #endif
                try values.withUnsafeBytes(write)
            }
        }
        try ItemIDsFile.write(rows.results.lazy.flatMap(\.ids), to: files[1])
        try ItemIDsFile.write(rows.results.lazy.flatMap { repeatElement($0.name, count: $0.ids.count) }, to: files[2])
    }
}
