import Foundation
import WSLabelCore
import WSLabelData

/// A model file written by `wslabel fit --save-model`, loaded and asked to predict.
enum SavedModelTarget {
    static func check(_ bytes: [UInt8]) throws {
        let url = try Scratch.file("model.json", bytes)
        let loaded = try ParseOutcome("SavedLabelModel.load") { try SavedLabelModel.load(from: url) }
        guard case let .value(saved) = loaded else { return }
        let model = saved.labelModel
        let votes = try ParseOutcome("VoteMatrix(lfCount:classCount:)") { () throws -> VoteMatrix in
            var votes = try VoteMatrix(lfCount: model.lfCount, classCount: model.classCount)
            // Three items: every LF abstains; every LF votes class 0; LF j votes class j mod classes.
            try votes.appendRow(repeatElement(-1, count: model.lfCount))
            try votes.appendRow(repeatElement(0, count: model.lfCount))
            try votes.appendRow((0..<model.lfCount).map { $0 % model.classCount })
            return votes
        }
        guard case let .value(votes) = votes else { return }
        _ = try ParseOutcome("LabelModel.predictProbabilities") { try model.predictProbabilities(votes) }
    }
}
