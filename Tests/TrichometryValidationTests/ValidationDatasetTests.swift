import Foundation
import TrichometryImageIO
import TrichometryPhantom
import XCTest
@testable import TrichometryValidation

final class ValidationDatasetTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "trichometry-validation-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/b/deeper", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func write(_ truth: PhantomTruth, to relative: String) throws {
        try PhantomTruth.makeEncoder().encode(truth).write(to: URL(fileURLWithPath: root + "/" + relative))
    }

    private func writeText(_ text: String, to relative: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
    }

    private var smallTruth: PhantomTruth {
        Fixtures.truth([Fixtures.truthHair(1, from: (2, 10), to: (60, 10))], width: 64, height: 48, image: "img.png")
    }

    func testFindsTruthFilesRecursivelyInSortedOrder() throws {
        try write(smallTruth, to: "b/deeper/z.truth.json")
        try write(smallTruth, to: "b/a.truth.json")
        try write(smallTruth, to: "c.truth.json")
        try writeText("{}", to: "b/notes.json")
        let found = try ValidationDataset.truthFiles(under: root)
        XCTAssertEqual(found, [root + "/b/a.truth.json", root + "/b/deeper/z.truth.json", root + "/c.truth.json"])
        let item = try ValidationDataset.loadCase(truthPath: found[1], root: root)
        XCTAssertEqual(item.name, "b/deeper/z.truth.json")
        XCTAssertEqual(item.imagePath, root + "/b/deeper/img.png")
        XCTAssertEqual(item.truth, smallTruth)
    }

    func testMissingFolderIsAClearError() {
        XCTAssertThrowsError(try ValidationDataset.truthFiles(under: root + "/nope")) { error in
            XCTAssertEqual(String(describing: error), root + "/nope: no such file or folder")
        }
    }

    func testBadTruthFilesNameTheFileAndTheProblem() throws {
        try writeText("not json", to: "broken.truth.json")
        var missingKey = try XCTUnwrap(String(data: PhantomTruth.makeEncoder().encode(smallTruth), encoding: .utf8))
        missingKey = missingKey.replacingOccurrences(of: "\"um_per_px\"", with: "\"um_per_pixel\"")
        try writeText(missingKey, to: "key.truth.json")
        var zeroScale = smallTruth
        zeroScale.umPerPx = 0
        try write(zeroScale, to: "scale.truth.json")
        var badLine = smallTruth
        badLine.hairs[0].centerline = [[1, 2, 3]]
        try write(badLine, to: "line.truth.json")

        let expectations = [
            "broken.truth.json": "not JSON",
            "key.truth.json": "missing key 'um_per_px'",
            "scale.truth.json": "um_per_px 0.0 is not a positive number",
            "line.truth.json": "hair 1 has a centerline",
        ]
        for (file, fragment) in expectations {
            let path = root + "/" + file
            XCTAssertThrowsError(try ValidationDataset.loadCase(truthPath: path, root: root), file) { error in
                let message = String(describing: error)
                XCTAssertTrue(message.hasPrefix(path + ": "), message)
                XCTAssertTrue(message.contains(fragment), message)
                XCTAssertFalse(message.contains("\n"), message)
            }
        }
    }

    func testRunnerKeepsOrderAndReportsBadImagesByName() throws {
        var cases: [ValidationCase] = []
        for (i, name) in ["a", "b", "c", "d"].enumerated() {
            var truth = smallTruth
            truth.seed = UInt64(i)
            truth.image = name + ".png"
            cases.append(ValidationCase(name: name + ".truth.json", truthPath: root + "/" + name + ".truth.json",
                                        imagePath: root + "/" + name + ".png", truth: truth))
        }
        struct Unreadable: Error, CustomStringConvertible { var description: String { "truncated PNG" } }
        let results = ValidationRunner.run(cases, jobs: 3) { path in
            if path.hasSuffix("b.png") { throw Unreadable() }
            if path.hasSuffix("d.png") { return RasterImage(width: 32, height: 48, channels: 1, fill: 200) }
            return RasterImage(width: 64, height: 48, channels: 1, fill: 200)
        }
        XCTAssertEqual(results.count, 4)
        XCTAssertEqual(try results[0].get().name, "a.truth.json")
        XCTAssertEqual(try results[2].get().seed, 2)
        XCTAssertEqual(try results[2].get().truthHairCount, 1)
        guard case .failure(let unreadable) = results[1], case .failure(let mismatch) = results[3] else {
            return XCTFail("b and d must fail")
        }
        XCTAssertEqual(unreadable.description, root + "/b.png: cannot read the image: truncated PNG")
        XCTAssertEqual(mismatch.description, root + "/d.png: image is 32x48 but its truth file says 64x48")
    }

    func testAnalysisOptionsCarryDaysSinceClipping() {
        var truth = smallTruth
        XCTAssertNil(ValidationRunner.analysisOptions(for: truth).daysSinceClipping)
        truth.daysSinceClipping = 2
        XCTAssertEqual(ValidationRunner.analysisOptions(for: truth).daysSinceClipping, 2)
    }
}
