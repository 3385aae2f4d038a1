/// The line a path piece follows near one of its ends, fitted by least squares (principal axis) to its
/// skeleton points. Points are given by index: 0 is the end itself, larger indices lie further inside the piece.
struct EndLine {
    /// The fitted line's point level with the stretch's first (outermost) point.
    var anchor: PixelPoint
    /// Unit direction pointing out of the piece (from its inside towards the end).
    var dir: (Double, Double)

    /// The principal axis of the points `range` (at least 2 distinct ones), oriented towards the end.
    static func fit(_ range: ClosedRange<Int>, _ point: (Int) -> PixelPoint) -> EndLine? {
        guard let axis = principalAxis(range, point) else { return nil }
        let first = point(range.lowerBound)
        let along = (first.x - axis.centre.x) * axis.dir.0 + (first.y - axis.centre.y) * axis.dir.1
        return EndLine(anchor: PixelPoint(x: axis.centre.x + along * axis.dir.0, y: axis.centre.y + along * axis.dir.1),
                       dir: axis.dir)
    }

    /// Centroid and unit principal direction of the points, the direction oriented from the centroid towards
    /// the stretch's outer end (index `range.lowerBound`).
    private static func principalAxis(_ range: ClosedRange<Int>, _ point: (Int) -> PixelPoint)
        -> (centre: PixelPoint, dir: (Double, Double))? {
        var sx = 0.0, sy = 0.0
        for k in range { let p = point(k); sx += p.x; sy += p.y }
        let m = Double(range.count)
        let cx = sx / m, cy = sy / m
        var xx = 0.0, xy = 0.0, yy = 0.0
        for k in range {
            let p = point(k)
            let dx = p.x - cx, dy = p.y - cy
            xx += dx * dx; xy += dx * dy; yy += dy * dy
        }
        guard xx + yy > 0 else { return nil }
        // Angle of the major axis of the scatter.
        let theta = 0.5 * atan2(2 * xy, xx - yy)
        var ux = cos(theta), uy = sin(theta)
        // Towards the outer end: measured from the centroid, which stays apart from the outer point even where
        // the stretch loops back and its two ends meet.
        let outer = point(range.lowerBound)
        if (outer.x - cx) * ux + (outer.y - cy) * uy < 0 { ux = -ux; uy = -uy }
        return (PixelPoint(x: cx, y: cy), (ux, uy))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
