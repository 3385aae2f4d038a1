import XCTest
@testable import TrichometryAnalysis

/// The fast kernels written for speed must give bit-for-bit what the simple one-line versions give.
final class PerformanceKernelTests: XCTestCase {
    /// A deterministic, uneven test plane.
    func plane(width: Int, height: Int) -> FloatPlane {
        var p = FloatPlane(width: width, height: height)
        var s: UInt32 = 12345
        for i in 0..<p.count {
            s = s &* 1_664_525 &+ 1_013_904_223
            p.samples[i] = Float(s >> 8) / Float(1 << 24) * 255
        }
        return p
    }

    /// The recursive Gaussian on whole planes (eight rows per SIMD pass, all columns per row sweep)
    /// against the one-line filter applied to each row, then each column.
    func testRecursiveGaussianMatchesLineByLine() {
        for (w, h) in [(37, 21), (64, 64), (9, 3), (1, 17)] {
            for sigma in [2.0, 3.7, 11.0] {
                let source = plane(width: w, height: h)
                let fast = GaussianFilter.smoothed(source, sigma: sigma)
                var slow = source.samples
                for y in 0..<h {
                    var line = Array(slow[(y * w)..<(y * w + w)])
                    GaussianFilter.filterLineForTesting(&line, sigma: sigma)
                    for x in 0..<w { slow[y * w + x] = line[x] }
                }
                for x in 0..<w {
                    var line = (0..<h).map { slow[$0 * w + x] }
                    GaussianFilter.filterLineForTesting(&line, sigma: sigma)
                    for y in 0..<h { slow[y * w + x] = line[y] }
                }
                XCTAssertEqual(fast.samples, slow, "\(w)x\(h) sigma \(sigma)")
            }
        }
    }

    /// The sampled-kernel Gaussian against a direct clamped convolution, rows then columns.
    func testSampledGaussianMatchesDirectConvolution() {
        for (w, h) in [(40, 30), (5, 9), (3, 3)] {
            for sigma in [0.8, 1.0, 1.41] {
                let source = plane(width: w, height: h)
                let fast = GaussianFilter.smoothed(source, sigma: sigma)
                let k = GaussianFilter.kernel(sigma: sigma), r = k.count / 2
                var rows = [Float](repeating: 0, count: w * h)
                for y in 0..<h {
                    for x in 0..<w {
                        var acc: Float = 0
                        for i in 0..<k.count { acc += k[i] * source.samples[y * w + min(max(x + i - r, 0), w - 1)] }
                        rows[y * w + x] = acc
                    }
                }
                var slow = [Float](repeating: 0, count: w * h)
                for y in 0..<h {
                    for x in 0..<w {
                        var acc: Float = 0
                        for i in 0..<k.count { acc += k[i] * rows[min(max(y + i - r, 0), h - 1) * w + x] }
                        slow[y * w + x] = acc
                    }
                }
                XCTAssertEqual(fast.samples, slow, "\(w)x\(h) sigma \(sigma)")
            }
        }
    }

    /// The block-wise running maximum against the window maximum taken directly.
    func testMaximumFilterMatchesDirectWindow() {
        for (w, h) in [(23, 17), (5, 40), (1, 1), (16, 3)] {
            for r in [0, 1, 2, 5, 30] {
                let source = plane(width: w, height: h)
                let fast = MaximumFilter.maximum(source, radius: r)
                for y in 0..<h {
                    for x in 0..<w {
                        var m = -Float.infinity
                        for yy in max(0, y - r)...min(h - 1, y + r) {
                            for xx in max(0, x - r)...min(w - 1, x + r) { m = max(m, source.samples[yy * w + xx]) }
                        }
                        XCTAssertEqual(fast.samples[y * w + x], m, "\(w)x\(h) r \(r) at \(x),\(y)")
                    }
                }
            }
        }
    }

