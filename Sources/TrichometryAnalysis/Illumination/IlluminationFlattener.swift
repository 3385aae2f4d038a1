/// Stage 2: removes uneven lighting and vignetting, leaving each pixel's contrast against the skin around it.
///
/// The skin's brightness is estimated on a coarse grid of blocks a few hundred micrometres wide, from the
/// brightest substantial peak of each block's histogram (see `skinLevel`), median-smoothed across blocks and
/// interpolated back. Contrast is then relative: `(background − L) / background`, positive where a
/// pixel is darker than its skin, which makes thresholds independent of exposure.
enum IlluminationFlattener {
    struct Result {
        /// (background − L) / background; 0 outside the field.
        var darkness: FloatPlane
        /// Robust standard deviation of `darkness` at pixel scale over the field: noise plus fine texture.
        var noise: Float
        /// The median of the skin's level over the blocks read from the field (`SkinGrid`), 0...255; 0 when
        /// no block was.
        var typicalSkinLevel: Float
    }

    /// The skin's level per block of ~300 µm, interpolated bilinearly between block centres where it is read.
    struct SkinGrid {
        var values: [Float]
        /// The blocks' own levels, before the ones outside the field were filled in and the grid smoothed.
        var measured: [Float]
        var width: Int
        var height: Int
        var block: Int
    }

