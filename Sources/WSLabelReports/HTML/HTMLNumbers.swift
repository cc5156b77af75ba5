import WSLabelCore
/// Numbers as the HTML report writes them: never through the locale, so the page is the same
/// bytes on every machine.
enum HTMLNumbers {
    /// A count with thousands separated by commas: `1586` → `"1,586"`.
    static func count(_ value: Int) -> String { ReportNumbers.count(value) }

    /// A fraction as a percentage with one decimal: `0.1234` → `"12.3%"`.
    static func percent(_ fraction: Double) -> String { ReportNumbers.percent(fraction) }

    /// A probability with three decimals: `0.12345` → `"0.123"`.
    static func probability(_ value: Double) -> String { ReportNumbers.fixed(value, digits: 3) }

    /// An SVG coordinate or length: at most two decimals, no trailing zeros (`12`, `3.5`, `0.25`).
    static func coordinate(_ value: Double) -> String {
        var text = ReportNumbers.fixed(value, digits: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
