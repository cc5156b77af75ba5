import WSLabelCore
import WSLabeling

/// The label-model settings a caller gives (command-line flags, a benchmark's choices); each
/// one left `nil` comes from the task file's `model:` section, then the default.
///
/// ```swift
/// var choices = ModelChoices()
/// choices.selectMetric = .f1
/// let configuration = try choices.configuration(labelNames: ["HAM", "SPAM"], task: .init())
/// ```
public struct ModelChoices: Sendable, Equatable {
    public var model: LabelingRunConfiguration.ModelKind?
    public var seed: UInt64?
    public var ties: LabelingRunConfiguration.TieChoice?
    public var devSplit: String?
    public var selectMetric: SelectionMetric.Name?
    /// The class F1 is measured for, by name or index (task file: `positive_class`).
    public var positiveClass: String?
    /// One EM variant instead of a choice among variants.
    public var fixedVariant: EMOptions?
    public var goldFree = false
    public var devChoice: LabelingRunConfiguration.DevChoice?
    public var semiSupervised = false
    public var threads: Int?
    public var dependentLFs: LabelingRunConfiguration.DependentLFs?

    public init() {}

    /// The run configuration: these choices over the task's settings over the defaults.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when the positive class is neither a class
    ///   name nor an index, or the choices contradict each other.
    public func configuration(labelNames: [String], task: TaskFile.ModelSettings = .init()) throws -> LabelingRunConfiguration {
        try validate()
        let metric: SelectionMetric
        switch selectMetric ?? task.selectMetric ?? .accuracy {
        case .accuracy: metric = .accuracy
        case .macroF1: metric = .macroF1
        case .f1: metric = .f1(positiveClass: try Self.classIndex(positiveClass ?? task.positiveClass, in: labelNames))
        }
        return LabelingRunConfiguration(
            model: model ?? task.model ?? .em, seed: seed ?? task.seed ?? 0,
            ties: ties ?? task.ties ?? .model, devSplit: devSplit ?? task.devSplit,
            selectionMetric: metric, fixedVariant: fixedVariant, goldFree: goldFree,
            devChoice: devChoice ?? .guarded, semiSupervised: semiSupervised, threads: threads,
            dependentLFs: dependentLFs ?? .off)
    }

    /// Checks the choices that contradict each other whatever the input (callers check before
    /// any slow work).
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` saying which choices clash.
    public func validate() throws {
        if semiSupervised && goldFree {
            throw WSLabelError.invalidArgument("--semi-supervised fits on the dev split's gold labels; --gold-free ignores them. Give one or the other.")
        }
    }

    /// Checks the choices against a task before its LFs are applied, so that a mistyped
    /// `--positive-class` or `--dev-split` stops the run at once rather than after the LFs ran.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` naming the flag and the allowed values.
    public func check(against task: TaskFile) throws {
        _ = try configuration(labelNames: task.labels, task: task.model)
        if let devSplit, !task.splits.contains(where: { $0.name == devSplit }) {
            throw WSLabelError.invalidArgument("--dev-split \(devSplit): the task has no such split; its splits are \(task.splits.map(\.name).joined(separator: ", "))")
        }
    }

    /// The class `name` names, by name or index; class 1 when `nil`.
    private static func classIndex(_ name: String?, in labelNames: [String]) throws -> Int {
        guard let name else { return 1 }
        guard let index = ClassNames.index(of: name, in: labelNames) else {
            throw WSLabelError.invalidArgument("--positive-class \(name): no such class; expected \(ClassNames.allowed(labelNames))")
        }
        return index
    }
}
