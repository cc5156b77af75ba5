import ArgumentParser
import Foundation
import WSLabelCore

/// Maps library errors to one clear line on stderr and a non-zero exit code.
enum CLIErrors {
    static func report(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as WSLabelError {
            FileHandle.standardError.write(Data("error: \(error.localizedDescription)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}

extension WSLabelError {
    /// 65 (EX_DATAERR) for bad input, 66 (EX_NOINPUT) for unreadable files, 64 (EX_USAGE) for bad arguments.
    var exitCode: Int32 {
        switch self {
        case .malformedInput, .incompatibleModel: return 65
        case .fileAccess: return 66
        case .invalidArgument: return 64
        }
    }
}
