import Foundation
import XCTest
import TrichometryImageIO
import TrichometryPhantom

/// `trichometry phantom` through the real binary, which `swift test` builds beside the test bundle
/// (the CLI test target depends on it).
final class PhantomCommandTests: XCTestCase {
    var binary: URL { Bundle.main.bundleURL.appendingPathComponent("trichometry") }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("trichometry binary not built at \(binary.path)")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let folder = FileManager.default.temporaryDirectory
        let outURL = folder.appendingPathComponent("phantom-out-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent("phantom-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    func testWritesImagesTruthFilesAndSidecars() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("phantom-cli-\(UUID().uuidString.prefix(8))/set")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let result = try run(["phantom", "--preset", "clipped", "--count", "2", "--seed", "4", "--size", "160x128",
                              "--format", "jpeg", "--quality", "80", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(names, ["clipped-4-000.jpg", "clipped-4-000.json", "clipped-4-000.truth.json",
                               "clipped-4-001.jpg", "clipped-4-001.json", "clipped-4-001.truth.json"])
        let image = try ImageDecoder.decode(contentsOf: out.appendingPathComponent("clipped-4-001.jpg").path)
        XCTAssertEqual(image.width, 160)
        let truth = try PhantomTruth.makeDecoder().decode(
            PhantomTruth.self, from: Data(contentsOf: out.appendingPathComponent("clipped-4-001.truth.json")))
        XCTAssertEqual(truth.image, "clipped-4-001.jpg")
        // Same request in the library: same truth.
        let direct = try PhantomGenerator.generate(PhantomRequest(preset: .clipped, seed: 4, index: 1, width: 160, height: 128),
                                                   format: .jpeg)
        XCTAssertEqual(truth, direct.truth)
        // The calibration sidecar carries the truth's scale and clipping days.
        let sidecar = try PhantomSidecar.decode(Data(contentsOf: out.appendingPathComponent("clipped-4-001.json")))
        XCTAssertEqual(sidecar, PhantomSidecar(truth: truth))
        XCTAssertEqual(sidecar.umPerPx, truth.umPerPx)
        XCTAssertEqual(sidecar.daysSinceClipping, truth.daysSinceClipping)
        XCTAssertNotNil(sidecar.daysSinceClipping)
    }

    func testNoSidecarWritesImagesAndTruthFilesOnly() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("phantom-cli-\(UUID().uuidString.prefix(8))/set")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let result = try run(["phantom", "--preset", "natural", "--count", "1", "--seed", "4", "--size", "96x64",
                              "--no-sidecar", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["natural-4-000.png", "natural-4-000.truth.json"])
    }

    func testBadArgumentsFailWithOneReadableLine() throws {
        let unknown = try run(["phantom", "--preset", "wavy", "--out", FileManager.default.temporaryDirectory.path])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("unknown phantom preset 'wavy'"), unknown.stderr)
        let size = try run(["phantom", "--preset", "natural", "--size", "big", "--out", FileManager.default.temporaryDirectory.path])
        XCTAssertNotEqual(size.status, 0)
        XCTAssertTrue(size.stderr.contains("invalid image size 'big'"), size.stderr)
    }
}
