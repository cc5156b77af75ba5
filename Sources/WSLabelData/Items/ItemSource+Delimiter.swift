extension ItemSource {
    /// The character between a CSV file's fields: one ASCII character other than a quote or a
    /// line break, such as `;`, `|` or a tab.
    ///
    /// ```swift
    /// let semicolons = ItemSource(format: .csv, delimiter: ItemSource.Delimiter(";"))
    /// ItemSource.Delimiter("\\t") == .tab   // the two characters \t name a tab too
    /// ItemSource.Delimiter(";;")             // nil: one character
    /// ```
    public struct Delimiter: Sendable, Hashable, CustomStringConvertible {
        /// The delimiter's byte (ASCII, so one byte of UTF-8).
        let byte: UInt8

        /// The comma, RFC 4180's delimiter and the default.
        public static let comma = Delimiter(byte: UInt8(ascii: ","))
        /// The tab, TSV's delimiter.
        public static let tab = Delimiter(byte: 0x09)

        /// What a delimiter may be, for messages.
        public static let requirement = #"one ASCII character other than a quote or a line break, e.g. ";", "|" or "\t""#

        /// The delimiter `text` names: one ASCII character other than `"`, CR and LF; also the
        /// two characters `\t` for a tab, as a YAML plain or single-quoted scalar keeps them.
        /// `nil` for anything else (see ``requirement``).
        public init?(_ text: String) {
            if text == "\\t" {
                self = .tab
                return
            }
            let bytes = Array(text.utf8)
            guard bytes.count == 1, let byte = bytes.first, byte < 0x80,
                  byte != UInt8(ascii: "\""), byte != 0x0A, byte != 0x0D else { return nil }
            self.byte = byte
        }

        private init(byte: UInt8) { self.byte = byte }

        /// The character, with a tab written `\t`.
        public var description: String { byte == 0x09 ? "\\t" : String(UnicodeScalar(byte)) }
    }
}
