#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paints the bare scalp: base tone, multi-scale texture, redness, pigment network, pores and
/// white scales. Feature sizes are physical (µm), so the skin looks right at every scale.
enum SkinRenderer {
    static func paint(_ canvas: inout Canvas, skin: SkinLook, umPerPx: Double) {
        let w = canvas.width, h = canvas.height
        var rng = PhantomRandom(seed: skin.seed)
        let count = w * h
        var texture = [Float](repeating: 0, count: count)
        let amplitude = Float(skin.textureAmplitude)
        let octaves: [(Double, Float)] = [(900, 0.45), (300, 0.35), (120, 0.3), (45, 0.32), (15, 0.22), (5, 0.12)]
        for (sizeUm, weight) in octaves {
            NoiseField.addOctave(to: &texture, width: w, height: h, cellPx: sizeUm / umPerPx,
                                 amplitude: amplitude * weight, rng: &rng)
        }
        var redness = [Float](repeating: 0, count: count)
        NoiseField.addOctave(to: &redness, width: w, height: h, cellPx: 500 / umPerPx,
                             amplitude: Float(skin.rednessAmplitude), rng: &rng)
        NoiseField.addOctave(to: &redness, width: w, height: h, cellPx: 150 / umPerPx,
                             amplitude: Float(skin.rednessAmplitude) * 0.5, rng: &rng)
        var network = [Float](repeating: 0, count: count)
        if skin.networkStrength > 0 {
            network = NoiseField.network(width: w, height: h, cellPx: skin.networkCellPx, lineFraction: 0.16, rng: &rng)
            // The network is patchy: strong in some places, absent in others.
            var patch = [Float](repeating: 0, count: count)
            NoiseField.addOctave(to: &patch, width: w, height: h, cellPx: 700 / umPerPx, amplitude: 1, rng: &rng)
            let strength = Float(skin.networkStrength)
            for i in 0..<count {
                let mask = max(0, min(1, 0.5 + patch[i]))
                network[i] *= strength * mask
            }
        }
        let base = skin.base
        let br = Float(base.x), bg = Float(base.y), bb = Float(base.z)
        // Brown network pigment absorbs more in blue and green than in red.
        let networkTint: (Float, Float, Float) = (0.30, 0.45, 0.52)
        canvas.samples.withUnsafeMutableBufferPointer { out in
            for i in 0..<count {
                let t = 1 + texture[i]
                let red = redness[i]
                let n = network[i]
                out[i &* 3] = br * t * (1 + 0.3 * red) * (1 - n * networkTint.0)
                out[i &* 3 &+ 1] = bg * t * (1 - 0.6 * red) * (1 - n * networkTint.1)
                out[i &* 3 &+ 2] = bb * t * (1 - 0.4 * red) * (1 - n * networkTint.2)
            }
        }
        paintDots(&canvas, umPerPx: umPerPx, skin: skin, rng: &rng)
    }

    /// Sweat pores (faint dark dots) and white scales (small bright flakes).
    static func paintDots(_ canvas: inout Canvas, umPerPx: Double, skin: SkinLook, rng: inout PhantomRandom) {
        let w = canvas.width, h = canvas.height
        let areaMm2 = Double(w * h) * umPerPx * umPerPx * 1e-6
        let pores = Int(areaMm2 * Double(skin.poreCount))
        for _ in 0..<pores {
            let centre = Point(rng.uniform(0, Double(w)), rng.uniform(0, Double(h)))
            let r = skin.poreRadiusPx * rng.uniform(0.6, 1.3)
            paintBlob(&canvas, centre: centre, radii: Point(r, r * rng.uniform(0.7, 1)), angle: rng.uniform(0, Double.pi),
                      alpha: rng.uniform(0.08, 0.2), colour: Colour(0.45, 0.35, 0.35), multiply: true)
        }
        let brownDots = Int(areaMm2 * skin.brownDotsPerMm2)
        for _ in 0..<brownDots {
            let centre = Point(rng.uniform(0, Double(w)), rng.uniform(0, Double(h)))
            let r = rng.uniform(15, 45) / umPerPx
            paintBlob(&canvas, centre: centre, radii: Point(r, r * rng.uniform(0.7, 1)), angle: rng.uniform(0, Double.pi),
                      alpha: rng.uniform(0.15, 0.4), colour: Colour(0.55, 0.38, 0.28), multiply: true)
        }
        // Speckles come in clusters, where the stratum corneum is scaly.
        let speckles = Int(areaMm2 * Double(skin.speckleCount))
        var cluster = Point(0, 0)
        for k in 0..<speckles {
            if k % 12 == 0 { cluster = Point(rng.uniform(0, Double(w)), rng.uniform(0, Double(h))) }
            let spread = 120 / umPerPx
            let centre = cluster + Point(rng.normal() * spread, rng.normal() * spread)
            let r = max(0.6, rng.uniform(2, 7) / umPerPx)
            paintBlob(&canvas, centre: centre, radii: Point(r, r * rng.uniform(0.5, 1)), angle: rng.uniform(0, Double.pi),
                      alpha: rng.uniform(0.35, 0.85), colour: Colour(1, 1, 0.98), multiply: false)
        }
        let scales = Int(areaMm2 * Double(skin.scaleCount))
        for _ in 0..<scales {
            let centre = Point(rng.uniform(0, Double(w)), rng.uniform(0, Double(h)))
            let r = rng.uniform(6, 40) / umPerPx
            paintBlob(&canvas, centre: centre, radii: Point(r, r * rng.uniform(0.3, 0.8)), angle: rng.uniform(0, Double.pi),
                      alpha: rng.uniform(0.25, 0.7), colour: Colour(0.98, 0.97, 0.95), multiply: false)
        }
    }

    /// A soft elliptical blob, either multiplied in (a tint) or blended over (an opaque colour).
    static func paintBlob(_ canvas: inout Canvas, centre: Point, radii: Point, angle: Double, alpha: Double,
                          colour: Colour, multiply: Bool) {
        let w = canvas.width, h = canvas.height
        let reach = max(radii.x, radii.y) * 1.8 + 1
        let x0 = max(0, Int(centre.x - reach)), x1 = min(w - 1, Int(centre.x + reach))
        let y0 = max(0, Int(centre.y - reach)), y1 = min(h - 1, Int(centre.y + reach))
        guard x0 <= x1, y0 <= y1 else { return }
        let c = cos(angle), s = sin(angle)
        let cr = Float(colour.x), cg = Float(colour.y), cb = Float(colour.z)
        canvas.samples.withUnsafeMutableBufferPointer { out in
            for y in y0...y1 {
                for x in x0...x1 {
                    let dx = Double(x) + 0.5 - centre.x, dy = Double(y) + 0.5 - centre.y
                    let u = (dx * c + dy * s) / radii.x, v = (-dx * s + dy * c) / radii.y
                    let q = u * u + v * v
                    guard q < 3.3 else { continue }
                    let a = Float(alpha * exp(-q * q * 0.5))
                    let i = (y &* w &+ x) &* 3
                    if multiply {
                        out[i] *= 1 - a * (1 - cr); out[i &+ 1] *= 1 - a * (1 - cg); out[i &+ 2] *= 1 - a * (1 - cb)
                    } else {
                        out[i] += a * (cr - out[i]); out[i &+ 1] += a * (cg - out[i &+ 1]); out[i &+ 2] += a * (cb - out[i &+ 2])
                    }
                }
            }
        }
    }
}
