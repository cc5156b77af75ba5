import Foundation

/// Runs the built `wslabel` executable and captures what it prints.
///
/// The binary is the one `swift build --build-tests` writes beside the test bundle (the
/// `WSLabelCLITests` target declares it as a dependency), so a test of any target can run it.
public struct CLIRunner {
    /// What one run printed and how it ended.
    public struct Output {
        /// The exit code, or 128 + the signal that ended the process.
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `wslabel` binary beside the test bundle in the build folder.
    public static var executable: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("wslabel")
    }

    /// Runs `wslabel arguments` to its end, with `environment` added to the test's own.
    /// - Parameters:
    ///   - currentDirectory: the folder to run in (default: the test's own).
    ///   - timeout: seconds after which the process is killed (SIGKILL) and the run fails, so a
    ///     hang fails its test instead of the whole suite.
    ///   - standardInput: a file the process reads as its standard input (default: none).
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                           currentDirectory: URL? = nil, timeout: Double? = nil, standardInput: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if let standardInput { process.standardInput = try FileHandle(forReadingFrom: standardInput) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var watchdog: DispatchWorkItem?
        if let timeout {
            let pid = process.processIdentifier
            let kill = DispatchWorkItem { Foundation.kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: kill)
            watchdog = kill
        }
        defer { watchdog?.cancel() }
        // Read both pipes before waiting so a large output cannot block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // A signal's death reads as the shell shows it: 128 + the signal (a trap is 132, SIGKILL 137).
        let signalled = process.terminationReason == .uncaughtSignal
        return Output(status: signalled ? 128 + process.terminationStatus : process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
