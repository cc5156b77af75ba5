import WSLabelCore

/// Decodes one JSONL record straight from its bytes into an item's parts, without building a
/// JSON tree: the fast path of ``JSONLItemDecoder``.
///
/// It scans the line once, decoding each value to the text the reader stores for it (strings
/// as they are, numbers and booleans as JSON writes them, arrays and objects as compact JSON);
/// of duplicate keys, the first counts. ``record(_:)`` keeps the id, text and gold; the item
/// keeps the line, and ``fields(_:)`` decodes the rest when ``Item/fields`` is asked for.
///
/// It only ever accepts records that ``JSONParser`` accepts, and then gives the very fields,
/// id, text and gold the reader's tree-based path gives. Anything else (invalid JSON or UTF-8, nesting
/// deeper than ``maxContainerDepth``, a missing or mistyped id, text or gold value) makes it
/// return `nil`,
/// and the reader decodes the line the slow way, which either reports the precise error (with
/// its column) or, for the few valid records this scanner leaves alone, decodes it. So the
/// fast path never changes what a file means, only how long reading it takes (the
/// `jsonl-items` fuzz target of `scripts/fuzz.sh` checks this against the parser).
package struct JSONLRecordScanner {
    /// The parts of an item that one record holds (its other fields stay in the record, for
    /// ``Item/fields`` to decode on use).
    package struct Record {
        package var text: String
        /// The id field's value; `nil` when the source numbers items instead.
        package var id: String?
        package var gold: String?
    }

    /// A record whose text stays bytes (``borrowedRecord(_:)``): no string is made of it.
    package struct BorrowedRecord {
        /// The text's bytes in the line (no escapes in it); `nil` when it had escapes, and
        /// ``unescapedText`` holds it decoded.
        package var textRange: Range<Int>?
        /// The id field's value; `nil` when the source numbers items instead.
        package var id: String?
        package var gold: String?
    }

    /// What a value was, for the checks on the id, text and gold fields.
    private enum Kind { case string, scalar, container, null }

    /// Arrays and objects nested deeper than this go to the slow path: far below the parser's
    /// own limit (512), so both paths agree on which records are too deep.
    static let maxContainerDepth = 256

    private let textField: String
    private let idField: String?
    private let goldField: String?
    /// The line being scanned and the offset of the next byte.
    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var position = 0
    /// The decoded bytes of a string with escapes; reused from string to string.
    private var unescaped: [UInt8] = []
    /// The decoded text of the last ``borrowedRecord(_:)`` whose text had escapes.
    private(set) package var unescapedText: [UInt8] = []
    /// Where the text of the record being borrowed was found.
    private var borrowedText = TextPlace.notFound
    private enum TextPlace: Equatable { case notFound, line(Range<Int>), unescaped }
    /// The number of fields of the previous record: records of one file tend to have the same
    /// fields, so each field table is made that large up front instead of growing.
    private var lastFieldCount = 0
    /// The keys of earlier records by their place in the record (the first key, the second, …):
    /// records of one file tend to repeat their keys in order, so a key whose bytes match the
    /// one remembered for its place is taken as it is, neither validated nor made again.
    private var knownKeys: [Key] = []
    private static let maxKnownKeys = 64

    /// A key as this scanner uses it: its string, and whether it names the text, id or gold field.
    private struct Key {
        /// The key's bytes between its quotes, without escapes.
        var bytes: [UInt8]
        var string: String
        var isText: Bool
        var isID: Bool
        var isGold: Bool
    }

    package init(source: ItemSource) {
        textField = source.textField
        idField = source.idField
        goldField = source.goldField
    }

    /// The record on `line` (a whole line without its line feed, not blank), or `nil` when the
    /// slow path must decode it.
    package mutating func record(_ line: UnsafeBufferPointer<UInt8>) -> Record? {
        // The first value of each of these keys, null too: later ones are ignored.
        var text: (kind: Kind, value: String?)?, id: (kind: Kind, value: String?)?, gold: (kind: Kind, value: String?)?
        let scanned = scanObject(line) { key, kind, value in
            if key.isText && text == nil { text = (kind, value) }
            if key.isID && id == nil { id = (kind, value) }
            if key.isGold && gold == nil { gold = (kind, value) }
        }
        guard scanned else { return nil }

        guard let text, text.kind == .string, let textValue = text.value else { return nil }
        var record = Record(text: textValue)
        if idField != nil {
            guard let id, id.kind == .string || id.kind == .scalar, let idValue = id.value, !idValue.isEmpty else { return nil }
            record.id = idValue
        }
        if let gold, gold.kind != .null {
            guard gold.kind != .container, let goldValue = gold.value else { return nil }
            record.gold = goldValue.isEmpty ? nil : goldValue
        }
        return record
    }

    /// The record on `line` as ``record(_:)`` reads it, but with its text left as bytes,
    /// validated as UTF-8 and unescaped only when it has escapes: the parts an ``ItemView``
    /// over the line needs, with no string made of the text. `nil` exactly when ``record(_:)``
    /// gives `nil`.
    package mutating func borrowedRecord(_ line: UnsafeBufferPointer<UInt8>) -> BorrowedRecord? {
        var text: Kind?, id: (kind: Kind, value: String?)?, gold: (kind: Kind, value: String?)?
        borrowedText = .notFound
        let scanned = scanObject(line, textAsBytes: true) { key, kind, value in
            if key.isText && text == nil { text = kind }
            if key.isID && id == nil { id = (kind, value) }
            if key.isGold && gold == nil { gold = (kind, value) }
        }
        guard scanned, text == .string else { return nil }
        var record: BorrowedRecord
        switch borrowedText {
        case .notFound: return nil
        case let .line(range): record = BorrowedRecord(textRange: range)
        case .unescaped: record = BorrowedRecord(textRange: nil)
        }
        if idField != nil {
            guard let id, id.kind == .string || id.kind == .scalar, let idValue = id.value, !idValue.isEmpty else { return nil }
            record.id = idValue
        }
        if let gold, gold.kind != .null {
            guard gold.kind != .container, let goldValue = gold.value else { return nil }
            record.gold = goldValue.isEmpty ? nil : goldValue
        }
        return record
    }

    /// Every field of the record on `line`, as ``Item/fields`` holds them: the first value of
    /// each key as text, keys whose first value is null left out; `nil` when the slow path
    /// must decode it.
    package mutating func fields(_ line: UnsafeBufferPointer<UInt8>) -> [String: String]? {
        var fields = [String: String](minimumCapacity: lastFieldCount)
        // Keys whose first value was null: later values of theirs are ignored too.
        var nullKeys: Set<String> = []
        let scanned = scanObject(line) { key, _, value in
            // `updateValue` hashes the key once in the common case of a new key; a duplicate
            // puts the earlier value back.
            if let value {
                if let earlier = fields.updateValue(value, forKey: key.string) {
                    fields[key.string] = earlier
                } else if !nullKeys.isEmpty && nullKeys.contains(key.string) {
                    fields[key.string] = nil
                }
            } else if fields[key.string] == nil {
                nullKeys.insert(key.string)
            }
        }
        guard scanned else { return nil }
        lastFieldCount = fields.count
        return fields
    }

    /// Scans the JSON object on `line`, calling `member` with each key, in order, and its
    /// value's kind and text; `false` when the line is not a valid object (or is beyond this
    /// scanner: the slow path must decode it).
    ///
    /// With `textAsBytes`, the first string value of the text key is not made a string:
    /// `member` gets `""` for it, and ``borrowedText`` says where its bytes are.
    @inline(__always)
    private mutating func scanObject(_ line: UnsafeBufferPointer<UInt8>, textAsBytes: Bool = false,
                                     _ member: (Key, Kind, String?) -> Void) -> Bool {
        bytes = line
        position = 0
        defer { bytes = UnsafeBufferPointer(start: nil, count: 0) }

        skipWhitespace()
        guard next == Self.openBrace else { return false }
        position += 1
        skipWhitespace()
        if next == Self.closeBrace {
            position += 1
        } else {
            var memberIndex = 0
            while true {
                skipWhitespace()
                guard next == Self.quote, let key = key(at: memberIndex) else { return false }
                memberIndex += 1
                skipWhitespace()
                guard next == Self.colon else { return false }
                position += 1
                skipWhitespace()
                if textAsBytes, key.isText, borrowedText == .notFound, next == Self.quote {
                    guard textBytes() else { return false }
                    member(key, .string, "")
                } else {
                    guard let (kind, value) = self.value() else { return false }
                    member(key, kind, value)
                }

                skipWhitespace()
                if next == Self.comma {
                    position += 1
                } else if next == Self.closeBrace {
                    position += 1
                    break
                } else {
                    return false
                }
            }
        }
        skipWhitespace()
        return position == bytes.count
    }

    // MARK: - Values

    /// The value at `position` as the text the reader stores (`nil` for null), with its kind;
    /// `nil` when it is invalid.
    private mutating func value() -> (Kind, String?)? {
        guard let byte = next else { return nil }
        switch byte {
        case Self.quote:
            return string().map { (.string, $0) }
        case UInt8(ascii: "t"):
            return literal("true") ? (.scalar, "true") : nil
        case UInt8(ascii: "f"):
            return literal("false") ? (.scalar, "false") : nil
        case UInt8(ascii: "n"):
            return literal("null") ? (.null, nil) : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number().map { (.scalar, $0) }
        case UInt8(ascii: "["), Self.openBrace:
            return container().map { (.container, $0) }
        default:
            return nil
        }
    }

    /// The key whose opening quote is at `position`, the record's `memberIndex`-th; `nil` when
    /// it is invalid.
    private mutating func key(at memberIndex: Int) -> Key? {
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != Self.quote, bytes[end] != Self.backslash, bytes[end] >= 0x20 { end += 1 }
        let isPlain = end < bytes.count && bytes[end] == Self.quote
        if isPlain, memberIndex < knownKeys.count,
           knownKeys[memberIndex].bytes.withUnsafeBufferPointer({ $0.elementsEqual(UnsafeBufferPointer(rebasing: bytes[start..<end])) }) {
            position = end + 1
            return knownKeys[memberIndex]
        }
        guard let string = string() else { return nil }
        let key = Key(bytes: isPlain ? Array(bytes[start..<end]) : [], string: string,
                      isText: string == textField, isID: string == idField, isGold: string == goldField)
        // Only keys without escapes are remembered: their bytes are the key.
        if isPlain, memberIndex < Self.maxKnownKeys {
            if memberIndex < knownKeys.count {
                knownKeys[memberIndex] = key
            } else if memberIndex == knownKeys.count {
                knownKeys.append(key)
            }
        }
        return key
    }

    /// The string whose opening quote is at `position`, unescaped; `nil` when it is invalid.
    private mutating func string() -> String? {
        switch stringContent() {
        case let .plain(range)?: return utf8String(UnsafeBufferPointer(rebasing: bytes[range]))
        case let .escaped(start)?: return escapedString(from: start)
        case nil: return nil  // a control character, or the line's end
        }
    }

    /// Reads the string whose opening quote is at `position` as ``string()`` does, without
    /// making it a string: sets ``borrowedText`` to its bytes' range in the line, or, when it
    /// has escapes, to ``unescapedText`` holding it decoded. `false` when it is invalid
    /// (exactly when ``string()`` gives `nil`).
    private mutating func textBytes() -> Bool {
        switch stringContent() {
        case let .plain(range)?:
            guard isValidUTF8(UnsafeBufferPointer(rebasing: bytes[range])) else { return false }
            borrowedText = .line(range)
            return true
        case let .escaped(start)?:
            guard unescape(from: start), unescaped.withUnsafeBufferPointer(isValidUTF8) else { return false }
            // Kept aside: later strings with escapes reuse `unescaped`.
            swap(&unescaped, &unescapedText)
            borrowedText = .unescaped
            return true
        case nil:
            return false  // a control character, or the line's end
        }
    }

    /// How a string's content begins: a run of plain bytes up to its closing quote, or plain
    /// bytes up to a first backslash.
    private enum StringContent {
        /// The whole content, without escapes; `position` is past the closing quote.
        case plain(Range<Int>)
        /// The content starts at `start` and has an escape; `position` is at its first backslash.
        case escaped(start: Int)
    }

    /// Moves past the opening quote at `position` and over the string's plain bytes (a word at
    /// a time where it can); `nil` at a control character or the line's end.
    @inline(__always)  // once per string of every record
    private mutating func stringContent() -> StringContent? {
        position += 1
        let start = position
        skipPlainWords()
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote || byte == Self.backslash || byte < 0x20 { break }
            position += 1
        }
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case Self.quote:
            position += 1
            return .plain(start..<position - 1)
        case Self.backslash:
            return .escaped(start: start)
        default:
            return nil
        }
    }

    /// The rest of a string with escapes, `start` being just after its opening quote and
    /// `position` at its first backslash. Escapes decode as ``JSONParser`` decodes them.
    private mutating func escapedString(from start: Int) -> String? {
        guard unescape(from: start) else { return nil }
        return unescaped.withUnsafeBufferPointer(utf8String)
    }

    /// Decodes the rest of a string with escapes into ``unescaped`` (`start` and `position` as
    /// for ``escapedString(from:)``), up to and past its closing quote; `false` when it is
    /// invalid. The bytes are not validated as UTF-8 here.
    private mutating func unescape(from start: Int) -> Bool {
        unescaped.removeAll(keepingCapacity: true)
        var plainStart = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                unescaped.append(contentsOf: bytes[plainStart..<position])
                position += 1
                return true
            }
            guard byte >= 0x20 else { return false }
            guard byte == Self.backslash else {
                position += 1
                continue
            }
            unescaped.append(contentsOf: bytes[plainStart..<position])
            position += 1
            guard position < bytes.count else { return false }
            let escape = bytes[position]
            position += 1
            switch escape {
            case Self.quote, Self.backslash, UInt8(ascii: "/"): unescaped.append(escape)
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex4() else { return false }
                if (0xD800..<0xDC00).contains(code) {
                    // A high surrogate must be followed by an escaped low one.
                    guard next == Self.backslash else { return false }
                    position += 1
                    guard next == UInt8(ascii: "u") else { return false }
                    position += 1
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return false }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(code) {
                    return false
                }
                guard let scalar = Unicode.Scalar(code) else { return false }
                UTF8.encode(scalar) { unescaped.append($0) }
            default:
                return false
            }
            plainStart = position
        }
        return false
    }

    /// Four hex digits at `position`, consumed.
    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// The number at `position` as the reader writes numbers (``JSONValue``'s serialization),
    /// read by ``JSONParser``'s rules: it accepts the same digits (leading zeros too) and reads
    /// them as the same `Double`.
    private mutating func number() -> String? {
        let start = position
        if next == UInt8(ascii: "-") { position += 1 }
        var integer: Int64 = 0, simple = true, digits = 0
        while let byte = next, byte &- UInt8(ascii: "0") < 10 {
            if digits < 18 { integer = integer * 10 + Int64(byte - UInt8(ascii: "0")) } else { simple = false }
            digits += 1
            position += 1
        }
        guard digits > 0 else { return nil }
        if let byte = next, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            simple = false
            position += 1
            while let byte = next, byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                position += 1
            }
        }
        let value: Double
        if simple {
            let signed = bytes[start] == UInt8(ascii: "-") ? -integer : integer
            // What the serialization writes for an integral Double below 10^15 (`-0` too: "0").
            if signed.magnitude < 1_000_000_000_000_000 { return String(signed) }
            value = Double(signed)
        } else {
            guard let parsed = Double(String(decoding: bytes[start..<position], as: UTF8.self)), parsed.isFinite else { return nil }
            value = parsed
        }
        return JSONValue.number(value).serialized
    }

    /// Whether `word` is at `position` (consumed if so).
    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
              word.withUTF8Buffer({ bytes[position..<position + count].elementsEqual($0) }) else { return false }
        position += count
        return true
    }

    /// The array or object at `position` as compact JSON. Its end is found by counting brackets
    /// outside strings; the parser then reads just that span and writes it out, so nested
    /// values come out exactly as the slow path writes them. `nil` when it is invalid or
    /// deeper than ``maxContainerDepth``.
    private mutating func container() -> String? {
        let start = position
        var depth = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "["), Self.openBrace:
                depth += 1
                guard depth <= Self.maxContainerDepth else { return nil }
            case UInt8(ascii: "]"), Self.closeBrace:
                depth -= 1
                if depth == 0 {
                    position += 1
                    var parser = JSONParser(bytes: Array(bytes[start..<position]))
                    return (try? parser.parseDocument())?.serialized
                }
            case Self.quote:
                position += 1
                while position < bytes.count && bytes[position] != Self.quote {
                    position += bytes[position] == Self.backslash ? 2 : 1
                }
            default:
                break
            }
            position += 1
        }
        return nil
    }

    // MARK: - Bytes

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":"),
                       comma = UInt8(ascii: ","), openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")

    /// Moves `position` over whole 8-byte words of string content holding no quote, backslash
    /// or control character: most of a long text goes by a word at a time.
    private mutating func skipPlainWords() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        while position + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            // A byte below 0x20 makes `word - 0x20…` borrow into its high bit (not set in
            // `word`); a quote or backslash is a zero byte of the XOR. Exact for "any byte".
            let quotes = word ^ (ones &* UInt64(Self.quote)), backslashes = word ^ (ones &* UInt64(Self.backslash))
            let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
            if special & highBits != 0 { return }
            position += 8
        }
    }

    /// The byte at `position`, or `nil` at the end of the line.
    private var next: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Skips JSON white space (space, tab, line feed, carriage return).
    private mutating func skipWhitespace() {
        while let byte = next, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }
}
