#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cross-section of a shaft as the camera sees it, and its least-squares fit.
///
/// A shaft of width `w` centred at `x0` removes a fraction of the light that is a mix of a flat bar (an
/// opaque shaft) and a half-ellipse (a translucent cylinder: absorption follows the chord length), in
/// proportion `shape` (0 = bar, 1 = ellipse). The optics blur it with a Gaussian of `sigma`. On top,
/// the skin's transmission is `b0 + b1·u`. Fitting this, rather than reading the half-maximum or twice
/// the distance transform, measures width separately from contrast and blur, which is what makes thin,
/// faint and blurred shafts measurable to a fraction of a pixel.
struct ShaftProfileModel {
    var x0: Double
    var width: Double
    var contrast: Double
    var b0: Double
    var b1: Double
    var sigma: Double
    var shape: Double

    static let quadraturePoints = 24

    /// Quadrature points across a shaft: at least `quadraturePoints`, and enough that they lie no more than
    /// half a blur σ apart (a wide, nearly opaque shaft has steep edges; coarser sampling leaves ripples in the
    /// blurred profile that bias its width).
    @inline(__always)
    static func quadratureCount(width: Double, sigma: Double) -> Int {
        max(quadraturePoints, min(1024, Int((2 * width / sigma).rounded(.up))))
    }

    /// Blur kernels further than this many σ from a point add nothing to it (exp(−36) of the peak: a node
    /// entering the reach changes the profile by less than a double's rounding).
    static let kernelReach = 8.5

    /// The shaft's cross-section sampled for quadrature: `count` nodes at fractions (i + ½) / count of the
    /// width, each weighted by the cylinder's absorption there. They depend on the width only through the
    /// count, so one set serves every point of a profile.
    struct Nodes {
        let count: Int
        let weights: [Double]
    }

    func nodes() -> Nodes {
        let q = Self.quadratureCount(width: width, sigma: max(sigma, 0.05))
        let depth = shape > 0 ? Self.opticalDepth(shape: shape) : 0
        let weights = (0..<q).map { i -> Double in
            let f = -1 + (2 * Double(i) + 1) / Double(q)
            return Self.cylinder((1 - f * f).squareRoot(), depth: depth)
        }
        return Nodes(count: q, weights: weights)
    }

    func value(at u: Double) -> Double {
        b0 + b1 * u - contrast * absorbance(u, nodes: nodes())
    }

    /// The profile at every offset, the quadrature nodes computed once.
    func values(at offsets: [Double]) -> [Double] {
        let n = nodes()
        return offsets.map { b0 + b1 * $0 - contrast * absorbance($0, nodes: n) }
    }

    /// Unit-peak blurred absorbance profile.
    func absorbance(_ u: Double) -> Double { absorbance(u, nodes: nodes()) }

    /// The range of nodes within `kernelReach` σ of offset `d` from the axis (empty when lo > hi).
    @inline(__always)
    private func nodeRange(_ d: Double, step: Double, count q: Int, sigma s: Double) -> (lo: Int, hi: Int) {
        let half = 0.5 * width, reach = Self.kernelReach * s
        let lo = max(0, Int(((d - reach + half) / step - 0.5).rounded(.up)))
        let hi = min(q - 1, Int(((d + reach + half) / step - 0.5).rounded(.down)))
        return (lo, hi)
    }

    func absorbance(_ u: Double, nodes: Nodes) -> Double {
        let half = 0.5 * width
        let s = max(sigma, 0.05)
        let k = 1 / (2.0.squareRoot() * s)
        let bar = 0.5 * (erf((u - x0 + half) * k) - erf((u - x0 - half) * k))
        if shape == 0 { return bar }
        // The cylinder blurred by a Gaussian: midpoint quadrature across the shaft, over the nodes the
        // kernel reaches.
        let q = nodes.count
        let step = width / Double(q)
        let d = u - x0
        var acc = 0.0
        let norm = 1 / (s * (2 * Double.pi).squareRoot())
        let inv2s2 = 1 / (2 * s * s)
        let (lo, hi) = nodeRange(d, step: step, count: q, sigma: s)
        if lo <= hi {
            nodes.weights.withUnsafeBufferPointer { wt in
                for i in lo...hi {
                    let r = d + half - (Double(i) + 0.5) * step
                    acc += wt[i] * exp(-r * r * inv2s2)
                }
            }
        }
        let cylinder = acc * step * norm
        return shape > 0 ? cylinder : (1 - shape) * bar + shape * cylinder
    }

