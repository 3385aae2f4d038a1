#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paints everything that lies on or under the skin: vessels, root shadows, furrows, follicle
/// openings and hair shafts, in that order (deepest first).
enum SceneRenderer {
    static func paint(_ canvas: inout Canvas, scene: PhantomScene) {
        let rasterizer = StrokeRasterizer(width: canvas.width, height: canvas.height)
        for line in scene.capillaries { paintLine(&canvas, line: line, rasterizer: rasterizer) }
        for index in scene.paintOrder { paintRootShadow(&canvas, shadow: scene.hairs[index].rootShadow, rasterizer: rasterizer) }
        for line in scene.furrows { paintLine(&canvas, line: line, rasterizer: rasterizer) }
        for opening in scene.openings { paintOpening(&canvas, opening: opening) }
        for index in scene.paintOrder { paintHair(&canvas, hair: scene.hairs[index], rasterizer: rasterizer) }
    }

    /// Multiplies a tint in with a Gaussian cross-profile whose strength drifts along the line.
    static func paintLine(_ canvas: inout Canvas, line: SkinLine, rasterizer: StrokeRasterizer) {
        let sigma = max(0.4, line.widthPx / 2.355)
        let path = PathMath.thin(line.path, every: 4)
        let length = PathMath.length(path)
        guard length > 1 else { return }
        var rng = PhantomRandom(seed: line.seed)
        let phase = rng.uniform(0, 2 * Double.pi), wave = rng.uniform(0.15, 0.4) * length
        let tr = Float(1 - line.tint.x), tg = Float(1 - line.tint.y), tb = Float(1 - line.tint.z)
        let inv = Float(1 / (2 * sigma * sigma))
        let strength = line.strength
        canvas.samples.withUnsafeMutableBufferPointer { out in
            rasterizer.rasterize(path, reach: 3 * sigma + 0.5, openEnds: false) { index, d, s in
                let t = Double(s) / length
                // Fades in and out at the ends and comes and goes along the way.
                let envelope = sin(Double.pi * t) * (0.6 + 0.4 * sin(2 * Double.pi * Double(s) / wave + phase))
                let a = Float(strength * max(0, envelope)) * exp(-d * d * inv)
                let i = index &* 3
                out[i] *= 1 - a * tr; out[i &+ 1] *= 1 - a * tg; out[i &+ 2] *= 1 - a * tb
            }
        }
    }

    /// The root under the skin: a blurred bluish-grey band fading away from the opening.
    static func paintRootShadow(_ canvas: inout Canvas, shadow: RootShadow, rasterizer: StrokeRasterizer) {
        guard shadow.strength > 0, shadow.path.count >= 2 else { return }
        let sigma = max(0.6, 0.45 * shadow.widthPx)
        // The shadow is soft, so segments as long as its reach follow it closely enough and keep
        // the number of bounding-box pixels visited low.
        let path = PathMath.thin(shadow.path, every: max(6, Int(2 * (3 * sigma + 1))))
        let length = PathMath.length(path)
        let inv = Float(1 / (2 * sigma * sigma))
        // Skin seen through melanin deep in the dermis: red is absorbed most (the Tyndall blue).
        let tint: (Float, Float, Float) = (0.42, 0.34, 0.2)
        let strength = shadow.strength, fade = shadow.fadePx
        canvas.samples.withUnsafeMutableBufferPointer { out in
            rasterizer.rasterize(path, reach: 3 * sigma + 1, openEnds: true) { index, d, s in
                let sd = Double(s)
                guard sd > -sigma, sd < length + sigma else { return }
                let start = sd < 0 ? 1 + sd / sigma : 1
                let end = sd > length ? 1 - (sd - length) / sigma : 1
                let a = Float(strength * exp(-max(0, sd) / fade) * start * end) * exp(-d * d * inv)
                let i = index &* 3
                out[i] *= 1 - a * tint.0; out[i &+ 1] *= 1 - a * tint.1; out[i &+ 2] *= 1 - a * tint.2
            }
        }
    }

