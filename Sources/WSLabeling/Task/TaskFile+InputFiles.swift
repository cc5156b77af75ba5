import Foundation
import WSLabelCore
import WSLabelData

extension TaskFile {
    /// Every file the task reads or keeps state in, with its role, so that a command can refuse
    /// an output path that would replace one (``OutputConflicts``): the task file, each split's
    /// data files, the LF files (those inside LF folders too), the vote cache, the human labels
    /// and the LLM response cache.
    /// - Parameter humanLabels: whether to list the human-label file (not when it is the output,
    ///   as for `wslabel review import`).
    public func inputFiles(humanLabels includeHumanLabels: Bool = true) -> [FileRole] {
        var files = [FileRole(url, "the task file")]
        for split in splits {
            // Standard input is a stream, not a file an output could replace.
            files += split.files.filter { $0 != TaskFile.standardInput }.map { FileRole($0, "the \(split.name) data") }
        }
        for source in lfFiles {
            let inFolder = (try? FileManager.default.contentsOfDirectory(atPath: source.path))?
                .filter(LFFile.isLFFileName).map(source.appendingPathComponent)
            files += (inFolder ?? [source]).map { FileRole($0, "an LF file") }
        }
        files.append(FileRole(cache, "the vote cache"))
        if includeHumanLabels { files.append(FileRole(humanLabels, "the human labels (output.human_labels)")) }
        if let llm { files.append(FileRole(llm.cache, "the LLM response cache")) }
        return files
    }
}
