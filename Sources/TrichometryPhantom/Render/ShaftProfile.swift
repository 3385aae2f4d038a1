#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hair shaft's appearance across its width, integrated over the pixel footprint.
///
/// The shaft is a cylinder of radius r: at lateral offset x its chord is 2·sqrt(r² − x²), so it
/// absorbs 1 − exp(−τ·sqrt(1 − (x/r)²)) of the skin's light (darker core, translucent edges) and
/// scatters back its own colour, brighter where its surface faces the lens. Each table entry is the
/// average of that profile over a one-pixel-wide footprint centred at signed offset d, so thin
/// shafts get exact partial coverage instead of a drawn line.
struct ShaftProfile {
    /// Table half-range in pixels and entries per pixel.
    let halfRange: Double
    static let perPixel = 8.0
    /// Mean absorbed fraction over the pixel.
    var opacity: [Float]
    /// Mean back-scattered weight (multiplies the hair colour).
    var scatter: [Float]
    /// Mean specular highlight (adds white).
    var specular: [Float]

    /// `extraBlurPx` convolves the tables with a Gaussian of that sigma: the look of the shaft where
    /// it lifts off the skin toward the lens and leaves the focal plane.
    init(radiusPx: Double, opticalDepth: Double, specularStrength: Double, extraBlurPx: Double = 0) {
        let r = max(0.05, radiusPx)
        halfRange = r + 2 + 3 * max(0, extraBlurPx)
        let count = Int(2 * halfRange * ShaftProfile.perPixel) + 2
        opacity = [Float](repeating: 0, count: count)
        scatter = [Float](repeating: 0, count: count)
        specular = [Float](repeating: 0, count: count)
        let samples = 24
        for k in 0..<count {
            let d = Double(k) / ShaftProfile.perPixel - halfRange
            var a = 0.0, c = 0.0, s = 0.0
            for j in 0..<samples {
                let x = d - 0.5 + (Double(j) + 0.5) / Double(samples)
                let u = x / r
                guard abs(u) < 1 else { continue }
                let chord = (1 - u * u).squareRoot()
                let absorbed = 1 - exp(-opticalDepth * chord)
                a += absorbed
                c += absorbed * (0.62 + 0.38 * chord)
                // The highlight sits off-centre, on the side facing the ring light.
                let g = (u + 0.38) / 0.16
                s += absorbed * specularStrength * exp(-g * g)
            }
            opacity[k] = Float(a / Double(samples))
            scatter[k] = Float(c / Double(samples))
            specular[k] = Float(s / Double(samples))
        }
        if extraBlurPx > 0.05 {
            opacity = ShaftProfile.gaussianSmoothed(opacity, sigma: extraBlurPx * ShaftProfile.perPixel)
            scatter = ShaftProfile.gaussianSmoothed(scatter, sigma: extraBlurPx * ShaftProfile.perPixel)
            specular = ShaftProfile.gaussianSmoothed(specular, sigma: extraBlurPx * ShaftProfile.perPixel)
        }
    }

    static func gaussianSmoothed(_ table: [Float], sigma: Double) -> [Float] {
        let radius = Int((3 * sigma).rounded(.up))
        var kernel = [Double](repeating: 0, count: 2 * radius + 1)
        for k in -radius...radius { kernel[k + radius] = exp(-Double(k * k) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        var out = [Float](repeating: 0, count: table.count)
        for i in table.indices {
            var v = 0.0
            for k in -radius...radius {
                let j = i + k
                guard j >= 0, j < table.count else { continue }
                v += kernel[k + radius] * Double(table[j])
            }
            out[i] = Float(v / total)
        }
        return out
    }

    /// Interpolated table values at signed offset `d`; zero outside the table.
    func values(at d: Float) -> (opacity: Float, scatter: Float, specular: Float) {
        guard let (k, f) = position(d) else { return (0, 0, 0) }
        return (opacity[k] + (opacity[k + 1] - opacity[k]) * f,
                scatter[k] + (scatter[k + 1] - scatter[k]) * f,
                specular[k] + (specular[k + 1] - specular[k]) * f)
    }

    /// Linear interpolation into a table at signed offset `d` (pixels).
    @inline(__always)
    func position(_ d: Float) -> (Int, Float)? {
        let f = (Double(d) + halfRange) * ShaftProfile.perPixel
        guard f >= 0, f < Double(opacity.count - 1) else { return nil }
        let i = Int(f)
        return (i, Float(f - Double(i)))
    }
}
