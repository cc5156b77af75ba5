@testable import WSLabelCore
@testable import WSLabelData
import XCTest

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8), sourceName: "x.json")
        return try parser.parseDocument()
    }

    func testObjectsKeepFileOrder() throws {
        guard case let .object(members) = try parse(#"{"b": 1, "a": [true, null], "c": {"z": -2.5e1}}"#) else {
            return XCTFail("expected an object")
        }
        XCTAssertEqual(members.map(\.key), ["b", "a", "c"])
        XCTAssertEqual(members[1].value, .array([.bool(true), .null]))
        XCTAssertEqual(members[2].value["z"], .number(-25))
    }

    func testStringEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\n\u00e9\ud83d\ude00""#), .string("a\"b\\c\né😀"))
    }

    func testErrorsNameLineAndColumn() {
        XCTAssertThrowsError(try parse("{\n  \"a\": 1,\n  \"b\": tru\n}")) { error in
            XCTAssertEqual((error as? WSLabelError)?.errorDescription, "x.json:3: invalid JSON at column 8: invalid literal")
        }
        XCTAssertThrowsError(try parse("[1, 2")) { error in
            XCTAssertTrue(error.localizedDescription.contains("x.json:1"), error.localizedDescription)
        }
        XCTAssertThrowsError(try parse(#""\ud83d""#)) { error in
            XCTAssertTrue(error.localizedDescription.contains("unpaired surrogate"), error.localizedDescription)
        }
        XCTAssertThrowsError(try parse("{} {}")) { error in
            XCTAssertTrue(error.localizedDescription.contains("unexpected content"), error.localizedDescription)
        }
    }

    func testInvalidUTF8IsAnError() {
        var parser = JSONParser(bytes: [0x22, 0xFF, 0x22], sourceName: "bad.json")
        XCTAssertThrowsError(try parser.parseDocument()) { error in
            XCTAssertTrue(error.localizedDescription.contains("invalid UTF-8"), error.localizedDescription)
        }
    }

    func testTopLevelMembersReportTheirLines() throws {
        var parser = JSONParser(bytes: Array("{\"x\": 1,\n\"y\": 2,\n\n\"z\": 3}".utf8))
        var seen: [(String, Int)] = []
        try parser.forEachTopLevelMember { key, line, _ in seen.append((key, line)) }
        XCTAssertEqual(seen.map(\.0), ["x", "y", "z"])
        XCTAssertEqual(seen.map(\.1), [1, 2, 4])
    }

    func testSerializationRoundTrips() throws {
        let value = JSONValue.object([("id", .string("a\"\n")), ("p", .number(0.25)), ("n", .number(3)), ("l", .null)])
        XCTAssertEqual(value.serialized, #"{"id":"a\"\n","p":0.25,"n":3,"l":null}"#)
        XCTAssertEqual(try parse(value.serialized), value)
    }
}
