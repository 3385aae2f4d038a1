/// Smooth random fields for skin texture: value noise on a jittered lattice and a cellular
/// (Worley) pattern for the pigment network. Lattice values come from the phantom's own stream.
enum NoiseField {
    /// Adds `amplitude ×` one octave of value noise with lattice spacing `cellPx` to `field`.
    static func addOctave(to field: inout [Float], width: Int, height: Int, cellPx: Double, amplitude: Float,
                          rng: inout PhantomRandom) {
        let cell = max(1.0, cellPx)
        let gw = Int(Double(width) / cell) + 3, gh = Int(Double(height) / cell) + 3
        var lattice = [Float](repeating: 0, count: gw * gh)
        for i in 0..<lattice.count { lattice[i] = Float(rng.unit() * 2 - 1) }
        // Per-column lattice index and smoothstep weight, computed once.
        var columnIndex = [Int](repeating: 0, count: width)
        var columnWeight = [Float](repeating: 0, count: width)
        let offsetX = rng.unit(), offsetY = rng.unit()
        for x in 0..<width {
            let fx = (Double(x) + 0.5) / cell + offsetX
            let ix = Int(fx)
            let t = Float(fx - Double(ix))
            columnIndex[x] = ix
            columnWeight[x] = t * t * (3 - 2 * t)
        }
        lattice.withUnsafeBufferPointer { g in
            columnIndex.withUnsafeBufferPointer { cx in
                columnWeight.withUnsafeBufferPointer { cw in
                    field.withUnsafeMutableBufferPointer { out in
                        for y in 0..<height {
                            let fy = (Double(y) + 0.5) / cell + offsetY
                            let iy = Int(fy)
                            let ty = Float(fy - Double(iy))
                            let wy = ty * ty * (3 - 2 * ty)
                            let row0 = iy &* gw, row1 = (iy &+ 1) &* gw
                            let base = y &* width
                            for x in 0..<width {
                                let ix = cx[x], wx = cw[x]
                                let top = g[row0 &+ ix] + (g[row0 &+ ix &+ 1] - g[row0 &+ ix]) * wx
                                let bottom = g[row1 &+ ix] + (g[row1 &+ ix &+ 1] - g[row1 &+ ix]) * wx
                                out[base &+ x] += amplitude * (top + (bottom - top) * wy)
                            }
                        }
                    }
                }
            }
        }
    }

    /// A cellular network: 1 on the borders between random cells, falling to 0 inside them.
    /// `lineFraction` sets the border's width relative to the cell size.
    static func network(width: Int, height: Int, cellPx: Double, lineFraction: Double,
                        rng: inout PhantomRandom) -> [Float] {
        let cell = max(4.0, cellPx)
        let gw = Int(Double(width) / cell) + 3, gh = Int(Double(height) / cell) + 3
        var featureX = [Double](repeating: 0, count: gw * gh)
        var featureY = [Double](repeating: 0, count: gw * gh)
        for j in 0..<gh {
            for i in 0..<gw {
                featureX[j * gw + i] = (Double(i - 1) + rng.uniform(0.1, 0.9)) * cell
                featureY[j * gw + i] = (Double(j - 1) + rng.uniform(0.1, 0.9)) * cell
            }
        }
        var out = [Float](repeating: 0, count: width * height)
        let lineWidth = lineFraction * cell
        let inverse = 1 / (lineWidth * lineWidth)
        featureX.withUnsafeBufferPointer { fx in
            featureY.withUnsafeBufferPointer { fy in
                out.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<height {
                        let py = Double(y) + 0.5
                        let cj = Int(py / cell) + 1
                        for x in 0..<width {
                            let px = Double(x) + 0.5
                            let ci = Int(px / cell) + 1
                            var best = Double.infinity, second = Double.infinity
                            for dj in -1...1 {
                                let row = (cj &+ dj) &* gw
                                for di in -1...1 {
                                    let k = row &+ ci &+ di
                                    let dx = fx[k] - px, dy = fy[k] - py
                                    let d = (dx * dx + dy * dy).squareRoot()
                                    if d < best { second = best; best = d } else if d < second { second = d }
                                }
                            }
                            let gap = second - best
                            dst[y &* width &+ x] = Float(exp(-gap * gap * inverse))
                        }
                    }
                }
            }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
