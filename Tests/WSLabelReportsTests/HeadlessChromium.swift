import Foundation
import XCTest

/// Headless Chromium, to render an HTML page to a PNG and collect what the page logged.
///
/// Chromium 156's headless mode (the "new" headless, the browser itself) writes every console
/// message of the page to stderr under `--enable-logging=stderr --v=0`, as
/// `[pid:tid:time:INFO:CONSOLE:line] "message", source: file:///… (line)`, uncaught exceptions
/// as `"Uncaught ReferenceError: …"`, at INFO level whatever the console method. The rest of
/// stderr is the browser's own noise (D-Bus, GPU) and is ignored.
struct HeadlessChromium {
    /// What one page load gave.
    struct Rendering {
        /// The console lines of the page (console calls and uncaught errors).
        var consoleMessages: [String]
        /// Chromium's whole stderr, for failure messages.
        var log: String
    }

    let executable: URL

    /// The `chromium` (Debian) or `chromium-browser` on `PATH`, or a skip with how to install
    /// it; under `CI=true` a missing browser is a failure, since CI must run every test.
    static func require(file: StaticString = #filePath, line: UInt = #line) throws -> HeadlessChromium {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for folder in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return HeadlessChromium(executable: candidate) }
            }
        }
        let message = "chromium is not on PATH: run scripts/ensure-dependencies.sh tests (installs Debian's chromium) to render the HTML report"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail(message, file: file, line: line)
        }
        throw XCTSkip(message, file: file, line: line)
    }

    /// Loads `page`, screenshots a `width` × `height` viewport to `screenshot`, and returns the
    /// page's console messages.
    /// - Parameter profile: an empty folder for the browser profile, so no user profile is read
    ///   or written.
    /// - Throws: when Chromium fails, runs over a minute, or writes no screenshot.
    func render(_ page: URL, screenshot: URL, width: Int = 1280, height: Int = 2400, profile: URL) throws -> Rendering {
        let (_, log) = try run(["--screenshot=\(screenshot.path)", "--window-size=\(width),\(height)", page.absoluteString],
                               profile: profile)
        guard FileManager.default.fileExists(atPath: screenshot.path) else {
            throw Failure(description: "chromium wrote no screenshot:\n\(log)")
        }
        let console = log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        return Rendering(consoleMessages: console, log: log)
    }

    /// The page's DOM after its scripts ran, serialized.
    func dumpDOM(_ page: URL, profile: URL) throws -> String {
        try run(["--dump-dom", page.absoluteString], profile: profile).output
    }

    private func run(_ arguments: [String], profile: URL) throws -> (output: String, log: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
        ] + arguments
        // stderr goes to a file, so a chatty browser cannot fill a pipe and stall while stdout
        // is read.
        let logURL = profile.appendingPathComponent("chromium-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: logURL)
        defer { try? logHandle.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = logHandle
        try process.run()
        // A hung browser is killed after a minute; reading stdout returns once it exits.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        if process.terminationReason == .uncaughtSignal {
            throw Failure(description: "chromium was stopped by signal \(process.terminationStatus) (the watchdog stops it after 60 s):\n\(log)")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "chromium exited with \(process.terminationStatus):\n\(log)")
        }
        return (String(decoding: data, as: UTF8.self), log)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
