/// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher 2012): two 1-D passes of the
/// lower envelope of parabolas, linear in the number of pixels.
enum DistanceTransform {
    /// Columns are copied out in blocks of this many, so each row of a block is one cache line read.
    private static let columnBlock = 16
    /// Lines up to this long have every `Float(q * q)` exact, so the envelope of 0/∞ parabolas is exactly
    /// the nearest feature (ties at exact midpoints). Longer columns go through the general pass, rounding
    /// and all, so results do not depend on which path ran.
    private static let exactColumnLimit = 4096

    /// Squared distance from every pixel to the nearest pixel where `isFeature` is true.
    /// Pixels with no feature in the image get `Float.infinity`.
    static func squaredDistance(width w: Int, height h: Int, isFeature: (Int) -> Bool) -> [Float] {
        let inf = Float(1e20)
        let count = w * h
        var f = [Float](repeating: 0, count: count)
        guard count > 0 else { return f }
        let n = max(w, h)
        if h <= exactColumnLimit {
            // On 0/∞ input the column pass is exact when every q² is (h ≤ 4096): each pixel gets the squared
            // distance to the nearest feature of its column, or stays 1e20 if the column has none. Two sweeps
            // in memory order give the same floats (1e20 + 1 rounds back to 1e20).
            f.withUnsafeMutableBufferPointer { fb in
                for x in 0..<w { fb[x] = isFeature(x) ? 0 : inf }
                for y in 1..<h {
                    let row = y &* w
                    for x in 0..<w { fb[row &+ x] = isFeature(row &+ x) ? 0 : fb[row &- w &+ x] + 1 }
                }
                var y = h &- 2
                while y >= 0 {
                    let row = y &* w
                    for x in 0..<w { fb[row &+ x] = Swift.min(fb[row &+ x], fb[row &+ w &+ x] + 1) }
                    y &-= 1
                }
                for i in 0..<count where fb[i] != inf { fb[i] = fb[i] * fb[i] }
            }
        } else {
            f.withUnsafeMutableBufferPointer { fb in
                for i in 0..<count { fb[i] = isFeature(i) ? 0 : inf }
            }
        }
        let b = columnBlock
        var lines = [Float](repeating: 0, count: max(n, h * b))
        var out = [Float](repeating: 0, count: n)
        var v = [Int](repeating: 0, count: n)
        var z = [Float](repeating: 0, count: n + 1)
        f.withUnsafeMutableBufferPointer { fb in
            lines.withUnsafeMutableBufferPointer { line in
                out.withUnsafeMutableBufferPointer { o in
                    v.withUnsafeMutableBufferPointer { vb in
                        z.withUnsafeMutableBufferPointer { zb in
                            // Columns, a block at a time through a contiguous copy.
                            var x0 = h <= exactColumnLimit ? w : 0
                            while x0 < w {
                                let cols = min(b, w &- x0)
                                for y in 0..<h {
                                    let row = y &* w &+ x0
                                    for c in 0..<cols { line[c &* h &+ y] = fb[row &+ c] }
                                }
                                for c in 0..<cols {
                                    transformInPlace(line.baseAddress! + c &* h, count: h, inf: inf, into: o.baseAddress!,
                                                     v: vb.baseAddress!, z: zb.baseAddress!)
                                }
                                for y in 0..<h {
                                    let row = y &* w &+ x0
                                    for c in 0..<cols { fb[row &+ c] = line[c &* h &+ y] }
                                }
                                x0 &+= cols
                            }
                            // Rows.
                            for y in 0..<h {
                                transformInPlace(fb.baseAddress! + y &* w, count: w, inf: inf, into: o.baseAddress!,
                                                 v: vb.baseAddress!, z: zb.baseAddress!)
                            }
                        }
                    }
                }
            }
            for i in 0..<count where fb[i] >= inf * 0.5 { fb[i] = .infinity }
        }
        return f
    }

    /// `transform1D` in place, skipping lines it would leave as they are: all without a feature (1e20 plus a
    /// squared offset rounds back to 1e20), or all features in a line short enough (`exactColumnLimit`) for every
    /// `Float(q * q)` to be exact, where the envelope puts each pixel on its own parabola.
    @inline(__always)
    private static func transformInPlace(_ l: UnsafeMutablePointer<Float>, count n: Int, inf: Float, into o: UnsafeMutablePointer<Float>,
                                         v: UnsafeMutablePointer<Int>, z: UnsafeMutablePointer<Float>) {
        guard n > 0 else { return }
        let first = l[0]
        if first == inf || (first == 0 && n <= exactColumnLimit) {
            var uniform = true
            for q in 1..<max(1, n) where l[q] != first { uniform = false; break }
            if uniform { return }
        }
        transform1D(l, count: n, into: o, v: v, z: z)
        for q in 0..<n { l[q] = o[q] }
    }

    @inline(__always)
    private static func transform1D(_ f: UnsafePointer<Float>, count n: Int, into d: UnsafeMutablePointer<Float>,
                                    v: UnsafeMutablePointer<Int>, z: UnsafeMutablePointer<Float>) {
        guard n > 0 else { return }
        var k = 0
        v[0] = 0
        z[0] = -.greatestFiniteMagnitude
        z[1] = .greatestFiniteMagnitude
        if n > 1 {
            for q in 1..<n {
                var s: Float
                repeat {
                    let p = v[k]
                    s = ((f[q] + Float(q &* q)) - (f[p] + Float(p &* p))) / Float(2 &* q &- 2 &* p)
                    if s <= z[k] { k &-= 1 } else { break }
                } while k >= 0
                k &+= 1
                v[k] = q
                z[k] = s
                z[k &+ 1] = .greatestFiniteMagnitude
            }
        }
        k = 0
        for q in 0..<n {
            while z[k &+ 1] < Float(q) { k &+= 1 }
            let dq = Float(q &- v[k])
            d[q] = dq * dq + f[v[k]]
        }
    }
}
