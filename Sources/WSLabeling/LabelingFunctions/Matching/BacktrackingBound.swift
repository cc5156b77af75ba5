import Foundation

/// An upper bound on the work of ICU's backtracking matcher for one pattern, read from the
/// pattern's syntax: how many ways one match attempt can go through its bounded choices
/// (alternatives, optional parts, short repeats), and how many unbounded quantifiers (`*`, `+`,
/// `{n,}`, repeats of more than ``longRepeat``) one way passes. A match attempt then takes at
/// most about `paths · n^unbounded` steps on a text of `n` UTF-16 units, and a search tries
/// `n` start positions: `paths · n^(unbounded + 1)` in all.
///
/// ``RegexLF`` runs an evaluation without its time limit's callbacks (which cost some 20 ns per
/// start position) only when that bound is small for the text at hand. Patterns the bound does
/// not cover have no bound (`nil`) and are always timed: nested quantifiers (a group repeated
/// by `*`, `+` or `{…}` that holds a quantifier or alternatives, the shape of `(a+)+` and
/// `(a|aa)*`, whose work is exponential), backreferences, lookarounds, the free-spacing flag
/// and anything this reader does not understand.
struct BacktrackingBound: Equatable {
    /// Ways one match attempt can take through the pattern's bounded choices.
    var paths: Double
    /// The most unbounded quantifiers along one way.
    var unbounded: Int

    /// Matcher steps allowed without a time limit: about a tenth of a second of ICU's work.
    static let untimedSteps = 1e7
    /// Repeats longer than this count as unbounded.
    static let longRepeat = 32

    /// The bound of `pattern`, or `nil` when it has none (see the type's summary).
    init?(pattern: String) {
        var reader = Reader(Array(pattern.unicodeScalars))
        guard let bound = reader.alternation(), reader.isAtEnd else { return nil }
        self = bound
    }

    private init(paths: Double, unbounded: Int) {
        self.paths = paths
        self.unbounded = unbounded
    }

    /// The longest text (in UTF-16 units) whose whole search stays within ``untimedSteps``.
    var longestUntimedText: Int {
        let length = pow(Self.untimedSteps / paths, 1 / Double(unbounded + 1))
        return length >= Double(Int.max) ? Int.max : max(0, Int(length))
    }

