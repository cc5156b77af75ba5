import Foundation

// LFSourceFingerprintTool MODULE OUTPUT [NAME PATH]...
// Hashes the files (NAME: `Module/path`, the name hashed; PATH: where to read it) in the order
// given and writes OUTPUT, the Swift table of MODULE's source fingerprint. Run by the
// LFSourceFingerprints build plugin, not by hand.
//
// `@main` rather than top-level code: builds that pass -parse-as-library to every target (the
// fuzzing build's --sanitize fuzzer) must compile it too.
@main
enum FingerprintToolCommand {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2, arguments.count % 2 == 0 else {
            FileHandle.standardError.write(Data("usage: LFSourceFingerprintTool MODULE OUTPUT [NAME PATH]...\n".utf8))
            exit(64)
        }
        var fingerprint = SourceFingerprint()
        for index in stride(from: 2, to: arguments.count, by: 2) {
            guard let contents = FileManager.default.contents(atPath: arguments[index + 1]) else {
                FileHandle.standardError.write(Data("error: LFSourceFingerprintTool: cannot read \(arguments[index + 1])\n".utf8))
                exit(66)
            }
            fingerprint.add(file: arguments[index], contents: Array(contents))
        }
        let text = GeneratedTable.source(module: arguments[0], fingerprint: fingerprint.hexString, fileCount: (arguments.count - 2) / 2)
        do {
            try text.write(toFile: arguments[1], atomically: true, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("error: LFSourceFingerprintTool: cannot write \(arguments[1]): \(error.localizedDescription)\n".utf8))
            exit(73)
        }
    }
}
