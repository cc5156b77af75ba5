import Synchronization

/// The source fingerprints of the modules built with the `LFSourceFingerprints` build plugin,
/// found by module name: what makes a Swift LF's fingerprint follow its code.
///
/// The plugin hashes a target's Swift sources at build time and adds a type named
/// ``tableTypeName`` conforming to ``LFSourceFingerprintTable`` to the target. Nothing has to
/// register it: it is looked up at run time by its type name in the module that `#fileID`
/// names (`MyLFs/Spam.swift` → module `MyLFs`), through the Swift runtime's type metadata,
/// which every loaded module keeps.
///
/// ```swift
/// LFSourceFingerprints.fingerprint(ofFileID: #fileID)   // "9f2c…" with the plugin, nil without
/// ```
///
/// A custom ``LabelingFunction`` whose votes come from Swift code does what ``HeuristicLF``
/// does: take `fileID: String = #fileID` in its initializer and put
/// `fingerprint(ofFileID: fileID)` into its ``LabelingFunction/fingerprint``.
public enum LFSourceFingerprints {
    /// The generated type's name in each module.
    public static let tableTypeName = "WSLabelLFSourceFingerprints"

    /// Module name → fingerprint (`nil`: the module has no table), as looked up so far.
    private static let known = Mutex<[String: String?]>([:])

    /// The source fingerprint of the module holding the file `fileID` (`Module/File.swift`, as
    /// `#fileID` gives it), or `nil` when that module was not built with the plugin.
    public static func fingerprint(ofFileID fileID: String) -> String? {
        guard let slash = fileID.firstIndex(of: "/") else { return nil }
        return fingerprint(ofModule: String(fileID[..<slash]))
    }

    /// The source fingerprint of `module`, or `nil` when it was not built with the plugin (or
    /// is not loaded).
    public static func fingerprint(ofModule module: String) -> String? {
        if let cached = known.withLock({ $0[module] }) { return cached }
        let found = (_typeByName(mangledTableName(module: module)) as? any LFSourceFingerprintTable.Type)?.sourceFingerprint
        known.withLock { $0[module] = .some(found) }
        return found
    }

    /// The Swift mangling of the enum `module.tableTypeName`: `<length><module><length><name>O`.
    /// Module names the plugin accepts (ASCII letters, digits, `_`) mangle this simply.
    static func mangledTableName(module: String) -> String {
        "\(module.utf8.count)\(module)\(tableTypeName.utf8.count)\(tableTypeName)O"
    }
}
