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
}
