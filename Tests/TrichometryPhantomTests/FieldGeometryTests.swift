import XCTest
@testable import TrichometryPhantom

final class FieldGeometryTests: XCTestCase {
    func testFullFrameArea() {
        let field = FieldGeometry(width: 200, height: 100, aperture: nil, banner: nil)
        XCTAssertEqual(field.validAreaPx2, 20_000, accuracy: 1e-9)
    }

    func testBannerIsSubtracted() {
        let field = FieldGeometry(width: 200, height: 100, aperture: nil, banner: .init(top: 0, bottom: 10))
        XCTAssertEqual(field.validAreaPx2, 18_000, accuracy: 1e-9)
        XCTAssertFalse(field.contains(Point(50, 5)))
        XCTAssertTrue(field.contains(Point(50, 50)))
    }

    func testDiskInsideFrameIsWholeDisk() {
        let field = FieldGeometry(width: 200, height: 200, aperture: .init(centre: Point(100, 100), radius: 50), banner: nil)
        XCTAssertEqual(field.validAreaPx2, Double.pi * 2500, accuracy: 1e-6)
    }

    func testApertureCutByFrameMatchesFineGridCount() {
        let field = FieldGeometry(width: 160, height: 120,
                                  aperture: .init(centre: Point(83, 58), radius: 88), banner: .init(top: 110, bottom: 120))
        // Count a 10×10 sub-sample grid per pixel: the exact area must agree to well under 0.1 %.
        var inside = 0
        let steps = 10
        for y in 0..<(120 * steps) {
            for x in 0..<(160 * steps) {
                let p = Point((Double(x) + 0.5) / Double(steps), (Double(y) + 0.5) / Double(steps))
                if field.contains(p) { inside += 1 }
            }
        }
        let counted = Double(inside) / Double(steps * steps)
        XCTAssertEqual(field.validAreaPx2 / counted, 1, accuracy: 1e-3)
        XCTAssertLessThan(field.validAreaPx2, 160 * 110)
    }
}
