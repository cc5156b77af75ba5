import Foundation
import TestSupport
import XCTest

/// A run killed while it writes leaves neither a half-written output nor a temporary file, and
/// the next run writes the same bytes.
final class KilledWriterTests: XCTestCase {
    func testRunsKilledAtAnyMomentLeaveNoTemporaryAndNoHalfFile() throws {
        let folder = try temporaryDirectory(self)
        let output = folder.appendingPathComponent("synthetic")
        let arguments = ["synthesize", "--output", output.path, "--train", "150000", "--lfs", "20", "--seed", "5"]

        // The whole run once, timed, to spread the kills over it; its files are the reference.
        let started = Date()
        XCTAssertEqual(try CLIRunner.run(arguments).status, 0)
        let duration = Date().timeIntervalSince(started)
        let reference = try Data(contentsOf: output.appendingPathComponent("train.json"))

        for step in 1...6 {
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: duration * Double(step) / 7)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let names = try FileManager.default.contentsOfDirectory(atPath: output.path)
            XCTAssertEqual(names.filter { $0.hasSuffix(".tmp") }, [], "kill \(step) of 6 left a temporary")
            // Whatever the kill interrupted, train.json is the old file whole, never a part.
            XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("train.json")), reference, "kill \(step) of 6")
        }
    }
}
