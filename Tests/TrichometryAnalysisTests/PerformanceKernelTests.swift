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
}
