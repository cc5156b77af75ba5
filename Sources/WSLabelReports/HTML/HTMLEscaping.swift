/// Escaping for text placed in HTML and inline SVG.
///
/// LF and label names are user input: every one goes through ``text(_:)`` (element content) or
/// ``attribute(_:)`` (quoted attribute values), so a name like `<script>alert(1)</script>`
/// shows as written and never becomes markup.
///
/// ```swift
/// HTMLEscaping.text("a < b & c")          // "a &lt; b &amp; c"
/// HTMLEscaping.attribute("say \"hi\"")    // "say &quot;hi&quot;"
/// ```
enum HTMLEscaping {
    /// `text` safe as element content and as a double- or single-quoted attribute value.
    ///
    /// Control characters other than tab, line feed and carriage return become U+FFFD: HTML
    /// shows them as nothing useful and XML forbids them, and the page stays well-formed XML.
    static func text(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value):
                escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `value` safe inside a double-quoted attribute (the same escaping as ``text(_:)``).
    static func attribute(_ value: String) -> String { text(value) }
}
