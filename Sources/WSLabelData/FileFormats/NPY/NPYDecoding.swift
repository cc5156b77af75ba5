import Foundation
import WSLabelCore

/// Parsing of `.npy` bytes into compressed sparse rows.
enum NPYDecoding {
    struct Result {
        var lfCount: Int
        var classCount: Int
        var rowStarts: [Int]
        var lfIndices: [UInt16]
        var classVotes: [UInt8]
    }

    /// An element type of the file: width, signedness and byte order.
    struct ElementType {
        var byteCount: Int
        var isSigned: Bool
        var isBigEndian: Bool

        var name: String { "\(isSigned ? "" : "u")int\(byteCount * 8)" }
    }

    static let supportedTypes = "int8, int16, int32, int64 in either byte order ('|i1', '<i2', '>i4', ...), or uint8...uint64 when no LF abstains"

    static func decode(_ raw: UnsafeRawBufferPointer, classCount: Int?, file: String) throws -> Result {
        func fail(_ field: String?, _ message: String) -> WSLabelError {
            .malformedInput(SourceLocation(file: file, field: field), message)
        }
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard raw.count >= 8, raw.prefix(6).elementsEqual(magic) else {
            if raw.count >= 4, raw.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
                throw fail(nil, "not a NumPy .npy file: this is a zip archive (an .npz?); save one array with np.save instead")
            }
            throw fail(nil, "not a NumPy .npy file: it does not start with the magic bytes \\x93NUMPY")
        }
        let major = raw[6], minor = raw[7]
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: throw fail(nil, "unsupported .npy format version \(major).\(minor); supported are 1.0, 2.0 and 3.0")
        }
        guard raw.count >= 8 + lengthBytes else {
            throw fail("header", "truncated: the file ends inside the header length")
        }
        var headerLength = 0
        for byte in (0..<lengthBytes).reversed() { headerLength = headerLength << 8 | Int(raw[8 + byte]) }
        let headerStart = 8 + lengthBytes
        guard raw.count - headerStart >= headerLength else {
            throw fail("header", "truncated: the header needs \(headerLength) bytes, found \(raw.count - headerStart)")
        }
        let header = try NPYHeader(Array(raw[headerStart..<headerStart + headerLength]), isUTF8: major >= 3, file: file)
        let type = try parseDescr(header.descr, file: file)
        guard header.shape.count == 2 else {
            let shape = header.shape.count == 1 ? "(\(header.shape[0]),)" : "(\(header.shape.map(String.init).joined(separator: ", ")))"
            throw fail("shape", "expected a 2-D array of shape (items, LFs), found \(header.shape.count)-D shape \(shape)")
        }
        let rows = header.shape[0], lfs = header.shape[1]
        guard lfs <= VoteMatrix.maxLFCount else {
            throw fail("shape", "the array has \(lfs) LF columns; a vote matrix holds at most \(VoteMatrix.maxLFCount) (is it transposed?)")
        }
        // Without columns no data backs the rows: a header alone could claim a row table of terabytes.
        guard lfs > 0 || rows == 0 else {
            throw fail("shape", "shape (\(rows), 0) has no LF columns, so it holds no votes; save the array of LF votes, one column per LF")
        }
        let (cells, cellsOverflow) = rows.multipliedReportingOverflow(by: lfs)
        let (expected, bytesOverflow) = cells.multipliedReportingOverflow(by: type.byteCount)
        let dataStart = headerStart + headerLength
        let found = raw.count - dataStart
        guard !cellsOverflow, !bytesOverflow, found >= expected else {
            throw fail(nil, "truncated data: shape (\(rows), \(lfs)) of \(type.name) needs \(cellsOverflow || bytesOverflow ? "more than \(Int.max)" : "\(expected)") bytes after the header, found \(found)")
        }
        let cellBytes = UnsafeRawBufferPointer(rebasing: raw[dataStart..<dataStart + expected])
        let layout = Layout(rows: rows, lfs: lfs, fortranOrder: header.fortranOrder)
        let limit = (classCount ?? VoteMatrix.maxClassCount) - 1
        switch (type.byteCount, type.isSigned, type.isBigEndian) {
        case (1, true, _): return try decode(LittleEndian<Int8>.self, cellBytes, layout, type, limit, classCount, file)
        case (1, false, _): return try decode(LittleEndian<UInt8>.self, cellBytes, layout, type, limit, classCount, file)
        case (2, true, false): return try decode(LittleEndian<Int16>.self, cellBytes, layout, type, limit, classCount, file)
        case (2, true, true): return try decode(BigEndian<Int16>.self, cellBytes, layout, type, limit, classCount, file)
        case (2, false, false): return try decode(LittleEndian<UInt16>.self, cellBytes, layout, type, limit, classCount, file)
        case (2, false, true): return try decode(BigEndian<UInt16>.self, cellBytes, layout, type, limit, classCount, file)
        case (4, true, false): return try decode(LittleEndian<Int32>.self, cellBytes, layout, type, limit, classCount, file)
        case (4, true, true): return try decode(BigEndian<Int32>.self, cellBytes, layout, type, limit, classCount, file)
        case (4, false, false): return try decode(LittleEndian<UInt32>.self, cellBytes, layout, type, limit, classCount, file)
        case (4, false, true): return try decode(BigEndian<UInt32>.self, cellBytes, layout, type, limit, classCount, file)
        case (8, true, false): return try decode(LittleEndian<Int64>.self, cellBytes, layout, type, limit, classCount, file)
        case (8, true, true): return try decode(BigEndian<Int64>.self, cellBytes, layout, type, limit, classCount, file)
        case (8, false, false): return try decode(LittleEndian<UInt64>.self, cellBytes, layout, type, limit, classCount, file)
        default: return try decode(BigEndian<UInt64>.self, cellBytes, layout, type, limit, classCount, file)
        }
    }

    /// Reads a dtype string such as `<i4`; only integer kinds of 1, 2, 4 or 8 bytes pass.
    static func parseDescr(_ descr: String, file: String) throws -> ElementType {
        var text = Substring(descr)
        var order: Character = "|"
        if let first = text.first, "<>|=".contains(first) {
            order = first
            text = text.dropFirst()
        }
        if let kind = text.first, kind == "i" || kind == "u", let size = Int(text.dropFirst()), [1, 2, 4, 8].contains(size) {
            let nativeBig = 1.bigEndian == 1
            return ElementType(byteCount: size, isSigned: kind == "i", isBigEndian: order == ">" || (order != "<" && nativeBig))
        }
        throw WSLabelError.malformedInput(
            SourceLocation(file: file, field: "descr"),
            "unsupported dtype '\(descr)'\(describeKind(text)); supported: \(supportedTypes). Convert first, e.g. np.save(path, L.astype(np.int16))")
    }

    private static func describeKind(_ text: Substring) -> String {
        switch text.first {
        case "f": " (floating point)"
        case "b": " (boolean)"
        case "O": " (Python objects)"
        case "U", "S": " (strings)"
        case "c": " (complex)"
        case "i", "u": " (integer width not 1, 2, 4 or 8 bytes)"
        default: ""
        }
    }

    /// Where cell `(row, lf)` lies in the data: C order is row-major, Fortran order column-major.
    struct Layout {
        var rows: Int
        var lfs: Int
        var fortranOrder: Bool

        /// The row and LF of the `index`th element in file order.
        func position(ofElement index: Int) -> (row: Int, lf: Int) {
            fortranOrder ? (index % rows, index / rows) : (index / lfs, index % lfs)
        }
    }

    /// Validates every vote, then fills CSR storage. Pass 1 runs over the bytes in file order
    /// without branches (count of votes, smallest and largest value), so it vectorizes; only a
    /// file with a bad value is scanned again to find the first one. Pass 2 writes the rows into
    /// arrays allocated once at their final size, again without a branch per cell.
    private static func decode<E: NPYElement>(
        _: E.Type, _ raw: UnsafeRawBufferPointer, _ layout: Layout, _ type: ElementType,
        _ limit: Int, _ classCount: Int?, _ file: String
    ) throws -> Result {
        let cells = layout.rows * layout.lfs
        var voteCount = 0
        var smallest = VoteMatrix.abstain
        var largest = VoteMatrix.abstain
        var bad: Int?
        if let base = raw.baseAddress {
            for index in 0..<cells {
                let vote = E.load(base, index)
                voteCount &+= vote == VoteMatrix.abstain ? 0 : 1
                smallest = min(smallest, vote)
                largest = max(largest, vote)
            }
            if smallest < VoteMatrix.abstain || largest > limit {
                // One unsigned comparison rejects both votes below -1 and votes above the limit.
                bad = (0..<cells).first { UInt(bitPattern: E.load(base, $0) &+ 1) > UInt(limit &+ 1) }
            }
        }
        if let bad, let base = raw.baseAddress {
            let (row, lf) = layout.position(ofElement: bad)
            let value = E.describe(base, bad)
            let expectation: String
            if let classCount {
                expectation = "expected -1 (abstain) or a class 0..<\(classCount)"
            } else {
                expectation = "expected -1 (abstain) or a class 0..<\(VoteMatrix.maxClassCount) (the most classes a vote matrix holds)"
            }
            let unsignedNote = type.isSigned ? "" : "; the file's dtype \(type.name) is unsigned, so abstains cannot be -1 (save with a signed dtype such as int8)"
            throw WSLabelError.malformedInput(
                SourceLocation(file: file, record: "row \(row)", field: "LF \(lf)"),
                "vote \(value) is out of range: \(expectation)\(unsignedNote)")
        }
        let inferred = classCount ?? max(2, largest + 1)
        var rowStarts = [Int](repeating: 0, count: layout.rows + 1)
        // One spare slot: pass 2 writes every cell's LF and vote at `next` and advances only for votes.
        var lfIndices = [UInt16](repeating: 0, count: voteCount + 1)
        var classVotes = [UInt8](repeating: 0, count: voteCount + 1)
        if let base = raw.baseAddress, voteCount > 0 {
            rowStarts.withUnsafeMutableBufferPointer { starts in
                lfIndices.withUnsafeMutableBufferPointer { lfOut in
                    classVotes.withUnsafeMutableBufferPointer { voteOut in
                        var next = 0
                        // Strides between consecutive LFs of a row and between consecutive rows.
                        let (lfStride, rowStride) = layout.fortranOrder ? (layout.rows, 1) : (1, layout.lfs)
                        for row in 0..<layout.rows {
                            var index = row &* rowStride
                            for lf in 0..<layout.lfs {
                                let vote = E.load(base, index)
                                index &+= lfStride
                                // Pass 1 validated every value and counted exactly `voteCount` votes,
                                // so `next` stays within the buffers.
                                lfOut[next] = UInt16(truncatingIfNeeded: lf)
                                voteOut[next] = UInt8(truncatingIfNeeded: vote)
                                // 0 for -1 (abstain), 1 for a class 0...254: arithmetic, so no branch to mispredict.
                                next &+= (vote &+ 256) &>> 8
                            }
                            starts[row + 1] = next
                        }
                    }
                }
            }
        }
        lfIndices.removeLast()
        classVotes.removeLast()
        return Result(lfCount: layout.lfs, classCount: inferred, rowStarts: rowStarts, lfIndices: lfIndices, classVotes: classVotes)
    }
}

