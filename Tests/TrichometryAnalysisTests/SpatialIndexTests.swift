import XCTest
@testable import TrichometryAnalysis

/// Spatial indexes of tracing and measurement against the plain scans they replace.
final class SpatialIndexTests: XCTestCase {
    /// Joining collinear pieces by the plain method: after each join every end is re-listed and every pair
    /// re-scored (`CrossingResolver.pairScore`, the rule itself), and the lowest score wins, ties to the first
    /// pair in end-list order.
    func referenceJoin(_ input: [ShaftPath], occluders: ByteMask? = nil, evidence: GapEvidence? = nil) -> [ShaftPath] {
        var paths = input
        var strength = paths.map { evidence?.strength(of: $0) ?? 0 }
        while true {
            let list = paths.indices.flatMap { CrossingResolver.pieceEnds(of: paths[$0], slot: $0) }
            var best: (score: Double, a: Int, b: Int)? = nil
            for i in list.indices {
                for j in list.indices where j > i {
                    let a = list[i], b = list[j]
                    guard PieceContrast.similar(strength[a.slot], strength[b.slot]) else { continue }
                    guard let score = CrossingResolver.pairScore(a, b, occluders: occluders, evidence: evidence,
                                                                 strength: min(strength[a.slot], strength[b.slot]))
                    else { continue }
                    if best == nil || score < best!.score { best = (score, i, j) }
                }
            }
            guard let (_, i, j) = best else { break }
            let a = list[i], b = list[j]
            let keep = min(a.slot, b.slot), drop = max(a.slot, b.slot)
            let joined = CrossingResolver.joinedPath(paths[a.slot], at: a, paths[b.slot], at: b,
                                                     strengths: (strength[a.slot], strength[b.slot]))
            paths[keep] = joined.path
            strength[keep] = joined.strength
            paths.remove(at: drop)
            strength.remove(at: drop)
        }
        return paths
    }

    /// A random image for the occluded and evidence rules: blocks of shaft mask, holes in the field, and
    /// darkness that is shaft-like on most stretches and bare skin on others.
    func randomScene(seed: UInt32, width: Int = 480, height: Int = 480) -> (ByteMask, GapEvidence) {
        var s = seed
        func next(_ n: Int) -> Int {
            s = s &* 1_664_525 &+ 1_013_904_223
            return Int(s >> 8) % max(1, n)
        }
        var occluders = ByteMask(width: width, height: height)
        // Shaft-like darkness everywhere, with patches of bare skin and fainter or darker stretches.
        var darkness = FloatPlane(width: width, height: height, repeating: 0.3)
        var field = ByteMask(width: width, height: height, repeating: 1)
        for _ in 0..<12 {
            let x0 = next(width), y0 = next(height), w = 4 + next(30), h = 4 + next(30)
            for y in y0..<min(height, y0 + h) { for x in x0..<min(width, x0 + w) { occluders.bits[y * width + x] = 1 } }
        }
        for _ in 0..<40 {
            let x0 = next(width), y0 = next(height), w = 2 + next(60), h = 2 + next(60)
            let v = [0, 0, 0.05, 0.1, 0.5][next(5)] as Float
            for y in y0..<min(height, y0 + h) { for x in x0..<min(width, x0 + w) { darkness.samples[y * width + x] = v } }
        }
        for _ in 0..<3 {
            let x0 = next(width), y0 = next(height)
            for y in y0..<min(height, y0 + 20) { for x in x0..<min(width, x0 + 20) { field.bits[y * width + x] = 0 } }
        }
        return (occluders, GapEvidence(darkness: darkness, field: field))
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
        // With occluders and gap evidence (the final join of the analysis): longer reach, path-dependent
        // strengths.
        var occludedJoins = 0  // scenes where the image changed the outcome
        for seed in 1...30 as ClosedRange<UInt32> {
            let pieces = randomPieces(seed: seed, lines: 2 + Int(seed % 25))
            let (occluders, evidence) = randomScene(seed: seed)
            let fast = CrossingResolver.joinCollinearPieces(pieces, occluders: occluders, evidence: evidence)
            let slow = referenceJoin(pieces, occluders: occluders, evidence: evidence)
            let geometric = referenceJoin(pieces)
            if slow.count != geometric.count || zip(slow, geometric).contains(where: { $0.points != $1.points }) {
                occludedJoins += 1
            }
            assertSame(fast, slow, "occluded, seed \(seed)")
        }
        // The image changes the outcome in some of the scenes (7 of 30 when written), so both rules are exercised.
        XCTAssertGreaterThan(occludedJoins, 4)
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
