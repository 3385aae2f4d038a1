/// Running maximum over a square window, separable, in time independent of the window's size
/// (van Herk / Gil–Werman: block-wise prefix and suffix maxima, three comparisons per sample and no
/// data-dependent branches; the maximum of a window is the same value whichever way it is found).
enum MaximumFilter {
    /// Columns are copied out in blocks of this many, so each row of a block is one cache line read.
    private static let columnBlock = 16

    static func maximum(_ plane: FloatPlane, radius r: Int) -> FloatPlane {
        let w = plane.width, h = plane.height
        var out = FloatPlane(width: w, height: h)
        guard w > 0 && h > 0 else { return out }
        let b = columnBlock
        var queue = [Float](repeating: 0, count: 2 * max(w, h))
        var lines = [Float](repeating: 0, count: max(w, h * b))
        var outLine = [Float](repeating: 0, count: max(w, h))
        var vectors = [SIMD8<Float>](repeating: SIMD8(), count: 2 * h)
        plane.samples.withUnsafeBufferPointer { src in
            out.samples.withUnsafeMutableBufferPointer { dst in
                queue.withUnsafeMutableBufferPointer { q in
                    lines.withUnsafeMutableBufferPointer { line in
                        outLine.withUnsafeMutableBufferPointer { o in
                            for y in 0..<h {
                                slidingMax(src.baseAddress! + y &* w, count: w, radius: r, queue: q.baseAddress!,
                                           into: dst.baseAddress! + y &* w)
                            }
                            // Columns eight at a time as SIMD lanes, rows in memory order; the rest through
                            // contiguous copies.
                            var x0 = 0
                            vectors.withUnsafeMutableBufferPointer { vq in
                                while x0 &+ 8 <= w {
                                    slidingMax8(dst.baseAddress! + x0, stride: w, count: h, radius: r, queue: vq.baseAddress!)
                                    x0 &+= 8
                                }
                            }
                            while x0 < w {
                                let cols = min(b, w &- x0)
                                for y in 0..<h {
                                    let row = y &* w &+ x0
                                    for c in 0..<cols { line[c &* h &+ y] = dst[row &+ c] }
                                }
                                for c in 0..<cols {
                                    slidingMax(line.baseAddress! + c &* h, count: h, radius: r, queue: q.baseAddress!,
                                               into: o.baseAddress!)
                                    for y in 0..<h { line[c &* h &+ y] = o[y] }
                                }
                                for y in 0..<h {
                                    let row = y &* w &+ x0
                                    for c in 0..<cols { dst[row &+ c] = line[c &* h &+ y] }
                                }
                                x0 &+= cols
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `slidingMax` on eight neighbouring columns at once, in place: lane k is column k, `stride` floats
    /// between rows. `pick(a, b)` is `Swift.max(a, b)` (`b >= a ? b : a`) lane by lane, and the operations
    /// are those of `slidingMax` in the same order, so every lane gives the scalar result bit for bit.
    @inline(__always)
    private static func slidingMax8(_ v: UnsafeMutablePointer<Float>, stride w: Int, count n: Int, radius r: Int,
                                    queue: UnsafeMutablePointer<SIMD8<Float>>) {
        typealias V = SIMD8<Float>
        guard n > 0 else { return }
        @inline(__always) func load(_ y: Int) -> V { UnsafeRawPointer(v + y &* w).loadUnaligned(as: V.self) }
        @inline(__always) func store(_ x: V, _ y: Int) { UnsafeMutableRawPointer(v + y &* w).storeBytes(of: x, as: V.self) }
        @inline(__always) func pick(_ a: V, _ b: V) -> V { a.replacing(with: b, where: b .>= a) }
        let span = 2 &* r &+ 1
        let g = queue, h = queue + n
        var start = 0
        while start < n {
            let end = min(n, start &+ span)
            var m = load(start)
            g[start] = m
            for j in (start &+ 1)..<end { m = pick(m, load(j)); g[j] = m }
            m = load(end &- 1)
            h[end &- 1] = m
            var j = end &- 2
            while j >= start { m = pick(m, load(j)); h[j] = m; j &-= 1 }
            start = end
        }
        if n &- r > r {
            for i in r..<(n &- r) { store(pick(h[i &- r], g[i &+ r]), i) }
        }
        for i in 0..<n where i < r || i >= n &- r {
            let a = Swift.max(0, i &- r), b = Swift.min(n &- 1, i &+ r)
            let blockA = a / span, blockB = b / span
            if blockA != blockB {
                store(pick(h[a], g[b]), i)
            } else if a == blockA &* span {
                store(g[b], i)
            } else {
                store(h[a], i)
            }
        }
    }

    /// `out[i]` = max of `v[max(0, i − r) ... min(n − 1, i + r)]`. `queue` holds 2n floats of scratch
    /// (prefix and suffix maxima over blocks of 2r + 1).
    @inline(__always)
    private static func slidingMax(_ v: UnsafePointer<Float>, count n: Int, radius r: Int,
                                   queue: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        guard n > 0 else { return }
        let span = 2 &* r &+ 1
        let g = queue, h = queue + n
        var start = 0
        while start < n {
            let end = min(n, start &+ span)
            var m = v[start]
            g[start] = m
            for j in (start &+ 1)..<end { m = Swift.max(m, v[j]); g[j] = m }
            m = v[end &- 1]
            h[end &- 1] = m
            var j = end &- 2
            while j >= start { m = Swift.max(m, v[j]); h[j] = m; j &-= 1 }
            start = end
        }
        // Full windows (the interior): two blocks, or one whole block where h[a] = g[b] = its maximum.
        if n &- r > r {
            for i in r..<(n &- r) { out[i] = Swift.max(h[i &- r], g[i &+ r]) }
        }
        // Clamped windows near the ends.
        for i in 0..<n where i < r || i >= n &- r {
            let a = Swift.max(0, i &- r), b = Swift.min(n &- 1, i &+ r)
            let blockA = a / span, blockB = b / span
            if blockA != blockB {
                out[i] = Swift.max(h[a], g[b])
            } else if a == blockA &* span {
                out[i] = g[b]       // window starts its block (the clamped left edge)
            } else {
                out[i] = h[a]       // window ends the last, partial block (the clamped right edge)
            }
        }
    }
}
