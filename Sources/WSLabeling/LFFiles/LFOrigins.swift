import WSLabelCore

/// Where each LF of a catalog being put together comes from, so that a name given twice is
/// reported with both places: `file:line` for the LFs of LF files, the catalog's name for
/// Swift LFs.
struct LFOrigins {
    private var places: [String: String] = [:]

    /// Adds an LF of the Swift catalog `catalog`, which the task file `taskFile` names.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` at the task file's `swift` list when
    ///   the name is taken.
    mutating func add(_ name: String, swiftCatalog catalog: String, taskFile: String) throws {
        if let first = places[name] {
            throw WSLabelError.malformedInput(SourceLocation(file: taskFile, record: "labeling_functions", field: "swift"),
                                              "LF name \(name) of Swift catalog \(catalog) is already used \(first)")
        }
        places[name] = "in Swift catalog \(catalog)"
    }

    /// Adds an LF written at `file`:`line`.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` at that place when the name is taken.
    mutating func add(_ name: String, file: String, line: Int) throws {
        if let first = places[name] {
            throw WSLabelError.malformedInput(SourceLocation(file: file, line: line, record: "LF \(name)", field: "name"),
                                              "LF name \(name) is already used \(first)")
        }
        places[name] = "at \(file):\(line)"
    }
}
