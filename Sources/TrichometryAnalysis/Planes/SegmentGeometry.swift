/// Closest points on line segments and nearness to point sets, shared by the stages that compare centerlines.
enum SegmentGeometry {
    /// The point of segment `a`–`b` closest to `p`, and its distance.
    @inline(__always)
    static func closestPoint(to p: PixelPoint, from a: PixelPoint, to b: PixelPoint) -> (point: PixelPoint, distance: Double) {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        let t = len2 > 0 ? min(1, max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0
        let q = PixelPoint(x: a.x + t * dx, y: a.y + t * dy)
        return (q, ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot())
    }

    /// Whether any of `points` lies closer than `r` to `p` (strictly): "near a crossing" for the stages that
    /// keep away from crossings and shared stems.
    @inline(__always)
    static func anyPoint(of points: [PixelPoint], closerThan r: Double, to p: PixelPoint) -> Bool {
        let r2 = r * r
        return points.contains { ($0.x - p.x) * ($0.x - p.x) + ($0.y - p.y) * ($0.y - p.y) < r2 }
    }

    /// `anyPoint(of: crossings, closerThan: r, to: points[i])` for every i. The per-point scan of every
    /// crossing grew with hairs × crossings; here each run of 16 points tests only the crossings inside the
    /// run's box grown by |r| + 1 (a crossing outside is at least r from every point in it, whatever the
    /// rounding), with the same comparison, so the answers are the same.
    static func nearAnyPoint(of crossings: [PixelPoint], closerThan r: Double, along points: [PixelPoint]) -> [Bool] {
        let n = points.count
        var out = [Bool](repeating: false, count: n)
        guard !crossings.isEmpty, n > 0 else { return out }
        let r2 = r * r
        let grow = abs(r) + 1
        var near: [PixelPoint] = []
        near.reserveCapacity(crossings.count)
        points.withUnsafeBufferPointer { pb in
            out.withUnsafeMutableBufferPointer { ob in
                var start = 0
                while start < n {
                    let end = min(n, start &+ 16)
                    var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
                    var finite = grow.isFinite
                    for i in start..<end {
                        let p = pb[i]
                        if !(p.x.isFinite && p.y.isFinite) { finite = false }
                        minX = Swift.min(minX, p.x); maxX = Swift.max(maxX, p.x)
                        minY = Swift.min(minY, p.y); maxY = Swift.max(maxY, p.y)
                    }
                    near.removeAll(keepingCapacity: true)
                    if finite {
                        minX -= grow; maxX += grow; minY -= grow; maxY += grow
                        for c in crossings where c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY { near.append(c) }
                    } else {
                        near.append(contentsOf: crossings)
                    }
                    if !near.isEmpty {
                        for i in start..<end {
                            let p = pb[i]
                            ob[i] = near.contains { ($0.x - p.x) * ($0.x - p.x) + ($0.y - p.y) * ($0.y - p.y) < r2 }
                        }
                    }
                    start = end
                }
            }
        }
        return out
    }
}
