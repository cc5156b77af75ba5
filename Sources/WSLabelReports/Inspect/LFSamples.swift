import WSLabelCore

/// A few items per LF, to read beside its numbers: where it is wrong on the dev split (when the
/// dev split has gold labels) and a random sample of where it votes on train. The HTML report's
/// samples section, each LF's name in the LF table linking to its samples.
public struct LFSamples: Sendable {
    /// One LF's samples: one inspection per kind (wrong on dev, votes on train), each with at
    /// most the sample size of items.
    public struct Entry: Sendable {
        public var lf: Int
        public var inspections: [Inspection]

        public init(lf: Int, inspections: [Inspection]) {
            self.lf = lf
            self.inspections = inspections
        }
    }

    /// One entry per LF, in LF order.
    public var entries: [Entry]
    /// Items shown per kind at most.
    public var sampleSize: Int
    /// Why the items are shown without their texts, when they are.
    public var textsMissing: String?

    public init(entries: [Entry], sampleSize: Int) {
        self.entries = entries
        self.sampleSize = sampleSize
    }

    /// The HTML anchor of an LF's samples.
    static func anchor(lf: Int) -> String { "samples-lf-\(lf)" }
}
