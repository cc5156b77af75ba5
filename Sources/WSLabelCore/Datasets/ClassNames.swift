/// The rules every list of class names follows, wherever it is written: task files, WRENCH
/// `label.json`, `--labels`, saved models. Two to ``VoteMatrix/maxClassCount`` names, none empty
/// or blank, no two alike (names become JSON keys and CSV columns of every output).
///
/// ```swift
/// ClassNames.firstProblem(in: ["HAM", "SPAM"])          // nil
/// ClassNames.firstProblem(in: ["HAM", "SPAM", "HAM"])?.message
/// // classes 0 and 2 are both named "HAM"; class names must be distinct
/// ```
public enum ClassNames {
    /// What is wrong with a list of class names.
    public struct Problem: Sendable, Equatable {
        /// The index of the name at fault; `nil` when the number of names is.
        public let index: Int?
        /// One line saying what is wrong and what is allowed.
        public let message: String
    }

    /// The first problem of `names` as a task's class names, or `nil` when they are valid.
    public static func firstProblem(in names: [String]) -> Problem? {
        guard (2...VoteMatrix.maxClassCount).contains(names.count) else {
            return Problem(index: nil, message: "a task needs 2 to \(VoteMatrix.maxClassCount) class names, found \(names.count)")
        }
        var firstIndex: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if name.allSatisfy(\.isWhitespace) {
                return Problem(index: index, message: "the name of class \(index) is empty")
            }
            if let first = firstIndex.updateValue(index, forKey: name) {
                return Problem(index: index, message: "classes \(first) and \(index) are both named \"\(name)\"; class names must be distinct")
            }
        }
        return nil
    }

    /// The class `name` stands for: a class name, or else a class index (`"1"`), as
    /// `--positive-class` and the task file's `positive_class` take it. Names come first, so a
    /// task whose labels are `0` and `1` reads `"1"` as the class named `1`.
    ///
    /// ```swift
    /// ClassNames.index(of: "SPAM", in: ["HAM", "SPAM"])   // 1
    /// ClassNames.index(of: "0", in: ["HAM", "SPAM"])      // 0
    /// ClassNames.index(of: "EGGS", in: ["HAM", "SPAM"])   // nil
    /// ```
    /// - Returns: the class index, or `nil` when `name` is neither a name nor an index in range.
    public static func index(of name: String, in names: [String]) -> Int? {
        if let index = names.firstIndex(of: name) { return index }
        if let index = Int(name), names.indices.contains(index) { return index }
        return nil
    }

    /// What a class may be given as, for messages: `a label (HAM, SPAM) or a class index 0..1`.
    public static func allowed(_ names: [String]) -> String {
        "a label (\(names.joined(separator: ", "))) or a class index 0..\(names.count - 1)"
    }
}
