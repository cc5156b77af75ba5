import Foundation
import XCTest
import WSLabelCore

/// The real datasets in `../shared/data` beside the checkout.
///
/// Tests that need them skip with a clear message when the folder is absent, except under
/// `CI=true`, where a missing folder is a failure: CI must run every test.
public enum SharedData {
    /// `../shared/data` relative to the package root (overridable with `WSLABEL_SHARED_DATA`).
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["WSLABEL_SHARED_DATA"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// The package's root folder.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The WRENCH folder of `name` (youtube, sms, trec, imdb, yelp), or a skip.
    public static func wrench(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        try require(root.appendingPathComponent("wrench/\(name)"), file: file, line: line)
    }

    /// A folder or file under the shared data, or a skip (a failure when `CI=true`).
    public static func require(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let message = "shared data not found at \(url.path): place ../shared beside the checkout or set WSLABEL_SHARED_DATA"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail(message, file: file, line: line)
        }
        throw XCTSkip(message, file: file, line: line)
    }
}
