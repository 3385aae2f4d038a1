/// The rim of the analysed field (the black aperture's edge, a banner's border) is a long dark edge with a soft,
/// vignetted skirt; the ridge detector can trace that skirt as a line running along the rim. A hair meets
/// the rim at an angle and ends there (cut by it), so only its last few pixels lie close to it. A detection
/// that lies close to the rim along most of its length is the rim itself.
enum FieldEdgeTest {
    /// Share of the centerline within reach of the rim above which the detection is the rim.
    static let maximumShareAlongRim = 0.6

    static func runsAlongRim(_ m: ShaftMeasurer.Measurement, distanceToEdge: [Float], width w: Int, height h: Int) -> Bool {
        let line = m.centerline
        guard line.count >= 4 else { return false }
        // Within the shaft's own half-width plus the rim's skirt.
        let reach = Float(0.5 * m.diameterPixels + 6)
        var near = 0, judged = 0
        for p in line {
            let x = min(max(Int(p.x), 0), w - 1), y = min(max(Int(p.y), 0), h - 1)
            // Close to an excluded region, not merely to the image frame (hairs run off the frame freely). A point
            // within reach of the frame tells neither way: the aperture's rim often runs into the frame, and a
            // rim trace that follows it there must not be diluted by its last stretch.
            let frame = Float(min(min(x, w - 1 - x), min(y, h - 1 - y))) + 0.5
            guard frame > reach else { continue }
            judged += 1
            if distanceToEdge[y &* w &+ x] <= reach { near += 1 }
        }
        return judged > 0 && Double(near) > maximumShareAlongRim * Double(judged)
    }
}
