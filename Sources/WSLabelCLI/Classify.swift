import ArgumentParser
import Foundation

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Label items with a saved end model (wslabel train --save-end-model).")
    func run() throws { throw ValidationError("not yet") }
}
