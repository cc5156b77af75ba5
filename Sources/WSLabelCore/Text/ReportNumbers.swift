/// Number formatting for reports that never depends on the locale, so a report is the same
/// bytes on every machine. Package-wide: the CLI's progress bar writes its counts the same way.
package enum ReportNumbers {
    /// A count with thousands separated by commas: `1586` → `"1,586"`.
    package static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// Dollars, with four decimals below $10 (LLM calls cost fractions of a cent) and two
    /// above: `0.0734` → `"$0.0734"`, `508.72` → `"$508.72"`.
    package static func dollars(_ value: Double) -> String {
        "$" + fixed(value, digits: value < 10 ? 4 : 2)
    }

    /// A setting as a person would write it: `10.0` → `"10"`, `0.3` → `"0.3"` (Swift's shortest form).
    package static func shortest(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// `0.1234` → `"12.3%"`.
    package static func percent(_ fraction: Double, digits: Int = 1) -> String {
        fixed(fraction * 100, digits: digits) + "%"
    }

    /// `value` with exactly `digits` decimals, rounded half away from zero; a value too large
    /// to have decimals left (2⁵³ or more once scaled) in Swift's shortest form, e.g. `1e+300`.
    package static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        // Past 2⁵³ a double holds no fraction, and past 2⁶³ no Int64 holds the digits.
        guard abs(value) * scale < 0x1p53 else { return "\(value)" }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled > 0
        let whole = Int64(scaled / scale)
        var text = String(whole)
        if digits > 0 {
            let fraction = String(Int64(scaled - Double(whole) * scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return negative ? "-" + text : text
    }
}
