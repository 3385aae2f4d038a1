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

enum PathMath {
    static func length(_ path: [Point]) -> Double {
        var total = 0.0
        if path.count < 2 { return 0 }
        for i in 1..<path.count { total += distance(path[i - 1], path[i]) }
        return total
    }

    static func distance(_ a: Point, _ b: Point) -> Double {
        let d = b - a
        return (d.x * d.x + d.y * d.y).squareRoot()
    }

    /// Keeps every n-th point (and the last), so rasterising walks fewer, longer segments.
    static func thin(_ path: [Point], every n: Int) -> [Point] {
        guard n > 1, path.count > 2 else { return path }
        var out: [Point] = []
        out.reserveCapacity(path.count / n + 2)
        var i = 0
        while i < path.count - 1 { out.append(path[i]); i += n }
        out.append(path[path.count - 1])
        return out
    }

    /// Douglas–Peucker simplification to within `tolerance` pixels.
    static func simplify(_ path: [Point], tolerance: Double) -> [Point] {
        guard path.count > 2 else { return path }
        var keep = [Bool](repeating: false, count: path.count)
        keep[0] = true; keep[path.count - 1] = true
        var stack: [(Int, Int)] = [(0, path.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            let a = path[first], b = path[last]
            let ab = b - a
            let len = (ab.x * ab.x + ab.y * ab.y).squareRoot()
            var worst = -1.0, worstIndex = first
            for i in (first + 1)..<last {
                let ap = path[i] - a
                let d: Double
                if len < 1e-12 {
                    d = (ap.x * ap.x + ap.y * ap.y).squareRoot()
                } else {
                    let t = max(0, min(1, (ap.x * ab.x + ap.y * ab.y) / (len * len)))
                    let q = a + ab * t
                    d = distance(q, path[i])
                }
                if d > worst { worst = d; worstIndex = i }
            }
            if worst > tolerance {
                keep[worstIndex] = true
                stack.append((first, worstIndex)); stack.append((worstIndex, last))
            }
        }
        return path.indices.filter { keep[$0] }.map { path[$0] }
    }
}
