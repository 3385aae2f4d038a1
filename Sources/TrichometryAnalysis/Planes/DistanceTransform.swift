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
        var workspace = RowWorkspace(count: w)
        f.withUnsafeMutableBufferPointer { fb in
            for y in 0..<h { transformInPlace(fb.baseAddress! + y &* w, count: w, inf: inf, workspace: &workspace) }
            for i in 0..<count where fb[i] >= inf * 0.5 { fb[i] = .infinity }
        }
        return f
    }

    /// Buffers of one row's envelope, reused for every row.
    struct RowWorkspace {
        /// The row's squared distances, then each pixel's parabola height at its own column: f(q) + q².
        var height: [Double]
        /// Columns of the envelope's parabolas, in order.
        var vertex: [Int]
        /// Where parabola k of the envelope takes over from parabola k − 1, as the exact fraction
        /// `start[k] / startDenominator[k]` (denominators positive); entry 0 is unused (from −∞).
        var start: [Double]
        var startDenominator: [Double]
        var out: [Float]

        init(count n: Int) {
            height = [Double](repeating: 0, count: n)
            vertex = [Int](repeating: 0, count: n)
            start = [Double](repeating: 0, count: n)
            startDenominator = [Double](repeating: 1, count: n)
            out = [Float](repeating: 0, count: n)
        }
    }

    /// `transform1D` in place on each run of non-features of the line with the feature on either side of it,
    /// skipping lines it would leave as they are (all without a feature: 1e20 plus a squared offset rounds
    /// back to 1e20). A feature's parabola is 0 at its own column, below every parabola from beyond it, so a
    /// run's envelope needs nothing past its bounding features: the cost follows the non-feature pixels,
    /// which for the distance to the background inside thin shafts are a few per cent of the line.
    @inline(__always)
    private static func transformInPlace(_ l: UnsafeMutablePointer<Float>, count n: Int, inf: Float, workspace: inout RowWorkspace) {
        guard n > 0 else { return }
        if l[0] == inf {
            var uniform = true
            for q in 1..<max(1, n) where l[q] != inf { uniform = false; break }
            if uniform { return }
        }
        workspace.height.withUnsafeMutableBufferPointer { g in
            workspace.vertex.withUnsafeMutableBufferPointer { v in
                workspace.start.withUnsafeMutableBufferPointer { zn in
                    workspace.startDenominator.withUnsafeMutableBufferPointer { zd in
                        workspace.out.withUnsafeMutableBufferPointer { o in
                            var q = 0
                            while q < n {
                                while q < n && l[q] == 0 { q &+= 1 }
                                guard q < n else { break }
                                var end = q
                                while end < n && l[end] != 0 { end &+= 1 }
                                let first = q > 0 ? q &- 1 : 0, last = end < n ? end : n &- 1
                                let count = last &- first &+ 1
                                transform1D(l + first, count: count, into: o.baseAddress!, height: g.baseAddress!,
                                            v: v.baseAddress!, zn: zn.baseAddress!, zd: zd.baseAddress!)
                                for i in 0..<count { l[first &+ i] = o[i] }
                                q = end
                            }
                        }
                    }
                }
            }
        }
    }

    /// One line of the lower envelope. Two parabolas with vertices p < q cross at
    /// s = (g(q) − g(p)) / (2q − 2p), g(x) = f(x) + x². Their crossings are compared as fractions,
    /// cross-multiplied, not divided out: g is a whole number below 2⁵³ wherever f is finite, so each
    /// comparison is exact, and the same the rounded quotients gave (distinct fractions with denominators
    /// up to 2n lie further apart than the quotients' rounding); the division, one per comparison, was
    /// most of the cost. Squared distances stay exact in `Float` up to 2²⁴ (4096 px), beyond any radius the
    /// pipeline reads.
    @inline(__always)
    private static func transform1D(_ f: UnsafePointer<Float>, count n: Int, into d: UnsafeMutablePointer<Float>,
                                    height g: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Int>,
                                    zn: UnsafeMutablePointer<Double>, zd: UnsafeMutablePointer<Double>) {
        guard n > 0 else { return }
        for q in 0..<n { g[q] = Double(f[q]) + Double(q &* q) }
        var k = 0
        v[0] = 0
        if n > 1 {
            for q in 1..<n {
                let gq = g[q]
                var num: Double, den: Double
                while true {
                    let p = v[k]
                    num = gq - g[p]
                    den = Double(2 &* (q &- p))
                    // Parabola k is hidden where q's crossing with it comes no later than k's own start.
                    if k > 0 && num * zd[k] <= zn[k] * den { k &-= 1 } else { break }
                }
                k &+= 1
                v[k] = q
                zn[k] = num
                zd[k] = den
            }
        }
        let top = k
        k = 0
        for q in 0..<n {
            let x = Double(q)
            while k < top && zn[k &+ 1] < x * zd[k &+ 1] { k &+= 1 }
            let dq = Float(q &- v[k])
            d[q] = dq * dq + f[v[k]]
        }
    }
}
