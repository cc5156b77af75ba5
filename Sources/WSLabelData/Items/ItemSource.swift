import Foundation
import WSLabelCore

/// How to read items from a file: its format and which fields hold the id, the text and the
/// gold label.
///
/// ```swift
/// // Youtube01-Psy.csv: COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS
/// let source = ItemSource(idField: "COMMENT_ID", textField: "CONTENT", goldField: "CLASS")
/// let items = try ItemReader(url: url, source: source).readAll()
///
/// // SMSSpamCollection: label<TAB>text, no header row: columns named by position
/// let sms = ItemSource(format: .tsv, textField: "2", goldField: "1", hasHeader: false)
/// ```
public struct ItemSource: Sendable, Equatable {
    /// A file format items are read from.
    public struct Format: Sendable, Hashable, CustomStringConvertible {
        enum Kind: Sendable, Hashable { case jsonl, csv, tsv }
        let kind: Kind

        /// One JSON object per line (`.jsonl`, `.ndjson`); blank lines are skipped.
        public static let jsonl = Format(kind: .jsonl)
        /// RFC 4180 CSV (`.csv`): quoted fields may hold the delimiter, doubled quotes and line
        /// breaks. Comma-delimited unless ``ItemSource/delimiter`` says otherwise.
        public static let csv = Format(kind: .csv)
        /// Tab-separated values (`.tsv`), as spreadsheets and most datasets write them: one
        /// record per line, fields split at each tab, and no quoting — a `"` is an ordinary
        /// character (the UCI SMS Spam Collection's texts start with quotes that close mid-text),
        /// so a field cannot hold a tab or a line break. For tab-delimited files that do quote,
        /// read them as ``csv`` with a tab ``ItemSource/delimiter``.
        public static let tsv = Format(kind: .tsv)

        /// The names ``init(fileExtension:)`` takes, for messages.
        public static let names = "jsonl, csv or tsv"

        /// The format a file extension stands for (case-insensitive), or `nil`.
        public init?(fileExtension: String) {
            switch fileExtension.lowercased() {
            case "jsonl", "ndjson": kind = .jsonl
            case "csv": kind = .csv
            case "tsv": kind = .tsv
            default: return nil
            }
        }

        private init(kind: Kind) { self.kind = kind }

        public var description: String {
            switch kind {
            case .jsonl: return "jsonl"
            case .csv: return "csv"
            case .tsv: return "tsv"
            }
        }
    }

    /// The file format; `nil` picks it from the file's extension.
    public var format: Format?
    /// The field holding each item's id; `nil` numbers the items instead (JSONL: the 1-based
    /// line of the record; CSV and TSV: the 1-based data row, the header not counted).
    public var idField: String?
    /// The field holding the text LFs read. Every record must have it.
    public var textField: String
    /// The field holding the gold label's name, if any. A record without it (JSON `null`,
    /// empty CSV cell) has no gold label.
    public var goldField: String?
    /// The labels gold values must name, when known: a raw value becomes a label through
    /// ``GoldLabels/values``, or stays itself when it is a label; any other value is an error
    /// naming its file, line, record and field. `nil` keeps gold values as they are.
    public var goldLabels: GoldLabels?
    /// The longest text an item may have, in bytes of UTF-8; a longer one is an error naming
    /// its file, line, record and field (see ``defaultMaxTextBytes``).
    public var maxTextBytes: Int
    /// The character between the fields of a CSV file; `nil` for a comma. TSV files are always
    /// tab-delimited and JSONL files have none.
    public var delimiter: Delimiter?
    /// Whether a CSV or TSV file's first row names its fields (default `true`). Without one,
    /// every row is data and the fields are named by position, from the left: `1`, `2`, … —
    /// so `textField: "2"` reads the second column. JSONL ignores it.
    public var hasHeader: Bool
    /// Put before each numbered id (without an ``idField``): a task reading several files
    /// names its items `file:line` so that ids stay unique across them.
    package var numberedIDPrefix = ""

