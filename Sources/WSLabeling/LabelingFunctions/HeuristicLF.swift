import WSLabelData
/// An LF written as Swift code: a closure over the item's shared views.
///
/// Its fingerprint follows its code when the target declaring it is built with the
/// `LFSourceFingerprints` build plugin (`plugins: [.plugin(name: "LFSourceFingerprints",
/// package: "wslabel")]` in the target of Package.swift): the plugin hashes the target's Swift
/// sources at build time, and the fingerprint holds that hash (``sourceFingerprint``). After an
/// edit and a rebuild the LF's cached votes are not reused. The hash covers the whole target
/// (with the targets of its package it depends on), not the one closure, since a closure may
/// call any of the target's functions: an edit anywhere in it re-runs every Swift LF of the
/// target, which costs little next to votes reused from before the edit.
///
/// Without the plugin, the fingerprint is the name and `version` alone: bump `version`
/// whenever the closure's logic changes, or the old votes are reused. With it, `version` still
/// changes the fingerprint but is not needed.
///
/// ```swift
/// HeuristicLF("short_comment") { item in item.wordCount < 5 ? "HAM" : nil }
/// ```
public struct HeuristicLF: LabelingFunction {
    public let name: String
    public let version: Int
    public let possibleLabels: [String]?
    /// The fingerprint of the Swift sources of the module declaring the LF
    /// (``LFSourceFingerprints``), or `nil` when that module was built without the plugin.
    public let sourceFingerprint: String?
    private let body: @Sendable (ItemView) throws -> String?

    /// - Parameters:
    ///   - name: unique within the task's LFs.
    ///   - version: part of the fingerprint; with the plugin there is no need to bump it.
    ///   - labels: the labels the LF may vote for, checked against the task's when it loads.
    ///   - fileID: where the LF is declared (leave the default): names the module whose source
    ///     fingerprint the LF's fingerprint holds.
    ///   - body: the vote on an item: a label name, or `nil` to abstain.
    public init(_ name: String, version: Int = 1, labels: [String]? = nil, fileID: String = #fileID,
                _ body: @escaping @Sendable (ItemView) throws -> String?) {
        self.name = name
        self.version = version
        self.possibleLabels = labels
        self.sourceFingerprint = LFSourceFingerprints.fingerprint(ofFileID: fileID)
        self.body = body
    }

    public var fingerprint: String {
        sourceFingerprint.map { "heuristic|\(name)|\(version)|source:\($0)" } ?? "heuristic|\(name)|\(version)"
    }

    public func vote(on item: ItemView) throws -> String? { try body(item) }
}
