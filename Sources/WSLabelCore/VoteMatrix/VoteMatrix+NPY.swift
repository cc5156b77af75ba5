import Foundation

/// The integer element types ``VoteMatrix/writeNPY(to:dtype:)`` can write, always little-endian.
///
/// ```swift
/// NPYIntegerType.int16.descr                     // "<i2"
/// NPYIntegerType.smallest(forClassCount: 200)    // .int16
/// ```
public enum NPYIntegerType: String, Sendable, CaseIterable {
    case int8, int16, int32, int64

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .int8: 1
        case .int16: 2
        case .int32: 4
        case .int64: 8
        }
    }

    /// The NumPy dtype string of the header, e.g. `<i1` (`|i1` is the same type; NumPy writes it so).
    public var descr: String { byteCount == 1 ? "|i1" : "<i\(byteCount)" }

    /// The largest value the type holds.
    public var maxValue: Int { byteCount == 8 ? Int(Int64.max) : (1 << (8 * byteCount - 1)) - 1 }

    /// The narrowest type holding every vote (`-1..<classCount`): `int8` up to 128 classes, else `int16`.
    public static func smallest(forClassCount classCount: Int) -> NPYIntegerType {
        classCount - 1 <= Int(Int8.max) ? .int8 : .int16
    }
}

extension VoteMatrix {
    /// Reads a dense NumPy `.npy` file of shape `(items, LFs)`, abstain as -1: what Snorkel users
    /// save with `np.save("L_train.npy", L_train)`.
    ///
    /// Accepts format versions 1.0, 2.0 and 3.0; dtypes `int8`, `int16`, `int32`, `int64` in
    /// either byte order (`|i1`, `<i2`, `>i4`, `=i8`, ...), and unsigned `uint8`...`uint64` as long
    /// as every value is a valid class (an unsigned array cannot hold the abstain vote -1); C or
    /// Fortran order. Bytes after the array (a second `np.save` into the same file) are ignored.
    ///
    /// ```swift
    /// // python: np.save("L.npy", np.array([[0, -1], [1, 1]], dtype=np.int8))
    /// let votes = try VoteMatrix(npyFile: URL(fileURLWithPath: "L.npy"), classCount: nil)
    /// votes.classCount          // 2 (max vote + 1)
    /// votes.vote(row: 0, lf: 1) // -1
    /// ```
    ///
    /// - Parameters:
    ///   - url: The `.npy` file.
    ///   - classCount: The number of classes; `nil` infers the largest vote + 1 (at least 2),
    ///     which undercounts when the last classes get no votes.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read;
    ///   ``WSLabelError/malformedInput(_:_:)`` naming the file (and for a bad vote its row and
    ///   LF column) for a file that is not `.npy`, an unsupported dtype or format version, an
    ///   array that is not 2-D, truncated data (expected vs found bytes), or a vote outside
    ///   `-1..<classCount`; ``WSLabelError/invalidArgument(_:)`` for a `classCount` outside 2...255.
    /// - Complexity: O(items × LFs), two tight passes over the file's bytes held in memory once;
    ///   no allocation per cell.
    public init(npyFile url: URL, classCount: Int? = nil) throws {
        if let classCount { try Self.validateShape(lfCount: 0, classCount: classCount) }
        let data = try readData(url)
        let file = url.path
        let parsed = try data.withUnsafeBytes { raw in
            try NPYDecoding.decode(raw, classCount: classCount, file: file)
        }
        try self.init(lfCount: parsed.lfCount, classCount: parsed.classCount)
        rowStarts = parsed.rowStarts
        lfIndices = parsed.lfIndices
        classVotes = parsed.classVotes
    }