    /// The distance transform (blocked columns, uniform lines skipped) against brute force.
    func testDistanceTransformMatchesBruteForce() {
        for (w, h, density) in [(31, 19, 7), (40, 40, 97), (8, 50, 1), (20, 20, 0)] {
            var bits = [Bool](repeating: false, count: w * h)
            var s: UInt32 = 99
            for i in bits.indices {
                s = s &* 1_664_525 &+ 1_013_904_223
                bits[i] = density == 1 || (density > 0 && Int(s >> 16) % density == 0)
            }
            // A full row and a full column of features, and an empty band, exercise the skipped lines.
            if density > 1 { for x in 0..<w { bits[2 * w + x] = true }; for y in 0..<h { bits[y * w + 3] = true } }
            let d = DistanceTransform.squaredDistance(width: w, height: h) { bits[$0] }
            for y in 0..<h {
                for x in 0..<w {
                    var best = Float.infinity
                    for yy in 0..<h { for xx in 0..<w where bits[yy * w + xx] {
                        best = min(best, Float((xx - x) * (xx - x) + (yy - y) * (yy - y)))
                    } }
                    XCTAssertEqual(d[y * w + x], best, "\(w)x\(h) at \(x),\(y)")
                }
            }
        }
    }

    /// Random shaft-like masks: thick lines and discs of several widths, crossings, holes and speckle.
    func randomMask(width w: Int, height h: Int, seed: UInt32) -> ByteMask {
        var s = seed
        func next(_ n: Int) -> Int {
            s = s &* 1_664_525 &+ 1_013_904_223
            return Int(s >> 8) % max(1, n)
        }
        var mask = ByteMask(width: w, height: h)
        for _ in 0..<(3 + next(5)) {
            let x0 = Double(next(w)), y0 = Double(next(h)), x1 = Double(next(w)), y1 = Double(next(h))
            let r = 0.5 + Double(next(12)) / 2
            for y in 0..<h {
                for x in 0..<w {
                    let dx = x1 - x0, dy = y1 - y0, len2 = max(dx * dx + dy * dy, 1e-9)
                    let t = min(1, max(0, ((Double(x) - x0) * dx + (Double(y) - y0) * dy) / len2))
                    let ex = x0 + t * dx - Double(x), ey = y0 + t * dy - Double(y)
                    if ex * ex + ey * ey <= r * r { mask.bits[y * w + x] = 1 }
                }
            }
        }
        for _ in 0..<(w * h / 20) { mask.bits[next(w * h)] ^= 1 }
        return mask
    }

    /// Thinning as it was before the worklists: every foreground pixel tested on every pass.
    func referenceThin(_ mask: ByteMask) -> ByteMask {
        let w = mask.width, h = mask.height
        var img = mask.bits
        for x in 0..<w { img[x] = 0; img[(h - 1) * w + x] = 0 }
        for y in 0..<h { img[y * w] = 0; img[y * w + w - 1] = 0 }
        var changed = true
        while changed {
            changed = false
            for pass in 0..<2 {
                var remove: [Int] = []
                for i in 0..<(w * h) where img[i] != 0 {
                    let p2 = img[i - w], p3 = img[i - w + 1], p4 = img[i + 1], p5 = img[i + w + 1]
                    let p6 = img[i + w], p7 = img[i + w - 1], p8 = img[i - 1], p9 = img[i - w - 1]
                    let b = [p2, p3, p4, p5, p6, p7, p8, p9].reduce(0) { $0 + Int($1) }
                    let ring = [p2, p3, p4, p5, p6, p7, p8, p9, p2]
                    let a = (0..<8).filter { ring[$0] == 0 && ring[$0 + 1] != 0 }.count
                    guard b >= 2 && b <= 6 && a == 1 else { continue }
                    if pass == 0 && ((p2 != 0 && p4 != 0 && p6 != 0) || (p4 != 0 && p6 != 0 && p8 != 0)) { continue }
                    if pass == 1 && ((p2 != 0 && p4 != 0 && p8 != 0) || (p2 != 0 && p6 != 0 && p8 != 0)) { continue }
                    remove.append(i)
                }
                if !remove.isEmpty { changed = true; for i in remove { img[i] = 0 } }
            }
        }
        var clumpsRemoved = true
        while clumpsRemoved {
            clumpsRemoved = false
            for i in 0..<(w * h) where img[i] != 0 {
                let (count, components) = Skeletonizer.neighbourhood(img, i, w)
                if count >= 3 && components == 1 { img[i] = 0; clumpsRemoved = true }
            }
        }
        for i in 0..<(w * h) where img[i] != 0 {
            let n = img[i - w] != 0, e = img[i + 1] != 0, s = img[i + w] != 0, wv = img[i - 1] != 0
            let corner = (n && e && img[i + w - 1] == 0 && !s && !wv && img[i + w + 1] == 0 && img[i - w - 1] == 0)
                || (e && s && !n && !wv && img[i - w - 1] == 0 && img[i - w + 1] == 0 && img[i + w - 1] == 0)
                || (s && wv && !n && !e && img[i - w + 1] == 0 && img[i - w - 1] == 0 && img[i + w + 1] == 0)
                || (wv && n && !s && !e && img[i + w + 1] == 0 && img[i + w - 1] == 0 && img[i - w + 1] == 0)
            if corner { img[i] = 0 }
        }
        var out = ByteMask(width: w, height: h)
        out.bits = img
        return out
    }

