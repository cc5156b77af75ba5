extension String {
    /// `self` with every occurrence of `target` replaced by `replacement`, matched on UTF-8
    /// bytes exactly.
    ///
    /// Foundation's `replacingOccurrences(of:with:)` matches whole characters, so it misses a
    /// quote, an ampersand or an API key followed by a combining mark (U+0301 after `"` is one
    /// character with it): an escape left undone there breaks a CSV or XML file, and a key left
    /// in a message leaks it. Matching bytes never splits a character of `target` (UTF-8 lead
    /// bytes never occur inside another character), so the result is well-formed UTF-8.
    ///
    /// ```swift
    /// "say \"\u{301}hi\"".replacingExactly("\"", with: "\"\"")   // say ""́hi""
    /// ```
    ///
    /// - Complexity: O(n · m) for n bytes of `self` and m of `target`.
    public func replacingExactly(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let first = pattern.first, utf8.count >= pattern.count else { return self }
        let bytes = Array(utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == first, index + pattern.count <= bytes.count,
               bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                result.append(contentsOf: replacement.utf8)
                index += pattern.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
