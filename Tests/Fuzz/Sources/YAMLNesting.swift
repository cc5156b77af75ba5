/// A cheap upper bound on how deep YAML text nests, to keep inputs Yams cannot take yet out of
/// the task-file and LF-file targets: Yams overflows the stack on YAML nested thousands of
/// levels deep (issue 10, item 5, fixed separately by bounding nesting before parsing).
enum YAMLNesting {
    /// Inputs that may nest deeper are skipped.
    static let limit = 50

    /// At least the nesting depth of `bytes`: each block level needs an indicator (`-`, `?` or
    /// `:`) or more indentation (a sequence may share its mapping's indentation, hence twice),
    /// and each flow level an open bracket.
    static func bound(_ bytes: [UInt8]) -> Int {
        var deepestLine = 0, flow = 0, deepestFlow = 0
        var indentation = 0, indicators = 0, atLineStart = true
        for byte in bytes {
            switch byte {
            case 0x0A, 0x0D:
                deepestLine = max(deepestLine, 2 * indentation + indicators)
                indentation = 0
                indicators = 0
                atLineStart = true
                continue
            case UInt8(ascii: " ") where atLineStart:
                indentation += 1
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                indicators += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                deepestFlow = max(deepestFlow, flow)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(0, flow - 1)
            default:
                break
            }
            atLineStart = false
        }
        return max(deepestLine, 2 * indentation + indicators) + deepestFlow
    }
}
