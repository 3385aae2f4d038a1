/// Gaussian smoothing whose cost per pixel does not depend on σ.
///
/// Large σ use the recursive (IIR) filter of Young and van Vliet (1995): a third-order causal pass
/// followed by an anti-causal one along each axis. Small σ, where the recursive filter is inaccurate,
/// use a sampled separable kernel.
enum GaussianFilter {
    /// Smooths `source` into `destination` (same size). `scratch` must hold `max(width, height)` floats
    /// times 2; it is reused across calls so the filter allocates nothing per call.
    static func smooth(_ source: FloatPlane, sigma: Double, into destination: inout FloatPlane) {
        precondition(source.width == destination.width && source.height == destination.height)
        if sigma < 0.3 {
            destination.samples = source.samples
            return
        }
        if sigma < 2.0 {
            smoothFIR(source, sigma: sigma, into: &destination)
        } else {
            smoothRecursive(source, sigma: sigma, into: &destination)
        }
    }

    static func smoothed(_ source: FloatPlane, sigma: Double) -> FloatPlane {
        var out = FloatPlane(width: source.width, height: source.height)
        smooth(source, sigma: sigma, into: &out)
        return out
    }

    // MARK: Sampled kernel

    static func kernel(sigma: Double) -> [Float] {
        let radius = max(1, Int((3.0 * sigma).rounded(.up)))
        var k = [Float](repeating: 0, count: 2 * radius + 1)
        var sum = 0.0
        for i in -radius...radius {
            let v = exp(-Double(i * i) / (2 * sigma * sigma))
            k[i + radius] = Float(v)
            sum += v
        }
        for i in k.indices { k[i] = Float(Double(k[i]) / sum) }
        return k
    }

