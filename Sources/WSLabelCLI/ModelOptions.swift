import ArgumentParser
import WSLabelCore
import WSLabelPipeline

/// The options that choose and tune the label model, shared by the commands that fit one.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Label model: em (generative model fit by EM) or mv (majority vote). (default: em)", valueName: "em|mv"))
    var model: LabelingRunConfiguration.ModelKind?

    @Option(name: .long, help: "Seed of every random choice (random tie-breaks). Same inputs and seed give identical outputs. (default: 0)")
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("""
        How ties between equally probable classes are settled: model (em: the class with more \
        expected training rows; mv: rows no LF votes on get the likeliest class of the dev gold's \
        class balance — without dev gold, of majority vote's own labels — and ties among voting \
        LFs a seeded draw), abstain (no label), prior (the class more frequent in the dev gold \
        labels), random (seeded, rows without votes too: WRENCH's majority vote, what published \
        majority-vote figures use).
        (default: model)
        """, valueName: "model|abstain|prior|random"))
    var ties: LabelingRunConfiguration.TieChoice?

    @Option(name: .long, help: ArgumentHelp("Split whose gold labels set the class balance and choose the EM variant (default: valid, when there is one). A split named here must exist and have gold labels.", valueName: "split"))
    var devSplit: String?

    @Option(name: .long, help: ArgumentHelp("""
        Dev-split metric that chooses the EM variant: accuracy, f1 (F1 of --positive-class) or \
        macro-f1. Choose the metric you will be judged on: on a task with a rare positive class, \
        the most accurate variant may never predict it. (default: accuracy)
        """, valueName: "accuracy|f1|macro-f1"))
    var selectMetric: SelectionMetric.Name?

    @Option(name: .long, help: ArgumentHelp("Class for --select-metric f1, by name or index (default: class 1).", valueName: "class"))
    var positiveClass: String?

    @Option(name: .long, help: ArgumentHelp("""
        Use one EM variant instead of choosing one: heavy-prior (tied tables, a prior worth ten \
        training sets believing every LF 70% accurate, uniform class prior, abstains at half \
        weight; close to a majority vote that also reads abstains) or mle (textbook EM).
        """, valueName: "heavy-prior|mle"))
    var variant: FixedVariant?

    @Flag(name: .long, help: "Choose the EM variant without gold labels even when the dev split has them (see how the model does without a dev set).")
    var goldFree = false

    @Option(name: .long, help: ArgumentHelp("""
        How the dev split's best variant is weighed against the one chosen without gold: guarded \
        (it replaces it only when better on the dev items by a standard error: small dev sets \
        pick noise) or best (always the dev winner). (default: guarded)
        """, valueName: "guarded|best"))
    var devChoice: LabelingRunConfiguration.DevChoice?

    @Flag(name: .long, help: "Also fit on the dev split's labeled items, their class fixed (semi-supervised EM); the dev split still chooses the variant, so its scores are no longer held out.")
    var semiSupervised = false

    @Option(name: .long, help: ArgumentHelp("""
        LFs counted once as a group in the EM fit: duplicates (LFs with identical votes on every \
        item), weight (every cluster of dependent LFs `wslabel report` lists, correlated copies \
        too) or off. Both help when copies are what is wrong with the LFs and can cost points on \
        real LF sets (benchmarks/RESULTS.md). (default: off)
        """, valueName: "duplicates|weight|off"))
    var lfDependencies: DependencyHandling?

    enum DependencyHandling: String, ExpressibleByArgument, CaseIterable {
        case duplicates, weight, off
        var choice: LabelingRunConfiguration.DependentLFs {
            switch self {
            case .duplicates: return .duplicates
            case .weight: return .clusters
            case .off: return .off
            }
        }
    }

    @OptionGroup var workers: WorkerThreads

    enum FixedVariant: String, ExpressibleByArgument, CaseIterable {
        case heavyPrior = "heavy-prior", mle
        var options: EMOptions { self == .mle ? .maximumLikelihood : EMOptions() }
    }

    func validate() throws {
        do {
            try choices.validate()
        } catch let error as WSLabelError {
            throw ValidationError(error.localizedDescription)
        }
    }

    /// What the flags choose; what they leave out comes from the task file, then the defaults.
    var choices: ModelChoices {
        var choices = ModelChoices()
        choices.model = model
        choices.seed = seed
        choices.ties = ties
        choices.devSplit = devSplit
        choices.selectMetric = selectMetric
        choices.positiveClass = positiveClass
        choices.fixedVariant = variant?.options
        choices.goldFree = goldFree
        choices.devChoice = devChoice
        choices.semiSupervised = semiSupervised
        choices.threads = workers.threads
        choices.dependentLFs = lfDependencies?.choice
        return choices
    }
}

extension LabelingRunConfiguration.ModelKind: ExpressibleByArgument {}
extension LabelingRunConfiguration.TieChoice: ExpressibleByArgument {}
extension LabelingRunConfiguration.DevChoice: ExpressibleByArgument {}
extension SelectionMetric.Name: ExpressibleByArgument {}
