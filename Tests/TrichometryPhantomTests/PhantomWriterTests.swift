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
    }

    func testWritingIntoAMissingFolderFailsWithThePath() throws {
        let sample = try PhantomTestSupport.sample(.calibration, width: 64, height: 64)
        XCTAssertThrowsError(try PhantomWriter.write(sample, to: "/nonexistent-folder-\(getpid())", format: .jpeg,
                                                     jpegQuality: 80)) { error in
            XCTAssertTrue("\(error)".contains("nonexistent-folder"), "\(error)")
        }
    }
}