    static func paintOpening(_ canvas: inout Canvas, opening: FollicleOpening) {
        let w = canvas.width, h = canvas.height
        let r = opening.radiusPx
        let reach = r * (opening.halo > 0 ? 2.6 : 1.6) + 1
        let x0 = max(0, Int(opening.centre.x - reach)), x1 = min(w - 1, Int(opening.centre.x + reach))
        let y0 = max(0, Int(opening.centre.y - reach)), y1 = min(h - 1, Int(opening.centre.y + reach))
        guard x0 <= x1, y0 <= y1 else { return }
        let tint: Colour
        switch opening.kind {
        case .hairBearing: tint = Colour(0.5, 0.42, 0.42)
        case .empty: tint = Colour(0.62, 0.52, 0.52)
        case .yellowDot: tint = Colour(0.97, 0.86, 0.55)
        }
        let blend = opening.kind == .yellowDot
        canvas.samples.withUnsafeMutableBufferPointer { out in
            for y in y0...y1 {
                for x in x0...x1 {
                    let dx = Double(x) + 0.5 - opening.centre.x, dy = Double(y) + 0.5 - opening.centre.y
                    let dist = (dx * dx + dy * dy).squareRoot()
                    let edge = (dist - 0.55 * r) / (0.5 * r)
                    let core = edge <= 0 ? 1.0 : (edge >= 1 ? 0.0 : 1 - edge * edge * (3 - 2 * edge))
                    var a = opening.strength * core
                    let i = (y &* w &+ x) &* 3
                    if opening.halo > 0 {
                        let g = (dist - 1.5 * r) / (0.55 * r)
                        let halo = opening.halo * exp(-g * g)
                        out[i] *= Float(1 - halo * 0.25); out[i &+ 1] *= Float(1 - halo * 0.4); out[i &+ 2] *= Float(1 - halo * 0.5)
                    }
                    guard a > 0.001 else { continue }
                    if blend {
                        a *= 0.8
                        out[i] += Float(a) * (Float(tint.x) - out[i])
                        out[i &+ 1] += Float(a) * (Float(tint.y) - out[i &+ 1])
                        out[i &+ 2] += Float(a) * (Float(tint.z) - out[i &+ 2])
                    } else {
                        out[i] *= Float(1 - a * (1 - tint.x))
                        out[i &+ 1] *= Float(1 - a * (1 - tint.y))
                        out[i &+ 2] *= Float(1 - a * (1 - tint.z))
                    }
                }
            }
        }
    }