    /// The optical depth of a shaft of cross-section `shape` (> 0): 0 at 1 (a faint, translucent cylinder
    /// whose absorption follows the chord, a half-ellipse), growing without bound towards 0 (an opaque bar).
    /// (Below 0 the profile is the bar less a half-ellipse: a core lighter than the edges.)
    static func opticalDepth(shape: Double) -> Double { 4 * (1 - shape) / shape }

    /// A cylinder's unit-peak absorption at chord fraction `e` (0 at the edge, 1 on the axis): Beer–Lambert,
    /// (1 − exp(−τe)) / (1 − exp(−τ)). A hair is a cylinder of pigmented keratin: light crossing it near the
    /// edge passes through less of it.
    @inline(__always)
    static func cylinder(_ e: Double, depth tau: Double) -> Double {
        tau < 1e-6 ? e : expm1(-tau * e) / expm1(-tau)
    }

    /// `absorbance(u)` and its derivatives with respect to `x0` and `width`, from the same Gaussians (the
    /// derivative of a blurred profile is the blur kernel at its edges): one evaluation instead of the two
    /// extra a finite difference needs per parameter.
    func absorbanceWithGradient(_ u: Double) -> (value: Double, dx0: Double, dWidth: Double) {
        absorbanceWithGradient(u, nodes: nodes())
    }

    func absorbanceWithGradient(_ u: Double, nodes: Nodes) -> (value: Double, dx0: Double, dWidth: Double) {
        let half = 0.5 * width
        let s = max(sigma, 0.05)
        let k = 1 / (2.0.squareRoot() * s)
        let d = u - x0
        let bar = 0.5 * (erf((d + half) * k) - erf((d - half) * k))
        let gPlus = exp(-((d + half) * k) * ((d + half) * k)), gMinus = exp(-((d - half) * k) * ((d - half) * k))
        let rootPi = Double.pi.squareRoot()
        let barDx0 = k / rootPi * (gMinus - gPlus)
        let barDWidth = k / (2 * rootPi) * (gPlus + gMinus)
        if shape == 0 { return (bar, barDx0, barDWidth) }
        let q = nodes.count
        let step = width / Double(q)
        let norm = 1 / (s * (2 * Double.pi).squareRoot())
        let inv2s2 = 1 / (2 * s * s), invS2 = 1 / (s * s)
        var acc = 0.0, accDx0 = 0.0, accDWidth = 0.0
        let (lo, hi) = nodeRange(d, step: step, count: q, sigma: s)
        if lo <= hi {
            nodes.weights.withUnsafeBufferPointer { wt in
                for i in lo...hi {
                    // The node's place as a fraction of the width from the axis, and its offset from u.
                    let fraction = -0.5 + (Double(i) + 0.5) / Double(q)
                    let r = d + half - (Double(i) + 0.5) * step
                    let g = wt[i] * exp(-r * r * inv2s2)
                    acc += g
                    accDx0 += g * r * invS2
                    accDWidth += g * r * fraction * invS2
                }
            }
        }
        let cylinder = acc * step * norm
        let cylinderDx0 = accDx0 * step * norm
        let cylinderDWidth = cylinder / width + accDWidth * step * norm
        if shape > 0 { return (cylinder, cylinderDx0, cylinderDWidth) }
        return ((1 - shape) * bar + shape * cylinder,
                (1 - shape) * barDx0 + shape * cylinderDx0,
                (1 - shape) * barDWidth + shape * cylinderDWidth)
    }

    struct Fit {
        var model: ShaftProfileModel
        var rms: Double
        var converged: Bool
    }

