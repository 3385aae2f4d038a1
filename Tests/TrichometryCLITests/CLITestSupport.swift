import Foundation
import TrichometryImageIO
import TrichometryReport
import XCTest

/// Runs the real `trichometry` binary and builds small test folders.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL { Bundle.main.bundleURL.appendingPathComponent("trichometry") }

    /// Runs `trichometry arguments…` in `folder`, feeding `stdin`.
    @discardableResult
    static func run(_ arguments: [String], in folder: URL, stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Files rather than pipes: nothing can block however much the child prints.
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("trichometry-out-\(UUID().uuidString)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("trichometry-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let clean = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("trichometry-cli-\(clean)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A small skin-coloured RGB image with dark straight shafts, different for each seed, so the
    /// pipeline has hairs to find once it detects them (and the tests never assume how many).
    static func skinImage(seed: UInt64, width: Int = 200, height: Int = 150) -> RasterImage {
        var canvas = RasterCanvas(image: RasterImage(width: width, height: height, channels: 3, fill: 0))
        canvas.fillRect(x0: 0, y0: 0, x1: width, y1: height, color: OverlayColor(222, 188, 172))
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<4 {
            let x = 30 + next() * Double(width - 60), y = 30 + next() * Double(height - 60)
            let angle = next() * Double.pi, length = 50 + next() * 40, radius = 2 + next() * 3
            let dx = cos(angle) * length / 2, dy = sin(angle) * length / 2
            canvas.drawSegment(from: (x - dx, y - dy), to: (x + dx, y + dy), radius: radius, color: OverlayColor(58, 40, 32))
        }
        return canvas.image
    }

    static func writeImage(_ image: RasterImage, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ImageEncoder.writePNG(image, to: url.path)
    }

    /// `in/` with images at the given relative paths (seeded by position) and a few non-images.
    static func makeInputs(in folder: URL, images: [String]) throws -> URL {
        let input = folder.appendingPathComponent("in")
        for (i, path) in images.enumerated() {
            try writeImage(skinImage(seed: UInt64(i + 1)), to: input.appendingPathComponent(path))
        }
        try Data("not an image".utf8).write(to: input.appendingPathComponent("notes.txt"))
        return input
    }

    static func read(_ url: URL) throws -> String {
        try String(decoding: Data(contentsOf: url), as: UTF8.self)
    }
}

/// An RFC 4180 reader written independently of TrichometryReport's, so the tests check the
/// writer against the standard rather than against itself.
enum CSV {
    static func parse(_ text: String, separator: Character = ",") -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var inQuotes = false, fieldStarted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { inQuotes = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && !fieldStarted {
                inQuotes = true; fieldStarted = true
            } else if c == separator {
                row.append(field); field = ""; fieldStarted = false
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""; fieldStarted = false
            } else {
                field.append(c); fieldStarted = true
            }
        }
        if fieldStarted || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Rows as dictionaries keyed by the header.
    static func records(_ text: String, separator: Character = ",") -> (header: [String], rows: [[String: String]]) {
        let all = parse(text, separator: separator)
        guard let header = all.first else { return ([], []) }
        let rows = all.dropFirst().map { fields in
            Dictionary(uniqueKeysWithValues: zip(header, fields).map { ($0, $1) })
        }
        return (header, rows)
    }
}