    /// Worklist thinning (bitmap state) against the full-scan version on random masks.
    func testWorklistThinningMatchesFullScan() {
        for (k, (w, h)) in [(64, 48), (97, 33), (40, 80), (3, 3), (1, 9), (120, 90), (2, 7), (203, 61)].enumerated() {
            for seed in 0..<6 {
                let mask = randomMask(width: w, height: h, seed: UInt32(1 + 31 * k + seed))
                XCTAssertEqual(Skeletonizer.thin(mask).bits, referenceThin(mask).bits, "\(w)x\(h) seed \(seed)")
            }
        }
    }

    /// Histogram selection against quickselect, bit for bit, on large arrays: spread values, heavy
    /// duplicates, negatives, both zeros (where it must defer to quickselect) and NaN.
    func testHistogramSelectMatchesQuickselect() {
        var s: UInt32 = 7
        func next() -> UInt32 { s = s &* 1_664_525 &+ 1_013_904_223; return s >> 8 }
        let n = Statistics.histogramSelectMinimumCount + 37
        let makers: [(Int) -> Float] = [
            { _ in Float(next()) / Float(1 << 24) * 200 - 50 },
            { _ in Float(next() % 5) },
            { _ in Float(next() % 3) - 1 },
            { i in i % 3 == 0 ? -0.0 : (i % 3 == 1 ? 0 : Float(next() % 100) * 1e-3) },
            { i in i % 4 == 0 ? -0.0 : 0 },
            { _ in Float(bitPattern: next() << 8 | next() & 0xFF) },
        ]
        for (m, make) in makers.enumerated() {
            for count in [n, n + 1] {
                let values = (0..<count).map(make).map { $0.isNaN ? 1 : $0 }
                for q in [0.0, 0.25, 0.5, 0.75, 0.999, 1.0] {
                    let k = min(count - 1, Int(Double(count - 1) * q))
                    var copy = values
                    Statistics.quickselect(&copy, k)
                    if let v = Statistics.histogramSelect(values, k) {
                        XCTAssertEqual(v.bitPattern, copy[k].bitPattern, "maker \(m) count \(count) k \(k)")
                    } else {
                        XCTAssertEqual(copy[k], 0, "only a zero with −0 present may be left undecided (maker \(m))")
                    }
                    var q1 = values, q2 = values
                    XCTAssertEqual(Statistics.quantile(&q1, q).bitPattern, { () -> UInt32 in
                        Statistics.quickselect(&q2, k); return q2[k].bitPattern }(), "quantile maker \(m) q \(q)")
                }
                var a = values, b = values
                let k = count / 2
                Statistics.quickselect(&b, k)
                var lower = b[0]
                for i in 0..<k where b[i] > lower { lower = b[i] }
                let expected = count % 2 == 1 ? b[k] : (lower + b[k]) / 2
                XCTAssertEqual(Statistics.median(&a).bitPattern, expected.bitPattern, "median maker \(m) count \(count)")
            }
        }
        var withNaN = (0..<n).map { Float($0 % 1000) }
        withNaN[5] = .nan
        XCTAssertNil(Statistics.histogramSelect(withNaN, 10))
    }