    /// The id of the item numbered `number` (its line or data row).
    func numberedID(_ number: Int) -> String { numberedIDPrefix + String(number) }

    /// The text size limit unless one is given: 1 MiB, some 200 pages of prose.
    ///
    /// A longer text is nearly always a data error (a lost line break in JSONL, an unclosed
    /// quote that swallows the rest of a CSV file, a binary blob), and every LF would read all
    /// of it (one 50 MB line took 73 s over 17 LFs). So it is an error, not silently cut:
    /// cutting would change votes on the part that is left out, and the user would not know.
    /// Raise the limit (`max_text_bytes` under `data:` in a task file) for data that is meant
    /// to be this long.
    public static let defaultMaxTextBytes = 1 << 20

    public init(
        format: Format? = nil, idField: String? = nil, textField: String = "text", goldField: String? = nil,
        goldLabels: GoldLabels? = nil, maxTextBytes: Int = ItemSource.defaultMaxTextBytes,
        delimiter: Delimiter? = nil, hasHeader: Bool = true
    ) {
        self.format = format
        self.idField = idField
        self.textField = textField
        self.goldField = goldField
        self.goldLabels = goldLabels
        self.maxTextBytes = maxTextBytes
        self.delimiter = delimiter
        self.hasHeader = hasHeader
    }

    /// A task's label names and the raw gold values that stand for them (`{"0": HAM, "1": SPAM}`).
    public struct GoldLabels: Sendable, Equatable {
        public var labels: [String]
        public var values: [String: String]

        public init(labels: [String], values: [String: String] = [:]) {
            self.labels = labels
            self.values = values
        }

        /// The label `raw` stands for, or `nil` when it names none.
        public func label(for raw: String) -> String? {
            if let mapped = values[raw] { return mapped }
            return labels.contains(raw) ? raw : nil
        }
    }

    /// An item's gold value as a label name (see ``goldLabels``).
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` at `location` for a value that names no label.
    func goldLabel(_ raw: String?, at location: @autoclosure () -> SourceLocation) throws -> String? {
        guard let raw, let goldLabels else { return raw }
        guard let label = goldLabels.label(for: raw) else {
            throw WSLabelError.malformedInput(location(), "gold value \"\(raw)\" is not a label (\(goldLabels.labels.joined(separator: ", "))); map it with data.gold_values in the task file")
        }
        return label
    }

    /// Checks an item's text against ``maxTextBytes``.
    ///
    /// `location` is made only for an error: made per item, its strings (the file's path above
    /// all, shared by every decoding thread) were retained and released for nothing.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` at `location` when the text is longer.
    func checkTextSize(_ text: String, at location: @autoclosure () -> SourceLocation) throws {
        try checkTextSize(byteCount: text.utf8.count, at: location())
    }

    /// Checks a text of `size` bytes of UTF-8 against ``maxTextBytes``, as ``checkTextSize(_:at:)``.
    func checkTextSize(byteCount size: Int, at location: @autoclosure () -> SourceLocation) throws {
        guard size > maxTextBytes else { return }
        throw WSLabelError.malformedInput(location(), """
            the text is \(size) bytes of UTF-8, more than the limit of \(maxTextBytes): such a text is nearly always a \
            data error (a lost line break or quote); if it is meant, raise max_text_bytes under data: in the task file
            """)
    }

    /// The format of `url`: ``format`` when set, else the one its extension names.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when the extension names no known format.
    public func resolvedFormat(for url: URL) throws -> Format {
        if let format { return format }
        guard let format = Format(fileExtension: url.pathExtension) else {
            let shown = url.pathExtension.isEmpty ? "no extension" : "extension .\(url.pathExtension)"
            throw WSLabelError.invalidArgument(
                "\(url.path): cannot tell the item format from \(shown): use .jsonl, .ndjson, .csv or .tsv, or name the format")
        }
        return format
    }
}
