#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Smooth curves (hairs, furrows, vessels) traced by integrating a curvature that varies smoothly
/// along the arc: a natural spline whose bends come from a few slow sinusoids, plus a regular wave
/// for curly hair.
struct CurveTracer {
    /// Constant curvature (1/px).
    var baseCurvature: Double = 0
    /// Slow, irregular bending: amplitudes (1/px) and wavelengths (px) of a few sinusoids.
    var wobble: [(amplitude: Double, wavelength: Double, phase: Double)] = []
    /// Curl: a regular wave of curvature (1/px) with the given wavelength (px).
    var curlCurvature: Double = 0
    var curlWavelength: Double = 1
    var curlPhase: Double = 0

    static let step = 0.5

    /// A random slow wobble with the given typical curvature and wavelength range.
    static func wobble(_ rng: inout PhantomRandom, curvature: Double,
                       wavelengths: ClosedRange<Double>) -> [(amplitude: Double, wavelength: Double, phase: Double)] {
        (0..<3).map { _ in
            (amplitude: curvature * rng.uniform(0.3, 1.0),
             wavelength: rng.uniform(wavelengths),
             phase: rng.uniform(0, 2 * Double.pi))
        }
    }

    func curvature(at s: Double) -> Double {
        var k = baseCurvature
        for term in wobble { k += term.amplitude * sin(2 * Double.pi * s / term.wavelength + term.phase) }
        if curlCurvature != 0 { k += curlCurvature * sin(2 * Double.pi * s / curlWavelength + curlPhase) }
        return k
    }

    /// Points every `step` pixels along the curve, starting at `start` heading along `angle`.
    func trace(from start: Point, angle: Double, length: Double) -> [Point] {
        let count = max(1, Int((length / CurveTracer.step).rounded(.up)))
        let ds = length / Double(count)
        var points: [Point] = []
        points.reserveCapacity(count + 1)
        var p = start
        var heading = angle
        points.append(p)
        for i in 0..<count {
            // Midpoint rule on the heading keeps the curve's length exact and its shape smooth.
            let s = Double(i) * ds
            let mid = heading + 0.5 * ds * curvature(at: s)
            p += Point(cos(mid), sin(mid)) * ds
            heading += ds * curvature(at: s + 0.5 * ds)
            points.append(p)
        }
        return points
    }
}
