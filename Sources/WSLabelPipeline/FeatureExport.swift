import Foundation
import WSLabelCore
import WSLabelData

/// An end model's features and training targets as files, so any other learner (scikit-learn,
/// a notebook) trains on exactly what wslabel trained on:
///
/// - `<split>.svm`: every item of the split, in row order, labeled with its gold class index
///   (-1 without one) (``SVMLightFile``);
/// - `training.svm`: the rows the end model learned from, labeled with their most probable class;
/// - `training.targets.csv`: their target distributions, one line each, classes in label order;
/// - `training.weights.txt`: their weights under the chosen weighting, one per line;
/// - `label.json`: the class name of each class index and target column (``LabelNamesFile``).
///
/// ```python
/// X, _ = load_svmlight_file("features/training.svm", zero_based=True, n_features=F)
/// Q = np.loadtxt("features/training.targets.csv", delimiter=",")
/// w = np.loadtxt("features/training.weights.txt")
/// ```
/// with `F` the `features` count of `wslabel train --json`.
struct FeatureExport {
    let model: EndModel
    let texts: [String: [String]]
    let numbers: [String: [[Double?]]]
    let splits: [LabeledSplit]
    let training: EndModelTraining
    let targets: ProbabilisticLabels

    private func values(_ split: String) -> [[Double?]] { model.numeric.fields.isEmpty ? [] : numbers[split] ?? [] }

    func write(to folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WSLabelError.fileAccess(path: folder.path, "cannot create the features folder")
        }
        for split in splits {
            let rows = model.featureRows(texts[split.name] ?? [], numbers: values(split.name))
            try SVMLightFile.write(rows, labels: split.gold.map { $0 ?? -1 }, to: folder.appendingPathComponent("\(split.name).svm"))
        }
        let trainTexts = texts["train"] ?? []
        let trainingTargets = targets.selectingRows(training.trainingRows)
        let trainNumbers = values("train").map { column in training.trainingRows.map { column[$0] } }
        try SVMLightFile.write(model.featureRows(training.trainingRows.map { trainTexts[$0] }, numbers: trainNumbers),
                               labels: trainingTargets.predictions(tiePolicy: .classPrior([Double](repeating: 1, count: targets.classCount))),
                               to: folder.appendingPathComponent("training.svm"))
        var csv = ""
        for row in 0..<trainingTargets.rowCount { csv += trainingTargets[row].map { "\($0)" }.joined(separator: ",") + "\n" }
        try AtomicFile.write(Data(csv.utf8), to: folder.appendingPathComponent("training.targets.csv"))
        let weights = (0..<trainingTargets.rowCount).map { "\(training.weighting.weight(of: trainingTargets[$0]))\n" }.joined()
        try AtomicFile.write(Data(weights.utf8), to: folder.appendingPathComponent("training.weights.txt"))
        try LabelNamesFile.write(model.labelNames, into: folder)
    }
}
