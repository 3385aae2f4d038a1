/// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher 2012): two 1-D passes of the
/// lower envelope of parabolas, linear in the number of pixels.
enum DistanceTransform {
    /// Columns are copied out in blocks of this many, so each row of a block is one cache line read.
    private static let columnBlock = 16
    /// Lines up to this long have every `Float(q * q)` exact, so the envelope of 0/∞ parabolas is exactly
    /// the nearest feature (ties at exact midpoints). Longer columns go through the general pass, rounding
    /// and all, so results do not depend on which path ran.
    private static let exactColumnLimit = 4096
    /// Columns up to this long (a 24 MP frame is 4243 rows) still take the two sweeps, and only their last
    /// rows from `tailStart` on go through the general pass (see `tailColumn`).
    private static let tallColumnLimit = 8192
    private static let tailStart = exactColumnLimit - 64
    /// Features above `tailStart` that seed the general pass's envelope for the tail.
    private static let tailSeeds = 16

    /// Squared distance from every pixel to the nearest pixel where `isFeature` is true.
    /// Pixels with no feature in the image get `Float.infinity`.
    static func squaredDistance(width w: Int, height h: Int, isFeature: (Int) -> Bool) -> [Float] {
        let inf = Float(1e20)
        let count = w * h
        var f = [Float](repeating: 0, count: count)
        guard count > 0 else { return f }
        let n = max(w, h)
        let tall = h > exactColumnLimit && h <= tallColumnLimit
        if h <= exactColumnLimit || tall {
            // On 0/∞ input the column pass is exact when every q² is (h ≤ 4096): each pixel gets the squared
            // distance to the nearest feature of its column, or stays 1e20 if the column has none. Two sweeps
            // in memory order give the same floats (1e20 + 1 rounds back to 1e20).
            var tail: [Float] = []
            f.withUnsafeMutableBufferPointer { fb in
                for x in 0..<w { fb[x] = isFeature(x) ? 0 : inf }
                for y in 1..<h {
                    let row = y &* w
                    for x in 0..<w { fb[row &+ x] = isFeature(row &+ x) ? 0 : fb[row &- w &+ x] + 1 }
                }
                // Taller columns: the general pass rounds q² past row 4096, which changes its answer near there
                // and below (never above `tailStart`); those rows are done its way, from the features the
                // downward sweep has just located (each pixel holds the rows back to the last one).
                if tall { tail = tailRows(fb, width: w, height: h, inf: inf) }
                var y = h &- 2
                while y >= 0 {
                    let row = y &* w
                    for x in 0..<w { fb[row &+ x] = Swift.min(fb[row &+ x], fb[row &+ w &+ x] + 1) }
                    y &-= 1
                }
                for i in 0..<count where fb[i] != inf { fb[i] = fb[i] * fb[i] }
                if tall {
                    tail.withUnsafeBufferPointer { t in
                        (fb.baseAddress! + tailStart &* w).update(from: t.baseAddress!, count: t.count)
                    }
                }
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
                            var x0 = h <= exactColumnLimit || tall ? w : 0
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

    /// Rows `tailStart..<h` of the column pass as the general pass (`transform1D` on 0/1e20 values) gives them,
    /// from `fb` holding the downward sweep: 0 at a feature, else the rows back to the last feature (or 1e20).
    ///
    /// The general pass builds the lower envelope row by row. Up to row 4096 every q² is exact, and on 0/1e20
    /// input its envelope then holds every feature so far in order, each split from the next at their exact
    /// midpoint (a 1e20 site is always dropped by the next feature). Past 4096 the rounded q² can drop a
    /// feature, but only one a few rows before the new one, and moves a split by less than half a row unless
    /// the two features are a few rows apart; so rows above `tailStart` keep the exact answer, and the
    /// envelope on reaching `tailStart` is known: the features before it, split by the same formula. The
    /// pass resumes from the last `tailSeeds` of them; should it ever drop all of those (it cannot, by the
    /// above), the column is redone in full.
    private static func tailRows(_ fb: UnsafeMutableBufferPointer<Float>, width w: Int, height h: Int, inf: Float) -> [Float] {
        let t0 = tailStart, rows = h &- t0
        var out = [Float](repeating: 0, count: rows &* w)
        let b = columnBlock
        var line = [Float](repeating: 0, count: rows &* b)
        var work = TailWork(rows: rows)
        var full: [Float] = []
        var fullOut: [Float] = []
        out.withUnsafeMutableBufferPointer { ob in
            line.withUnsafeMutableBufferPointer { lb in
                // Blocks of columns, so that each row of the tail is read and written a cache line at a time.
                var x0 = 0
                while x0 < w {
                    let cols = min(b, w &- x0)
                    for r in 0..<rows {
                        let row = (t0 &+ r) &* w &+ x0
                        for c in 0..<cols { lb[c &* rows &+ r] = fb[row &+ c] }
                    }
                    for c in 0..<cols {
                        // The last features above the tail, nearest first: one more than the seeds, to tell
                        // whether the seeds are all there is.
                        var m = 0
                        var y = t0 &- 1
                        while m <= tailSeeds && y >= 0 {
                            let back = fb[y &* w &+ x0 &+ c]
                            if back == inf { break }
                            let p = y &- Int(back)
                            work.seeds[m] = p; m &+= 1
                            y = p &- 1
                        }
                        let l = lb.baseAddress! + c &* rows
                        if !tailColumn(l, rows: rows, seedCount: m, inf: inf, work: &work) {
                            if full.isEmpty {
                                full = [Float](repeating: 0, count: h); fullOut = full
                                work.v = [Int](repeating: 0, count: h); work.z = [Float](repeating: 0, count: h &+ 1)
                            }
                            for y in 0..<h { full[y] = (y < t0 ? fb[y &* w &+ x0 &+ c] : l[y &- t0]) == 0 ? 0 : inf }
                            full.withUnsafeMutableBufferPointer { f in
                                fullOut.withUnsafeMutableBufferPointer { o in
                                    work.v.withUnsafeMutableBufferPointer { v in
                                        work.z.withUnsafeMutableBufferPointer { z in
                                            transformInPlace(f.baseAddress!, count: h, inf: inf,
                                                             into: o.baseAddress!, v: v.baseAddress!, z: z.baseAddress!)
                                        }
                                    }
                                }
                            }
                            for r in 0..<rows { l[r] = full[t0 &+ r] }
                        }
                    }
                    for r in 0..<rows {
                        let row = r &* w &+ x0
                        for c in 0..<cols { ob[row &+ c] = lb[c &* rows &+ r] }
                    }
                    x0 &+= cols
                }
            }
        }
        return out
    }

    /// Buffers of `tailColumn`, reused across columns.
    private struct TailWork {
        var seeds: [Int]
        var v: [Int], vf: [Float], z: [Float]
        init(rows: Int) {
            let cap = tailSeeds &+ rows &+ 2
            seeds = [Int](repeating: 0, count: tailSeeds &+ 1)
            v = [Int](repeating: 0, count: cap); vf = [Float](repeating: 0, count: cap)
            z = [Float](repeating: 0, count: cap &+ 1)
        }
    }

    /// `transform1D`'s envelope over one column, resumed at row `tailStart`: `l` holds the tail (0 at a
    /// feature) and gets the result; `work.seeds[0..<seedCount]` are the features before it, nearest first.
    /// When they are all the column has (`seedCount` ≤ `tailSeeds`), the envelope starts as the general
    /// pass's does, from row 0 (a 1e20 site unless row 0 is a feature); otherwise from the oldest seed, whose
    /// own split from its predecessor is not known: false if the pass would ever compare against it.
    /// A column with no feature at all stays 1e20 (the general pass skips it).
    @inline(__always)
    private static func tailColumn(_ l: UnsafeMutablePointer<Float>, rows: Int, seedCount m: Int, inf: Float,
                                   work: inout TailWork) -> Bool {
        let t0 = tailStart
        if m == 0 {
            var any = false
            for r in 0..<rows where l[r] == 0 { any = true; break }
            if !any { for r in 0..<rows { l[r] = inf }; return true }
        }
        let complete = m <= tailSeeds
        var safe = true
        work.seeds.withUnsafeBufferPointer { seeds in
        work.v.withUnsafeMutableBufferPointer { v in
            work.vf.withUnsafeMutableBufferPointer { vf in
                work.z.withUnsafeMutableBufferPointer { z in
                    var k = 0
                    z[0] = -.greatestFiniteMagnitude
                    z[1] = .greatestFiniteMagnitude
                    // Seeds still to add, oldest first: seeds[next] down to seeds[0].
                    var next = m &- 1
                    if complete && (m == 0 || seeds[m &- 1] != 0) {
                        v[0] = 0; vf[0] = inf
                    } else {
                        v[0] = seeds[m &- 1]; vf[0] = 0
                        next = m &- 2
                    }
                    let unknownBottom = !complete
                    // The same step, in the same arithmetic, as `transform1D`'s.
                    @inline(__always) func add(_ q: Int, _ fq: Float) {
                        var s: Float
                        repeat {
                            let p = v[k]
                            s = ((fq + Float(q &* q)) - (vf[k] + Float(p &* p))) / Float(2 &* q &- 2 &* p)
                            if s <= z[k] {
                                k &-= 1
                                if k == 0 && unknownBottom { safe = false }
                            } else { break }
                        } while k >= 0
                        k &+= 1
                        v[k] = q; vf[k] = fq
                        z[k] = s
                        z[k &+ 1] = .greatestFiniteMagnitude
                    }
                    while next >= 0 { add(seeds[next], 0); next &-= 1 }
                    for r in 0..<rows { add(t0 &+ r, l[r] == 0 ? 0 : inf) }
                    guard safe else { return }
                    k = 0
                    for r in 0..<rows {
                        let q = t0 &+ r
                        while z[k &+ 1] < Float(q) { k &+= 1 }
                        let dq = Float(q &- v[k])
                        l[r] = dq * dq + vf[k]
                    }
                }
            }
        }
        }
        return safe
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