    /// Writes the matrix as a dense NumPy `.npy` file (format 1.0, little-endian, C order, abstain
    /// as -1) that `np.load` reads as an `(items, LFs)` integer array. The file is replaced
    /// atomically.
    ///
    /// ```swift
    /// try votes.writeNPY(to: URL(fileURLWithPath: "L_train.npy"))   // int8 for ≤ 128 classes
    /// // python: L = np.load("L_train.npy")
    /// ```
    ///
    /// - Parameters:
    ///   - url: The file to write.
    ///   - dtype: The element type; `nil` picks ``NPYIntegerType/smallest(forClassCount:)``.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `dtype` cannot hold the largest class;
    ///   ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written.
    /// - Complexity: O(items × LFs) time and bytes: the dense array is built in memory first.
    public func writeNPY(to url: URL, dtype: NPYIntegerType? = nil) throws {
        try AtomicFile.write(npyData(dtype: dtype), to: url)
    }

    /// The bytes ``writeNPY(to:dtype:)`` writes.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `dtype` cannot hold the largest class
    ///   or the array would not fit in memory.
    public func npyData(dtype: NPYIntegerType? = nil) throws -> Data {
        let type = dtype ?? .smallest(forClassCount: classCount)
        guard classCount - 1 <= type.maxValue else {
            throw WSLabelError.invalidArgument(
                "dtype \(type.rawValue) cannot hold class \(classCount - 1) of a \(classCount)-class vote matrix; use \(NPYIntegerType.smallest(forClassCount: classCount).rawValue) or wider")
        }
        var header = Array("{'descr': '\(type.descr)', 'fortran_order': False, 'shape': (\(rowCount), \(lfCount)), }".utf8)
        // Magic (6) + version (2) + length (2) + header + padding + "\n", a multiple of 64 as NumPy writes.
        let unpadded = 10 + header.count + 1
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (64 - unpadded % 64) % 64))
        header.append(UInt8(ascii: "\n"))
        let (cells, cellsOverflow) = rowCount.multipliedReportingOverflow(by: lfCount)
        let (dataBytes, bytesOverflow) = cells.multipliedReportingOverflow(by: type.byteCount)
        guard !cellsOverflow, !bytesOverflow, dataBytes <= Int.max - 10 - header.count else {
            throw WSLabelError.invalidArgument("a \(rowCount) × \(lfCount) \(type.rawValue) array is too large to write")
        }
        let headerStart = 10
        let dataStart = headerStart + header.count
        // 0xFF in every byte is -1 (abstain) in two's complement at every width.
        var data = Data(repeating: 0xFF, count: dataStart + dataBytes)
        data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            let prefix: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0,
                                   UInt8(truncatingIfNeeded: header.count), UInt8(truncatingIfNeeded: header.count >> 8)]
            for (offset, byte) in prefix.enumerated() { raw[offset] = byte }
            for (offset, byte) in header.enumerated() { raw[headerStart + offset] = byte }
            let size = type.byteCount
            for row in 0..<rowCount {
                let rowBase = dataStart + row * lfCount * size
                for index in rowStarts[row]..<rowStarts[row + 1] {
                    // Little-endian non-negative vote: low byte first, zeros above.
                    let cell = rowBase + Int(lfIndices[index]) * size
                    raw[cell] = classVotes[index]
                    for byte in 1..<size { raw[cell + byte] = 0 }
                }
            }
        }
        return data
    }
}

/// The whole content of a file as `Data` (one copy, no `[UInt8]` conversion), or a
/// ``WSLabelError/fileAccess(path:_:)`` saying why not.
func readData(_ url: URL) throws -> Data {
    do {
        return try Data(contentsOf: url)
    } catch {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        throw WSLabelError.fileAccess(path: url.path, !exists ? "no such file" : isDirectory.boolValue ? "is a folder, not a file" : "cannot be read")
    }
}

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

/// The header of an `.npy` file: a Python dict literal such as
/// `{'descr': '<i1', 'fortran_order': False, 'shape': (3, 4), }`.
struct NPYHeader {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    private enum Value {
        case string(String)
        case bool(Bool)
        case tuple([Int])
        case other(String)
    }

