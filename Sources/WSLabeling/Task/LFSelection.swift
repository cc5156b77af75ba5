import Foundation
import WSLabelCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which of a task's LFs run: `labeling_functions.include` (only LFs matching one of its
/// patterns) and `exclude` (none matching one of its), Swift and file LFs alike, so an LF can be
/// switched off without touching its code or file. A pattern is an LF name or a shell glob
/// (`keyword_*`, `regex_?rl`); a pattern that matches no LF is an error, since it is almost
/// always a typo that would otherwise silently leave the LF running.
public struct LFSelection: Sendable, Equatable {
    /// The patterns of one key, with the line that gives them.
    public struct Patterns: Sendable, Equatable {
        public var patterns: [String]
        public var line: Int?
        public init(_ patterns: [String], line: Int? = nil) {
            self.patterns = patterns
            self.line = line
        }

        func matches(_ name: String) -> Bool { patterns.contains { LFSelection.glob($0, matches: name) } }
    }

    public var include: Patterns?
    public var exclude: Patterns?

    public init(include: Patterns? = nil, exclude: Patterns? = nil) {
        self.include = include
        self.exclude = exclude
    }

    /// The LFs of `functions` that run, in their order.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming `taskFile`, the line and key of a
    ///   pattern that matches no LF, or when nothing is left to run.
    func apply(to functions: [any LabelingFunction], taskFile: String) throws -> [any LabelingFunction] {
        for (key, selection) in [("include", include), ("exclude", exclude)] {
            guard let selection else { continue }
            for pattern in selection.patterns where !functions.contains(where: { Self.glob(pattern, matches: $0.name) }) {
                throw WSLabelError.malformedInput(SourceLocation(file: taskFile, line: selection.line, record: "labeling_functions", field: key),
                                                  "\(pattern) matches no LF (the task's LFs: \(functions.map(\.name).joined(separator: ", ")))")
            }
        }
        let kept = functions.filter { function in
            (include?.matches(function.name) ?? true) && !(exclude?.matches(function.name) ?? false)
        }
        guard !kept.isEmpty else {
            throw WSLabelError.malformedInput(SourceLocation(file: taskFile, line: (exclude ?? include)?.line, record: "labeling_functions"),
                                              "include and exclude leave no LF to run")
        }
        return kept
    }

    /// Whether the shell glob `pattern` (`*`, `?`, `[…]`) matches all of `name`.
    static func glob(_ pattern: String, matches name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