    private static func smoothFIR(_ source: FloatPlane, sigma: Double, into destination: inout FloatPlane) {
        let w = source.width, h = source.height
        guard w > 0 && h > 0 else { return }
        let k = kernel(sigma: sigma)
        let r = k.count / 2
        // Horizontally filtered rows live in a ring of 2r + 1 rows (a few hundred KB, cache-resident), filled
        // just ahead of the vertical pass: no image-sized temporary to allocate and fault in.
        let slots = 2 &* r &+ 1
        var ring = [Float](repeating: 0, count: slots * w)
        k.withUnsafeBufferPointer { kb in
            source.samples.withUnsafeBufferPointer { src in
                ring.withUnsafeMutableBufferPointer { tmp in
                    destination.samples.withUnsafeMutableBufferPointer { dst in
                        let kc = kb.count
                        var ready = 0
                        for y in 0..<h {
                            // Horizontal pass, clamping at the borders. Interior pixels accumulate tap by tap over
                            // the whole row (the same sum, in the same order, per pixel), which vectorises.
                            while ready <= Swift.min(h &- 1, y &+ r) {
                                let row = ready &* w, out = (ready % slots) &* w
                                for x in 0..<Swift.min(r, w) { tmp[out &+ x] = clampedTap(src, row: row, x: x, w: w, r: r, kb) }
                                if w > 2 &* r {
                                    for x in r..<(w &- r) { tmp[out &+ x] = 0 }
                                    for i in 0..<kc {
                                        let kv = kb[i]
                                        let o = row &+ i &- r
                                        for x in r..<(w &- r) { tmp[out &+ x] += kv * src[o &+ x] }
                                    }
                                }
                                for x in Swift.min(w, Swift.max(r, w &- r))..<w {
                                    tmp[out &+ x] = clampedTap(src, row: row, x: x, w: w, r: r, kb)
                                }
                                ready &+= 1
                            }
                            // Vertical pass: accumulate whole rows so memory is read in order.
                            let row = y &* w
                            for x in 0..<w { dst[row &+ x] = 0 }
                            for i in 0..<kc {
                                let yy = Swift.min(Swift.max(y &+ i &- r, 0), h &- 1)
                                let from = (yy % slots) &* w
                                let kv = kb[i]
                                for x in 0..<w { dst[row &+ x] += kv * tmp[from &+ x] }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func clampedTap(_ src: UnsafeBufferPointer<Float>, row: Int, x: Int, w: Int, r: Int,
                                   _ kb: UnsafeBufferPointer<Float>) -> Float {
        var acc: Float = 0
        for i in 0..<kb.count {
            let xx = min(max(x &+ i &- r, 0), w &- 1)
            acc += kb[i] * src[row &+ xx]
        }
        return acc
    }

    // MARK: Recursive filter (Young & van Vliet 1995)

    struct RecursiveCoefficients {
        let b: Float, a1: Float, a2: Float, a3: Float

        init(sigma: Double) {
            let q: Double
            if sigma >= 2.5 {
                q = 0.98711 * sigma - 0.96330
            } else {
                q = 3.97156 - 4.14554 * (1 - 0.26891 * sigma).squareRoot()
            }
            let q2 = q * q, q3 = q2 * q
            let b0 = 1.57825 + 2.44413 * q + 1.4281 * q2 + 0.422205 * q3
            let b1 = 2.44413 * q + 2.85619 * q2 + 1.26661 * q3
            let b2 = -(1.4281 * q2 + 1.26661 * q3)
            let b3 = 0.422205 * q3
            a1 = Float(b1 / b0); a2 = Float(b2 / b0); a3 = Float(b3 / b0)
            b = Float(1 - (b1 + b2 + b3) / b0)
        }
    }

    private static func smoothRecursive(_ source: FloatPlane, sigma: Double, into destination: inout FloatPlane) {
        let w = source.width, h = source.height
        let c = RecursiveCoefficients(sigma: sigma)
        // Copy into the destination's own buffer: assigning the source's array would share it, and the first
        // write would then allocate a fresh plane on every call (at 24 MP a 96 MB mapping, faulted in anew).
        if destination.samples.count == source.samples.count {
            source.samples.withUnsafeBufferPointer { s in
                destination.samples.withUnsafeMutableBufferPointer { d in
                    if let from = s.baseAddress, let to = d.baseAddress { to.update(from: from, count: s.count) }
                }
            }
        } else {
            destination.samples = source.samples
        }
        var line = [Float](repeating: 0, count: max(w, h))
        var state = [Float](repeating: 0, count: 3 * w)
        destination.samples.withUnsafeMutableBufferPointer { d in
            line.withUnsafeMutableBufferPointer { buf in
                // Rows: eight at a time, one SIMD lane per row, so the recursion's latency is paid once for
                // eight rows. Each lane does exactly the scalar arithmetic of `filterLine`.
                var y = 0
                while y &+ 8 <= h {
                    filterRows8(d, row: y &* w, width: w, c)
                    y &+= 8
                }
                while y < h {
                    let row = y &* w
                    for x in 0..<w { buf[x] = d[row &+ x] }
                    filterLine(buf, count: w, c)
                    for x in 0..<w { d[row &+ x] = buf[x] }
                    y &+= 1
                }
            }
            // Columns: all at once, walking rows in memory order with one recursion state per column
            // (a column at a time strides through memory and missed the cache on every sample).
            state.withUnsafeMutableBufferPointer { st in
                filterColumns(d, width: w, height: h, state: st, c)
            }
        }
    }

    /// `filterLine` applied to every column of the `width × height` plane `d`, row by row.
    /// `state` holds 3 × width floats.
    static func filterColumns(_ d: UnsafeMutableBufferPointer<Float>, width w: Int, height h: Int,
                              state st: UnsafeMutableBufferPointer<Float>, _ c: RecursiveCoefficients) {
        guard w > 0 && h > 0 else { return }
        let s1 = st.baseAddress!, s2 = s1 + w, s3 = s2 + w
        let p = d.baseAddress!
        // Causal pass, steady state on the first row.
        for x in 0..<w { let v = p[x]; s1[x] = v; s2[x] = v; s3[x] = v }
        for y in 0..<h {
            let r = p + y &* w
            for x in 0..<w {
                let wn = c.b * r[x] + c.a1 * s1[x] + c.a2 * s2[x] + c.a3 * s3[x]
                r[x] = wn
                s3[x] = s2[x]; s2[x] = s1[x]; s1[x] = wn
            }
        }
        // Anti-causal pass, steady state on the last row.
        let last = p + (h &- 1) &* w
        for x in 0..<w { let v = last[x]; s1[x] = v; s2[x] = v; s3[x] = v }
        var y = h &- 1
        while y >= 0 {
            let r = p + y &* w
            for x in 0..<w {
                let yn = c.b * r[x] + c.a1 * s1[x] + c.a2 * s2[x] + c.a3 * s3[x]
                r[x] = yn
                s3[x] = s2[x]; s2[x] = s1[x]; s1[x] = yn
            }
            y &-= 1
        }
    }

    /// `filterLine` on the eight rows starting at offset `row`, in place.
    @inline(__always)
    static func filterRows8(_ d: UnsafeMutableBufferPointer<Float>, row: Int, width w: Int, _ c: RecursiveCoefficients) {
        guard w > 0 else { return }
        let p = d.baseAddress! + row
        let b = SIMD8<Float>(repeating: c.b), a1 = SIMD8<Float>(repeating: c.a1)
        let a2 = SIMD8<Float>(repeating: c.a2), a3 = SIMD8<Float>(repeating: c.a3)
        @inline(__always) func load(_ x: Int) -> SIMD8<Float> {
            SIMD8(p[x], p[x &+ w], p[x &+ 2 &* w], p[x &+ 3 &* w], p[x &+ 4 &* w], p[x &+ 5 &* w], p[x &+ 6 &* w], p[x &+ 7 &* w])
        }
        @inline(__always) func store(_ v: SIMD8<Float>, _ x: Int) {
            p[x] = v[0]; p[x &+ w] = v[1]; p[x &+ 2 &* w] = v[2]; p[x &+ 3 &* w] = v[3]
            p[x &+ 4 &* w] = v[4]; p[x &+ 5 &* w] = v[5]; p[x &+ 6 &* w] = v[6]; p[x &+ 7 &* w] = v[7]
        }
        var w1 = load(0), w2 = w1, w3 = w1
        for x in 0..<w {
            let wn = b * load(x) + a1 * w1 + a2 * w2 + a3 * w3
            store(wn, x)
            w3 = w2; w2 = w1; w1 = wn
        }
        var y1 = load(w &- 1), y2 = y1, y3 = y1
        var x = w &- 1
        while x >= 0 {
            let yn = b * load(x) + a1 * y1 + a2 * y2 + a3 * y3
            store(yn, x)
            y3 = y2; y2 = y1; y1 = yn
            x &-= 1
        }
    }

    /// The one-line recursive filter, for tests that check the multi-line kernels against it.
    static func filterLineForTesting(_ v: inout [Float], sigma: Double) {
        let c = RecursiveCoefficients(sigma: sigma)
        let n = v.count
        v.withUnsafeMutableBufferPointer { filterLine($0, count: n, c) }
    }

    @inline(__always)
    private static func filterLine(_ v: UnsafeMutableBufferPointer<Float>, count n: Int, _ c: RecursiveCoefficients) {
        guard n > 0 else { return }
        // Causal pass, started in steady state on the first sample (replicated border).
        var w1 = v[0], w2 = v[0], w3 = v[0]
        for i in 0..<n {
            let wn = c.b * v[i] + c.a1 * w1 + c.a2 * w2 + c.a3 * w3
            v[i] = wn
            w3 = w2; w2 = w1; w1 = wn
        }
        // Anti-causal pass.
        var y1 = v[n - 1], y2 = v[n - 1], y3 = v[n - 1]
        var i = n - 1
        while i >= 0 {
            let yn = c.b * v[i] + c.a1 * y1 + c.a2 * y2 + c.a3 * y3
            v[i] = yn
            y3 = y2; y2 = y1; y1 = yn
            i -= 1
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
