import Foundation
import XCTest

/// One part of an output that differs from run to run (a duration, a temporary path), replaced
/// by a fixed placeholder before the output is compared with its golden file.
///
/// A mask must match only what is nondeterministic, so that a snapshot checks every other byte.
/// When the output's format changes so that a mask no longer matches, the raw value stays in the
/// output and the comparison fails, so a stale mask cannot hide a change.
///
/// ```swift
/// let seconds = SnapshotMask(#""fit_seconds":[-+.0-9eE]+"#, with: #""fit_seconds":"<seconds>""#)
/// seconds.apply(to: #"{"fit_seconds":0.0447,"seed":0}"#)  // {"fit_seconds":"<seconds>","seed":0}
/// ```
public struct SnapshotMask: Sendable {
    /// A regular expression (`NSRegularExpression` syntax; `^` and `$` match at every line).
    public let pattern: String
    /// What each match becomes (a template: `$1` is the first group).
    public let replacement: String

    /// - Parameters:
    ///   - pattern: what to mask, as a regular expression; `^` and `$` match at line ends.
    ///   - replacement: the placeholder each match becomes; `$1` inserts the first group.
    public init(_ pattern: String, with replacement: String) {
        self.pattern = pattern
        self.replacement = replacement
    }

    /// `text` with every match of the pattern replaced.
    public func apply(to text: String) -> String {
        let expression = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        return expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                   withTemplate: replacement)
    }
}

/// The environment variable that turns snapshot comparisons into recordings: with
/// `WSLABEL_RECORD_SNAPSHOTS=1`, ``assertSnapshot(_:named:masking:in:file:line:)`` writes the
/// golden file and fails, so a recording run is never mistaken for a passing one.
public let recordSnapshotsVariable = "WSLABEL_RECORD_SNAPSHOTS"

/// Checks that `output`, after `masks`, is byte for byte the golden file `Snapshots/<name>` in
/// the folder of the test source file that calls it.
///
/// On a mismatch the failure shows a unified diff of the first differing lines (and, for long
/// lines such as one-line JSON, the first differing column) and the command that records the
/// snapshot again. A missing golden file fails the same way. With `WSLABEL_RECORD_SNAPSHOTS=1`
/// in the environment the golden file is written instead, and the test fails saying so.
///
/// ```swift
/// let help = try CLIRunner.run(["fit", "--help"], environment: ["COLUMNS": "80"])
/// assertSnapshot(help.stdout, named: "help/fit.txt", in: self)
/// ```
///
/// - Parameters:
///   - output: what the code under test printed or wrote.
///   - name: the golden file's path under `Snapshots/`, beside the calling test file.
///   - masks: the nondeterministic parts to replace before comparing (and recording).
///   - testCase: the running test, named in the command that records the snapshot again.
///   - file: the calling test source file; the golden file is found relative to it.
///   - line: the line a failure is reported at.
public func assertSnapshot(
    _ output: String, named name: String, masking masks: [SnapshotMask] = [], in testCase: XCTestCase,
    file: StaticString = #filePath, line: UInt = #line
) {
    let actual = masks.reduce(output) { text, mask in mask.apply(to: text) }
    let golden = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name)
    // Named from the package root in messages, so a developer finds it and `git diff`s it.
    let root = SharedData.packageRoot.path + "/"
    let shownPath = golden.path.hasPrefix(root) ? String(golden.path.dropFirst(root.count)) : golden.path
    let record = "\(recordSnapshotsVariable)=1 swift test --filter \(testFilter(testCase))"

    if ProcessInfo.processInfo.environment[recordSnapshotsVariable] == "1" {
        do {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: golden, options: .atomic)
            XCTFail("recorded \(shownPath) (\(recordSnapshotsVariable)=1): review `git diff` of it, then run again without the variable",
                    file: file, line: line)
        } catch {
            XCTFail("could not record \(shownPath): \(error)", file: file, line: line)
        }
        return
    }
    guard let expected = FileManager.default.contents(atPath: golden.path) else {
        XCTFail("no golden file \(shownPath); record it with:\n  \(record)", file: file, line: line)
        return
    }
    // Bytes, not Strings: String equality would call canonically equivalent Unicode equal.
    guard Data(actual.utf8) != expected else { return }
    let difference = SnapshotDifference(expected: String(decoding: expected, as: UTF8.self), actual: actual)
    XCTFail("output differs from \(shownPath):\n\(difference.hunk(goldenName: shownPath))\n"
            + "if the change is intended, record it again with:\n  \(record)", file: file, line: line)
}

