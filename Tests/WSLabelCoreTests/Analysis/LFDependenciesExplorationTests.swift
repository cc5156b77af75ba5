import Foundation
@testable import WSLabelCore
import XCTest

final class LFDependenciesExplorationTests: XCTestCase {
    func testExplore() throws {
        guard ProcessInfo.processInfo.environment["WSLABEL_EXPLORE"] != nil else { throw XCTSkip("exploration") }
        for (lfs, classes, rows, seed) in [(10, 2, 10_000, UInt64(7)), (10, 2, 2_000, 3), (60, 6, 20_000, 5), (30, 2, 5_000, 9)] {
            let truth = try SyntheticVotes.Parameters.realistic(lfCount: lfs, classCount: classes, seed: seed)
            for copies in [[], [SyntheticVotes.LFCopy(source: 0, agreement: 1)], [SyntheticVotes.LFCopy(source: 1, agreement: 0.5)], [SyntheticVotes.LFCopy(source: 2, agreement: 0.3)]] {
                let data = try SyntheticVotes(parameters: truth, rows: rows, seed: seed, copies: copies)
                for (name, options) in [("default", EMOptions()), ("l1", EMOptions(priorStrength: 1)), ("l1w1", EMOptions(priorStrength: 1, abstainWeight: 1)), ("l0.1", EMOptions(priorStrength: 0.1))] {
                    let model = try GenerativeLabelModel.fit(data.matrix, options: options, threads: 1)
                    let pairs = LFDependencies.evidence(votes: data.matrix, model: model, threads: 1)
                    let planted = pairs.filter { $0.second >= lfs }
                    let others = pairs.filter { $0.second < lfs }
                    let maxLift = others.map(\.agreementLift).max() ?? 0
                    let maxPartial = others.compactMap(\.partialCorrelation).max() ?? 0
                    let flagged = others.filter(LFDependencies.isDependent).count
                    if false, let top = others.max(by: { ($0.partialCorrelation ?? 0) < ($1.partialCorrelation ?? 0) }) { print("EXPLORE top \(top)") }
                    let p = planted.map { "(\($0.first),\($0.second)) lift \(String(format: "%.2f", $0.agreementLift)) rho \(String(format: "%.3f", $0.partialCorrelation ?? -9)) dup \($0.isExactDuplicate) dep \(LFDependencies.isDependent($0))" }
                    print("EXPLORE lfs \(lfs) k \(classes) rows \(rows) copies \(copies.map { "\($0.source)@\($0.agreement)" }) \(name): CI pairs \(others.count) maxLift \(String(format: "%.2f", maxLift)) maxRho \(String(format: "%.3f", maxPartial)) falseFlags \(flagged) planted \(p)")
                }
            }
        }
    }
}

final class LFDependenciesWeightingExplorationTests: XCTestCase {
    func testExploreWeighting() throws {
        guard ProcessInfo.processInfo.environment["WSLABEL_EXPLORE"] != nil else { throw XCTSkip("exploration") }
        func accuracy(_ model: any LabelModel, _ data: SyntheticVotes, lfs: Int? = nil) throws -> Double {
            let predictions = try model.predict(data.matrix, tiePolicy: .classPrior([Double](repeating: 1, count: model.classCount)))
            return Double(zip(predictions, data.labels).filter { $0 == Int($1) }.count) / Double(data.labels.count)
        }
        for (lfs, classes, rows, seed) in [(10, 2, 10_000, UInt64(7)), (10, 2, 10_000, 3), (30, 2, 10_000, 9), (20, 4, 10_000, 5)] {
            let truth = try SyntheticVotes.Parameters.realistic(lfCount: lfs, classCount: classes, seed: seed)
            let worst = truth.accuracies.indices.min { truth.accuracies[$0] * truth.coverages[$0].squareRoot() < truth.accuracies[$1] * truth.coverages[$1].squareRoot() }!
            let best = truth.accuracies.indices.max { truth.coverages[$0] < truth.coverages[$1] }!
            let base = try SyntheticVotes(parameters: truth, rows: rows, seed: seed, copies: [])
            for (label, copies) in [("none", [SyntheticVotes.LFCopy]()),
                                    ("worst×3@1", Array(repeating: SyntheticVotes.LFCopy(source: worst, agreement: 1), count: 3)),
                                    ("worst×3@0.7", Array(repeating: SyntheticVotes.LFCopy(source: worst, agreement: 0.7), count: 3)),
                                    ("widest×3@1", Array(repeating: SyntheticVotes.LFCopy(source: best, agreement: 1), count: 3)),
                                    ("widest×2@0.5", Array(repeating: SyntheticVotes.LFCopy(source: best, agreement: 0.5), count: 2))] {
                let data = try SyntheticVotes(parameters: truth, rows: rows, seed: seed, copies: copies)
                for (name, options) in [("default", EMOptions()), ("mle", EMOptions.maximumLikelihood)] {
                    let plainBase = try GenerativeLabelModel.fit(base.matrix, options: options, threads: 1)
                    let plain = try GenerativeLabelModel.fit(data.matrix, options: options, threads: 1)
                    let (weighted, dependencies) = try GenerativeLabelModel.fitCountingDependentLFsOnce(data.matrix, options: options, threads: 1)
                    let mv = MajorityVote(lfCount: data.matrix.lfCount, classCount: classes)
                    if name == "default" {
                        let detector = try GenerativeLabelModel.fit(data.matrix, options: LFDependencies.detectionOptions, threads: 1)
                        let all = LFDependencies.evidence(votes: data.matrix, model: detector, threads: 1)
                        for pair in all where pair.second >= lfs || (pair.partialCorrelation ?? 0) > 0.1 {
                            print("EXPLORE3 \(label) \(pair.first)-\(pair.second) planted \(pair.second >= lfs) agree \(pair.agreeingRows) lift \(String(format: "%.2f", pair.agreementLift)) rho \(String(format: "%.3f", pair.partialCorrelation ?? -1)) z \(String(format: "%.1f", (Double(pair.agreeingRows) - pair.expectedAgreeingRows) / pair.expectedAgreeingRows.squareRoot()))")
                        }
                    }
                    print("EXPLORE2 lfs \(lfs) k \(classes) seed \(seed) \(label) \(name): base \(try accuracy(plainBase, base)) copies-plain \(try accuracy(plain, data)) copies-weighted \(try accuracy(weighted, data)) mv \(try accuracy(mv, data)) clusters \(dependencies.clusters)")
                }
            }
        }
    }
}
