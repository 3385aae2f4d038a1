import Foundation
import TrichometryReport
import XCTest

final class SettingsTests: XCTestCase {
    func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func testMostSpecificSourceWinsKeyByKey() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("study")
        for path in ["a/x.png", "a/deep/y.png", "b/z.png", "c/w.png"] {
            try CLI.writeImage(CLI.skinImage(seed: 1, width: 20, height: 10), to: root.appendingPathComponent(path))
        }
        try write(#"{"um_per_px": 2.5, "vellus_max_um": 40, "device": "demo"}"#, root.appendingPathComponent("a/trichometry.json"))
        try write(#"{"um_per_px": 1.5}"#, root.appendingPathComponent("a/deep/y.json"))
        try write(#"{"field_width_mm": 4}"#, root.appendingPathComponent("c/trichometry.json"))
        // A ground-truth file beside an image is never its sidecar.
        try write(#"{"um_per_px": 99}"#, root.appendingPathComponent("b/z.truth.json"))

        let inputs = try InputCollector.collect([root.path])
        XCTAssertEqual(inputs.images.map(\.file), ["a/deep/y.png", "a/x.png", "b/z.png", "c/w.png"])
        let resolver = SettingsResolver(root: inputs.root,
                                        commandLine: SettingsLayer(source: "flag:--um-per-px", umPerPx: 3, daysSinceClipping: 2),
                                        allowsUncalibrated: false)
        let y = try resolver.resolve(inputs.images[0]), x = try resolver.resolve(inputs.images[1])
        let z = try resolver.resolve(inputs.images[2]), w = try resolver.resolve(inputs.images[3])
        XCTAssertEqual(y.scale, .micronsPerPixel(1.5))
        XCTAssertEqual(y.calibrationSource, "sidecar:a/deep/y.json")
        XCTAssertEqual(y.options.vellusMaxMicrons, 40, "the folder profile still applies to keys the sidecar lacks")
        XCTAssertEqual(y.options.daysSinceClipping, 2, "the command line is the default for every key")
        XCTAssertEqual(x.scale, .micronsPerPixel(2.5))
        XCTAssertEqual(x.calibrationSource, "profile:a/trichometry.json")
        XCTAssertEqual(z.scale, .micronsPerPixel(3))
        XCTAssertEqual(z.calibrationSource, "flag:--um-per-px")
        XCTAssertEqual(z.options.vellusMaxMicrons, 30)
        XCTAssertEqual(w.calibration(imageWidth: 20).micronsPerPixel, 200)
    }

    func testBrokenProfilesAndMissingCalibrationSayWhatToDo() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try CLI.writeImage(CLI.skinImage(seed: 1, width: 20, height: 10), to: folder.appendingPathComponent("a/x.png"))
        try CLI.writeImage(CLI.skinImage(seed: 1, width: 20, height: 10), to: folder.appendingPathComponent("b/y.png"))
        try write(#"{"um_per_pixel": 2}"#, folder.appendingPathComponent("a/trichometry.json"))
        let inputs = try InputCollector.collect([folder.path])
        let resolver = SettingsResolver(root: inputs.root, commandLine: SettingsLayer(source: "flag"), allowsUncalibrated: false)
        XCTAssertThrowsError(try resolver.resolve(inputs.images[0])) { error in
            XCTAssertTrue("\(error)".contains("a/trichometry.json: unknown key \"um_per_pixel\""), "\(error)")
        }
        XCTAssertThrowsError(try resolver.resolve(inputs.images[1])) { error in
            XCTAssertTrue("\(error)".contains("--um-per-px"), "\(error)")
            XCTAssertTrue("\(error)".contains("--uncalibrated"), "\(error)")
        }
        let lenient = SettingsResolver(root: inputs.root, commandLine: SettingsLayer(source: "flag"), allowsUncalibrated: true)
        XCTAssertEqual(try lenient.resolve(inputs.images[1]).scale, .uncalibrated)

        XCTAssertThrowsError(try SettingsLayer.parse(Data(#"{"intermediate": 1}"#.utf8), path: "p", source: "s"))
        XCTAssertThrowsError(try SettingsLayer.parse(Data(#"{"um_per_px": true}"#.utf8), path: "p", source: "s"))
        XCTAssertThrowsError(try SettingsLayer.parse(Data(#"{"um_per_px": 2, "field_width_mm": 3}"#.utf8), path: "p", source: "s"))
        XCTAssertEqual(try SettingsLayer.parse(Data(#"{"intermediate": true}"#.utf8), path: "p", source: "s").intermediate, true)
    }

    func testInputRootIsTheDeepestCommonFolder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("study/centre a/img1.png"), b = folder.appendingPathComponent("study/centre-b/img1.png")
        try CLI.writeImage(CLI.skinImage(seed: 1, width: 20, height: 10), to: a)
        try CLI.writeImage(CLI.skinImage(seed: 2, width: 20, height: 10), to: b)
        let two = try InputCollector.collect([a.deletingLastPathComponent().path, b.deletingLastPathComponent().path])
        XCTAssertEqual(two.images.map(\.file), ["centre a/img1.png", "centre-b/img1.png"])
        let one = try InputCollector.collect([a.path])
        XCTAssertEqual(one.images.map(\.file), ["img1.png"])
        XCTAssertThrowsError(try InputCollector.collect([folder.appendingPathComponent("missing").path]))
    }
}
