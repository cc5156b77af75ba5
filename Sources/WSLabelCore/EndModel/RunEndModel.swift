/// An end model trained on a labeling run: what `wslabel train` and the cost report's end-model
/// row share.
public struct RunEndModel: Sendable {
    /// How the end model was trained.
    public let training: EndModelTraining
    /// Its labels and scores, one per split of the run, in its order.
    public let results: [LabelingRun.SplitResult]

    /// The train rows an end model learns from on `run`: those some LF voted on, less those of a
    /// dev split sampled from train (they choose `C`, so they must not also teach).
    public static func trainingRows(run: LabelingRun, splits: [LabeledSplit], devIsSampleOfTrain: Bool) -> Int {
        guard let train = splits.first(where: { $0.name == "train" }) else { return 0 }
        let heldOut = heldOutRows(train: train, splits: splits, devName: run.configuration.devSplitName, devIsSampleOfTrain: devIsSampleOfTrain)
        return (0..<train.votes.rowCount).lazy.filter { train.votes.voteCount(inRow: $0) > 0 && !heldOut.contains($0) }.count
    }

    /// Trains an end model on the train split's texts and `run`'s train labels, `C` and the
    /// weighting chosen on the run's dev split when it has gold labels, and labels every split.
    ///
    /// - Parameters:
    ///   - run: the label model's run over `splits`.
    ///   - splits: the run's splits (votes, ids, gold).
    ///   - texts: every split's item texts in row order.
    ///   - numbers: every split's values of the configuration's numeric fields (per field, per
    ///     row; `nil` where an item has none); empty without numeric fields.
    ///   - devIsSampleOfTrain: whether the dev split's items are train items (a task's
    ///     `sample_of: train`): they are then held out of training. Ids alone cannot say, since
    ///     WRENCH splits number their items from 0 each.
    ///   - configuration: features, grid, weighting; its selection metric is used as given.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` without a train split or its texts, or with
    ///   no train item to learn from.
    public init(run: LabelingRun, splits: [LabeledSplit], texts: [String: [String]], numbers: [String: [[Double?]]] = [:],
                devIsSampleOfTrain: Bool, configuration: EndModelTrainingConfiguration) throws {
        func values(_ split: String) -> [[Double?]] { configuration.numericFields.isEmpty ? [] : numbers[split] ?? [] }
        guard let train = splits.first(where: { $0.name == "train" }),
              let trainResult = run.results.first(where: { $0.name == "train" }), let trainTexts = texts["train"] else {
            throw WSLabelError.invalidArgument("no train split with item texts to learn from")
        }
        let devName = run.configuration.devSplitName
        var dev: EndModelTraining.DevSplit?
        if devName != "train", let devSplit = splits.first(where: { $0.name == devName }), let gold = devSplit.completeGold,
           let devTexts = texts[devName] {
            dev = EndModelTraining.DevSplit(texts: devTexts, numbers: values(devName), gold: gold)
        }
        let heldOut = Self.heldOutRows(train: train, splits: splits, devName: devName, devIsSampleOfTrain: devIsSampleOfTrain)
        let covered = (0..<train.votes.rowCount).map { train.votes.voteCount(inRow: $0) > 0 }
        training = try EndModelTraining(labelNames: run.labelNames, texts: trainTexts, numbers: values("train"), targets: trainResult.probabilities,
                                        covered: covered, heldOut: heldOut, dev: dev, configuration: configuration)
        let model = training.model
        results = splits.map { split in
            LabelingRun.SplitResult(labeling: split, probabilities: model.probabilities(of: texts[split.name] ?? [], numbers: values(split.name),
                                                                                        threads: configuration.threads),
                                    tiePolicy: .classPrior(model.classifier.biases))
        }
    }

    /// The train rows of a dev split sampled from train whose gold labels choose (none otherwise).
    private static func heldOutRows(train: LabeledSplit, splits: [LabeledSplit], devName: String, devIsSampleOfTrain: Bool) -> Set<Int> {
        guard devIsSampleOfTrain, devName != "train", let devSplit = splits.first(where: { $0.name == devName }),
              devSplit.completeGold != nil else { return [] }
        let devIDs = Set(devSplit.ids)
        return Set(train.ids.indices.filter { devIDs.contains(train.ids[$0]) })
    }
}
