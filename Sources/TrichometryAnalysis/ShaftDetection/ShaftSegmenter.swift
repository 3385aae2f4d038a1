/// Stage 3b: turns line responses into shaft masks by hysteresis with a locally adaptive threshold.
///
/// A shaft must contain at least one pixel with a strong line response and a real contrast against the
/// skin (a seed); it then grows through connected pixels whose contrast is at least half the strongest
/// contrast nearby (the shaft's own half-maximum, so the mask follows each shaft's edges whatever its
/// darkness) and above the noise. Shadows, root shadows and vignetting next to a shaft are weaker than
/// the shaft and stay out; faint stretches of a hair that is strong elsewhere stay in.
enum ShaftSegmenter {
    struct Thresholds {
        /// Seed: line response at least this many times the clutter level...
        var seedScore: Float = 7
        /// ...and contrast at least this many noise σ (and `minimumContrast`).
        var seedContrastSigmas: Float = 4
        var minimumContrast: Float = 0.025
    }

    /// `polarity` +1 segments shafts darker than the skin, −1 lighter ones. `exclude`, if given,
    /// removes pixels from consideration (light shafts next to dark ones are sharpening halos).
    static func segment(score: FloatPlane, darkness: FloatPlane, field: ByteMask, noise: Float,
                        polarity: Float, thresholds t: Thresholds, maxHoleArea: Int, shaftRadius: Int,
                        exclude: ByteMask? = nil) -> ByteMask {
        let w = score.width, h = score.height, n = w * h
        // Contrast smoothed a little so single noisy pixels neither seed nor bridge.
        var contrast = GaussianFilter.smoothed(darkness, sigma: 1.0)
        if polarity < 0 { for i in 0..<n { contrast.samples[i] = -contrast.samples[i] } }
        let localPeak = MaximumFilter.maximum(contrast, radius: shaftRadius)
        let smoothedNoise = noise * 0.3
        let seedContrast = max(t.minimumContrast, t.seedContrastSigmas * smoothedNoise)
        // Growth needs contrast clearly above the noise.
        let lineContrast = max(t.minimumContrast * 0.5, 3 * smoothedNoise)
        var state = [UInt8](repeating: 0, count: n)  // 0 none, 1 candidate, 2 seed, 3 accepted
        score.samples.withUnsafeBufferPointer { sc in
            contrast.samples.withUnsafeBufferPointer { c in
                localPeak.samples.withUnsafeBufferPointer { peak in
                    field.bits.withUnsafeBufferPointer { f in
                        for i in 0..<n where f[i] != 0 {
                            if let ex = exclude, ex.bits[i] != 0 { continue }
                            let v = c[i]
                            guard v >= lineContrast && v >= 0.5 * peak[i] else { continue }
                            state[i] = (sc[i] >= t.seedScore && v >= seedContrast) ? 2 : 1
                        }
                    }
                }
            }
        }
        var mask = ByteMask(width: w, height: h)
        var stack: [Int] = []
        for start in 0..<n where state[start] == 2 {
            stack.append(start)
            state[start] = 3
            while let i = stack.popLast() {
                mask.bits[i] = 1
                let x = i % w, y = i / w
                let x0 = max(0, x - 1), x1 = min(w - 1, x + 1), y0 = max(0, y - 1), y1 = min(h - 1, y + 1)
                for yy in y0...y1 {
                    for xx in x0...x1 {
                        let j = yy * w + xx
                        if state[j] == 1 || state[j] == 2 { state[j] = 3; stack.append(j) }
                    }
                }
            }
        }
        fillSmallHoles(&mask, maxArea: maxHoleArea)
        return mask
    }

    /// Fills enclosed background specks (noise inside a wide shaft) so the skeleton has no loops there.
    /// Background components (4-connected) are walked a horizontal run at a time: the skin around the shafts
    /// is one component of millions of pixels, and runs make that walk cheap.
    static func fillSmallHoles(_ mask: inout ByteMask, maxArea: Int) {
        let w = mask.width, h = mask.height, n = w * h
        guard n > 0 else { return }
        var seen = [UInt8](repeating: 0, count: n)
        var seeds: [Int] = []
        var runs: [SIMD2<Int>] = []   // (first pixel, length) of a component that may still be filled
        seeds.reserveCapacity(1024)
        mask.bits.withUnsafeMutableBufferPointer { m in
            seen.withUnsafeMutableBufferPointer { sn in
                @inline(__always) func open(_ i: Int) -> Bool { m[i] == 0 && sn[i] == 0 }
                for start in 0..<n where open(start) {
                    runs.removeAll(keepingCapacity: true)
                    seeds.append(start)
                    var touchesBorder = false
                    var size = 0
                    while let seed = seeds.popLast() {
                        guard sn[seed] == 0 else { continue }
                        let y = seed / w, row = y &* w
                        var x0 = seed &- row, x1 = x0
                        while x0 > 0 && open(row &+ x0 &- 1) { x0 &-= 1 }
                        while x1 < w &- 1 && open(row &+ x1 &+ 1) { x1 &+= 1 }
                        for x in x0...x1 { sn[row &+ x] = 1 }
                        size &+= x1 &- x0 &+ 1
                        if size <= maxArea { runs.append(SIMD2(row &+ x0, x1 &- x0 &+ 1)) }
                        if x0 == 0 || x1 == w &- 1 || y == 0 || y == h &- 1 { touchesBorder = true }
                        // One seed per open run in the rows above and below (a two-element array literal here
                        // was a heap allocation per run).
                        for side in 0..<2 {
                            let other = side == 0 ? row &- w : row &+ w
                            guard other >= 0 && other < n else { continue }
                            var x = x0
                            while x <= x1 {
                                if open(other &+ x) {
                                    seeds.append(other &+ x)
                                    while x <= x1 && open(other &+ x) { x &+= 1 }
                                } else {
                                    x &+= 1
                                }
                            }
                        }
                    }
                    if !touchesBorder && size <= maxArea {
                        for r in runs { for i in r.x..<(r.x &+ r.y) { m[i] = 1 } }
                    }
                }
            }
        }
    }

    /// Pixels within `radius` of a set pixel.
    static func dilated(_ mask: ByteMask, radius: Float) -> ByteMask {
        dilated(mask, radii: [radius])[0]
    }

    /// The mask dilated by each radius (see `DiscDilation`).
    static func dilated(_ mask: ByteMask, radii: [Float]) -> [ByteMask] {
        DiscDilation.dilated(mask, radii: radii)
    }
}
