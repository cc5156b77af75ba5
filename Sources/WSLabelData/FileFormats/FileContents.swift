import Foundation
import WSLabelCore

/// The whole content of a file as `Data` (one copy, no `[UInt8]` conversion), or a
/// ``WSLabelError/fileAccess(path:_:)`` saying why not.
func readData(_ url: URL) throws -> Data {
    do {
        return try Data(contentsOf: url)
    } catch {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        throw WSLabelError.fileAccess(path: url.path, !exists ? "no such file" : isDirectory.boolValue ? "is a folder, not a file" : "cannot be read")
    }
}
