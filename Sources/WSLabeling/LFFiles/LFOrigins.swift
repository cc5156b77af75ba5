import WSLabelCore

/// Where each LF of a catalog being put together comes from, so that a name given twice is
/// reported with both places: `file:line` for the LFs of LF files, the catalog's name for
/// Swift LFs.
struct LFOrigins {
    private var places: [String: String] = [:]

    /// Adds an LF of the Swift catalog `catalog`, which the task file `taskFile` names in its
    /// `labeling_functions.swift` list at `line`.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` at the task file's `swift` list when
    ///   the name is taken.
    mutating func add(_ name: String, swiftCatalog catalog: String, taskFile: String, line: Int?) throws {
        let location = SourceLocation(file: taskFile, line: line, record: "labeling_functions", field: "swift")
        if let first = places[name] {
            throw WSLabelError.malformedInput(location, "LF name \(name) of Swift catalog \(catalog) is already used \(first)")
        }
        // Where the catalog is named, so that an LF file's clash with it points at both places.
        places[name] = "in Swift catalog \(catalog) (named at \(SourceLocation(file: taskFile, line: line)))"
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
