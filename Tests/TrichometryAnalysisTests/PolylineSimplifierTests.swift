import XCTest
@testable import TrichometryAnalysis

final class PolylineSimplifierTests: XCTestCase {
    private func line(_ xy: [(Double, Double)]) -> [PixelPoint] { xy.map { PixelPoint(x: $0.0, y: $0.1) } }

    func testStraightRunKeepsOnlyItsEnds() {
        let points = line((0...20).map { (Double($0), 0.5 * Double($0)) })
        XCTAssertEqual(PolylineSimplifier.simplify(points, tolerance: 0.5), [points[0], points[20]])
    }

    func testCornerIsKept() {
        let points = line((0...10).map { (Double($0), 0) } + (1...10).map { (10, Double($0)) })
        XCTAssertEqual(PolylineSimplifier.simplify(points, tolerance: 0.5), [points[0], points[10], points[20]])
    }

    func testDeviationJustInsideToleranceIsDroppedAndJustOutsideIsKept() {
        let inside = line([(0, 0), (5, 0.4), (10, 0)])
        XCTAssertEqual(PolylineSimplifier.simplify(inside, tolerance: 0.5), [inside[0], inside[2]])
        let outside = line([(0, 0), (5, 0.6), (10, 0)])
        XCTAssertEqual(PolylineSimplifier.simplify(outside, tolerance: 0.5), outside)
    }

    func testShortInputsAreReturnedAsTheyAre() {
        XCTAssertEqual(PolylineSimplifier.simplify([], tolerance: 0.5), [])
        let two = line([(1, 2), (3, 4)])
        XCTAssertEqual(PolylineSimplifier.simplify(two, tolerance: 0.5), two)
    }

    /// On a wiggly curve every dropped point stays within the tolerance of the simplified line,
    /// the kept points are a subsequence of the input, and far fewer points remain.
    func testEveryDroppedPointStaysWithinTolerance() {
        let points = line((0..<400).map { i in
            let t = Double(i)
            return (t, 12 * (t / 37).squareRoot() * (t / 23).truncatingRemainder(dividingBy: 1.7))
        })
        let tolerance = 0.5
        let kept = PolylineSimplifier.simplify(points, tolerance: tolerance)
        XCTAssertLessThan(kept.count, points.count / 2)
        var next = 0
        for k in kept {
            guard let index = points[next...].firstIndex(of: k) else { return XCTFail("kept point not in input order") }
            next = index + 1
        }
        for p in points {
            let nearest = zip(kept, kept.dropFirst())
                .map { SegmentGeometry.closestPoint(to: p, from: $0.0, to: $0.1).distance }.min() ?? .infinity
            XCTAssertLessThanOrEqual(nearest, tolerance + 1e-9)
        }
    }
}
