import WSLabelData
/// One parser under fuzzing: a name for `scripts/fuzz.sh`, and a check that runs an input
/// through the parser and throws ``PropertyViolation`` when the parser breaks its promise.
///
/// Every parser promises that on any bytes it returns a value or throws a `WSLabelError`: a
/// trap, a hang or a leak is a bug (the driver, under libFuzzer with AddressSanitizer, catches
/// those itself), and so is any other error. Where wslabel also writes the format, what it
/// parsed must survive a write and a read unchanged.
struct FuzzTarget: Sendable {
    /// The name `scripts/fuzz.sh` and the replay mode take, e.g. `csv-votes`.
    let name: String
    /// What the target feeds its input to, for `--list`.
    let summary: String
    /// Runs one input.
    let check: @Sendable ([UInt8]) throws -> Void

    init(_ name: String, _ summary: String, check: @escaping @Sendable ([UInt8]) throws -> Void) {
        self.name = name
        self.summary = summary
        self.check = check
    }

    static let all: [FuzzTarget] = [
        FuzzTarget("json", "JSONParser: parseDocument and forEachTopLevelMember agree; serialized values parse back equal",
                   check: JSONTarget.check),
        FuzzTarget("jsonl-items", "ItemReader on .jsonl at two chunk sizes and two sources; JSONLRecordScanner agrees with JSONParser line by line",
                   check: ItemTargets.checkJSONL),
        FuzzTarget("csv-items", "ItemReader on .csv and .tsv (CSVRecordScanner, CSVItemDecoder) at two chunk sizes, with and without a header row",
                   check: ItemTargets.checkCSV),
        FuzzTarget("csv-votes", "CSVVotes(csvFile:) (CSVVoteReader) under three settings; what it reads writes back and reads equal",
                   check: VoteFileTargets.checkCSV),
        FuzzTarget("npy", "VoteMatrix(npyFile:) (NPYHeader, NPYDecoding); what it reads writes back equal in every dtype that fits",
                   check: VoteFileTargets.checkNPY),
        FuzzTarget("wrench", "WrenchDataset(directory:) on train.json [NUL label.json [NUL valid.json]]; written back and read equal",
                   check: WrenchTarget.check),
        FuzzTarget("task-file", "TaskFile(yaml:url:) on UTF-8 text",
                   check: YAMLTargets.checkTaskFile),
        FuzzTarget("lf-file", "LFFile.parse with and without the task's labels; keyword LFs vote on sample texts and the input",
                   check: YAMLTargets.checkLFFile),
        FuzzTarget("saved-model", "SavedLabelModel.load; a loaded model predicts on votes of its shape",
                   check: SavedModelTarget.check),
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// A broken promise of a parser, with what was expected and found.
struct PropertyViolation: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
