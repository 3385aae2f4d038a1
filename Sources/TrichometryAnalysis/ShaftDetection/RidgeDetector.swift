/// Stage 3a: multi-scale Hessian line detection.
///
/// At each scale σ the contrast image is smoothed and its Hessian's eigenvalues give the curvature across
/// and along any line. A hair darker than the skin is a ridge of the darkness image (strongly negative
/// curvature across, little along); a lighter hair is a valley. Responses are σ²-normalised (so wide hairs
/// are not drowned by fine scales) and divided by each scale's clutter level (the median response over the
/// field), which puts every scale on one signal-to-clutter axis. Blob-like responses (pores, dots: both
/// curvatures strong) are cancelled by subtracting the along-line curvature.
enum RidgeDetector {
    struct Result {
        /// Best signal-to-clutter ratio over scales for a line darker than the skin. (The winning scale is not
        /// kept: nothing read it, and two more planes were 8 bytes per pixel at the memory peak.)
        var darkScore: FloatPlane
        /// The same for a line lighter than the skin.
        var lightScore: FloatPlane
        var scales: [Double]
    }

    /// Scales from about one pixel up to half the widest shaft expected, a factor √2 apart.
    static func scales(micronsPerPixel: Double, maxDiameterMicrons: Double = 160) -> [Double] {
        let top = min(24.0, max(1.5, 0.5 * maxDiameterMicrons / micronsPerPixel))
        var s: [Double] = []
        var sigma = 1.0
        while sigma <= top * 1.0001 { s.append(sigma); sigma *= 2.0.squareRoot() }
        return s
    }