    init(_ bytes: [UInt8], isUTF8: Bool, file: String) throws {
        func fail(_ message: String) -> WSLabelError {
            .malformedInput(SourceLocation(file: file, field: "header"), "malformed .npy header: \(message)")
        }
        var text: String
        if isUTF8 {
            guard let decoded = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8") }
            text = decoded
        } else {
            text = String(bytes.map { Character(Unicode.Scalar($0)) })  // Latin-1
        }
        var scanner = PythonLiteralScanner(text: Array(text.unicodeScalars))
        var members: [String: Value] = [:]
        scanner.skipSpace()
        guard scanner.consume("{") else { throw fail("expected a dict literal, found \(text.prefix(40).debugDescription)") }
        while true {
            scanner.skipSpace()
            if scanner.consume("}") { break }
            guard let key = scanner.string() else { throw fail("expected a quoted key at offset \(scanner.position)") }
            scanner.skipSpace()
            guard scanner.consume(":") else { throw fail("expected ':' after '\(key)'") }
            scanner.skipSpace()
            let value: Value
            if let string = scanner.string() {
                value = .string(string)
            } else if scanner.peek == "(" {
                guard let tuple = scanner.intTuple() else { throw fail("the value of '\(key)' is not a tuple of integers") }
                value = .tuple(tuple)
            } else {
                let raw = scanner.rawValue()
                value = raw == "True" ? .bool(true) : raw == "False" ? .bool(false) : .other(raw)
            }
            members[key] = value
            scanner.skipSpace()
            if scanner.consume(",") { continue }
            guard scanner.consume("}") else { throw fail("expected ',' or '}' after the value of '\(key)'") }
            break
        }
        switch members["descr"] {
        case let .string(descr)?: self.descr = descr
        case let .other(raw)?:
            throw WSLabelError.malformedInput(SourceLocation(file: file, field: "descr"),
                                              "unsupported dtype \(raw) (a structured or record dtype); supported: \(NPYDecoding.supportedTypes)")
        default: throw fail("missing 'descr'")
        }
        guard case let .bool(fortranOrder)? = members["fortran_order"] else { throw fail("missing or non-boolean 'fortran_order'") }
        self.fortranOrder = fortranOrder
        guard case let .tuple(shape)? = members["shape"] else { throw fail("missing 'shape' tuple") }
        self.shape = shape
    }
}

/// Just enough of Python literal syntax for `.npy` headers: quoted strings, tuples of integers
/// (with Python 2's `L` suffix), and other values skipped as raw text.
private struct PythonLiteralScanner {
    var text: [Unicode.Scalar]
    var position = 0

    var peek: Unicode.Scalar? { position < text.count ? text[position] : nil }

    mutating func skipSpace() {
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { position += 1 }
    }

    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        position += 1
        return true
    }

    /// A `'...'` or `"..."` string, with backslash escapes taken literally.
    mutating func string() -> String? {
        guard let quote = peek, quote == "'" || quote == "\"" else { return nil }
        var end = position + 1
        var result = String.UnicodeScalarView()
        while end < text.count, text[end] != quote {
            if text[end] == "\\", end + 1 < text.count { end += 1 }
            result.append(text[end])
            end += 1
        }
        guard end < text.count else { return nil }
        position = end + 1
        return String(result)
    }

    /// `(3, 4)`, `(3,)`, `()` or `(3L, 4L)`.
    mutating func intTuple() -> [Int]? {
        guard consume("(") else { return nil }
        var values: [Int] = []
        while true {
            skipSpace()
            if consume(")") { return values }
            var digits = ""
            while let scalar = peek, ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                position += 1
            }
            guard let value = Int(digits) else { return nil }
            _ = consume("L") || consume("l")
            values.append(value)
            skipSpace()
            if consume(",") { continue }
            guard consume(")") else { return nil }
            return values
        }
    }

    /// Text up to the next `,` or `}` outside brackets and quotes (e.g. `True`, or a list).
    mutating func rawValue() -> String {
        let start = position
        var depth = 0
        while let scalar = peek {
            if depth == 0, scalar == "," || scalar == "}" { break }
            if scalar == "'" || scalar == "\"" {
                if string() == nil { position = text.count }
                continue
            }
            if scalar == "(" || scalar == "[" || scalar == "{" { depth += 1 }
            if scalar == ")" || scalar == "]" || scalar == "}" { depth -= 1 }
            position += 1
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text[start..<position])
        return String(result).trimmingCharacters(in: .whitespaces)
    }
}