    /// Levenberg–Marquardt on the free parameters (`x0, width, contrast, b0, b1` always; `sigma` and
    /// `shape` when `freeBlurAndShape`). Analytic Jacobian for the five; numeric when blur and shape are free.
    static func fit(offsets: [Double], values: [Double], initial: ShaftProfileModel, freeBlurAndShape: Bool,
                    maxIterations: Int = 40) -> Fit {
        var params = [initial.x0, initial.width, initial.contrast, initial.b0, initial.b1]
        if freeBlurAndShape { params += [initial.sigma, initial.shape] }
        let m = params.count
        func model(_ p: [Double]) -> ShaftProfileModel {
            var mdl = initial
            mdl.x0 = p[0]; mdl.width = max(0.2, p[1]); mdl.contrast = p[2]; mdl.b0 = p[3]; mdl.b1 = p[4]
            if freeBlurAndShape { mdl.sigma = min(max(p[5], 0.3), 6); mdl.shape = min(max(p[6], -0.5), 1) }
            return mdl
        }
        func residuals(_ p: [Double]) -> [Double] {
            zip(model(p).values(at: offsets), values).map { $0 - $1 }
        }
        func cost(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } }
        var r = residuals(params)
        var c = cost(r)
        var lambda = 1e-3
        var converged = false
        let n = offsets.count
        for _ in 0..<maxIterations {
            var jac = [Double](repeating: 0, count: n * m)
            if !freeBlurAndShape {
                // Analytic: the five parameters enter linearly (contrast, b0, b1) or through the profile's
                // position and width, whose derivatives come with the profile itself.
                let mdl = model(params)
                let nodes = mdl.nodes()
                let widthFree = params[1] > 0.2
                for (i, u) in offsets.enumerated() {
                    let a = mdl.absorbanceWithGradient(u, nodes: nodes)
                    jac[i * m] = -mdl.contrast * a.dx0
                    jac[i * m + 1] = widthFree ? -mdl.contrast * a.dWidth : 0
                    jac[i * m + 2] = -a.value
                    jac[i * m + 3] = 1
                    jac[i * m + 4] = u
                }
            }
            // Otherwise (blur and shape free: a few shafts per image) by forward differences.
            for j in 0..<m where freeBlurAndShape {
                var p = params
                let h = max(1e-4, abs(p[j]) * 1e-4)
                p[j] += h
                let rj = residuals(p)
                for i in 0..<n { jac[i * m + j] = (rj[i] - r[i]) / h }
            }
            var jtj = [Double](repeating: 0, count: m * m)
            var jtr = [Double](repeating: 0, count: m)
            for i in 0..<n {
                for a in 0..<m {
                    let ja = jac[i * m + a]
                    jtr[a] += ja * r[i]
                    for b in a..<m { jtj[a * m + b] += ja * jac[i * m + b] }
                }
            }
            for a in 0..<m { for b in 0..<a { jtj[a * m + b] = jtj[b * m + a] } }
            var improved = false
            for _ in 0..<8 {
                var aMat = jtj
                for a in 0..<m { aMat[a * m + a] *= (1 + lambda) ; aMat[a * m + a] += 1e-12 }
                guard let step = solve(aMat, jtr.map { -$0 }, m) else { lambda *= 10; continue }
                let trial = zip(params, step).map { $0 + $1 }
                let rt = residuals(trial)
                let ct = cost(rt)
                if ct < c {
                    let relative = (c - ct) / max(c, 1e-30)
                    params = trial; r = rt; c = ct
                    lambda = max(lambda / 3, 1e-9)
                    improved = true
                    if relative < 1e-7 { converged = true }
                    break
                }
                lambda *= 10
            }
            if !improved { converged = true; break }
            if converged { break }
        }
        return Fit(model: model(params), rms: (c / Double(max(n, 1))).squareRoot(), converged: converged)
    }

    /// Gaussian elimination with partial pivoting for the small normal equations.
    private static func solve(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? {
        var a = a, b = b
        for col in 0..<n {
            var pivot = col
            for row in (col + 1)..<n where abs(a[row * n + col]) > abs(a[pivot * n + col]) { pivot = row }
            guard abs(a[pivot * n + col]) > 1e-18 else { return nil }
            if pivot != col {
                for k in 0..<n { a.swapAt(col * n + k, pivot * n + k) }
                b.swapAt(col, pivot)
            }
            for row in (col + 1)..<n {
                let f = a[row * n + col] / a[col * n + col]
                if f == 0 { continue }
                for k in col..<n { a[row * n + k] -= f * a[col * n + k] }
                b[row] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var s = b[row]
            for k in (row + 1)..<n { s -= a[row * n + k] * x[k] }
            x[row] = s / a[row * n + row]
        }
        return x
    }
}