/// `Module.Class/testMethod` of the running test: what `swift test --filter` takes.
private func testFilter(_ testCase: XCTestCase) -> String {
    // XCTest names a test `-[Class testMethod]` on Apple platforms, `Class.testMethod` elsewhere.
    let method = testCase.name.split(whereSeparator: { " .".contains($0) }).last.map { $0.trimmingCharacters(in: ["]"]) } ?? ""
    return "\(String(reflecting: type(of: testCase)))/\(method)"
}

/// Where a golden file and an output first differ, shown as a unified diff hunk: a few lines
/// of context, the differing lines of each side up to a limit, and, when the first differing
/// lines are long, the column where they part with an excerpt of both.
///
/// ```swift
/// SnapshotDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n").hunk(goldenName: "x.txt")
/// // --- x.txt (golden)
/// // +++ output
/// // @@ -1,2 +1,2 @@
/// //  a
/// // -b
/// // +B
/// ```
public struct SnapshotDifference {
    /// Lines of unchanged context shown before the first difference.
    static let contextLines = 3
    /// Differing lines shown per side before the rest is summarised.
    static let shownLines = 12
    /// Lines longer than this also get the column of their first difference.
    static let longLine = 100
    /// Characters shown of a differing line; the column excerpt shows where a longer one differs.
    static let shownCharacters = 200

    private let expected: [Substring]
    private let actual: [Substring]

    /// - Parameters:
    ///   - expected: the golden file's text.
    ///   - actual: the output's text, masks applied.
    public init(expected: String, actual: String) {
        self.expected = expected.split(separator: "\n", omittingEmptySubsequences: false)
        self.actual = actual.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The hunk between the first and last differing lines (common prefix and suffix removed).
    /// - Parameter goldenName: how the hunk's header names the golden file.
    public func hunk(goldenName: String) -> String {
        // Lines compare by bytes, as the snapshot does, not by Unicode canonical equivalence.
        func same(_ lhs: Substring, _ rhs: Substring) -> Bool { lhs.utf8.elementsEqual(rhs.utf8) }
        var prefix = 0
        while prefix < expected.count, prefix < actual.count, same(expected[prefix], actual[prefix]) { prefix += 1 }
        var suffix = 0
        while suffix < expected.count - prefix, suffix < actual.count - prefix,
              same(expected[expected.count - 1 - suffix], actual[actual.count - 1 - suffix]) { suffix += 1 }
        let removed = expected[prefix..<(expected.count - suffix)]
        let added = actual[prefix..<(actual.count - suffix)]
        let contextStart = max(0, prefix - Self.contextLines)

        var lines = ["--- \(goldenName) (golden)", "+++ output"]
        lines.append("@@ -\(contextStart + 1),\(prefix - contextStart + removed.count) +\(contextStart + 1),\(prefix - contextStart + added.count) @@")
        lines += expected[contextStart..<prefix].map { " " + $0 }
        lines += shown(removed, marker: "-")
        lines += shown(added, marker: "+")
        if let first = removed.first, let other = added.first, max(first.count, other.count) > Self.longLine {
            lines.append(column(of: first, other, line: prefix + 1))
        }
        return lines.joined(separator: "\n")
    }

    private func shown(_ lines: ArraySlice<Substring>, marker: String) -> [String] {
        var result = lines.prefix(Self.shownLines).map { line in
            line.count <= Self.shownCharacters ? marker + line
                : marker + line.prefix(Self.shownCharacters) + "… (\(line.count - Self.shownCharacters) more characters)"
        }
        if lines.count > Self.shownLines { result.append("\(marker)… \(lines.count - Self.shownLines) more differing lines") }
        return result
    }

    /// The first differing column of two lines, with 40 characters of each around it.
    private func column(of golden: Substring, _ output: Substring, line: Int) -> String {
        let common = zip(golden, output).prefix { $0 == $1 }.count
        func excerpt(_ text: Substring) -> String {
            let start = text.index(text.startIndex, offsetBy: max(0, common - 40))
            let end = text.index(start, offsetBy: 80, limitedBy: text.endIndex) ?? text.endIndex
            return String(text[start..<end])
        }
        return "line \(line) first differs at column \(common + 1):\n  golden: …\(excerpt(golden))…\n  output: …\(excerpt(output))…"
    }
}
