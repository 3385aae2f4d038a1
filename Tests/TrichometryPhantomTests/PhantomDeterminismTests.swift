import XCTest
@testable import TrichometryPhantom

final class PhantomDeterminismTests: XCTestCase {
    func testSameRequestGivesIdenticalPixelsAndTruth() throws {
        for preset in [PhantomPreset.natural, .clipped, .artifacts] {
            let a = try PhantomTestSupport.sample(preset, seed: 9)
            let b = try PhantomTestSupport.sample(preset, seed: 9)
            XCTAssertEqual(a.image, b.image, "\(preset) pixels differ between runs")
            XCTAssertEqual(a.truth, b.truth, "\(preset) truth differs between runs")
            XCTAssertEqual(try PhantomTruth.makeEncoder().encode(a.truth), try PhantomTruth.makeEncoder().encode(b.truth))
        }
    }

    func testDifferentSeedOrIndexGivesDifferentImages() throws {
        let base = try PhantomTestSupport.sample(.natural, seed: 9, index: 0)
        let otherSeed = try PhantomTestSupport.sample(.natural, seed: 10, index: 0)
        let otherIndex = try PhantomTestSupport.sample(.natural, seed: 9, index: 1)
        XCTAssertNotEqual(base.image.pixels, otherSeed.image.pixels)
        XCTAssertNotEqual(base.image.pixels, otherIndex.image.pixels)
        XCTAssertNotEqual(base.truth.hairs, otherSeed.truth.hairs)
    }

    func testFileStemIsSortableAndNamesThePreset() {
        let request = PhantomRequest(preset: .dense, seed: 12, index: 7)
        XCTAssertEqual(request.fileStem, "dense-12-007")
        XCTAssertLessThan(PhantomRequest(preset: .dense, seed: 12, index: 9).fileStem,
                          PhantomRequest(preset: .dense, seed: 12, index: 10).fileStem)
    }

    func testBadRequestsThrowReadableErrors() {
        XCTAssertThrowsError(try PhantomRequest.parseSize("12x")) { error in
            XCTAssertTrue("\(error)".contains("12x"))
        }
        XCTAssertThrowsError(try PhantomGenerator.generate(PhantomRequest(preset: .natural, seed: 1, width: 10, height: 10)))
        XCTAssertThrowsError(try PhantomGenerator.generate(PhantomRequest(preset: .natural, seed: 1, width: 64, height: 64, umPerPx: -1)))
        XCTAssertEqual(try PhantomRequest.parseSize("640X480").width, 640)
    }
}
