import Foundation
import WSLabelCore
import WSLabelData

/// Vote matrices in CSV and `.npy` files, which wslabel both reads and writes.
enum VoteFileTargets {
    /// The reader's settings tried on each input: all inferred, then each given.
    private static let csvSettings: [(classCount: Int?, hasHeader: Bool?, idColumn: Int?)] = [
        (nil, nil, nil), (3, true, nil), (2, false, 0),
    ]

    static func checkCSV(_ bytes: [UInt8]) throws {
        let url = try Scratch.file("votes.csv", bytes)
        for settings in csvSettings {
            let read = try ParseOutcome("CSVVotes(csvFile:)") {
                try CSVVotes(csvFile: url, classCount: settings.classCount, hasHeader: settings.hasHeader, idColumn: settings.idColumn)
            }
            if case let .value(file) = read { try checkCSVRoundTrip(file) }
        }
    }

    /// Writes `file` with `writeCSV` and reads it back with the settings that describe it.
    private static func checkCSVRoundTrip(_ file: CSVVotes) throws {
        let votes = file.votes
        // The writer names the LFs `lf_0`, `lf_1`, ... when it writes ids without names.
        let names = file.lfNames ?? file.ids.map { _ in (0..<votes.lfCount).map { "lf_\($0)" } }
        // Without ids, a header that looks like it has an id column (an `id` name, or an unnamed
        // first column) is read back as one: the reader's documented inference.
        if file.ids == nil, let names,
           names.contains(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "id" }) || (names.count > 1 && names[0].isEmpty) {
            return
        }
        let url = try Scratch.file("votes-again.csv", votes.csvData(ids: file.ids, lfNames: file.lfNames))
        let again = try ParseOutcome("CSVVotes(csvFile:) (round trip)") {
            try CSVVotes(csvFile: url, classCount: votes.classCount, hasHeader: names != nil, idColumn: file.ids == nil ? nil : 0)
        }
        let expected = try CSVVotes(votes: votes, ids: file.ids, lfNames: names)
        guard again == .value(expected) else {
            throw PropertyViolation("CSV votes written and read back changed: \(again), expected \(expected)")
        }
    }

    static func checkNPY(_ bytes: [UInt8]) throws {
        let url = try Scratch.file("votes.npy", bytes)
        for classCount in [nil, 2] {
            let read = try ParseOutcome("VoteMatrix(npyFile:)") { try VoteMatrix(npyFile: url, classCount: classCount) }
            guard case let .value(votes) = read else { continue }
            for dtype in NPYIntegerType.allCases where votes.classCount - 1 <= dtype.maxValue {
                let copy = try Scratch.file("votes-again.npy", votes.npyData(dtype: dtype))
                let again = try ParseOutcome("VoteMatrix(npyFile:) (round trip)") { try VoteMatrix(npyFile: copy, classCount: votes.classCount) }
                guard again == .value(votes) else {
                    throw PropertyViolation("votes written as \(dtype) and read back changed: \(again), expected \(votes)")
                }
            }
        }
    }
}
