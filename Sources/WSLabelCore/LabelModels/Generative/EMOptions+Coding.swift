/// How the class balance is saved in a model file (``SavedLabelModel``): a tagged object,
/// `{"kind": "fixed", "probabilities": [0.6, 0.4]}` or `{"kind": "estimated"}`. Files of
/// version 1 spelled it `{"fixed": {"_0": [0.6, 0.4]}}` or `{"estimated": {}}`; both are read.
extension EMOptions.ClassBalance {
    private enum Keys: String, CodingKey {
        case kind, probabilities
    }

    /// Version 1's keys: the case name, and `_0` for the associated value.
    private enum VersionOneKeys: String, CodingKey {
        case estimated, fixed, value = "_0"
    }

    /// Decodes `{"kind": "estimated"}`, `{"kind": "fixed", "probabilities": […]}`, or a version-1
    /// file's `{"estimated": {}}` and `{"fixed": {"_0": […]}}`.
    /// - Throws: `DecodingError` naming the kind when it is neither.
    public init(from decoder: any Decoder) throws {
        let tagged = try decoder.container(keyedBy: Keys.self)
        if tagged.contains(.kind) {
            switch try tagged.decode(String.self, forKey: .kind) {
            case "estimated": self = .estimated
            case "fixed": self = .fixed(try tagged.decode([Double].self, forKey: .probabilities))
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .kind, in: tagged,
                                                       debugDescription: "unknown class balance \"\(other)\"; expected estimated or fixed")
            }
            return
        }
        let old = try decoder.container(keyedBy: VersionOneKeys.self)
        if old.contains(.estimated) {
            self = .estimated
        } else if old.contains(.fixed) {
            self = .fixed(try old.nestedContainer(keyedBy: VersionOneKeys.self, forKey: .fixed).decode([Double].self, forKey: .value))
        } else {
            throw DecodingError.keyNotFound(Keys.kind, DecodingError.Context(codingPath: decoder.codingPath,
                                                                              debugDescription: "a class balance needs its kind"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .estimated:
            try container.encode("estimated", forKey: .kind)
        case let .fixed(probabilities):
            try container.encode("fixed", forKey: .kind)
            try container.encode(probabilities, forKey: .probabilities)
        }
    }
}

/// How the prior unit is saved: `training_rows` or `lf_votes`; version 1's `trainingRows` and
/// `lfVotes` are read too.
extension EMOptions.PriorUnit {
    /// Decodes `training_rows` or `lf_votes`, or version 1's `trainingRows` or `lfVotes`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let versionOne = ["trainingRows": Self.trainingRows, "lfVotes": .lfVotes]
        guard let unit = Self(rawValue: text) ?? versionOne[text] else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown prior unit \"\(text)\"; expected training_rows or lf_votes")
        }
        self = unit
    }
}
