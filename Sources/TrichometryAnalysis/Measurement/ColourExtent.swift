import TrichometryImageIO

/// A grey, white or blond shaft often shows a bright highlight along one side, where the cylinder gathers the
/// light, and a duller rest: the line detector and the brightness profile then find the highlight, a third to a
/// half of the shaft. Its colour does not vary that way: across the whole shaft the chromaticity
/// (R, G, B)/(R + G + B) is the hair's, not the pink skin's, highlight or not. This reads the shaft's extent from
/// the chromaticity across it: each section's colours, the median per offset, projected onto the line from the
/// skin's chromaticity to the core's (0 skin, 1 core); each edge is where that falls through one half, walking
/// out from the centerline. A lighter shaft measured narrower than that extent takes the extent as its width
/// and its middle as its axis.
enum ColourExtent {
    /// The core must differ from the skin by at least this much in chromaticity (Euclidean): white on pink skin
    /// is about 0.07, blond 0.02–0.03; below it the colour tells nothing.
    static let minimumContrast = 0.015
    /// Sections read along a shaft at the most.
    static let sectionsRead = 100
    /// The extent replaces the width only when it is at least this much wider (a highlight is well under it).
    static let minimumGain = 1.25

    /// Each lighter shaft (found by brightness or colour) re-measured by its colour's extent where that is wider.
    /// `widestHairPixels`: an extent wider than any scalp hair is two hairs of one colour side by side (or a hair
    /// and its like neighbour), and the measured width is kept.
    static func widen(_ input: [ShaftMeasurer.Measurement], image: RasterImage, widestHairPixels: Double) -> [ShaftMeasurer.Measurement] {
        guard image.channels >= 3 else { return input }
        return input.map { m in
            // A measured width beyond the widest hair (or not finite) is left alone: nothing to widen to.
            guard m.path.polarity == .lighter, !m.rimPair, m.diameterPixels > 0, m.diameterPixels < widestHairPixels,
                  let e = extent(of: m, image: image, maxDiameterPixels: widestHairPixels),
                  e.right - e.left >= minimumGain * m.diameterPixels else { return m }
            var out = m
            out.centerline = ShaftMeasurer.offsetAlongNormal(m.centerline, by: 0.5 * (e.left + e.right))
            out.lengthPixels = ShaftMeasurer.arcLength(out.centerline)
            out.diameterPixels = e.right - e.left
            return out
        }
    }