/// One element type of `.npy` data, decoded to `Int` (values beyond `Int` clamp, and are then
/// rejected as out of range).
protocol NPYElement {
    /// The `index`th element at `base`, which need not be aligned.
    static func load(_ base: UnsafeRawPointer, _ index: Int) -> Int
    /// The exact value of the `index`th element, for messages.
    static func describe(_ base: UnsafeRawPointer, _ index: Int) -> String
}

struct LittleEndian<T: FixedWidthInteger>: NPYElement {
    @inline(__always) static func value(_ base: UnsafeRawPointer, _ index: Int) -> T {
        T(littleEndian: base.loadUnaligned(fromByteOffset: index &* MemoryLayout<T>.size, as: T.self))
    }
    @inline(__always) static func load(_ base: UnsafeRawPointer, _ index: Int) -> Int { Int(clamping: value(base, index)) }
    static func describe(_ base: UnsafeRawPointer, _ index: Int) -> String { "\(value(base, index))" }
}

struct BigEndian<T: FixedWidthInteger>: NPYElement {
    @inline(__always) static func value(_ base: UnsafeRawPointer, _ index: Int) -> T {
        T(bigEndian: base.loadUnaligned(fromByteOffset: index &* MemoryLayout<T>.size, as: T.self))
    }
    @inline(__always) static func load(_ base: UnsafeRawPointer, _ index: Int) -> Int { Int(clamping: value(base, index)) }
    static func describe(_ base: UnsafeRawPointer, _ index: Int) -> String { "\(value(base, index))" }
}