    /// Tall and wide images, past the 4096 rows or columns where `Float(q * q)` stops being exact (a 24 MP
    /// frame is 5656 × 4243), against the exact distance found column by column outward and then across
    /// columns: sparse features, dense ones (a hair mask's background) and alternate rows.
    func testDistanceTransformTallImagesMatchExact() {
        for (w, h, density) in [(3, 4096, 61), (4, 4095, 400), (2, 4097, 53), (4096, 2, 41), (3, 2000, 3000),
                                (3, 4243, 2), (2, 6000, 5), (4, 8300, 1000), (5000, 2, 3), (4243, 3, 2)] {
            var bits = [Bool](repeating: false, count: w * h)
            var s: UInt32 = 5
            for i in bits.indices {
                s = s &* 1_664_525 &+ 1_013_904_223
                bits[i] = Int(s >> 16) % density == 0
            }
            let d = DistanceTransform.squaredDistance(width: w, height: h) { bits[$0] }
            for y in 0..<h {
                for x in 0..<w {
                    var best = Float.infinity
                    for xx in 0..<w {
                        let dx = xx - x
                        guard Float(dx * dx) < best else { continue }
                        var dy = 0
                        while y - dy >= 0 || y + dy < h {
                            if (y - dy >= 0 && bits[(y - dy) * w + xx]) || (y + dy < h && bits[(y + dy) * w + xx]) {
                                best = min(best, Float(dx * dx + dy * dy))
                                break
                            }
                            if Float(dy * dy + dx * dx) > best { break }
                            dy += 1
                        }
                    }
                    if d[y * w + x] != best { XCTFail("\(w)x\(h) at \(x),\(y): \(d[y * w + x]) vs \(best)"); return }
                }
            }
        }
    }

    /// Tracing several masks through one set of skeleton-graph buffers gives what fresh buffers give.
    func testSharedSkeletonScratchMatchesFresh() {
        let (w, h) = (120, 90)
        var shared = SkeletonGraph.Scratch(count: w * h)
        for seed in 0..<8 as Range<UInt32> {
            let mask = randomMask(width: w, height: h, seed: 500 + seed)
            var fresh = SkeletonGraph.Scratch(count: w * h)
            let a = HairAnalyzer.trace(mask, polarity: .darker, scratch: &shared)
            let b = HairAnalyzer.trace(mask, polarity: .darker, scratch: &fresh)
            XCTAssertEqual(a.count, b.count, "seed \(seed)")
            for (p, q) in zip(a, b) {
                XCTAssertEqual(p.points, q.points, "seed \(seed)")
                XCTAssertEqual(p.crossings, q.crossings, "seed \(seed)")
                XCTAssertEqual(p.startKind, q.startKind, "seed \(seed)")
                XCTAssertEqual(p.endKind, q.endKind, "seed \(seed)")
                XCTAssertEqual(p.radiusEstimate.bitPattern, q.radiusEstimate.bitPattern, "seed \(seed)")
            }
        }
    }

    /// Brute-force squared distance from every pixel to the nearest `isFeature` pixel (infinity if none).
    func bruteForceSquaredDistance(width w: Int, height h: Int, _ isFeature: (Int) -> Bool) -> [Float] {
        let features = (0..<(w * h)).filter(isFeature)
        return (0..<(w * h)).map { i in
            var best = Float.infinity
            for f in features {
                let dx = f % w - i % w, dy = f / w - i / w
                best = min(best, Float(dx * dx + dy * dy))
            }
            return best
        }
    }