    /// The offsets (along the normal (−ty, tx), pixels) of the shaft's two edges by colour, nil when the colour
    /// does not set the shaft apart or an edge is not found within the widest shaft.
    static func extent(of m: ShaftMeasurer.Measurement, image: RasterImage,
                       maxDiameterPixels: Double) -> (left: Double, right: Double)? {
        let pts = m.centerline
        let w = m.diameterPixels
        guard w > 0, w < maxDiameterPixels, maxDiameterPixels.isFinite else { return nil }
        let margin = Int((w + 2).rounded(.up))
        guard pts.count > 2 * margin + 6 else { return nil }
        let step = 0.5
        // A whole number of steps either side, so that offset 0 is a sample.
        let half = (maxDiameterPixels / step).rounded(.up) * step
        let count = Int((2 * half / step).rounded()) + 1
        let nearCrossing = SegmentGeometry.nearAnyPoint(of: m.path.crossings, closerThan: w + 4, along: pts)
        let stride = max(1, (pts.count - 2 * margin + sectionsRead - 1) / sectionsRead)
        // Chromaticity r and g per offset, one column of sections each.
        var r = [[Float]](repeating: [], count: count), g = [[Float]](repeating: [], count: count)
        let width = image.width, height = image.height, ch = image.channels
        image.pixels.withUnsafeBufferPointer { px in
            func sample(_ x: Double, _ y: Double) -> (Double, Double, Double)? {
                let fx = x - 0.5, fy = y - 0.5
                guard fx >= 0, fy >= 0, fx < Double(width - 1), fy < Double(height - 1) else { return nil }
                let x0 = Int(fx), y0 = Int(fy)
                let ax = fx - Double(x0), ay = fy - Double(y0)
                var c = (0.0, 0.0, 0.0)
                for (dy, wy) in [(0, 1 - ay), (1, ay)] {
                    for (dx, wx) in [(0, 1 - ax), (1, ax)] {
                        let p = ((y0 &+ dy) &* width &+ x0 &+ dx) &* ch
                        let k = wx * wy
                        c.0 += k * Double(px[p]); c.1 += k * Double(px[p &+ 1]); c.2 += k * Double(px[p &+ 2])
                    }
                }
                return c
            }
            var i = margin
            while i < pts.count - margin {
                defer { i += stride }
                if nearCrossing[i] { continue }
                let (tx, ty) = ShaftMeasurer.tangent(pts, at: i)
                let p = pts[i]
                for k in 0..<count {
                    let u = -half + Double(k) * step
                    guard let c = sample(p.x - ty * u, p.y + tx * u) else { continue }
                    let s = c.0 + c.1 + c.2
                    guard s > 0 else { continue }
                    r[k].append(Float(c.0 / s)); g[k].append(Float(c.1 / s))
                }
            }
        }
        let centre = count / 2
        guard r[centre].count >= 5 else { return nil }
        var mr = [Double](repeating: .nan, count: count), mg = [Double](repeating: .nan, count: count)
        for k in 0..<count where r[k].count >= 5 {
            mr[k] = Double(Statistics.median(&r[k])); mg[k] = Double(Statistics.median(&g[k]))
        }
        func index(_ u: Double) -> Int { Int(((u + half) / step).rounded()) }
        // The core: the shaft's own middle, within a quarter of its measured width.
        let coreReach = max(1, Int((0.25 * w / step).rounded()))
        var cr = 0.0, cg = 0.0, cn = 0.0
        for k in max(0, centre - coreReach)...min(count - 1, centre + coreReach) where mr[k].isFinite {
            cr += mr[k]; cg += mg[k]; cn += 1
        }
        guard cn > 0 else { return nil }
        cr /= cn; cg /= cn
        // The skin: of the two sides just beyond the measured width, the one whose colour lies further from the
        // core's (the other may be the rest of the shaft).
        var skin: (Double, Double)? = nil, farthest = -1.0
        for side in [-1.0, 1.0] {
            let k = index(side * (0.5 * w + 3))
            guard k >= 0, k < count, mr[k].isFinite else { continue }
            let d = (mr[k] - cr) * (mr[k] - cr) + (mg[k] - cg) * (mg[k] - cg)
            if d > farthest { farthest = d; skin = (mr[k], mg[k]) }
        }
        guard let s = skin else { return nil }
        let ar = cr - s.0, ag = cg - s.1
        let contrast2 = ar * ar + ag * ag
        guard contrast2 >= minimumContrast * minimumContrast else { return nil }
        /// 1 at the core's colour, 0 at the skin's.
        func level(_ k: Int) -> Double? {
            guard k >= 0, k < count, mr[k].isFinite else { return nil }
            return ((mr[k] - s.0) * ar + (mg[k] - s.1) * ag) / contrast2
        }
        // Walk out from the centerline on each side to where the level falls through one half.
        func edge(_ side: Double) -> Double? {
            var previous = level(centre) ?? 1
            var u = step
            while u <= half {
                guard let v = level(index(side * u)) else { return nil }
                if v < 0.5 {
                    let t = previous > v ? min(1, max(0, (previous - 0.5) / (previous - v))) : 0
                    return side * (u - step + t * step)
                }
                previous = v
                u += step
            }
            return nil
        }
        guard let left = edge(-1), let right = edge(1), right - left <= maxDiameterPixels else { return nil }
        return (left, right)
    }
}
