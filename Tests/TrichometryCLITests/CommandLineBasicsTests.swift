import Foundation
import TrichometryImageIO
import XCTest

/// `trichometry info`, `bench io`, `--version` and `--help` through the real binary.
final class CommandLineBasicsTests: XCTestCase {
    /// A JPEG whose APP1 Exif segment holds only an orientation tag (inserted right after SOI).
    static func withOrientation(_ jpeg: [UInt8], _ value: UInt8) -> [UInt8] {
        var tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]  // big-endian TIFF header
        tiff += [0x00, 0x01]                                                   // one entry
        tiff += [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, value, 0x00, 0x00]  // Orientation, SHORT, 1
        tiff += [0x00, 0x00, 0x00, 0x00]                                       // no next IFD
        let payload = Array("Exif\0\0".utf8) + tiff
        let length = payload.count + 2
        return Array(jpeg[0..<2]) + [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + Array(jpeg[2...])
    }

    /// `in/` with an RGB PNG, a gray PNG, a JPEG tagged orientation 6 (in a subfolder), a text file
    /// that claims to be a PNG and a note that is no image at all.
    private func makeInfoInputs(in folder: URL) throws -> URL {
        let input = folder.appendingPathComponent("in")
        try CLI.writeImage(CLI.skinImage(seed: 1, width: 64, height: 48), to: input.appendingPathComponent("rgb.png"))
        try ImageEncoder.writePNG(RasterImage(width: 40, height: 30, channels: 1, fill: 128),
                                  to: input.appendingPathComponent("gray.png").path)
        let plain = input.appendingPathComponent("plain.jpg")
        try ImageEncoder.writeJPEG(CLI.skinImage(seed: 2, width: 48, height: 32), to: plain.path, quality: 85)
        let rotated = Self.withOrientation([UInt8](try Data(contentsOf: plain)), 6)
        try FileManager.default.createDirectory(at: input.appendingPathComponent("phone"), withIntermediateDirectories: true)
        try Data(rotated).write(to: input.appendingPathComponent("phone/sideways.jpg"))
        try Data("this is not a PNG".utf8).write(to: input.appendingPathComponent("broken.png"))
        try Data("notes".utf8).write(to: input.appendingPathComponent("notes.txt"))
        return input
    }

    func testInfoDescribesEachFileOnOneLine() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try makeInfoInputs(in: folder)
        let result = try CLI.run(["info", "in/rgb.png", "in/gray.png", "in/plain.jpg", "in/phone/sideways.jpg"], in: folder)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "in/rgb.png: PNG 64x48 3ch 8-bit RGB orientation=1 (upright)",
            "in/gray.png: PNG 40x30 1ch 8-bit gray orientation=1 (upright)",
            "in/plain.jpg: JPEG 48x32 3ch 8-bit YCbCr orientation=1 (upright)",
            "in/phone/sideways.jpg: JPEG 48x32 3ch 8-bit YCbCr orientation=6 (rotate 90° clockwise)",
        ])
        // --header-only reads the same headers.
        let headers = try CLI.run(["info", "--header-only", "in/phone/sideways.jpg"], in: folder)
        XCTAssertEqual(headers.status, 0, headers.stderr)
        XCTAssertEqual(headers.stdout, "in/phone/sideways.jpg: JPEG 48x32 3ch 8-bit YCbCr orientation=6 (rotate 90° clockwise)\n")
    }

    func testInfoNamesABadFileOnItsOwnLineAndExitsOne() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try makeInfoInputs(in: folder)
        let result = try CLI.run(["info", "in/rgb.png", "in/broken.png", "in/missing.png", "in/gray.png"], in: folder)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("in/rgb.png: PNG 64x48"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("in/broken.png: error: "), lines[1])
        XCTAssertGreaterThan(lines[1].count, "in/broken.png: error: ".count, "the reason is given")
        XCTAssertTrue(lines[2].hasPrefix("in/missing.png: error: "), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("in/gray.png: PNG 40x30"), "the files after a bad one are still described: \(lines[3])")
    }

    func testInfoOnAFolderListsItsImagesByContentSorted() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try makeInfoInputs(in: folder)
        // broken.png and notes.txt are not PNG or JPEG by content, so a folder does not stand for them.
        let result = try CLI.run(["info", "in"], in: folder)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").map { String($0.prefix { $0 != ":" }) },
                       ["in/gray.png", "in/phone/sideways.jpg", "in/plain.jpg", "in/rgb.png"])

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try CLI.run(["info", "empty", "in/rgb.png"], in: folder)
        XCTAssertEqual(empty.status, 1)
        let lines = empty.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, empty.stdout)
        XCTAssertTrue(lines[0].hasPrefix("empty: error: "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("in/rgb.png: PNG"), lines[1])
    }

    func testInfoWithoutArgumentsIsAUsageError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["info"], in: folder)
        XCTAssertEqual(result.status, 64, result.stderr)
    }

    func testBenchIORunsAndPrintsATable() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("bench.json")
        let result = try CLI.run(["bench", "io", "--megapixels", "0.3", "--runs", "1", "--json", json.path], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("image: ") == true, result.stdout)
        XCTAssertTrue(lines.first?.contains("1 runs") == true, result.stdout)
        // One row per timed step, each with a median and a minimum; no figure is asserted.
        let rows = lines.filter { $0.contains(" median ") && $0.contains(" ms") && $0.contains(" min ") }
        XCTAssertGreaterThanOrEqual(rows.count, 3, result.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json))
        XCTAssertTrue(object is [String: Any], "--json writes an object")

        let bad = try CLI.run(["bench", "io", "--runs", "0"], in: folder)
        XCTAssertEqual(bad.status, 64, bad.stderr)
    }

    func testVersionPrintsTheVersion() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--version"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(version.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+$"#, options: .regularExpression), version)
    }

    func testHelpListsEverySubcommand() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--help"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("USAGE: trichometry <subcommand>"), result.stdout)
        guard let section = result.stdout.range(of: "SUBCOMMANDS:") else {
            return XCTFail("no SUBCOMMANDS section: \(result.stdout)")
        }
        let listed = result.stdout[section.upperBound...].split(separator: "\n")
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        for name in ["analyze", "info", "phantom", "validate", "merge", "bench"] {
            XCTAssertTrue(listed.contains(name), "\(name) missing from --help: \(result.stdout)")
        }
        // Each subcommand's own help works too.
        for name in ["analyze", "info", "phantom", "validate", "merge", "bench"] {
            let sub = try CLI.run([name, "--help"], in: folder)
            XCTAssertEqual(sub.status, 0, "\(name) --help: \(sub.stderr)")
            XCTAssertTrue(sub.stdout.contains("USAGE: trichometry \(name)"), sub.stdout)
        }
    }
}
