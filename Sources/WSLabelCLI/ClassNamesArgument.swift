import ArgumentParser
import WSLabelCore

/// `--labels NAMES`: class names, comma-separated, held to the ``ClassNames`` rule.
enum ClassNamesArgument {
    /// The names in `text`, each trimmed of spaces. An empty piece (`HAM,,SPAM`, a trailing
    /// comma) is kept, so that it is reported rather than silently dropped.
    /// - Throws: `ValidationError` naming `--labels` and the problem.
    static func parse(_ text: String) throws -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if let problem = ClassNames.firstProblem(in: names) {
            throw ValidationError("--labels: \(problem.message)")
        }
        return names
    }
}
