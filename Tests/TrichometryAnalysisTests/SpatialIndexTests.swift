import XCTest
@testable import TrichometryAnalysis

/// Spatial indexes of tracing and measurement against the plain scans they replace.
final class SpatialIndexTests: XCTestCase {
    /// Joining collinear pieces as it was: every end re-listed and re-paired after each join.
    func referenceJoin(_ input: [ShaftPath]) -> [ShaftPath] {
        var paths = input
        struct End { var path: Int; var atStart: Bool; var point: PixelPoint; var dir: (Double, Double); var radius: Double }
        func ends() -> [End] {
            var out: [End] = []
            for (k, p) in paths.enumerated() where p.points.count >= 4 {
                let reach = min(p.points.count - 1, max(6, Int(3 * p.radiusEstimate)))
                for atStart in [true, false] {
                    let a = atStart ? p.points[0] : p.points[p.points.count - 1]
                    let b = atStart ? p.points[reach] : p.points[p.points.count - 1 - reach]
                    let dx = a.x - b.x, dy = a.y - b.y
                    let l = (dx * dx + dy * dy).squareRoot()
                    guard l > 0 else { continue }
                    out.append(End(path: k, atStart: atStart, point: a, dir: (dx / l, dy / l), radius: p.radiusEstimate))
                }
            }
            return out
        }
        let cosBend = cos(30.0 * .pi / 180)
        let cosStraight = cos(12.0 * .pi / 180)
        while true {
            let list = ends()
            // Only ends closer than the largest allowed gap can pair: bucket them in cells that wide and test
            // neighbouring cells only (all pairs was cubic in the number of pieces over the joining rounds).
            // The best pair is the lowest score, ties to the first pair in (i, j) order, as a full scan finds.
            var reach = 40.0, bruteForce = false
            for e in list where !e.radius.isNaN {
                if e.radius.isFinite { reach = max(reach, 10 * e.radius) } else { bruteForce = true }
            }
            var cells: [SIMD2<Int>: [Int]] = [:]
            var cellOf = [SIMD2<Int>?](repeating: nil, count: list.count)
            if !bruteForce {
                for (k, e) in list.enumerated() where e.point.x.isFinite && e.point.y.isFinite {
                    let c = SIMD2(Int((e.point.x / reach).rounded(.down)), Int((e.point.y / reach).rounded(.down)))
                    cellOf[k] = c
                    cells[c, default: []].append(k)
                }
            }
            var best: (score: Double, a: Int, b: Int)? = nil
            var candidates: [Int] = []
            for i in 0..<list.count {
                candidates.removeAll(keepingCapacity: true)
                if bruteForce {
                    if i + 1 < list.count { candidates.append(contentsOf: (i + 1)..<list.count) }
                } else if let c = cellOf[i] {
                    for dy in -1...1 {
                        for dx in -1...1 {
                            for j in cells[c &+ SIMD2(dx, dy)] ?? [] where j > i { candidates.append(j) }
                        }
                    }
                }
                for j in candidates where list[i].path != list[j].path {
                    let a = list[i], b = list[j]
                    guard a.path != b.path, paths[a.path].polarity == paths[b.path].polarity else { continue }
                    let gx = b.point.x - a.point.x, gy = b.point.y - a.point.y
                    let gap = (gx * gx + gy * gy).squareRoot()
                    let r = max(a.radius, b.radius)
                    // Short gaps (a crossing, glare) may bend up to 30°; longer ones, where a faint hair fades out
                    // for a stretch, must line up closely.
                    let long = gap > max(12, 4 * r)
                    guard gap <= max(40, 10 * r) else { continue }
                    let bend = long ? cosStraight : cosBend
                    // Facing each other, and continuing each other's direction.
                    let continuity = -(a.dir.0 * b.dir.0 + a.dir.1 * b.dir.1)
                    guard continuity >= bend else { continue }
                    if gap > 3 {
                        let along = (gx * a.dir.0 + gy * a.dir.1) / gap
                        let along2 = -(gx * b.dir.0 + gy * b.dir.1) / gap
                        guard along >= bend && along2 >= bend else { continue }
                    }
                    let lateral = abs(gx * a.dir.1 - gy * a.dir.0)
                    guard lateral <= (long ? max(1.5, 0.5 * r) : max(2, r)) else { continue }
                    let score = gap + 20 * (1 - continuity)
                    if let current = best {
                        if score < current.score || (score == current.score && (i, j) < (current.a, current.b)) {
                            best = (score, i, j)
                        }
                    } else {
                        best = (score, i, j)
                    }
                }
            }
            guard let (_, i, j) = best else { break }
            let a = list[i], b = list[j]
            var first = paths[a.path], second = paths[b.path]
            if a.atStart { first.points.reverse(); swap(&first.startKind, &first.endKind) }
            if !b.atStart { second.points.reverse(); swap(&second.startKind, &second.endKind) }
            var merged = first
            merged.points += second.points
            merged.endKind = second.endKind
            merged.crossings += second.crossings
            merged.radiusEstimate = (first.radiusEstimate * Double(first.points.count) + second.radiusEstimate * Double(second.points.count))
                / Double(first.points.count + second.points.count)
            merged.besideDarkerShaft = first.besideDarkerShaft && second.besideDarkerShaft
            // The gap itself is measured like a crossing: stay away from it.
            merged.crossings.append(PixelPoint(x: 0.5 * (a.point.x + b.point.x), y: 0.5 * (a.point.y + b.point.y)))
            let keep = min(a.path, b.path), drop = max(a.path, b.path)
            paths[keep] = merged
            paths.remove(at: drop)
        }
        return paths
    }

