import TrichometryImageIO
@testable import TrichometryAnalysis
#if canImport(Glibc)
import Glibc
#endif

/// Small analytic test scenes: straight shafts of exact width drawn with area coverage (4×4 supersampling),
/// blurred by a Gaussian PSF, on skin with an optional deterministic noise.
struct SyntheticScene {
    var width: Int
    var height: Int
    var skin: Double = 190
    var plane: [Double]

    init(width: Int, height: Int, skin: Double = 190) {
        self.width = width
        self.height = height
        self.skin = skin
        self.plane = [Double](repeating: skin, count: width * height)
    }

    /// A straight shaft from `a` to `b` (pixel coordinates), `width` pixels wide, reaching `level` at full coverage.
    mutating func shaft(from a: (Double, Double), to b: (Double, Double), width: Double, level: Double) {
        taperedShaft(from: a, to: b, widths: (width, width), levels: (level, level))
    }

    /// A straight shaft from `a` to `b` whose width and full-coverage level change linearly along it, from
    /// `widths.0` and `levels.0` at `a` to `widths.1` and `levels.1` at `b` (a tapering tip, a hair going into haze).
    mutating func taperedShaft(from a: (Double, Double), to b: (Double, Double), widths: (Double, Double),
                               levels: (Double, Double)) {
        let dx = b.0 - a.0, dy = b.1 - a.1
        let len = (dx * dx + dy * dy).squareRoot()
        let ux = dx / len, uy = dy / len
        let widest = max(widths.0, widths.1)
        let x0 = max(0, Int(min(a.0, b.0) - widest - 2)), x1 = min(self.width - 1, Int(max(a.0, b.0) + widest + 2))
        let y0 = max(0, Int(min(a.1, b.1) - widest - 2)), y1 = min(height - 1, Int(max(a.1, b.1) + widest + 2))
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                var covered = 0, level = 0.0
                for sy in 0..<4 {
                    for sx in 0..<4 {
                        let px = Double(x) + (Double(sx) + 0.5) / 4, py = Double(y) + (Double(sy) + 0.5) / 4
                        let t = (px - a.0) * ux + (py - a.1) * uy
                        let d = abs(-(px - a.0) * uy + (py - a.1) * ux)
                        let f = t / len
                        if t >= 0 && t <= len && d <= 0.5 * (widths.0 + f * (widths.1 - widths.0)) {
                            covered += 1
                            level += levels.0 + f * (levels.1 - levels.0)
                        }
                    }
                }
                if covered > 0 {
                    let f = Double(covered) / 16
                    let i = y * self.width + x
                    plane[i] = plane[i] * (1 - f) + level / Double(covered) * f
                }
            }
        }
    }

    mutating func disk(centre: (Double, Double), radius: Double, level: Double) {
        for y in 0..<height {
            for x in 0..<width {
                var covered = 0
                for sy in 0..<4 { for sx in 0..<4 {
                    let px = Double(x) + (Double(sx) + 0.5) / 4 - centre.0, py = Double(y) + (Double(sy) + 0.5) / 4 - centre.1
                    if px * px + py * py <= radius * radius { covered += 1 }
                } }
                if covered > 0 {
                    let f = Double(covered) / 16
                    plane[y * width + x] = plane[y * width + x] * (1 - f) + level * f
                }
            }
        }
    }

    /// Everything outside a centred circle of `radius` becomes black, like a dermatoscope's aperture.
    mutating func aperture(radius: Double) {
        let cx = Double(width) / 2, cy = Double(height) / 2
        for y in 0..<height { for x in 0..<width {
            let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
            if dx * dx + dy * dy > radius * radius { plane[y * width + x] = 3 }
        } }
    }

    func blurred(sigma: Double) -> [Double] {
        let r = Int((3 * sigma).rounded(.up))
        var k = (-r...r).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let s = k.reduce(0, +); k = k.map { $0 / s }
        var tmp = plane, out = plane
        for y in 0..<height { for x in 0..<width {
            var acc = 0.0
            for i in -r...r { acc += k[i + r] * plane[y * width + min(max(x + i, 0), width - 1)] }
            tmp[y * width + x] = acc
        } }
        for y in 0..<height { for x in 0..<width {
            var acc = 0.0
            for i in -r...r { acc += k[i + r] * tmp[min(max(y + i, 0), height - 1) * width + x] }
            out[y * width + x] = acc
        } }
        return out
    }

    /// An 8-bit gray image: blurred by `sigma`, plus deterministic pseudo-random noise of `noise` levels (σ).
    func image(blur sigma: Double = 0.8, noise: Double = 2, seed: UInt64 = 1) -> RasterImage {
        let values = sigma > 0 ? blurred(sigma: sigma) : plane
        var state = seed &* 0x9E3779B97F4A7C15 | 1
        func uniform() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) / Double(1 << 53)
        }
        var px = [UInt8](repeating: 0, count: width * height)
        for i in 0..<(width * height) {
            // Box–Muller.
            let n = (-2 * log(max(uniform(), 1e-12))).squareRoot() * cos(2 * .pi * uniform())
            px[i] = UInt8(max(0, min(255, (values[i] + noise * n).rounded())))
        }
        return RasterImage(width: width, height: height, channels: 1, pixels: px)
    }
}
