/// Exact Euclidean distance transform, linear in the number of pixels: a column pass of two sweeps (the
/// distance to the nearest feature in the column), then along each row the lower envelope of the columns'
/// parabolas (Felzenszwalb & Huttenlocher 2012).
enum DistanceTransform {
    /// Squared distance from every pixel to the nearest pixel where `isFeature` is true.
    /// Pixels with no feature in the image get `Float.infinity`.
    static func squaredDistance(width w: Int, height h: Int, isFeature: (Int) -> Bool) -> [Float] {
        let inf = Float(1e20)
        let count = w * h
        var f = [Float](repeating: 0, count: count)
        guard count > 0 else { return f }
        // Columns: on 0/∞ input each pixel's squared distance to the nearest feature of its column (or 1e20 if
        // the column has none), from two sweeps in memory order (1e20 + 1 rounds back to 1e20).
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
        // Rows: the lower envelope of the columns' parabolas.
        var out = [Float](repeating: 0, count: w)
        var v = [Int](repeating: 0, count: w)
        var z = [Double](repeating: 0, count: w + 1)
        f.withUnsafeMutableBufferPointer { fb in
            out.withUnsafeMutableBufferPointer { o in
                v.withUnsafeMutableBufferPointer { vb in
                    z.withUnsafeMutableBufferPointer { zb in
                        for y in 0..<h {
                            transformInPlace(fb.baseAddress! + y &* w, count: w, inf: inf, into: o.baseAddress!,
                                             v: vb.baseAddress!, z: zb.baseAddress!)
                        }
                    }
                }
            }
            for i in 0..<count where fb[i] >= inf * 0.5 { fb[i] = .infinity }
        }
        return f
    }

    /// `transform1D` in place, skipping lines it would leave as they are: all without a feature (1e20 plus a
    /// squared offset rounds back to 1e20), or all features (each pixel on its own parabola).
    @inline(__always)
    private static func transformInPlace(_ l: UnsafeMutablePointer<Float>, count n: Int, inf: Float, into o: UnsafeMutablePointer<Float>,
                                         v: UnsafeMutablePointer<Int>, z: UnsafeMutablePointer<Double>) {
        guard n > 0 else { return }
        let first = l[0]
        if first == inf || first == 0 {
            var uniform = true
            for q in 1..<max(1, n) where l[q] != first { uniform = false; break }
            if uniform { return }
        }
        transform1D(l, count: n, into: o, v: v, z: z)
        for q in 0..<n { l[q] = o[q] }
    }

    /// One line of the lower envelope. The parabolas' intersections are found in `Double`: in `Float`, q² is
    /// rounded past q = 4096 and a split can move by a row, so a pixel of a 24 MP frame could take the wrong
    /// parabola (a feature pixel read 1 instead of 0). Squared distances themselves stay exact in `Float` up
    /// to 2²⁴ (4096 px), far beyond any radius the pipeline reads.
    @inline(__always)
    private static func transform1D(_ f: UnsafePointer<Float>, count n: Int, into d: UnsafeMutablePointer<Float>,
                                    v: UnsafeMutablePointer<Int>, z: UnsafeMutablePointer<Double>) {
        guard n > 0 else { return }
        var k = 0
        v[0] = 0
        z[0] = -.greatestFiniteMagnitude
        z[1] = .greatestFiniteMagnitude
        if n > 1 {
            for q in 1..<n {
                let fq = Double(f[q]) + Double(q &* q)
                var s: Double
                repeat {
                    let p = v[k]
                    s = (fq - (Double(f[p]) + Double(p &* p))) / Double(2 &* q &- 2 &* p)
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
            while z[k &+ 1] < Double(q) { k &+= 1 }
            let dq = Float(q &- v[k])
            d[q] = dq * dq + f[v[k]]
        }
    }
}
