import Foundation

/// The Swift LF catalogs a program makes available by name, so task files can refer to them
/// (`labeling_functions: {swift: [youtube_spam_tutorial]}`).
public final class LFCatalogRegistry: @unchecked Sendable {
    /// The process-wide registry `wslabel` fills at start-up.
    public static let shared = LFCatalogRegistry()

    private let lock = NSLock()
    private var catalogs: [String: [any LabelingFunction]] = [:]

    public init() {}

    /// Adds catalogs; a name registered again is replaced.
    public func register(_ catalogs: [String: [any LabelingFunction]]) {
        lock.withLock { self.catalogs.merge(catalogs) { _, new in new } }
    }

    /// The catalog registered as `name`.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` listing the registered names.
    public func catalog(named name: String) throws -> [any LabelingFunction] {
        try lock.withLock {
            guard let functions = catalogs[name] else {
                let known = catalogs.keys.sorted()
                throw WSLabelError.invalidArgument(
                    "no Swift LF catalog named \(name); registered: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
            }
            return functions
        }
    }

    /// The registered names, sorted.
    public var names: [String] { lock.withLock { catalogs.keys.sorted() } }
}

import WSLabelCore
