import WSLabelCore
import WSLabelData

/// `JSONParser`, which every JSON reader uses: WRENCH splits, `label.json`, and the lines of a
/// `.jsonl` file that its scanner leaves to the parser.
enum JSONTarget {
    static func check(_ bytes: [UInt8]) throws {
        var parser = JSONParser(bytes: bytes)
        let document = try ParseOutcome("JSONParser.parseDocument") { try parser.parseDocument() }

        // The member walk WRENCH splits use takes exactly the objects the parser takes, member
        // for member, on lines that exist.
        var walker = JSONParser(bytes: bytes)
        var members: [(key: String, value: JSONValue)] = []
        let lineCount = bytes.lazy.filter { $0 == 0x0A }.count + 1
        let walk = try ParseOutcome("JSONParser.forEachTopLevelMember") {
            try walker.forEachTopLevelMember { key, line, value in
                guard (1...lineCount).contains(line) else {
                    throw PropertyViolation("forEachTopLevelMember put member \"\(key)\" on line \(line) of \(lineCount)")
                }
                members.append((key, value))
            }
        }
        switch (document, walk) {
        case let (.value(.object(expected)), .value):
            guard JSONValue.object(members) == .object(expected) else {
                throw PropertyViolation("forEachTopLevelMember gave other members than parseDocument")
            }
        case (.value(.object), .rejected(let error)):
            throw PropertyViolation("forEachTopLevelMember rejected an object parseDocument took: \(error)")
        case (_, .value):
            throw PropertyViolation("forEachTopLevelMember took what parseDocument did not take as an object")
        default:
            break
        }

        guard case let .value(value) = document else { return }
        let text = value.serialized
        var reparser = JSONParser(bytes: Array(text.utf8))
        let again = try ParseOutcome("JSONParser.parseDocument (round trip)") { try reparser.parseDocument() }
        guard again == .value(value) else {
            throw PropertyViolation("the serialized value \(text.prefix(200).debugDescription) parses back as \(again)")
        }
    }
}
