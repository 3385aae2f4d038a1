import XCTest
@testable import TrichometryPhantom

final class SpacingGridTests: XCTestCase {
    func testAgreesWithABruteForceScan() {
        var rng = PhantomRandom(seed: 4)
        var grid = SpacingGrid(origin: Point(-50, -50), width: 400, height: 300, spacing: 12)
        var placed: [Point] = []
        for _ in 0..<400 {
            let p = Point(rng.uniform(-50, 350), rng.uniform(-50, 250))
            let brute = placed.contains { PathMath.distance($0, p) < 12 }
            XCTAssertEqual(grid.hasPoint(near: p), brute)
            if !brute { grid.insert(p); placed.append(p) }
        }
        XCTAssertGreaterThan(placed.count, 100)
    }

    func testPointsOutsideTheAreaAreClampedNotLost() {
        var grid = SpacingGrid(origin: Point(0, 0), width: 100, height: 100, spacing: 10)
        grid.insert(Point(-5, -5))
        XCTAssertTrue(grid.hasPoint(near: Point(-1, -1)))
        XCTAssertFalse(grid.hasPoint(near: Point(50, 50)))
    }
}
