import WSLabelCore

/// One thing to label: a comment, a message, a question.
///
/// `text` is the field LFs read by default; `fields` holds every field of the source record
/// (including the text field) for LFs that need more.
public struct Item: Sendable, Equatable {
    /// The item's id, unique within its dataset.
    public let id: String
    /// The main text.
    public let text: String
    /// The gold label's name, when the source has one.
    public let gold: String?
    /// Where ``fields`` come from.
    private let fieldSource: FieldSource

    /// Every field of the source record by name.
    ///
    /// An item read from JSON Lines keeps its record and decodes the fields from it here, on
    /// each use: reading a file then makes no field table per item, a cost as large as a tenth
    /// of reading and applying, for tables most runs never read. An LF reads fields through
    /// ``ItemView/subscript(field:)``, which decodes them once per item.
    public var fields: [String: String] { fieldSource.fields }

    public init(id: String, text: String, fields: [String: String] = [:], gold: String? = nil) {
        self.init(id: id, text: text, gold: gold, fieldSource: .table(fields))
    }

    /// An item whose fields are those of `record`, a JSON Lines record that
    /// ``JSONLRecordScanner`` accepted, decoded on use.
    init(id: String, text: String, gold: String?, jsonRecord record: [UInt8]) {
        self.init(id: id, text: text, gold: gold, fieldSource: .jsonRecord(record))
    }

    private init(id: String, text: String, gold: String?, fieldSource: FieldSource) {
        self.id = id
        self.text = text
        self.gold = gold
        self.fieldSource = fieldSource
    }

    /// This item with gold label `gold`; its fields are kept as they are (not decoded).
    func withGold(_ gold: String?) -> Item {
        Item(id: id, text: text, gold: gold, fieldSource: fieldSource)
    }

    public static func == (left: Item, right: Item) -> Bool {
        left.id == right.id && left.text == right.text && left.gold == right.gold && left.fields == right.fields
    }

    /// Where an item's fields come from.
    private enum FieldSource: Sendable {
        /// The fields themselves.
        case table([String: String])
        /// A JSON Lines record, a valid JSON object: decoded by ``JSONLRecordScanner``, or, for
        /// the few records it leaves alone, parsed as ``JSONLLineDecoder`` parses them.
        case jsonRecord([UInt8])

        var fields: [String: String] {
            switch self {
            case let .table(fields):
                return fields
            case let .jsonRecord(record):
                var scanner = JSONLRecordScanner(source: ItemSource())
                if let fields = record.withUnsafeBufferPointer({ scanner.fields($0) }) { return fields }
                var parser = JSONParser(bytes: record)
                guard case let .object(members)? = try? parser.parseDocument() else {
                    preconditionFailure("an item's JSON record is not an object: \(String(decoding: record, as: UTF8.self))")
                }
                return JSONLLineDecoder.fields(of: members)
            }
        }
    }
}
