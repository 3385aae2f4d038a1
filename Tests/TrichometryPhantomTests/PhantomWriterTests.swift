import XCTest
import Foundation
import TrichometryImageIO
@testable import TrichometryPhantom

final class PhantomWriterTests: XCTestCase {
    func testWritesImageAndTruthThatReadBack() throws {
        let folder = NSTemporaryDirectory() + "phantom-writer-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sample = try PhantomTestSupport.sample(.clipped, seed: 3, width: 160, height: 128)
        let paths = try PhantomWriter.write(sample, to: folder, format: .png, jpegQuality: 90)
        XCTAssertEqual(paths.image, folder + "/clipped-3-000.png")
        XCTAssertEqual(paths.truth, folder + "/clipped-3-000.truth.json")
        let decoded = try ImageDecoder.decode(contentsOf: paths.image)
        XCTAssertEqual(decoded.width, 160)
        XCTAssertEqual(decoded.pixels, sample.image.pixels, "PNG is lossless")
        let data = try Data(contentsOf: URL(fileURLWithPath: paths.truth))
        XCTAssertEqual(try PhantomTruth.makeDecoder().decode(PhantomTruth.self, from: data), sample.truth)
        XCTAssertEqual(paths.sidecar, folder + "/clipped-3-000.json")
        let sidecarText = try String(decoding: Data(contentsOf: URL(fileURLWithPath: folder + "/clipped-3-000.json")), as: UTF8.self)
        XCTAssertTrue(sidecarText.contains("\"um_per_px\""), sidecarText)
        XCTAssertTrue(sidecarText.contains("\"days_since_clipping\""), sidecarText)
        XCTAssertTrue(sidecarText.hasSuffix("}\n"), sidecarText)
        XCTAssertEqual(try PhantomSidecar.decode(Data(sidecarText.utf8)), PhantomSidecar(truth: sample.truth))
    }

    func testSidecarOfAnUnclippedPresetHasNoClippingDaysAndCanBeLeftOut() throws {
        let folder = NSTemporaryDirectory() + "phantom-writer-sidecar-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sample = try PhantomTestSupport.sample(.natural, seed: 3, width: 96, height: 64)
        let written = try PhantomWriter.write(sample, to: folder, format: .png, jpegQuality: 90)
        let text = try String(decoding: Data(contentsOf: URL(fileURLWithPath: try XCTUnwrap(written.sidecar))), as: UTF8.self)
        XCTAssertFalse(text.contains("days_since_clipping"), text)
        XCTAssertEqual(try PhantomSidecar.decode(Data(text.utf8)).umPerPx, sample.truth.umPerPx)

        try FileManager.default.removeItem(atPath: folder + "/natural-3-000.json")
        let without = try PhantomWriter.write(sample, to: folder, format: .png, jpegQuality: 90, writesSidecar: false)
        XCTAssertNil(without.sidecar)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/natural-3-000.json"))
    }

    func testWritingIntoAMissingFolderFailsWithThePath() throws {
        let sample = try PhantomTestSupport.sample(.calibration, width: 64, height: 64)
        XCTAssertThrowsError(try PhantomWriter.write(sample, to: "/nonexistent-folder-\(getpid())", format: .jpeg,
                                                     jpegQuality: 80)) { error in
            XCTAssertTrue("\(error)".contains("nonexistent-folder"), "\(error)")
        }
    }
}
