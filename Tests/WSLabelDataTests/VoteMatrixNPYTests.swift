import Foundation
import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

final class VoteMatrixNPYTests: XCTestCase {
    /// A 9 × 6 matrix with votes -1...3 in every row/column mix (the same formula as the Python side).
    static let expected: [[Int]] = (0..<9).map { r in (0..<6).map { c in (r * 7 + c * 3 + r * c) % 5 - 1 } }

    // MARK: Round trips

    func testRoundTripsEveryDtype() throws {
        let folder = try temporaryDirectory(self)
        let votes = try VoteMatrix(denseRows: Self.expected, classCount: 4)
        for dtype in NPYIntegerType.allCases {
            let url = folder.appendingPathComponent("L_\(dtype.rawValue).npy")
            try votes.writeNPY(to: url, dtype: dtype)
            XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: 4), votes, "\(dtype)")
            XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: nil), votes, "\(dtype): inferred 4 classes")
            XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: 7).classCount, 7)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 4, "no temporary files left")
    }

    func testLargeRandomMatrixRoundTripsInBothOrders() throws {
        let folder = try temporaryDirectory(self)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let rows = (0..<3000).map { _ in (0..<40).map { _ in next() % 10 < 8 ? -1 : next() % 200 } }
        let votes = try VoteMatrix(denseRows: rows, classCount: 200)
        let url = folder.appendingPathComponent("L.npy")
        try votes.writeNPY(to: url)
        XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: 200), votes)
        let columnMajor = (0..<40).flatMap { c in rows.map { Int16($0[c]) } }
        try npyFile(descr: ">i2", fortranOrder: true, shape: "(3000, 40)", payload: bigEndianBytes(columnMajor)).write(to: url)
        XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: 200), votes)
    }

    func testWritesVersion1LittleEndianCOrderWithAlignedHeader() throws {
        let votes = try VoteMatrix(denseRows: [[1, -1, 0], [-1, -1, 1]], classCount: 2)
        let data = try votes.npyData()
        XCTAssertEqual(Array(data.prefix(8)), [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0)
        let header = String(decoding: data[10..<10 + headerLength], as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }"), header)
        XCTAssertTrue(header.hasSuffix("\n"))
        XCTAssertEqual(Array(data.suffix(6)), [1, 0xFF, 0, 0xFF, 0xFF, 1])

        let wide = try votes.npyData(dtype: .int16)
        XCTAssertEqual(Array(wide.suffix(12)), [1, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0])
    }

    func testPicksInt16For129ClassesAndRejectsTooNarrowDtype() throws {
        let folder = try temporaryDirectory(self)
        XCTAssertEqual(NPYIntegerType.smallest(forClassCount: 128), .int8)
        XCTAssertEqual(NPYIntegerType.smallest(forClassCount: 129), .int16)
        let votes = try VoteMatrix(denseRows: [[200, -1], [0, 127]], classCount: 201)
        let url = folder.appendingPathComponent("wide.npy")
        try votes.writeNPY(to: url)
        XCTAssertNotNil(try Data(contentsOf: url).range(of: Data("'<i2'".utf8)))
        XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: 201), votes)
        XCTAssertThrowsError(try votes.writeNPY(to: url, dtype: .int8)) { error in
            guard case let .invalidArgument(message) = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("int8") && message.contains("int16"), message)
        }
    }

    func testEmptyAndAllAbstainMatrices() throws {
        let folder = try temporaryDirectory(self)
        let empty = try VoteMatrix(lfCount: 5, classCount: 3)
        let url = folder.appendingPathComponent("empty.npy")
        try empty.writeNPY(to: url)
        XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: 3), empty)
        let abstains = try VoteMatrix(denseRows: [[-1, -1], [-1, -1]], classCount: 2)
        try abstains.writeNPY(to: url, dtype: .int32)
        let read = try VoteMatrix(npyFile: url, classCount: nil)
        XCTAssertEqual(read.classCount, 2, "at least 2 classes are inferred")
        XCTAssertEqual(read, abstains)
    }

    // MARK: Reading what NumPy writes (hand-built files)

    func testReadsBigEndianFortranOrderAndEveryFormatVersion() throws {
        let folder = try temporaryDirectory(self)
        let expected = try VoteMatrix(denseRows: Self.expected, classCount: 4)
        // Fortran order stores column 0 first.
        let columnMajor = (0..<6).flatMap { c in (0..<9).map { r in Int32(Self.expected[r][c]) } }
        for version: UInt8 in [1, 2, 3] {
            let url = folder.appendingPathComponent("v\(version).npy")
            try npyFile(descr: ">i4", fortranOrder: true, shape: "(9, 6)", payload: bigEndianBytes(columnMajor), version: version).write(to: url)
            XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: nil), expected, "version \(version)")
        }
        let rowMajor = Self.expected.flatMap { $0.map { Int64($0) } }
        let url = folder.appendingPathComponent("python2.npy")
        try npyFile(descr: "<i8", shape: "(9L, 6L)", payload: littleEndianBytes(rowMajor)).write(to: url)
        XCTAssertEqual(try VoteMatrix(npyFile: url), expected, "Python 2 long literals")
    }

    func testReadsUnsignedWhenEveryValueIsAClassAndIgnoresTrailingBytes() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("u.npy")
        try npyFile(descr: "|u1", shape: "(2, 2)", payload: [0, 1, 2, 0, 0xAA, 0xBB]).write(to: url)
        let votes = try VoteMatrix(npyFile: url, classCount: nil)
        XCTAssertEqual(votes.classCount, 3)
        XCTAssertEqual([votes.denseRow(0), votes.denseRow(1)], [[0, 1], [2, 0]])
    }

    // MARK: Errors name the file and, for votes, the row and LF

    func testRejectsUnsignedValuesThatAreNotClasses() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("u.npy")
        try npyFile(descr: "<u2", shape: "(2, 3)", payload: littleEndianBytes([0, 1, 0, 1, 65535, 0] as [UInt16])).write(to: url)
        let error = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url, classCount: 2) })
        XCTAssertEqual(error.location, SourceLocation(file: url.path, record: "row 1", field: "LF 1"))
        XCTAssertTrue(error.message.contains("vote 65535 is out of range"), error.message)
        XCTAssertTrue(error.message.contains("uint16 is unsigned"), error.message)
    }

    func testVoteOutOfRangeNamesRowAndLF() throws {
        let folder = try temporaryDirectory(self)
        var rows = Self.expected
        rows[7][4] = 4
        let url = folder.appendingPathComponent("L.npy")
        try npyFile(descr: "<i2", shape: "(9, 6)", payload: littleEndianBytes(rows.flatMap { $0.map { Int16($0) } })).write(to: url)
        let tooBig = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url, classCount: 4) })
        XCTAssertEqual(tooBig.location, SourceLocation(file: url.path, record: "row 7", field: "LF 4"))
        XCTAssertTrue(tooBig.message.contains("vote 4 is out of range: expected -1 (abstain) or a class 0..<4"), tooBig.message)
        XCTAssertTrue(tooBig.description.hasPrefix("\(url.path): record \"row 7\", field LF 4: "), tooBig.description)
        let smaller = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url, classCount: 3) })
        XCTAssertEqual(smaller.location, SourceLocation(file: url.path, record: "row 0", field: "LF 3"), "the first bad vote")

        rows[7][4] = -2
        let columnMajor = (0..<6).flatMap { c in (0..<9).map { r in Int8(rows[r][c]) } }
        try npyFile(descr: "|i1", fortranOrder: true, shape: "(9, 6)", payload: columnMajor.map { UInt8(bitPattern: $0) }).write(to: url)
        let negative = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url, classCount: 4) })
        XCTAssertEqual(negative.location, SourceLocation(file: url.path, record: "row 7", field: "LF 4"), "Fortran order maps back to (row, LF)")
        XCTAssertTrue(negative.message.contains("vote -2 is out of range"), negative.message)

        try npyFile(descr: "<i4", shape: "(1, 2)", payload: littleEndianBytes([0, 255] as [Int32])).write(to: url)
        let inferred = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url, classCount: nil) })
        XCTAssertEqual(inferred.location, SourceLocation(file: url.path, record: "row 0", field: "LF 1"))
        XCTAssertTrue(inferred.message.contains("0..<255"), inferred.message)
    }

    func testRejectsFilesThatAreNotNPY() throws {
        let folder = try temporaryDirectory(self)
        let text = folder.appendingPathComponent("L.npy")
        try Data("1,2,3\n".utf8).write(to: text)
        let notNPY = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: text) })
        XCTAssertEqual(notNPY.location.file, text.path)
        XCTAssertTrue(notNPY.message.contains("not a NumPy .npy file"), notNPY.message)

        let zip = folder.appendingPathComponent("L.npz")
        try Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]).write(to: zip)
        let npz = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: zip) })
        XCTAssertTrue(npz.message.contains(".npz"), npz.message)

        var future = try npyFile(descr: "|i1", shape: "(1, 1)", payload: [0])
        future[6] = 4
        try future.write(to: text)
        let version = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: text) })
        XCTAssertTrue(version.message.contains("version 4.0"), version.message)

        let garbled = try npyFile(rawHeader: "{'descr': '<i1', 'shape': (1, 1), }", payload: [0])
        try garbled.write(to: text)
        let header = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: text) })
        XCTAssertEqual(header.location, SourceLocation(file: text.path, field: "header"))
        XCTAssertTrue(header.message.contains("fortran_order"), header.message)

        let missing = folder.appendingPathComponent("missing.npy")
        XCTAssertThrowsError(try VoteMatrix(npyFile: missing)) { error in
            XCTAssertEqual(error as? WSLabelError, .fileAccess(path: missing.path, "no such file"))
        }
    }

    func testRejectsUnsupportedDtypesNamingTheSupportedOnes() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("L.npy")
        for (descr, kind) in [("<f8", "floating point"), ("|b1", "boolean"), ("|O", "Python objects"), ("<i3", "integer width")] {
            try npyFile(descr: descr, shape: "(1, 1)", payload: [UInt8](repeating: 0, count: 8)).write(to: url)
            let error = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url) })
            XCTAssertEqual(error.location, SourceLocation(file: url.path, field: "descr"))
            XCTAssertTrue(error.message.contains("unsupported dtype '\(descr)' (\(kind)"), error.message)
            XCTAssertTrue(error.message.contains("int8, int16, int32, int64"), error.message)
        }
        try npyFile(rawHeader: "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,), }", payload: [0, 0, 0, 0]).write(to: url)
        let structured = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url) })
        XCTAssertEqual(structured.location.field, "descr")
        XCTAssertTrue(structured.message.contains("structured"), structured.message)
    }

    func testRejectsArraysThatAreNot2D() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("L.npy")
        for (shape, found) in [("(3,)", "1-D shape (3,)"), ("(2, 2, 2)", "3-D shape (2, 2, 2)"), ("()", "0-D shape ()")] {
            try npyFile(descr: "|i1", shape: shape, payload: [UInt8](repeating: 0, count: 8)).write(to: url)
            let error = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url) })
            XCTAssertEqual(error.location, SourceLocation(file: url.path, field: "shape"))
            XCTAssertTrue(error.message.contains("expected a 2-D array of shape (items, LFs), found \(found)"), error.message)
        }
        try npyFile(descr: "|i1", shape: "(1, 70000)", payload: []).write(to: url)
        let wide = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url) })
        XCTAssertTrue(wide.message.contains("70000 LF columns"), wide.message)
    }

    /// A header alone could claim any number of rows when it claims no LF columns: no data
    /// backs them. A 128-byte file of shape (10^12, 0) made the reader allocate an 8 TB row
    /// table and trap (found while writing the npy fuzz target; its seed is in
    /// Tests/Fuzz/Corpus/npy/rows-without-lfs.npy). Such an array holds no votes, so it is
    /// refused, and the writer does not write one.
    func testRejectsRowsWithoutLFColumns() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("L.npy")
        for rows in ["3", "1000000000000"] {
            try npyFile(descr: "|i1", shape: "(\(rows), 0)", payload: []).write(to: url)
            let error = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url) })
            XCTAssertEqual(error.location, SourceLocation(file: url.path, field: "shape"))
            XCTAssertTrue(error.message.contains("shape (\(rows), 0) has no LF columns"), error.message)
        }
        try npyFile(descr: "|i1", shape: "(0, 0)", payload: []).write(to: url)
        XCTAssertEqual(try VoteMatrix(npyFile: url), try VoteMatrix(lfCount: 0, classCount: 2))

        var noLFs = try VoteMatrix(lfCount: 0, classCount: 2)
        try noLFs.appendRow([])
        XCTAssertThrowsError(try noLFs.writeNPY(to: url)) { error in
            guard case .invalidArgument = error as? WSLabelError else { return XCTFail("\(error)") }
        }
    }

    func testTruncatedDataSaysExpectedAndFoundBytes() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("L.npy")
        try npyFile(descr: "<i4", shape: "(10, 3)", payload: [UInt8](repeating: 0, count: 100)).write(to: url)
        let error = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url) })
        XCTAssertEqual(error.location.file, url.path)
        XCTAssertTrue(error.message.contains("shape (10, 3) of int32 needs 120 bytes after the header, found 100"), error.message)

        let full = try npyFile(descr: "<i4", shape: "(10, 3)", payload: [])
        try full.prefix(40).write(to: url)
        let header = try XCTUnwrap(malformedInput { try VoteMatrix(npyFile: url) })
        XCTAssertTrue(header.message.contains("truncated"), header.message)
    }

    func testRejectsInvalidClassCount() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("L.npy")
        try VoteMatrix(denseRows: [[0]], classCount: 2).writeNPY(to: url)
        XCTAssertThrowsError(try VoteMatrix(npyFile: url, classCount: 1)) { error in
            guard case .invalidArgument = error as? WSLabelError else { return XCTFail("\(error)") }
        }
    }

    // MARK: Atomic writes

    func testAtomicFileReplacesAndReportsMissingFolders() throws {
        let folder = try temporaryDirectory(self)
        let url = folder.appendingPathComponent("out.bin")
        try AtomicFile.write(Data([1, 2, 3]), to: url)
        try AtomicFile.write(Data([4]), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data([4]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.bin"])

        let nowhere = folder.appendingPathComponent("missing/L.npy")
        XCTAssertThrowsError(try VoteMatrix(denseRows: [[0]], classCount: 2).writeNPY(to: nowhere)) { error in
            guard case let .fileAccess(path, message)? = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, nowhere.path)
            XCTAssertTrue(message.contains("does not exist"), message)
        }
        // A folder in the way of the target: the rename fails and the temporary file is removed.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write(Data([1]), to: folder.appendingPathComponent("dir"))) { error in
            guard case .fileAccess? = error as? WSLabelError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["dir", "out.bin"])
    }

    // MARK: Interoperability with real NumPy

    func testReadsWhatNumPySaves() throws {
        try PythonInterop.require(modules: ["numpy"])
        let folder = try temporaryDirectory(self)
        let script = """
        import sys, numpy as np
        folder = sys.argv[1]
        r, c = np.meshgrid(np.arange(9), np.arange(6), indexing="ij")
        L = (r * 7 + c * 3 + r * c) % 5 - 1
        files = []
        def save(name, array):
            np.save(f"{folder}/{name}.npy", array)
            files.append(name)
        for i, dtype in enumerate(["|i1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8", "=i4"]):
            save(f"signed{i}_C", np.array(L, dtype=dtype, order="C"))
            save(f"signed{i}_F", np.array(L, dtype=dtype, order="F"))
        for i, dtype in enumerate(["|u1", "<u2", ">u4", "<u8"]):
            save(f"unsigned{i}_C", np.array(L + 1, dtype=dtype, order="C"))
            save(f"unsigned{i}_F", np.array(L + 1, dtype=dtype, order="F"))
        save("snorkel_default", L)  # np.save of a plain int array: '<i8'
        save("transposed_view", np.ascontiguousarray(L.T).T)  # Fortran-contiguous view
        for major in (1, 2, 3):
            with open(f"{folder}/version{major}.npy", "wb") as f:
                np.lib.format.write_array(f, np.asfortranarray(L.astype(">i2")), version=(major, 0))
            files.append(f"version{major}")
        print("\\n".join(files))
        """
        let names = try PythonInterop.run(script, arguments: [folder.path]).split(separator: "\n").map(String.init)
        XCTAssertEqual(names.count, 8 * 2 + 4 * 2 + 2 + 3)
        let signed = try VoteMatrix(denseRows: Self.expected, classCount: 4)
        let unsigned = try VoteMatrix(denseRows: Self.expected.map { $0.map { $0 + 1 } }, classCount: 5)
        for name in names {
            let url = folder.appendingPathComponent("\(name).npy")
            let expected = name.hasPrefix("unsigned") ? unsigned : signed
            XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: nil), expected, name)
            XCTAssertEqual(try VoteMatrix(npyFile: url, classCount: 9).denseRow(8), expected.denseRow(8), name)
        }
    }

    func testNumPyLoadsWhatWSLabelWrites() throws {
        try PythonInterop.require(modules: ["numpy"])
        let folder = try temporaryDirectory(self)
        let votes = try VoteMatrix(denseRows: Self.expected, classCount: 4)
        for dtype in NPYIntegerType.allCases {
            try votes.writeNPY(to: folder.appendingPathComponent("\(dtype.rawValue).npy"), dtype: dtype)
        }
        let manyClasses = try VoteMatrix(denseRows: (0..<5).map { r in (0..<4).map { c in (r * 37 + c * 11) % 201 - 1 } }, classCount: 200)
        try manyClasses.writeNPY(to: folder.appendingPathComponent("wide.npy"))
        try VoteMatrix(lfCount: 3, classCount: 2).writeNPY(to: folder.appendingPathComponent("empty.npy"))
        let script = """
        import sys, numpy as np
        folder = sys.argv[1]
        r, c = np.meshgrid(np.arange(9), np.arange(6), indexing="ij")
        L = (r * 7 + c * 3 + r * c) % 5 - 1
        for name in ["int8", "int16", "int32", "int64"]:
            loaded = np.load(f"{folder}/{name}.npy")
            assert loaded.dtype == np.dtype(name), (name, loaded.dtype)
            assert loaded.flags["C_CONTIGUOUS"], name
            assert np.array_equal(loaded, L), (name, loaded)
        r, c = np.meshgrid(np.arange(5), np.arange(4), indexing="ij")
        wide = np.load(f"{folder}/wide.npy")
        assert wide.dtype == np.int16, wide.dtype
        assert np.array_equal(wide, (r * 37 + c * 11) % 201 - 1), wide
        empty = np.load(f"{folder}/empty.npy")
        assert empty.shape == (0, 3) and empty.dtype == np.int8, (empty.shape, empty.dtype)
        print("ok")
        """
        XCTAssertEqual(try PythonInterop.run(script, arguments: [folder.path]), "ok\n")
    }
}

