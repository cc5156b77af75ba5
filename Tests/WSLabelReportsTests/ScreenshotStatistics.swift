import Foundation
import XCTest

/// What a PNG screenshot shows, in numbers: enough to tell a drawn page from a blank one.
///
/// Foundation on Linux decodes no images, so `python3` does it with its standard library only
/// (`zlib` and `struct`: no Pillow): it inflates the IDAT chunks, undoes the five PNG row filters
/// and counts colours. 8-bit RGB and RGBA, not interlaced, which is what Chromium writes.
struct ScreenshotStatistics: Decodable {
    var width: Int
    var height: Int
    /// Distinct RGB colours.
    var colors: Int
    /// The most common colour, `#rrggbb`: the page background.
    var background: String
    /// Share of pixels not of the background colour.
    var drawnShare: Double
    /// Pixels of each colour asked for, by `#rrggbb`.
    var counts: [String: Int]

    /// Decodes `png` and counts `colors` (`#rrggbb`) among its pixels.
    /// - Throws: `XCTSkip` when `python3` is missing (a failure too under `CI=true`); an error
    ///   when the file is not a PNG it can read.
    static func of(_ png: URL, counting colors: [String], file: StaticString = #filePath, line: UInt = #line) throws -> ScreenshotStatistics {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, png.path] + colors
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return try missingPython("cannot start python3: \(error)", file: file, line: line)
        }
        // The script prints one short line, and stderr is small: reading one after the other
        // cannot stall.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            return try missingPython("python3 is not on PATH", file: file, line: line)
        }
        guard process.terminationStatus == 0 else {
            throw HeadlessChromium.Failure(description: "PNG decoding failed: \(errorText)")
        }
        return try JSONDecoder().decode(ScreenshotStatistics.self, from: data)
    }

    private static func missingPython(_ message: String, file: StaticString, line: UInt) throws -> ScreenshotStatistics {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail(message, file: file, line: line)
        }
        throw XCTSkip(message, file: file, line: line)
    }

    // Filters per the PNG specification, section 9: None, Sub, Up, Average, Paeth.
    private static let script = #"""
    import collections, json, struct, sys, zlib
    data = open(sys.argv[1], 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit('not a PNG file')
    position, idat, header = 8, [], None
    while position + 8 <= len(data):
        length, kind = struct.unpack('>I4s', data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat.append(body)
        elif kind == b'IEND':
            break
        position += 12 + length
    width, height, depth, color_type, _, _, interlace = header
    if depth != 8 or color_type not in (2, 6) or interlace:
        sys.exit('unsupported PNG: bit depth %d, colour type %d, interlace %d' % (depth, color_type, interlace))
    bpp = 3 if color_type == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b''.join(idat))
    previous = bytearray(stride)
    counts = collections.Counter()
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 255
        elif kind == 2:
            row = bytearray((a + b) & 255 for a, b in zip(row, previous))
        elif kind == 3:
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                row[i] = (row[i] + (left + previous[i]) // 2) & 255
        elif kind == 4:
            for i in range(stride):
                a = row[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
        elif kind != 0:
            sys.exit('bad filter type %d in row %d' % (kind, y))
        counts.update(zip(row[0::bpp], row[1::bpp], row[2::bpp]))
        previous = row
    hexed = {'#%02x%02x%02x' % rgb: n for rgb, n in counts.items()}
    background, most = counts.most_common(1)[0]
    print(json.dumps({
        'width': width, 'height': height, 'colors': len(counts),
        'background': '#%02x%02x%02x' % background,
        'drawnShare': 1 - most / float(width * height),
        'counts': {name: hexed.get(name, 0) for name in sys.argv[2:]},
    }))
    """#
}
