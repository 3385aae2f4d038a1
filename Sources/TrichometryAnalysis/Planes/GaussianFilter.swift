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
        let k = kernel(sigma: sigma)
        let r = k.count / 2
        var temp = [Float](repeating: 0, count: w * h)
        k.withUnsafeBufferPointer { kb in
            source.samples.withUnsafeBufferPointer { src in
                temp.withUnsafeMutableBufferPointer { tmp in
                    // Horizontal pass, clamping at the borders.
                    for y in 0..<h {
                        let row = y &* w
                        for x in 0..<w {
                            var acc: Float = 0
                            if x >= r && x < w &- r {
                                var i = 0
                                var p = row &+ x &- r
                                while i < kb.count { acc += kb[i] * src[p]; i &+= 1; p &+= 1 }
                            } else {
                                for i in 0..<kb.count {
                                    let xx = min(max(x &+ i &- r, 0), w &- 1)
                                    acc += kb[i] * src[row &+ xx]
                                }
                            }
                            tmp[row &+ x] = acc
                        }
                    }
                }
            }
            temp.withUnsafeBufferPointer { tmp in
                destination.samples.withUnsafeMutableBufferPointer { dst in
                    // Vertical pass: accumulate whole rows so memory is read in order.
                    for y in 0..<h {
                        let row = y &* w
                        for x in 0..<w { dst[row &+ x] = 0 }
                        for i in 0..<kb.count {
                            let yy = min(max(y &+ i &- r, 0), h &- 1)
                            let src = yy &* w
                            let kv = kb[i]
                            for x in 0..<w { dst[row &+ x] += kv * tmp[src &+ x] }
                        }
                    }
                }
            }
        }
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
        destination.samples = source.samples
        var line = [Float](repeating: 0, count: max(w, h))
        destination.samples.withUnsafeMutableBufferPointer { d in
            line.withUnsafeMutableBufferPointer { buf in
                // Rows.
                for y in 0..<h {
                    let row = y &* w
                    for x in 0..<w { buf[x] = d[row &+ x] }
                    filterLine(buf, count: w, c)
                    for x in 0..<w { d[row &+ x] = buf[x] }
                }
                // Columns, processed several at a time would be faster; one at a time keeps it simple.
                for x in 0..<w {
                    var p = x
                    for y in 0..<h { buf[y] = d[p]; p &+= w }
                    filterLine(buf, count: h, c)
                    p = x
                    for y in 0..<h { d[p] = buf[y]; p &+= w }
                }
            }
        }
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