    static func flatten(luminance lum: FloatPlane, field: ByteMask, micronsPerPixel: Double) -> Result {
        let w = lum.width, h = lum.height
        let grid = skinGrid(lum, field: field, micronsPerPixel: micronsPerPixel, brightestPeak: true) {
            Int(min(255, max(0, $0)))
        } valueOfBin: { Float($0) }

        // The background is interpolated row by row as it is used: an image-sized plane of it would be
        // allocated (and faulted in) only to be read once.
        var darkness = FloatPlane(width: w, height: h)
        let bw = grid.width, bh = grid.height
        let half = Float(grid.block) / 2
        // Each column's two grid columns and weight, once.
        var x0s = [Int](repeating: 0, count: w), x1s = [Int](repeating: 0, count: w), axs = [Float](repeating: 0, count: w)
        for x in 0..<w {
            let gx = min(max((Float(x) + 0.5 - half) / Float(grid.block), 0), Float(bw - 1))
            x0s[x] = Int(gx); x1s[x] = min(x0s[x] + 1, bw - 1); axs[x] = gx - Float(x0s[x])
        }
        grid.values.withUnsafeBufferPointer { g in
            lum.samples.withUnsafeBufferPointer { l in
                field.bits.withUnsafeBufferPointer { f in
                    darkness.samples.withUnsafeMutableBufferPointer { d in
                        x0s.withUnsafeBufferPointer { cx0 in
                            x1s.withUnsafeBufferPointer { cx1 in
                                axs.withUnsafeBufferPointer { cax in
                                    for y in 0..<h {
                                        let gy = min(max((Float(y) + 0.5 - half) / Float(grid.block), 0), Float(bh - 1))
                                        let y0 = Int(gy), y1 = min(y0 + 1, bh - 1)
                                        let ay = gy - Float(y0)
                                        let row = y &* w, top0 = y0 &* bw, bottom0 = y1 &* bw
                                        for x in 0..<w where f[row &+ x] != 0 {
                                            let x0 = cx0[x], x1 = cx1[x], ax = cax[x]
                                            let top = g[top0 &+ x0] * (1 - ax) + g[top0 &+ x1] * ax
                                            let bottom = g[bottom0 &+ x0] * (1 - ax) + g[bottom0 &+ x1] * ax
                                            let bg = max(top * (1 - ay) + bottom * ay, 8)
                                            d[row &+ x] = (bg - l[row &+ x]) / bg
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let noise = robustPixelNoise(darkness, field: field)
        var levels = grid.measured
        return Result(darkness: darkness, noise: noise, typicalSkinLevel: levels.isEmpty ? 0 : Statistics.median(&levels))
    }

    /// The skin's level of `plane` everywhere: per block of ~300 µm, the skin peak of the block's histogram
    /// (`binOf` maps a sample to one of 256 bins, `valueOfBin` back), filled, median-smoothed across blocks;
    /// read between block centres by bilinear interpolation.
    static func skinGrid(_ plane: FloatPlane, field: ByteMask, micronsPerPixel: Double, brightestPeak: Bool,
                         binOf: (Float) -> Int, valueOfBin: (Float) -> Float) -> SkinGrid {
        let w = plane.width, h = plane.height
        let block = min(128, max(24, Int((300.0 / micronsPerPixel).rounded())))
        let bw = (w + block - 1) / block, bh = (h + block - 1) / block
        var grid = [Float](repeating: .nan, count: bw * bh)
        var histogram = [Int](repeating: 0, count: 256)
        plane.samples.withUnsafeBufferPointer { l in
            field.bits.withUnsafeBufferPointer { f in
                for by in 0..<bh {
                    for bx in 0..<bw {
                        for i in 0..<256 { histogram[i] = 0 }
                        var total = 0
                        let y1 = min(h, (by + 1) * block), x1 = min(w, (bx + 1) * block)
                        for y in (by * block)..<y1 {
                            let row = y &* w
                            for x in (bx * block)..<x1 where f[row &+ x] != 0 {
                                histogram[binOf(l[row &+ x])] &+= 1
                                total &+= 1
                            }
                        }
                        // Blocks mostly outside the field are filled from their neighbours below.
                        guard total * 4 >= block * block else { continue }
                        grid[by * bw + bx] = valueOfBin(skinLevel(histogram, brightestPeak: brightestPeak))
                    }
                }
            }
        }
        let measured = grid.filter { !$0.isNaN }
        fillMissing(&grid, width: bw, height: bh)
        grid = median3x3(grid, width: bw, height: bh)
        return SkinGrid(values: grid, measured: measured, width: bw, height: bh, block: block)
    }

    /// The brightness of skin in a block: the mode of its histogram (smoothed), refined by the mean of the
    /// bins around it. Hairs spread over darker (or lighter) values and barely move the mode, where a
    /// percentile would be pulled by them and a fixed upper percentile would sit above the skin.
    static func skinLevel(_ histogram: [Int], brightestPeak: Bool = true) -> Float {
        var smooth = [Double](repeating: 0, count: 256)
        for v in 0..<256 {
            var acc = 0.0
            for k in -3...3 {
                let j = v + k
                guard j >= 0 && j < 256 else { continue }
                acc += Double(histogram[j]) * [1.0, 6, 15, 20, 15, 6, 1][k + 3]
            }
            smooth[v] = acc
        }
        // Skin is the brightest substantial peak: black shafts can outnumber skin pixels in a block and form
        // a peak of their own, while white shafts and glare specks are too few to form one.
        var highest = 0.0
        for v in 0..<256 { highest = max(highest, smooth[v]) }
        var peak = 0
        if !brightestPeak {
            for v in 0..<256 where smooth[v] > smooth[peak] { peak = v }
        }
        for v in 0..<256 where brightestPeak && smooth[v] >= 0.3 * highest {
            let left = v > 0 ? smooth[v - 1] : -1, right = v < 255 ? smooth[v + 1] : -1
            if smooth[v] >= left && smooth[v] >= right { peak = v }
        }
        var weight = 0.0, sum = 0.0
        for v in max(0, peak - 4)...min(255, peak + 4) {
            weight += Double(histogram[v]); sum += Double(histogram[v]) * (Double(v) + 0.5)
        }
        return weight > 0 ? Float(sum / weight) : Float(peak) + 0.5
    }

    /// 1.4826 × median absolute deviation of the difference between a pixel and the mean of its 4 neighbours,
    /// scaled to one pixel's noise; sampled on a sparse lattice.
    static func robustPixelNoise(_ plane: FloatPlane, field: ByteMask) -> Float {
        let w = plane.width, h = plane.height
        guard w > 4 && h > 4 else { return 0.01 }
        var values: [Float] = []
        values.reserveCapacity(w * h / 9 + 1)
        plane.samples.withUnsafeBufferPointer { p in
            field.bits.withUnsafeBufferPointer { f in
                var y = 1
                while y < h - 1 {
                    var x = 1
                    let row = y * w
                    while x < w - 1 {
                        let i = row + x
                        if f[i] != 0 && f[i - 1] != 0 && f[i + 1] != 0 && f[i - w] != 0 && f[i + w] != 0 {
                            let lap = p[i] - 0.25 * (p[i - 1] + p[i + 1] + p[i - w] + p[i + w])
                            values.append(abs(lap))
                        }
                        x += 3
                    }
                    y += 3
                }
            }
        }
        guard !values.isEmpty else { return 0.01 }
        let m = Statistics.median(&values)
        // Var(p − mean of 4) = σ²(1 + 1/4) for white noise.
        return max(1e-4, Float(1.4826) * m / Float(1.25).squareRoot())
    }

    private static func fillMissing(_ grid: inout [Float], width bw: Int, height bh: Int) {
        if !grid.contains(where: { !$0.isNaN }) {
            for i in grid.indices { grid[i] = 128 }
            return
        }
        var changed = true
        while changed {
            changed = false
            let snapshot = grid
            for y in 0..<bh {
                for x in 0..<bw where snapshot[y * bw + x].isNaN {
                    var sum: Float = 0, n: Float = 0
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let xx = x + dx, yy = y + dy
                            guard xx >= 0, yy >= 0, xx < bw, yy < bh else { continue }
                            let v = snapshot[yy * bw + xx]
                            if !v.isNaN { sum += v; n += 1 }
                        }
                    }
                    if n > 0 { grid[y * bw + x] = sum / n; changed = true }
                }
            }
        }
    }

    private static func median3x3(_ grid: [Float], width bw: Int, height bh: Int) -> [Float] {
        var out = grid
        var window: [Float] = []
        for y in 0..<bh {
            for x in 0..<bw {
                window.removeAll(keepingCapacity: true)
                for dy in -1...1 {
                    for dx in -1...1 {
                        let xx = x + dx, yy = y + dy
                        guard xx >= 0, yy >= 0, xx < bw, yy < bh else { continue }
                        window.append(grid[yy * bw + xx])
                    }
                }
                out[y * bw + x] = Statistics.median(&window)
            }
        }
        return out
    }
}