    /// The distance to the background inside shaft masks: the envelope runs only over each row's runs of
    /// mask pixels with the background pixel either side, including runs at the row's ends and rows of
    /// nothing but mask.
    func testDistanceTransformOverRunsMatchesBruteForce() {
        for (w, h, seed) in [(48, 40, UInt32(3)), (33, 29, 17), (64, 12, 5)] {
            var mask = randomMask(width: w, height: h, seed: seed)
            for x in 0..<w { mask.bits[5 * w + x] = 1 }          // a row without background
            for y in 0..<h { mask.bits[y * w] = 1; mask.bits[y * w + w - 1] = 1 }   // runs reaching both ends
            let d = DistanceTransform.squaredDistance(width: w, height: h) { mask.bits[$0] == 0 }
            let expected = bruteForceSquaredDistance(width: w, height: h) { mask.bits[$0] == 0 }
            XCTAssertGreaterThan(mask.countSet(), w * h / 10, "seed \(seed): the mask must have runs to transform")
            for i in 0..<(w * h) { XCTAssertEqual(d[i], expected[i], "\(w)x\(h) seed \(seed) at \(i % w),\(i / w)") }
        }
    }

    /// Disc dilation against thresholds of the exact distance transform, for radii below and above the
    /// direct kernel's limit (the latter go through the transform), and for empty and full masks.
    func testDiscDilationMatchesDistanceTransformThresholds() {
        let radii: [Float] = [0, 1, 1.5, 2.5, 3, 7.9, -2, Float(DiscDilation.largestDirectRadius) + 1.5]
        var masks = [(48, 40, UInt32(3)), (37, 23, 11), (9, 70, 2)].map { randomMask(width: $0.0, height: $0.1, seed: $0.2) }
        masks.append(ByteMask(width: 20, height: 15))
        masks.append(ByteMask(width: 20, height: 15, repeating: 1))
        for (k, mask) in masks.enumerated() {
            let w = mask.width, h = mask.height
            let d = DistanceTransform.squaredDistance(width: w, height: h) { mask.bits[$0] != 0 }
            let dilated = DiscDilation.dilated(mask, radii: radii)
            XCTAssertEqual(dilated.count, radii.count)
            for (j, r) in radii.enumerated() {
                let expected = d.map { $0 <= r * r ? UInt8(1) : 0 }
                XCTAssertEqual(dilated[j].bits, expected, "mask \(k), radius \(r)")
            }
            if k == 0 {
                // The test must be able to fail: a radius-3 dilation of a random mask grows it.
                XCTAssertGreaterThan(dilated[4].countSet(), mask.countSet())
            }
        }
    }

    /// The in-place median of a buffer against the median of the sorted values, odd and even counts,
    /// ties, negative values and both zeros.
    func testMedianBySelectionMatchesSortedMedian() {
        var s: UInt32 = 7
        for n in [1, 2, 3, 4, 5, 10, 11, 64, 101, 400] {
            for ties in [false, true] {
                var values = (0..<n).map { _ -> Float in
                    s = s &* 1_664_525 &+ 1_013_904_223
                    let v = Float(Int(s >> 16) % 2000 - 1000) / 10
                    return ties ? v.rounded() / 20 : v
                }
                if n > 4 { values[1] = -0.0; values[2] = 0 }
                let sorted = values.sorted()
                let expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
                var copy = values
                let got = copy.withUnsafeMutableBufferPointer { Statistics.medianBySelection($0) }
                XCTAssertEqual(got, expected, "n \(n) ties \(ties)")
                XCTAssertEqual(copy.sorted(), sorted, "selection only reorders")
                var array = values
                XCTAssertEqual(Statistics.median(&array), expected)
            }
        }
        let empty = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)
        XCTAssertEqual(Statistics.medianBySelection(empty), 0)
    }
}
