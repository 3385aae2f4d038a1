import XCTest
@testable import TrichometryAnalysis

/// `WedgeSplitter.fit` on exact edge offsets along a straight centerline: which width profiles read as two hairs
/// leaving one opening (a steady rise of 1.3–2.2×, both halves alike) and which as one hair.
final class WedgeSplitterTests: XCTestCase {
    private let count = 120
    private var line: [PixelPoint] { (0..<count).map { PixelPoint(x: 20 + Double($0), y: 50) } }

    /// Edge offsets with the width `width(i)` split evenly between the two sides.
    private func edges(_ width: (Int) -> Double) -> [(left: Double, right: Double)?] {
        (0..<count).map { i in (left: 0.5 * width(i), right: 0.5 * width(i)) }
    }

    private func linear(from a: Double, to b: Double) -> (Int) -> Double {
        { i in a + (b - a) * Double(i) / Double(self.count - 1) }
    }

    func testSteadyRiseIsAWedgeNarrowWhereItStarts() throws {
        let wedge = try XCTUnwrap(WedgeSplitter.fit(edges(linear(from: 8, to: 13)), along: line, crossings: [], diameter: 10))
        XCTAssertTrue(wedge.narrowAtStart)
        // Read from the first and last points clear of the ends (a margin of half the median width, 5 points).
        XCTAssertEqual(wedge.narrowWidth, 8 + 5 * 5 / 119.0, accuracy: 1e-9)
        XCTAssertEqual(wedge.wideWidth, 8 + 5 * 114 / 119.0, accuracy: 1e-9)
        XCTAssertEqual(wedge.left.slope, 2.5 / 119, accuracy: 1e-12)
        XCTAssertEqual(wedge.right.slope, 2.5 / 119, accuracy: 1e-12)
    }

    func testSteadyFallIsAWedgeNarrowWhereItEnds() throws {
        let wedge = try XCTUnwrap(WedgeSplitter.fit(edges(linear(from: 13, to: 8)), along: line, crossings: [], diameter: 10))
        XCTAssertFalse(wedge.narrowAtStart)
    }

    /// One side alone diverging (one hair straight on, the other leaving it) is a wedge too.
    func testOneSidedRiseIsAWedge() throws {
        let e: [(left: Double, right: Double)?] = (0..<count).map { i in (left: 4, right: 4 + 5 * Double(i) / Double(count - 1)) }
        let wedge = try XCTUnwrap(WedgeSplitter.fit(e, along: line, crossings: [], diameter: 10))
        XCTAssertTrue(wedge.narrowAtStart)
        XCTAssertEqual(wedge.left.slope, 0, accuracy: 1e-12)
    }

    func testConstantWidthIsNoWedge() {
        XCTAssertNil(WedgeSplitter.fit(edges { _ in 10 }, along: line, crossings: [], diameter: 10))
    }

    /// Too small a rise (blur and noise change one shaft's width by as much) and too large a one (a tapering tip:
    /// two hairs not yet parted are at most twice one's width).
    func testRiseOutsideTheWedgeRangeIsNoWedge() {
        XCTAssertNil(WedgeSplitter.fit(edges(linear(from: 8, to: 10)), along: line, crossings: [], diameter: 9))
        XCTAssertNil(WedgeSplitter.fit(edges(linear(from: 5, to: 14)), along: line, crossings: [], diameter: 9))
    }

    /// A hair of constant width whose second half tapers: the width falls by as much as a wedge's, and a straight
    /// line fits it within the limit, but over one half only.
    func testTaperOverOneHalfIsNoWedge() {
        // Barely narrowing over the first half (0.5 px), then tapering: both halves fall, the first far too little.
        let taper: (Int) -> Double = { i in i < 60 ? 12 - 0.5 * Double(i) / 59 : 11.5 - 5.5 * Double(i - 60) / 59 }
        XCTAssertNil(WedgeSplitter.fit(edges(taper), along: line, crossings: [], diameter: 12))
        // The same fall spread over the whole shaft is a wedge: it is the halves that decide.
        XCTAssertNotNil(WedgeSplitter.fit(edges(linear(from: 12, to: 6)), along: line, crossings: [], diameter: 12))
    }

    /// A rise whose width scatters more than the straight line explains.
    func testScatteredWidthIsNoWedge() {
        let rise = linear(from: 8, to: 13)
        XCTAssertNil(WedgeSplitter.fit(edges { rise($0) + ($0 % 2 == 0 ? 1.5 : -1.5) }, along: line, crossings: [], diameter: 10))
    }

    /// Widths that cannot be read over much of the shaft (edges not found, or near a crossing) decide nothing.
    func testTooFewReadableWidthsIsNoWedge() {
        let rise = linear(from: 8, to: 13)
        var e = edges(rise)
        for i in 30..<80 { e[i] = nil }
        XCTAssertNil(WedgeSplitter.fit(e, along: line, crossings: [], diameter: 10))
        XCTAssertNil(WedgeSplitter.fit(edges(rise), along: line, crossings: [PixelPoint(x: 80, y: 50)], diameter: 30))
    }

    /// A shaft too short to leave 16 widths read between its two end margins.
    func testShortShaftIsNoWedge() {
        let n = 26
        let short = (0..<n).map { PixelPoint(x: 20 + Double($0), y: 50) }
        let e: [(left: Double, right: Double)?] = (0..<n).map { i in
            let w = 8 + 5 * Double(i) / Double(n - 1)
            return (left: 0.5 * w, right: 0.5 * w)
        }
        XCTAssertNil(WedgeSplitter.fit(e, along: short, crossings: [], diameter: 10))
        // Twice as long, the same rise is read.
        let long = (0..<(2 * n)).map { PixelPoint(x: 20 + Double($0), y: 50) }
        let e2: [(left: Double, right: Double)?] = (0..<(2 * n)).map { i in
            let w = 8 + 5 * Double(i) / Double(2 * n - 1)
            return (left: 0.5 * w, right: 0.5 * w)
        }
        XCTAssertNotNil(WedgeSplitter.fit(e2, along: long, crossings: [], diameter: 10))
    }
}
