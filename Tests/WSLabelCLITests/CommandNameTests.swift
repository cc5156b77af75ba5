import ArgumentParser
@testable import WSLabelCLI
import XCTest

/// A user's package ships the command line as its own tool
/// (`WSLabelCommand.main(commandName: "my-wslabel", catalogs:)`): its usage lines, help texts
/// and log lines say its name, while file names that contain `wslabel` stay as they are.
final class CommandNameTests: XCTestCase {
    override func tearDown() {
        ToolName.current = ToolName.written
        super.tearDown()
    }

    /// What the tool prints for `arguments` that ask for help or are wrong (help is a command
    /// whose run throws the request, as in `WSLabelCommand.main`).
    private func printed(_ arguments: [String]) -> String {
        do {
            var command = try WSLabelCommand.parseAsRoot(arguments)
            try command.run()
            return "ran"
        } catch {
            return WSLabelCommand.printedMessage(for: error)
        }
    }

    func testHelpAndUsageSayTheToolsName() {
        ToolName.current = "my-wslabel"
        let root = printed(["--help"])
        XCTAssertTrue(root.contains("USAGE: my-wslabel <subcommand>"), root)
        XCTAssertTrue(root.contains("  my-wslabel fit --wrench path/to/wrench/youtube"), root)
        let fit = printed(["fit", "--help"])
        XCTAssertTrue(fit.contains("USAGE: my-wslabel fit <options>"), fit)
        XCTAssertTrue(fit.contains("my-wslabel fit --wrench data/wrench/youtube"), "the examples call the tool by its name")
        XCTAssertTrue(fit.contains("wslabel.yaml"), "file names keep their spelling")
        for text in [root, fit, printed(["review", "export", "--help"]), printed(["fit", "--bogus"])] {
            XCTAssertNil(text.range(of: #"(?<![\w./-])wslabel(?![\w./-])"#, options: .regularExpression),
                         "no `wslabel` naming the tool: \(text)")
        }
        let usageError = printed(["fit", "--bogus"])
        XCTAssertTrue(usageError.contains("Usage: my-wslabel fit <options>"), usageError)
        XCTAssertTrue(usageError.contains("See 'my-wslabel fit --help'"), usageError)
    }

    func testWslabelItselfIsUnchanged() {
        XCTAssertEqual(ToolName.current, "wslabel")
        let fit = printed(["fit", "--help"])
        XCTAssertTrue(fit.contains("USAGE: wslabel fit <options>"), fit)
        XCTAssertEqual(fit, WSLabelCommand.fullMessage(for: CleanExit.helpRequest(Fit.self)), "no rewriting for wslabel")
    }

    func testOnlyTheToolsNameIsReplaced() {
        ToolName.current = "lab"
        XCTAssertEqual(ToolName.named("`wslabel fit` reads wslabel.yaml, .wslabel/votes.sqlite, wslabel-llm.yaml and ~/wslabel/x; run wslabel"),
                       "`lab fit` reads wslabel.yaml, .wslabel/votes.sqlite, wslabel-llm.yaml and ~/wslabel/x; run lab")
    }
}
