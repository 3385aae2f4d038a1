/// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher 2012): two 1-D passes of the
/// lower envelope of parabolas, linear in the number of pixels.
enum DistanceTransform {
    /// Squared distance from every pixel to the nearest pixel where `isFeature` is true.
    /// Pixels with no feature in the image get `Float.infinity`.
    static func squaredDistance(width w: Int, height h: Int, isFeature: (Int) -> Bool) -> [Float] {
        let inf = Float(1e20)
        var f = [Float](repeating: 0, count: w * h)
        for i in 0..<(w * h) { f[i] = isFeature(i) ? 0 : inf }
        let n = max(w, h)
        var line = [Float](repeating: 0, count: n)
        var out = [Float](repeating: 0, count: n)
        var v = [Int](repeating: 0, count: n)
        var z = [Float](repeating: 0, count: n + 1)
        f.withUnsafeMutableBufferPointer { fb in
            // Columns.
            for x in 0..<w {
                var p = x
                for y in 0..<h { line[y] = fb[p]; p &+= w }
                transform1D(line, count: h, into: &out, v: &v, z: &z)
                p = x
                for y in 0..<h { fb[p] = out[y]; p &+= w }
            }
            // Rows.
            for y in 0..<h {
                let row = y &* w
                for x in 0..<w { line[x] = fb[row &+ x] }
                transform1D(line, count: w, into: &out, v: &v, z: &z)
                for x in 0..<w { fb[row &+ x] = out[x] }
            }
        }
        for i in 0..<(w * h) where f[i] >= inf * 0.5 { f[i] = .infinity }
        return f
    }

    private static func transform1D(_ f: [Float], count n: Int, into d: inout [Float], v: inout [Int], z: inout [Float]) {
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
                    s = ((f[q] + Float(q * q)) - (f[p] + Float(p * p))) / Float(2 * q - 2 * p)
                    if s <= z[k] { k -= 1 } else { break }
                } while k >= 0
                k += 1
                v[k] = q
                z[k] = s
                z[k + 1] = .greatestFiniteMagnitude
            }
        }
        k = 0
        for q in 0..<n {
            while z[k + 1] < Float(q) { k += 1 }
            let dq = Float(q - v[k])
            d[q] = dq * dq + f[v[k]]
        }
    }
}