    /// A recursive-descent reader of ICU pattern syntax that computes bounds; `nil` from any
    /// method means "no bound".
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0
        /// Groups open at the reader's position: the recursion stops (no bound) past
        /// ``maxGroupDepth``, so that no pattern can exhaust the stack.
        private var groupDepth = 0
        private static let maxGroupDepth = 32

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var isAtEnd: Bool { index == scalars.count }
        private var next: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard next == scalar else { return false }
            index += 1
            return true
        }

        /// `a|b|…`: the ways add up.
        mutating func alternation() -> BacktrackingBound? {
            guard var bound = sequence() else { return nil }
            while take("|") {
                guard let branch = sequence() else { return nil }
                bound = BacktrackingBound(paths: bound.paths + branch.paths, unbounded: max(bound.unbounded, branch.unbounded))
            }
            return bound
        }

        /// Atoms one after another, each maybe quantified: the ways multiply.
        private mutating func sequence() -> BacktrackingBound? {
            var bound = BacktrackingBound(paths: 1, unbounded: 0)
            while let scalar = next, scalar != "|", scalar != ")" {
                guard let atom = atom(), let quantified = quantified(atom) else { return nil }
                bound = BacktrackingBound(paths: bound.paths * quantified.paths, unbounded: bound.unbounded + quantified.unbounded)
            }
            return bound
        }

        /// One atom: a group, a class, an escape or a character.
        private mutating func atom() -> BacktrackingBound? {
            let single = BacktrackingBound(paths: 1, unbounded: 0)
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "(": return group()
            case "[": return characterClass() ? single : nil
            case "\\": return escape() ? single : nil
            case "*", "+", "?", "{": return nil  // a quantifier with nothing to repeat
            default: return single
            }
        }

        /// After `(`: a capturing, non-capturing, named or atomic group, or inline case flags.
        private mutating func group() -> BacktrackingBound? {
            guard groupDepth < Self.maxGroupDepth else { return nil }
            groupDepth += 1
            defer { groupDepth -= 1 }
            if take("?") {
                if take("<") {
                    // `(?<name>…)`; `(?<=` and `(?<!` are lookbehinds.
                    guard let first = next, first.properties.isAlphabetic else { return nil }
                    while let scalar = next, scalar != ">" { index += 1 }
                    guard take(">") else { return nil }
                } else if !take(":"), !take(">") {
                    // Inline flags `(?i)`, `(?i-m:…)`; lookaheads, comments and `x` have no bound.
                    while let scalar = next, "imsw-".unicodeScalars.contains(scalar) { index += 1 }
                    if take(")") { return BacktrackingBound(paths: 1, unbounded: 0) }
                    guard take(":") else { return nil }
                }
            }
            guard let inner = alternation(), take(")") else { return nil }
            return inner
        }

        /// After `[`: skips the class, nested classes included; a class is one choice of a
        /// character, however it is written.
        private mutating func characterClass() -> Bool {
            var depth = 1
            _ = take("^")
            _ = take("]")  // a leading `]` is a literal
            while let scalar = next {
                index += 1
                switch scalar {
                case "\\": guard escape() else { return false }
                case "[": depth += 1
                case "]":
                    depth -= 1
                    if depth == 0 { return true }
                default: break
                }
            }
            return false
        }

        /// After `\`: skips the escape; `false` for backreferences and unknown shapes.
        private mutating func escape() -> Bool {
            guard let scalar = next else { return false }
            index += 1
            switch scalar {
            case "1"..."9", "k": return false  // backreferences
            case "Q":
                while index + 1 < scalars.count, !(scalars[index] == "\\" && scalars[index + 1] == "E") { index += 1 }
                index = min(index + 2, scalars.count)
                return true
            case "p", "P", "N", "x":
                if take("{") {
                    while let inner = next, inner != "}" { index += 1 }
                    return take("}")
                }
                return true
            default: return true
            }
        }

        /// `atom` with the quantifier that follows it, if any.
        private mutating func quantified(_ atom: BacktrackingBound) -> BacktrackingBound? {
            guard let (low, high) = quantifier() else { return atom }
            _ = take("?") || take("+")  // lazy or possessive: the same bound
            // Optional: one more way, whatever the atom holds.
            if high == 1 { return BacktrackingBound(paths: atom.paths + 1, unbounded: atom.unbounded) }
            // A repeated group with choices or quantifiers inside: exponential, no bound.
            guard atom.paths == 1, atom.unbounded == 0 else { return nil }
            guard let high, high <= BacktrackingBound.longRepeat else { return BacktrackingBound(paths: 1, unbounded: 1) }
            return BacktrackingBound(paths: Double(max(high - low + 1, 1)), unbounded: 0)
        }

        /// The repeat counts of a quantifier at the reader's position (`nil` high: unbounded),
        /// or `nil` when none is there.
        private mutating func quantifier() -> (low: Int, high: Int?)? {
            if take("*") { return (0, nil) }
            if take("+") { return (1, nil) }
            if take("?") { return (0, 1) }
            guard next == "{" else { return nil }
            let start = index
            index += 1
            let low = number()
            var high = low
            if take(",") { high = number() }
            guard let low, take("}") else {
                index = start
                return nil
            }
            return (low, high)
        }

        private mutating func number() -> Int? {
            var value: Int?
            while let scalar = next, ("0"..."9").contains(scalar) {
                value = min((value ?? 0) * 10 + Int(scalar.value - 48), 1_000_000)
                index += 1
            }
            return value
        }
    }
}
