import Foundation
import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

final class VoteMatrixCSVTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryDirectory(self)
    }

    private func file(_ text: String, _ name: String = "votes.csv") throws -> URL {
        try file(Data(text.utf8), name)
    }

    private func file(_ bytes: Data, _ name: String = "votes.csv") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try bytes.write(to: url)
        return url
    }

    // MARK: Round trips

    func testRoundTripsIdsAndNamesThatNeedQuoting() throws {
        let votes = try VoteMatrix(denseRows: [[1, -1, 0], [-1, -1, -1], [2, 0, -1], [0, 1, 2], [-1, 2, 2], [1, 1, 1]], classCount: 3)
        let ids = ["a", "b, c", "say \"hi\"", "multi\nline", "", "ünï ✓"]
        let names = ["lf_kw", "lf, comma", "lf \"q\""]
        let original = try CSVVotes(votes: votes, ids: ids, lfNames: names)
        let url = folder.appendingPathComponent("votes.csv")
        try original.writeCSV(to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("id,lf_kw,\"lf, comma\",\"lf \"\"q\"\"\"\na,1,-1,0\n\"b, c\",-1,-1,-1\n"), text)
        XCTAssertEqual(try CSVVotes(csvFile: url, classCount: 3), original)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["votes.csv"], "no temporary files left")
    }

    func testRoundTripsPlainVotesWithoutHeader() throws {
        let votes = try VoteMatrix(denseRows: [[1, -1, 0], [-1, 140, -1]], classCount: 141)
        let url = folder.appendingPathComponent("plain.csv")
        try votes.writeCSV(to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "1,-1,0\n-1,140,-1\n")
        let read = try CSVVotes(csvFile: url)
        XCTAssertNil(read.ids)
        XCTAssertNil(read.lfNames)
        XCTAssertEqual(read.votes, votes, "141 classes inferred from the largest vote")
        XCTAssertEqual(try VoteMatrix(csvFile: url, classCount: 141), votes)
    }

    func testHeaderWithOnlyNamesOrOnlyIds() throws {
        let votes = try VoteMatrix(denseRows: [[1, -1], [0, 0]], classCount: 2)
        let url = folder.appendingPathComponent("votes.csv")
        try votes.writeCSV(to: url, lfNames: ["x", "y"])
        XCTAssertEqual(try CSVVotes(csvFile: url), try CSVVotes(votes: votes, lfNames: ["x", "y"]))
        try votes.writeCSV(to: url, ids: ["p", "q"])
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "id,lf_0,lf_1\np,1,-1\nq,0,0\n")
        XCTAssertEqual(try CSVVotes(csvFile: url), try CSVVotes(votes: votes, ids: ["p", "q"], lfNames: ["lf_0", "lf_1"]))
    }

    /// Found by the csv-votes fuzz target (Tests/Fuzz/Corpus/csv-votes/bom-in-first-name.csv): a
    /// file starting with two byte order marks has a first LF name starting with U+FEFF, which
    /// the writer put at the start of the file, where the reader skips it as a byte order mark.
    func testFirstNameStartingWithByteOrderMarkRoundTrips() throws {
        let url = try file(Data([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("I,,$,,\n0,1,-1,0,1\n".utf8)))
        let read = try CSVVotes(csvFile: url, hasHeader: true)
        XCTAssertEqual(read.lfNames, ["\u{FEFF}I", "", "$", "", ""])
        try read.writeCSV(to: url)
        XCTAssertEqual(try CSVVotes(csvFile: url, classCount: read.votes.classCount, hasHeader: true), read)
    }

    /// Found by the csv-votes fuzz target (Tests/Fuzz/Corpus/csv-votes/quote-before-combining-mark.csv):
    /// doubled quotes were undone on text, where a quote followed by a combining mark is one
    /// character with it, so the `""` before U+07A6 stayed doubled and a name read back longer.
    func testDoubledQuoteBeforeACombiningMarkIsUndone() throws {
        let url = try file("\"a\"\"\u{7A6}\",\"\"\"\u{301}\"\n1,0\n")
        let read = try CSVVotes(csvFile: url, hasHeader: true)
        XCTAssertEqual(read.lfNames, ["a\"\u{7A6}", "\"\u{301}"])
        try read.writeCSV(to: url)
        XCTAssertEqual(try CSVVotes(csvFile: url, classCount: read.votes.classCount, hasHeader: true), read)
    }

    // MARK: Layout detection

    func testHeaderDetectionAndOverride() throws {
        let url = try file("1,2\n0,1\n")
        XCTAssertEqual(try CSVVotes(csvFile: url).votes.rowCount, 2, "all-integer first row is data")
        let forced = try CSVVotes(csvFile: url, hasHeader: true)
        XCTAssertEqual(forced.lfNames, ["1", "2"])
        XCTAssertEqual(forced.votes.denseRow(0), [0, 1])

        let named = try file("a,b\n0,1\n")
        let error = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: named, hasHeader: false) })
        XCTAssertEqual(error.location, SourceLocation(file: named.path, line: 1, record: "row 0", field: "column 1 (LF 0)"))
        XCTAssertTrue(error.message.contains("expected an integer vote (-1 or empty for abstain), found \"a\""), error.message)
    }

    func testIdColumnByIndexByNameAndPandasIndex() throws {
        let noHeader = try CSVVotes(csvFile: try file("0,doc-1,1\n-1,doc-2,0\n"), idColumn: 1)
        XCTAssertEqual(noHeader.ids, ["doc-1", "doc-2"], "ids are ignored when detecting a header")
        XCTAssertNil(noHeader.lfNames)
        XCTAssertEqual([noHeader.votes.denseRow(0), noHeader.votes.denseRow(1)], [[0, 1], [-1, 0]])

        let byName = try CSVVotes(csvFile: try file("lf_a,ID,lf_b\n1,q,0\n"))
        XCTAssertEqual(byName.ids, ["q"])
        XCTAssertEqual(byName.lfNames, ["lf_a", "lf_b"])
        XCTAssertEqual(byName.votes.denseRow(0), [1, 0])

        // pandas DataFrame.to_csv(): an unnamed index column first.
        let pandas = try CSVVotes(csvFile: try file(",lf_a,lf_b\n0,1,-1\n1,,0\n"))
        XCTAssertEqual(pandas.ids, ["0", "1"])
        XCTAssertEqual(pandas.lfNames, ["lf_a", "lf_b"])
        XCTAssertEqual(pandas.votes.denseRow(1), [-1, 0])

        let error = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: try file("1,0\n"), idColumn: 5) })
        XCTAssertEqual(error.location.line, 1)
        XCTAssertTrue(error.message.contains("no id column 5 (0-based): the first row has 2 fields"), error.message)
        XCTAssertThrowsError(try CSVVotes(csvFile: try file("1,0\n"), idColumn: -1))
    }

    func testAcceptsCommonCellFormsAndLineEndings() throws {
        var bytes = Data([0xEF, 0xBB, 0xBF])
        bytes += Data("id,a,b,c\r\n\r\nx, 1 ,\"0\",\r\n\ny,2.0,-1.0,+1".utf8)
        let read = try CSVVotes(csvFile: try file(bytes))
        XCTAssertEqual(read.ids, ["x", "y"])
        XCTAssertEqual(read.lfNames, ["a", "b", "c"])
        XCTAssertEqual(read.votes.classCount, 3)
        XCTAssertEqual([read.votes.denseRow(0), read.votes.denseRow(1)], [[1, 0, -1], [2, -1, 1]])
    }

    // MARK: Errors name file, line, record and column / LF

    func testRaggedRowNamesThePhysicalLine() throws {
        let url = try file("id,a,b\n\"x\ny\",1,0\nz,1\n")
        let error = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: url) })
        XCTAssertEqual(error.location, SourceLocation(file: url.path, line: 4, record: "row 1"))
        XCTAssertTrue(error.message.hasPrefix("expected 3 fields, found 2"), error.message)
        XCTAssertTrue(error.description.hasPrefix("\(url.path):4: "), error.description)

        let long = try file("1,0,1\n1,0,1,1\n")
        let tooMany = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: long) })
        XCTAssertEqual(tooMany.location.line, 2)
        XCTAssertTrue(tooMany.message.hasPrefix("expected 3 fields, found 4"), tooMany.message)
    }

    func testNonIntegerCellNamesLineRecordColumnAndLF() throws {
        let url = try file("id,lf_a,lf_b\nx,1,0\n\"multi\nline\",1,yes\n")
        let error = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: url, classCount: 2) })
        XCTAssertEqual(error.location, SourceLocation(file: url.path, line: 4, record: "multi\nline", field: "column 3 (LF 1 \"lf_b\")"))
        XCTAssertTrue(error.message.contains("found \"yes\""), error.message)
    }

    func testVoteOutOfRangeNamesLineAndLF() throws {
        let url = try file("1,0\n1,2\n")
        let error = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: url, classCount: 2) })
        XCTAssertEqual(error.location, SourceLocation(file: url.path, line: 2, record: "row 1", field: "column 2 (LF 1)"))
        XCTAssertEqual(error.message, "vote 2 is out of range: expected -1 (abstain) or a class 0..<2")
        XCTAssertEqual(error.description, "\(url.path):2: record \"row 1\", field column 2 (LF 1): vote 2 is out of range: expected -1 (abstain) or a class 0..<2")

        let negative = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: try file("id,a\nq,-2\n")) })
        XCTAssertEqual(negative.location.field, "column 2 (LF 0 \"a\")")
        XCTAssertEqual(negative.location.record, "q")
        XCTAssertTrue(negative.message.hasPrefix("vote -2 is out of range"), negative.message)

        let huge = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: try file("0,99999999999999999999999\n")) })
        XCTAssertTrue(huge.message.hasPrefix("vote 99999999999999999999999 is out of range: expected -1 (abstain) or a class 0..<255"), huge.message)
    }

    func testInvalidUTF8NamesLineAndColumn() throws {
        let inId = try file(Data("id,a\n".utf8) + Data([0xFF, 0xFE]) + Data(",1\n".utf8))
        let id = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: inId) })
        XCTAssertEqual(id.location, SourceLocation(file: inId.path, line: 2, record: "row 0", field: "column 1 (id)"))
        XCTAssertEqual(id.message, "invalid UTF-8")

        let inVote = try file(Data("a,b\n1,".utf8) + Data([0xC3]) + Data("\n".utf8))
        let vote = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: inVote) })
        XCTAssertEqual(vote.location, SourceLocation(file: inVote.path, line: 2, record: "row 0", field: "column 2 (LF 1 \"b\")"))
        XCTAssertEqual(vote.message, "invalid UTF-8 in a vote cell")

        let inHeader = try file(Data("a,".utf8) + Data([0xE2, 0x82]) + Data("\n1,0\n".utf8))
        let header = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: inHeader) })
        XCTAssertEqual(header.location, SourceLocation(file: inHeader.path, line: 1, record: "header", field: "column 2"))
    }

    func testQuotingErrorsAndEmptyFiles() throws {
        let unclosed = try file("a,b\n1,\"0\n1,1\n")
        let open = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: unclosed) })
        XCTAssertEqual(open.location, SourceLocation(file: unclosed.path, line: 2, field: "column 2"))
        XCTAssertTrue(open.message.contains("never closed"), open.message)

        let stray = try file("a,b\n\"1\"x,0\n")
        let after = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: stray) })
        XCTAssertEqual(after.location, SourceLocation(file: stray.path, line: 2, field: "column 1"))
        XCTAssertTrue(after.message.contains("after the closing quote"), after.message)

        for text in ["", "\n\r\n"] {
            let empty = try XCTUnwrap(malformedInput { try CSVVotes(csvFile: try file(text)) })
            XCTAssertEqual(empty.location, SourceLocation(file: folder.appendingPathComponent("votes.csv").path))
            XCTAssertTrue(empty.message.contains("the file is empty"), empty.message)
        }
        let headerOnly = try CSVVotes(csvFile: try file("id,a,b\n"))
        XCTAssertEqual(headerOnly.votes.rowCount, 0)
        XCTAssertEqual(headerOnly.votes.lfCount, 2)
        XCTAssertEqual(headerOnly.ids, [])
    }

    func testFileAndArgumentErrors() throws {
        let missing = folder.appendingPathComponent("missing.csv")
        XCTAssertThrowsError(try CSVVotes(csvFile: missing)) { error in
            XCTAssertEqual(error as? WSLabelError, .fileAccess(path: missing.path, "no such file"))
        }
        XCTAssertThrowsError(try CSVVotes(csvFile: try file("0\n"), classCount: 300)) { error in
            guard case .invalidArgument? = error as? WSLabelError else { return XCTFail("\(error)") }
        }
        let votes = try VoteMatrix(denseRows: [[0]], classCount: 2)
        XCTAssertThrowsError(try votes.writeCSV(to: folder.appendingPathComponent("x.csv"), ids: ["a", "b"])) { error in
            XCTAssertEqual(error as? WSLabelError, .invalidArgument("expected one id per row (1), found 2"))
        }
        let nowhere = folder.appendingPathComponent("no/such/folder.csv")
        XCTAssertThrowsError(try votes.writeCSV(to: nowhere)) { error in
            guard case let .fileAccess(path, _)? = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, nowhere.path)
        }
    }

    // MARK: Interoperability with Python's csv module

    func testInteroperatesWithPythonCSV() throws {
        try PythonInterop.require(modules: ["csv", "json"])
        let rows = [
            ["id", "lf_a", "lf, b", "lf \"c\""],
            ["plain", "1", "-1", "0"],
            ["with, comma", "", "2", "-1"],
            ["say \"hi\"", "0", "0", ""],
            ["multi\nline", "2", "-1", "1"],
            ["ünïcødé ✓", "-1", "-1", "-1"],
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        let pythonFile = folder.appendingPathComponent("python.csv")
        // csv.writer's default dialect ends rows with CRLF and quotes minimally.
        _ = try PythonInterop.run("""
        import csv, json, sys
        with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(json.loads(sys.argv[2]))
        """, arguments: [pythonFile.path, json])
        let read = try CSVVotes(csvFile: pythonFile, classCount: 3)
        XCTAssertEqual(read.ids, rows.dropFirst().map { $0[0] })
        XCTAssertEqual(read.lfNames, Array(rows[0].dropFirst()))
        let expected = rows.dropFirst().map { $0.dropFirst().map { Int($0) ?? -1 } }
        XCTAssertEqual((0..<read.votes.rowCount).map(read.votes.denseRow), expected)

        let ourFile = folder.appendingPathComponent("wslabel.csv")
        try read.writeCSV(to: ourFile)
        let parsed = try PythonInterop.run("""
        import csv, json, sys
        with open(sys.argv[1], newline="", encoding="utf-8") as f:
            print(json.dumps(list(csv.reader(f))))
        """, arguments: [ourFile.path])
        let back = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(parsed.utf8)) as? [[String]])
        XCTAssertEqual(back, rows.map { $0.map { $0.isEmpty ? "-1" : $0 } })
    }
}
