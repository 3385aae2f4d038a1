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
}