    static func paintHair(_ canvas: inout Canvas, hair: HairShaft, rasterizer: StrokeRasterizer) {
        let r = hair.radiusPx
        let profile = ShaftProfile(radiusPx: r, opticalDepth: hair.look.opticalDepth, specularStrength: hair.look.specular)
        // Where the hair lifts out of focus, blend toward a blurred profile over the same table grid.
        let lifted = hair.look.liftBlurPx > 0
            ? ShaftProfile(radiusPx: r, opticalDepth: hair.look.opticalDepth, specularStrength: hair.look.specular,
                           extraBlurPx: hair.look.liftBlurPx)
            : nil
        // Segments a little shorter than the radius follow the curve to well under a tenth of a pixel.
        let step = max(1, min(12, Int(r * 1.2)))
        let path = PathMath.thin(hair.path, every: step)
        let length = PathMath.length(path)
        guard length > 0 else { return }
        var rng = PhantomRandom(seed: hair.detailSeed)

        // Pigment varies slowly along the shaft.
        let pigmentStep = 6.0
        let pigmentCount = Int(length / pigmentStep) + 3
        var pigment = [Float](repeating: 1, count: pigmentCount)
        var drift = 0.0
        // Melanin varies along a shaft; a nearly unpigmented (white) shaft has little to vary.
        let darkness = 1 - SceneBuilder.luminance(hair.look.colour)
        let variation = hair.look.pigmentVariation * min(1, 2 * darkness * darkness)
        for k in 0..<pigmentCount {
            // A slow random walk (correlation length ~200 px) rather than per-step noise, so the
            // pigment drifts instead of banding.
            drift = 0.97 * drift + 0.243 * rng.normal()
            pigment[k] = Float(max(0.6, 1 + variation * max(-2.5, min(2.5, drift))))
        }
        // A ragged cut: the end line zigzags across the width.
        var raggedAmplitude = 0.0, taperLength = 0.0, slant = 0.0
        switch hair.tip {
        case .cut(let cutSlant, let ragged): raggedAmplitude = ragged; slant = cutSlant
        case .tapered(let lengthPx): taperLength = min(lengthPx, length * 0.8)
        }
        let ellipticity = hair.look.ellipticity, twist = max(1, hair.look.twistWavelengthPx)
        let twistPhase = rng.uniform(0, 2 * Double.pi)
        let f1 = rng.uniform(1.0, 2.5), f2 = rng.uniform(3, 6), p1 = rng.uniform(0, 6.3), p2 = rng.uniform(0, 6.3)
        let colour = hair.look.colour
        let cr = Float(colour.x), cg = Float(colour.y), cb = Float(colour.z)
        let reach = lifted?.halfRange ?? profile.halfRange
        let liftStart = length * hair.look.liftStartFraction
        let liftSpan = max(1, length - liftStart)
        profile.opacity.withUnsafeBufferPointer { opacity in
            profile.scatter.withUnsafeBufferPointer { scatter in
                profile.specular.withUnsafeBufferPointer { specular in
                    pigment.withUnsafeBufferPointer { pig in
                        canvas.samples.withUnsafeMutableBufferPointer { out in
                            rasterizer.rasterize(path, reach: reach, openEnds: true) { index, d, s in
                                let sd = Double(s)
                                var m = 1.0
                                var lookup = d
                                if ellipticity > 0 {
                                    let widthScale = 1 + ellipticity * sin(2 * Double.pi * sd / twist + twistPhase)
                                    lookup = Float(Double(d) / widthScale)
                                }
                                // Where the shaft leaves the skin it dives into the opening: a rounded,
                                // fading base rather than a square end.
                                if sd < 0 {
                                    let radial = (Double(d) * Double(d) + sd * sd).squareRoot()
                                    lookup = d < 0 ? -Float(radial) : Float(radial)
                                    m = 0.35 * max(0, 1 + sd / max(1, r))
                                } else if sd < 1.5 * r {
                                    let t = sd / (1.5 * r)
                                    m = 0.35 + 0.65 * t * t * (3 - 2 * t)
                                }
                                if taperLength > 0 {
                                    let remaining = length - sd
                                    if remaining < taperLength {
                                        let scale = max(0.12, pow(max(0, remaining) / taperLength, 0.7))
                                        lookup = Float(Double(lookup) / scale)
                                        m *= scale.squareRoot()
                                    }
                                    m *= min(1, max(0, remaining + 0.5))
                                } else {
                                    let u = Double(d) / max(r, 0.5)
                                    let jag = raggedAmplitude * (0.6 * sin(f1 * u + p1) + 0.4 * sin(f2 * u + p2))
                                    m *= min(1, max(0, length + slant * Double(d) + jag - sd + 0.5))
                                }
                                guard m > 0 else { return }
                                var a: Float = 0, c: Float = 0, sp: Float = 0
                                if let (k, f) = profile.position(lookup) {
                                    a = opacity[k] + (opacity[k &+ 1] - opacity[k]) * f
                                    c = scatter[k] + (scatter[k &+ 1] - scatter[k]) * f
                                    sp = specular[k] + (specular[k &+ 1] - specular[k]) * f
                                }
                                if let lifted, sd > liftStart {
                                    let t = Float(min(1, (sd - liftStart) / liftSpan))
                                    let soft = lifted.values(at: lookup)
                                    a += (soft.opacity - a) * t
                                    c += (soft.scatter - c) * t
                                    sp += (soft.specular - sp) * t
                                }
                                a *= Float(m); c *= Float(m); sp *= Float(m)
                                guard a > 0 else { return }
                                let pi = max(0, min(pigmentCount - 2, Int(sd / pigmentStep)))
                                let pf = Float(max(0, min(1, sd / pigmentStep - Double(pi))))
                                let p = pig[pi] + (pig[pi &+ 1] - pig[pi]) * pf
                                let i = index &* 3
                                out[i] = out[i] * (1 - a) + c * min(1, cr * p) + sp
                                out[i &+ 1] = out[i &+ 1] * (1 - a) + c * min(1, cg * p) + sp
                                out[i &+ 2] = out[i &+ 2] * (1 - a) + c * min(1, cb * p) + sp
                            }
                        }
                    }
                }
            }
        }
    }
}
