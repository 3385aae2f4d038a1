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
}
