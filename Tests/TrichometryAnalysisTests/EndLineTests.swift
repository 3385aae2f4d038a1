import XCTest
@testable import TrichometryAnalysis

/// `EndLine`: the line a piece follows near its end, read from skeleton points on the pixel grid.
final class EndLineTests: XCTestCase {
    /// Pixel centres of a straight line through (x0, y0) at `degrees`, one point per column (a skeleton's
    /// staircase).
    private func staircase(x0: Int, count: Int, y0: Double, degrees: Double) -> [PixelPoint] {
        let slope = tan(degrees * .pi / 180)
        return (0..<count).map { k in
            PixelPoint(x: Double(x0 + k) + 0.5, y: (y0 + Double(k) * slope).rounded(.down) + 0.5)
        }
    }

    func testDirectionOfAStaircaseIsTheLinesWithinTwoDegrees() {
        for degrees in [0.0, 4, 8, 13, 21, 30, 44] {
            let pts = staircase(x0: 10, count: 40, y0: 20.3, degrees: degrees)
            // Read from the last point backwards: the end is the right one, so the direction points right.
            let line = EndLine.fit(0...15) { pts[pts.count - 1 - $0] }
            XCTAssertNotNil(line)
            guard let line else { continue }
            let angle = atan2(line.dir.1, line.dir.0) * 180 / .pi
            XCTAssertEqual(angle, degrees, accuracy: 2.0, "at \(degrees)°")
            // The anchor lies on the line, level with the outermost point of the stretch.
            let last = pts[pts.count - 1]
            XCTAssertEqual(line.anchor.x, last.x, accuracy: 1)
            XCTAssertEqual(line.anchor.y, last.y, accuracy: 1)
        }
    }

    func testDirectionPointsOutOfThePiece() {
        let pts = staircase(x0: 10, count: 30, y0: 20, degrees: 10)
        let atStart = EndLine.fit(0...12) { pts[$0] }
        XCTAssertLessThan(atStart!.dir.0, -0.9)
        let atEnd = EndLine.fit(0...12) { pts[pts.count - 1 - $0] }
        XCTAssertGreaterThan(atEnd!.dir.0, 0.9)
    }

    /// A stretch that loops back so its two ends meet (a narrow U): the direction still points from the
    /// stretch towards its outer end, along the arms.
    func testDirectionOfALoopPointsTowardsTheOuterEnd() {
        let outerArm = (0..<10).map { PixelPoint(x: 0.5 + Double($0), y: 10.5) }      // outer end at x 0.5
        let bend = [PixelPoint(x: 10.5, y: 11.5)]
        let innerArm = (0..<10).map { PixelPoint(x: 9.5 - Double($0), y: 12.5) }      // back to x 0.5
        let pts = outerArm + bend + innerArm
        let line = EndLine.fit(0...(pts.count - 1)) { pts[$0] }
        XCTAssertLessThan(line!.dir.0, -0.99)
    }

    func testCoincidentPointsHaveNoLine() {
        let pts = [PixelPoint](repeating: PixelPoint(x: 3.5, y: 4.5), count: 8)
        XCTAssertNil(EndLine.fit(0...7) { pts[$0] })
    }

    /// Pieces of a thin hair on a slant, 30 px apart: a long open gap, which must run straight (12°) and in
    /// line (1.5 px), at eight slants and five phases of the skeleton's staircase.
    private func slantedPieces(shift: Double) -> [(label: String, pieces: [ShaftPath])] {
        var cases: [(String, [ShaftPath])] = []
        for degrees in [3.0, 5, 7, 9, 11, 14, 17, 20] {
            for phase in [0.1, 0.3, 0.5, 0.7, 0.9] {
                let pts = staircase(x0: 0, count: 150, y0: 30 + phase, degrees: degrees)
                let left = ShaftPath(points: Array(pts[0..<60]), startKind: .tip, endKind: .tip, crossings: [],
                                     radiusEstimate: 1.5, polarity: .darker)
                var right = ShaftPath(points: Array(pts[90..<150]), startKind: .tip, endKind: .tip, crossings: [],
                                      radiusEstimate: 1.5, polarity: .darker)
                right.points = right.points.map { PixelPoint(x: $0.x, y: $0.y + shift) }
                cases.append(("\(degrees)° phase \(phase)", [left, right]))
            }
        }
        return cases
    }

    /// Two hairs side by side, 4 px apart, on a slant. Read from a chord between two staircase points a few
    /// pixels apart, an end tilts by up to ten degrees, and six of these forty pairs were joined.
    func testSideBySidePiecesOnASlantStayApart() {
        let joined = slantedPieces(shift: 4).filter { CrossingResolver.joinCollinearPieces($0.pieces).count != 2 }
        XCTAssertEqual(joined.map(\.label), [])
    }

    /// One hair on a slant: the fitted lines continue each other at nearly every slant and phase. (Where a
    /// 13-point stretch holds a single step of the staircase, the fit can still tilt by a degree or two: one
    /// of the forty stays apart.)
    func testPiecesOfOneHairOnASlantJoin() {
        let apart = slantedPieces(shift: 0).filter { CrossingResolver.joinCollinearPieces($0.pieces).count != 1 }
        XCTAssertLessThanOrEqual(apart.count, 1, "\(apart.map(\.label))")
    }
}