// MARK: - Helpers shared by the vote-matrix I/O tests

/// The location and message of the `malformedInput` error `body` throws, or a test failure.
func malformedInput<T>(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T)
    -> (location: SourceLocation, message: String, description: String)? {
    do {
        _ = try body()
        XCTFail("expected a malformedInput error, but reading succeeded", file: file, line: line)
    } catch let error as WSLabelError {
        if case let .malformedInput(location, message) = error {
            return (location, message, error.errorDescription ?? "")
        }
        XCTFail("expected a malformedInput error, got \(error)", file: file, line: line)
    } catch {
        XCTFail("expected a WSLabelError, got \(error)", file: file, line: line)
    }
    return nil
}

/// An `.npy` file with the given header fields (or a raw header dict) and data bytes.
func npyFile(descr: String = "|i1", fortranOrder: Bool = false, shape: String = "(1, 1)", rawHeader: String? = nil,
             payload: [UInt8], version: UInt8 = 1) throws -> Data {
    let dict = rawHeader ?? "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shape), }"
    let lengthBytes = version == 1 ? 2 : 4
    var header = Array(dict.utf8)
    header += [UInt8](repeating: 0x20, count: (64 - (8 + lengthBytes + header.count + 1) % 64) % 64) + [0x0A]
    var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
    bytes += (0..<lengthBytes).map { UInt8(truncatingIfNeeded: header.count >> (8 * $0)) }
    return Data(bytes + header + payload)
}

