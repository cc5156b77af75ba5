import Foundation
import PackagePlugin

/// A build-tool plugin that gives the Swift LFs of a target a fingerprint that follows their
/// code: it hashes the target's Swift sources, and those of the targets of the same package it
/// depends on, and generates a table the ``HeuristicLF`` fingerprints read (`WSLabeling`'s
/// `LFSourceFingerprints`). After an edit and a rebuild, the LFs of the target get new
/// fingerprints, so the vote cache evaluates them again instead of reusing stale votes.
///
/// A package applies it to the target holding its Swift LFs:
///
/// ```swift
/// .executableTarget(name: "my-wslabel", dependencies: [...],
///                   plugins: [.plugin(name: "LFSourceFingerprints", package: "wslabel")])
/// ```
///
/// The hash covers whole targets rather than single LFs: an LF's closure may call any function
/// of its target (or of a helper target it depends on), so an edit anywhere there may change
/// its votes. Other packages' sources (wslabel's own, Yams) are not hashed.
@main
struct LFSourceFingerprints: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target.sourceModule else { return [] }
        guard module.moduleName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            // The table is found at run time by its mangled type name, which this form of a
            // module name keeps simple.
            Diagnostics.error("LFSourceFingerprints: module name \(module.moduleName) is not ASCII letters, digits and _")
            return []
        }
        var sources: [(name: String, url: URL)] = []
        var visited = Set<String>()
        collectSources(of: target, into: &sources, visited: &visited)
        sources.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("WSLabelLFSourceFingerprints.swift")
        var arguments = [module.moduleName, output.path]
        for source in sources { arguments += [source.name, source.url.path] }
        return [
            .buildCommand(
                displayName: "Fingerprinting the Swift sources of \(target.name) for its LFs",
                executable: try context.tool(named: "LFSourceFingerprintTool").url,
                arguments: arguments,
                inputFiles: sources.map(\.url),
                outputFiles: [output]
            ),
        ]
    }

    /// The Swift files of `target` and of the targets of this package it depends on, each named
    /// `Module/path` with the path below the deepest folder holding all of the target's Swift
    /// files, so the hash stays the same wherever the package is.
    private func collectSources(of target: Target, into sources: inout [(name: String, url: URL)], visited: inout Set<String>) {
        guard visited.insert(target.id).inserted, let module = target.sourceModule else { return }
        let files = module.sourceFiles(withSuffix: "swift").map(\.url)
        // The folders every file is in, as path components; the tools version (6.0) has no
        // target folder as a URL (`directoryURL` is 6.1), and its `Path` is deprecated.
        let folders = files.map { $0.standardizedFileURL.deletingLastPathComponent().pathComponents }
        var common = folders.first ?? []
        for folder in folders.dropFirst() {
            common = Array(zip(common, folder).prefix { $0 == $1 }.map(\.0))
        }
        for file in files {
            let relative = file.standardizedFileURL.pathComponents.dropFirst(common.count).joined(separator: "/")
            sources.append(("\(module.moduleName)/\(relative)", file))
        }
        for dependency in target.dependencies {
            // Products come from other packages (wslabel itself for a user's package): not hashed.
            if case let .target(dependencyTarget) = dependency {
                collectSources(of: dependencyTarget, into: &sources, visited: &visited)
            }
        }
    }
}