    static func detect(darkness: FloatPlane, field: ByteMask, scales: [Double]) -> Result {
        let w = darkness.width, h = darkness.height, n = w * h
        var darkScore = FloatPlane(width: w, height: h)
        var lightScore = FloatPlane(width: w, height: h)
        var smoothed = FloatPlane(width: w, height: h)
        var dark = [Float](repeating: 0, count: n)
        var light = [Float](repeating: 0, count: n)
        var sample: [Float] = []
        for sigma in scales {
            GaussianFilter.smooth(darkness, sigma: sigma, into: &smoothed)
            let s2 = Float(sigma * sigma)
            smoothed.samples.withUnsafeBufferPointer { s in
                dark.withUnsafeMutableBufferPointer { dk in
                    light.withUnsafeMutableBufferPointer { lt in
                        for y in 1..<(h - 1) {
                            let row = y &* w
                            var x = 1
                            // Eight pixels per step; every lane does the scalar arithmetic below, operation
                            // for operation, so the responses are the same bits.
                            while x &+ 8 <= w &- 1 {
                                hessianResponse8(s.baseAddress!, row &+ x, w, s2, dk.baseAddress!, lt.baseAddress!)
                                x &+= 8
                            }
                            while x < w &- 1 {
                                let i = row &+ x
                                let c = s[i]
                                let dxx = s[i &+ 1] - 2 * c + s[i &- 1]
                                let dyy = s[i &+ w] - 2 * c + s[i &- w]
                                let dxy = 0.25 * (s[i &+ w &+ 1] - s[i &+ w &- 1] - s[i &- w &+ 1] + s[i &- w &- 1])
                                let mean = 0.5 * (dxx + dyy)
                                let diff = 0.5 * (dxx - dyy)
                                let root = (diff * diff + dxy * dxy).squareRoot()
                                let lo = mean - root   // most negative curvature
                                let hi = mean + root   // most positive curvature
                                // Dark line: ridge of darkness (lo ≪ 0); penalise curvature along it (blob).
                                dk[i] = lo < 0 ? s2 * max(0, -lo - max(0, -hi)) : 0
                                lt[i] = hi > 0 ? s2 * max(0, hi - max(0, lo)) : 0
                                x &+= 1
                            }
                        }
                    }
                }
            }
            let darkClutter = clutterLevel(dark, field: field, width: w, sample: &sample)
            let lightClutter = clutterLevel(light, field: field, width: w, sample: &sample)
            dark.withUnsafeBufferPointer { dk in
                light.withUnsafeBufferPointer { lt in
                    darkScore.samples.withUnsafeMutableBufferPointer { ds in
                        lightScore.samples.withUnsafeMutableBufferPointer { ls in
                            field.bits.withUnsafeBufferPointer { f in
                                // Eight pixels per step, the same division and comparison per lane.
                                var i = 0
                                while i &+ 8 <= n {
                                    combine8(i, f.baseAddress!, dk.baseAddress!, lt.baseAddress!, darkClutter, lightClutter,
                                             ds.baseAddress!, ls.baseAddress!)
                                    i &+= 8
                                }
                                for i in i..<n where f[i] != 0 {
                                    let zd = dk[i] / darkClutter
                                    if zd > ds[i] { ds[i] = zd }
                                    let zl = lt[i] / lightClutter
                                    if zl > ls[i] { ls[i] = zl }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Result(darkScore: darkScore, lightScore: lightScore, scales: scales)
    }

    /// The scalar loop's responses for the eight pixels from `i`. `Swift.max(a, b)` is `b >= a ? b : a`;
    /// `pick` keeps that rule lane by lane.
    @inline(__always)
    private static func hessianResponse8(_ s: UnsafePointer<Float>, _ i: Int, _ w: Int, _ s2: Float,
                                         _ dk: UnsafeMutablePointer<Float>, _ lt: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        @inline(__always) func at(_ k: Int) -> V { UnsafeRawPointer(s + k).loadUnaligned(as: V.self) }
        @inline(__always) func pick(_ a: V, _ b: V) -> V { a.replacing(with: b, where: b .>= a) }
        let zero = V(repeating: 0)
        let c = at(i)
        let dxx = at(i &+ 1) - 2 * c + at(i &- 1)
        let dyy = at(i &+ w) - 2 * c + at(i &- w)
        let dxy = 0.25 * (at(i &+ w &+ 1) - at(i &+ w &- 1) - at(i &- w &+ 1) + at(i &- w &- 1))
        let mean = 0.5 * (dxx + dyy)
        let diff = 0.5 * (dxx - dyy)
        let root = (diff * diff + dxy * dxy).squareRoot()
        let lo = mean - root
        let hi = mean + root
        let d = zero.replacing(with: s2 * pick(zero, -lo - pick(zero, -hi)), where: lo .< zero)
        let l = zero.replacing(with: s2 * pick(zero, hi - pick(zero, lo)), where: hi .> zero)
        UnsafeMutableRawPointer(dk + i).storeBytes(of: d, as: V.self)
        UnsafeMutableRawPointer(lt + i).storeBytes(of: l, as: V.self)
    }

    /// Keeps, for the eight pixels from `i` inside the field, the larger of the stored score and this scale's.
    @inline(__always)
    private static func combine8(_ i: Int, _ f: UnsafePointer<UInt8>, _ dk: UnsafePointer<Float>, _ lt: UnsafePointer<Float>,
                                 _ darkClutter: Float, _ lightClutter: Float,
                                 _ ds: UnsafeMutablePointer<Float>, _ ls: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        // The eight field bytes as one word: all outside, all inside, or mixed (rare: the field's rim).
        let word = UnsafeRawPointer(f + i).loadUnaligned(as: UInt64.self)
        if word == 0 { return }
        let hasZeroByte = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
        var inField = SIMDMask<SIMD8<Int32>>(repeating: true)
        if hasZeroByte { for k in 0..<8 { inField[k] = f[i &+ k] != 0 } }
        let zd = UnsafeRawPointer(dk + i).loadUnaligned(as: V.self) / V(repeating: darkClutter)
        let oldD = UnsafeRawPointer(ds + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(ds + i).storeBytes(of: oldD.replacing(with: zd, where: inField .& (zd .> oldD)), as: V.self)
        let zl = UnsafeRawPointer(lt + i).loadUnaligned(as: V.self) / V(repeating: lightClutter)
        let oldL = UnsafeRawPointer(ls + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(ls + i).storeBytes(of: oldL.replacing(with: zl, where: inField .& (zl .> oldL)), as: V.self)
    }

    /// The response's typical size over the field: the 75th percentile of a sparse sample, where skin
    /// (the majority of pixels) sets the level. Floored so a perfectly flat image does not divide by zero.
    private static func clutterLevel(_ response: [Float], field: ByteMask, width: Int, sample: inout [Float]) -> Float {
        sample.removeAll(keepingCapacity: true)
        response.withUnsafeBufferPointer { r in
            field.bits.withUnsafeBufferPointer { f in
                var i = 0
                while i < r.count {
                    if f[i] != 0 { sample.append(r[i]) }
                    i &+= 7
                }
            }
        }
        let level = Statistics.quantile(&sample, 0.75)
        return max(level, 1e-4)
    }
}
