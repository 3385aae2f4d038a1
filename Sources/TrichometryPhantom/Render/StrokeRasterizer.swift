/// Finds, for every pixel near a polyline, its signed distance to the line and its arc position,
/// working only inside each segment's bounding box. The buffers are reused between strokes: after
/// a stroke only the touched pixels are reset, so a short hair costs little on a large image.
final class StrokeRasterizer {
    let width: Int
    let height: Int
    private var distance: [Float]
    private var signedDistance: [Float]
    private var along: [Float]
    private var touched: [Int32] = []

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        distance = [Float](repeating: .infinity, count: width * height)
        signedDistance = [Float](repeating: 0, count: width * height)
        along = [Float](repeating: 0, count: width * height)
        touched.reserveCapacity(1 << 16)
    }

    /// Calls `body(pixelIndex, signedDistance, arcPosition)` once for every pixel whose centre lies
    /// within `reach` of the path. When `openEnds` is true the first and last segments extend past
    /// the path's ends, so the arc position runs below 0 and above the length there (for end caps).
    func rasterize(_ path: [Point], reach: Double, openEnds: Bool,
                   _ body: (_ index: Int, _ signed: Float, _ along: Float) -> Void) {
        guard path.count >= 2, reach > 0 else { return }
        let w = width, h = height
        let lastSegment = path.count - 2
        var arcStart = 0.0
        distance.withUnsafeMutableBufferPointer { dist in
            signedDistance.withUnsafeMutableBufferPointer { sgn in
                along.withUnsafeMutableBufferPointer { arc in
                    for i in 0...lastSegment {
                        let a = path[i], b = path[i + 1]
                        let ab = b - a
                        let len = (ab.x * ab.x + ab.y * ab.y).squareRoot()
                        defer { arcStart += len }
                        guard len > 1e-9 else { continue }
                        let dir = ab / len
                        let lo = (openEnds && i == 0) ? -Double.infinity : 0
                        let hi = (openEnds && i == lastSegment) ? Double.infinity : len
                        let x0 = max(0, Int((min(a.x, b.x) - reach).rounded(.down)))
                        let x1 = min(w - 1, Int((max(a.x, b.x) + reach).rounded(.up)))
                        let y0 = max(0, Int((min(a.y, b.y) - reach).rounded(.down)))
                        let y1 = min(h - 1, Int((max(a.y, b.y) + reach).rounded(.up)))
                        guard x0 <= x1, y0 <= y1 else { continue }
                        let reach2 = reach * reach
                        for y in y0...y1 {
                            let py = Double(y) + 0.5 - a.y
                            let row = y &* w
                            for x in x0...x1 {
                                let px = Double(x) + 0.5 - a.x
                                let t = px * dir.x + py * dir.y
                                let tc = t < lo ? lo : (t > hi ? hi : t)
                                let qx = px - dir.x * tc, qy = py - dir.y * tc
                                let d2 = qx * qx + qy * qy
                                guard d2 <= reach2 else { continue }
                                let index = row &+ x
                                let d = Float(d2.squareRoot())
                                if d < dist[index] {
                                    if dist[index] == .infinity { touched.append(Int32(index)) }
                                    dist[index] = d
                                    let cross = dir.x * py - dir.y * px
                                    sgn[index] = cross < 0 ? -d : d
                                    arc[index] = Float(arcStart + tc)
                                }
                            }
                        }
                    }
                    for t in touched {
                        let index = Int(t)
                        body(index, sgn[index], arc[index])
                        dist[index] = .infinity
                    }
                }
            }
        }
        touched.removeAll(keepingCapacity: true)
    }
}
