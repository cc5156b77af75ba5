import Foundation
import WSLabelData

// Two builds of one program. `scripts/fuzz.sh` compiles it with `-sanitize=fuzzer,address` and
// `-D WSLABEL_LIBFUZZER`: libFuzzer's `main` then drives the target named by the environment
// variable WSLABEL_FUZZ_TARGET (`list` prints the names). The ordinary build (`swift build`)
// replays saved inputs instead:
//
//     wslabel-fuzz --list
//     wslabel-fuzz TARGET FILE_OR_FOLDER...

#if WSLABEL_LIBFUZZER

/// The target of this run; `LLVMFuzzerInitialize` checks it before the first input.
private let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["WSLABEL_FUZZ_TARGET"] ?? ""
    if name == "list" {
        print(FuzzTarget.all.map(\.name).joined(separator: "\n"))
        exit(0)
    }
    guard let target = FuzzTarget.named(name) else {
        let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
        FileHandle.standardError.write(Data("wslabel-fuzz: set WSLABEL_FUZZ_TARGET to one of \(names), not \"\(name)\"\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = fuzzTarget
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try fuzzTarget.check(bytes)
    } catch {
        // A crash is what makes libFuzzer save the input.
        fatalError("\(fuzzTarget.name): \(error)")
    }
    return 0
}

#else

@main
enum Replay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--list"] {
            for target in FuzzTarget.all { print("\(target.name): \(target.summary)") }
            return
        }
        guard arguments.count >= 2, let target = FuzzTarget.named(arguments[0]) else {
            fail("usage: wslabel-fuzz --list | wslabel-fuzz TARGET FILE_OR_FOLDER...; targets: \(FuzzTarget.all.map(\.name).joined(separator: ", "))", status: 64)
        }
        var count = 0
        for path in arguments.dropFirst() {
            for file in inputFiles(path) {
                guard let data = FileManager.default.contents(atPath: file) else { fail("\(file): cannot be read", status: 66) }
                do {
                    try target.check(Array(data))
                } catch {
                    fail("\(file): \(error)", status: 1)
                }
                count += 1
            }
        }
        print("\(target.name): \(count) inputs, no property broken")
    }

    /// `path` itself, or the files of the folder `path` in name order.
    private static func inputFiles(_ path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { fail("\(path): no such file or folder", status: 66) }
        guard isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("wslabel-fuzz: \(message)\n".utf8))
        exit(status)
    }
}

#endif