    /// Broken lines (gaps of 1–40 px, some pieces reversed, some too short), stray pieces, both polarities and
    /// a few radii, on integer coordinates so that equal scores (ties) are common.
    func randomPieces(seed: UInt32, lines: Int) -> [ShaftPath] {
        var s = seed
        func next(_ n: Int) -> Int {
            s = s &* 1_664_525 &+ 1_013_904_223
            return Int(s >> 8) % max(1, n)
        }
        var out: [ShaftPath] = []
        for _ in 0..<lines {
            let dirs = [(1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (2.0, 1.0), (-1.0, 2.0), (3.0, -1.0)]
            let d = dirs[next(dirs.count)]
            var x = Double(next(400)), y = Double(next(400))
            let polarity: ShaftPolarity = next(4) == 0 ? .lighter : .darker
            let radius = [1.0, 2.5, 4.0, 0.5][next(4)]
            for _ in 0..<(1 + next(5)) {
                let n = 2 + next(40)
                var pts: [PixelPoint] = []
                for _ in 0..<n {
                    pts.append(PixelPoint(x: x, y: y))
                    x += d.0; y += d.1
                    // A little wiggle now and then.
                    if next(9) == 0 { x += Double(next(3) - 1) }
                }
                if next(2) == 0 { pts.reverse() }
                var p = ShaftPath(points: pts, startKind: next(2) == 0 ? .tip : .junction, endKind: .tip,
                                  crossings: [PixelPoint(x: Double(next(9)), y: 0)], radiusEstimate: radius, polarity: polarity)
                p.besideDarkerShaft = next(3) == 0
                out.append(p)
                let gap = 1 + next(40)
                x += d.0 * Double(gap); y += d.1 * Double(gap)
            }
        }
        // Shuffle, so list order and geometry are unrelated.
        for i in stride(from: out.count - 1, to: 0, by: -1) { out.swapAt(i, next(i + 1)) }
        return out
    }

    func assertSame(_ a: [ShaftPath], _ b: [ShaftPath], _ message: String) {
        XCTAssertEqual(a.count, b.count, message)
        for (p, q) in zip(a, b) {
            XCTAssertEqual(p.points, q.points, message)
            XCTAssertEqual(p.crossings, q.crossings, message)
            XCTAssertEqual(p.startKind, q.startKind, message)
            XCTAssertEqual(p.endKind, q.endKind, message)
            XCTAssertEqual(p.radiusEstimate.bitPattern, q.radiusEstimate.bitPattern, message)
            XCTAssertEqual(p.polarity, q.polarity, message)
            XCTAssertEqual(p.besideDarkerShaft, q.besideDarkerShaft, message)
        }
    }

    /// The heap-and-grid join against the full re-scan on random broken lines.
    func testJoinCollinearPiecesMatchesFullRescan() {
        var joins = 0
        for seed in 1...60 as ClosedRange<UInt32> {
            let pieces = randomPieces(seed: seed, lines: 2 + Int(seed % 25))
            let fast = CrossingResolver.joinCollinearPieces(pieces)
            let slow = referenceJoin(pieces)
            joins += pieces.count - slow.count
            assertSame(fast, slow, "seed \(seed)")
        }
        XCTAssertGreaterThan(joins, 100)
        // A huge radius widens the grid's cells to the whole field (non-finite radii trap in both versions).
        var odd = randomPieces(seed: 77, lines: 12)
        odd[2].radiusEstimate = 1e6
        assertSame(CrossingResolver.joinCollinearPieces(odd), referenceJoin(odd), "odd radii")
        XCTAssertTrue(CrossingResolver.joinCollinearPieces([]).isEmpty)
    }

    /// "Near a crossing" for a whole centerline at once against the per-point scan: wandering lines, crossings
    /// on and off them, and odd values (non-finite points and crossings, negative and zero distances).
    func testNearAnyPointMatchesPerPointScan() {
        var s: UInt32 = 3
        func next(_ n: Int) -> Int {
            s = s &* 1_664_525 &+ 1_013_904_223
            return Int(s >> 8) % max(1, n)
        }
        var nearCount = 0
        for trial in 0..<300 {
            var x = Double(next(300)), y = Double(next(300))
            var points: [PixelPoint] = []
            for _ in 0..<next(200) {
                points.append(PixelPoint(x: x, y: y))
                x += Double(next(5) - 2) * 0.5; y += Double(next(5) - 1) * 0.5
            }
            var crossings: [PixelPoint] = []
            for _ in 0..<next(30) {
                if !points.isEmpty && next(2) == 0 {
                    let p = points[next(points.count)]
                    crossings.append(PixelPoint(x: p.x + Double(next(41) - 20) * 0.5, y: p.y + Double(next(41) - 20) * 0.5))
                } else {
                    crossings.append(PixelPoint(x: Double(next(300)), y: Double(next(300))))
                }
            }
            if trial % 10 == 1 && !points.isEmpty { points[next(points.count)].x = [.nan, .infinity, -.infinity][next(3)] }
            if trial % 10 == 2 && !crossings.isEmpty { crossings[next(crossings.count)].y = [.nan, .infinity][next(2)] }
            let r = [4.0, 9.5, 0, -6, 2.25, 30][trial % 6]
            let fast = SegmentGeometry.nearAnyPoint(of: crossings, closerThan: r, along: points)
            let slow = points.map { SegmentGeometry.anyPoint(of: crossings, closerThan: r, to: $0) }
            XCTAssertEqual(fast, slow, "trial \(trial)")
            nearCount += slow.filter { $0 }.count
        }
        XCTAssertGreaterThan(nearCount, 1000)
    }
}
