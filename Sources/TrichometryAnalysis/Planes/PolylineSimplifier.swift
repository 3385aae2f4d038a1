/// Douglas–Peucker simplification: the fewest vertices of a polyline that keep every dropped point
/// within a tolerance of the simplified line. Reports use it to carry each hair's centerline in a few
/// vertices (a 1-px-step centerline of a 300 px hair becomes a handful of points).
public enum PolylineSimplifier {
    /// The vertices of `points` to keep so that no dropped point lies farther than `tolerance` pixels
    /// from the segment between its kept neighbours. The first and last points are always kept;
    /// fewer than three points are returned as they are.
    public static func simplify(_ points: [PixelPoint], tolerance: Double) -> [PixelPoint] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        // An explicit stack of spans instead of recursion: a long, wiggly centerline must not
        // grow the call stack.
        var spans: [(Int, Int)] = [(0, points.count - 1)]
        while let (first, last) = spans.popLast() {
            guard last - first > 1 else { continue }
            var farthest = first
            var farthestDistance = -1.0
            for i in (first + 1)..<last {
                let d = SegmentGeometry.closestPoint(to: points[i], from: points[first], to: points[last]).distance
                if d > farthestDistance { farthestDistance = d; farthest = i }
            }
            if farthestDistance > tolerance {
                keep[farthest] = true
                spans.append((first, farthest))
                spans.append((farthest, last))
            }
        }
        return points.indices.compactMap { keep[$0] ? points[$0] : nil }
    }
}