func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.flatMap { value in (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}

func bigEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.flatMap { value in (0..<MemoryLayout<T>.size).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}

/// Runs scripts with the `python3` on `PATH`, for interoperability tests against NumPy and the
/// `csv` module.
enum PythonInterop {
    struct ScriptFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Skips the test when `python3` or one of `modules` is missing; under `CI=true` that is a
    /// failure as well, since CI must run every interoperability test.
    static func require(modules: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let imports = modules.isEmpty ? "pass" : "import " + modules.joined(separator: ", ")
        let outcome = try? execute(imports, arguments: [])
        let missing: String?
        switch outcome?.status {
        case 0?: missing = nil
        case nil, 127?: missing = "python3 is not on PATH"
        default:
            let reason = outcome?.stderr.split(separator: "\n").last.map(String.init) ?? ""
            missing = "python3 cannot import \(modules.joined(separator: ", ")): \(reason)"
        }
        guard let missing else { return }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("\(missing); CI=true requires the interoperability tests to run", file: file, line: line)
        }
        throw XCTSkip(missing, file: file, line: line)
    }

    /// The standard output of `python3 -c script arguments...`; throws when the script fails.
    static func run(_ script: String, arguments: [String]) throws -> String {
        let outcome = try execute(script, arguments: arguments)
        guard outcome.status == 0 else {
            throw ScriptFailed(description: "python3 exited with \(outcome.status): \(outcome.stderr)")
        }
        return outcome.stdout
    }

    private static func execute(_ script: String, arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        // stderr goes to a file, so that neither stream can fill a pipe and block the script.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("wslabel-python-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let errorText = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), errorText)
    }
}
