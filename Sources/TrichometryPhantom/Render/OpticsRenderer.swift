#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the dermatoscope and its camera do to the scene: glare and bubbles in the immersion
/// fluid, lens blur and defocus, vignetting and uneven light, the black aperture, sensor noise.
enum OpticsRenderer {
    static func paintImmersionArtifacts(_ canvas: inout Canvas, artifacts: ArtifactLook) {
        for bubble in artifacts.bubbles { paintBubble(&canvas, bubble: bubble) }
        for spot in artifacts.glareSpots {
            // Saturated specular reflection with a softer shoulder.
            SkinRenderer.paintBlob(&canvas, centre: spot.centre, radii: spot.radii * 1.8, angle: spot.angle,
                                   alpha: 0.35 * spot.strength, colour: Colour(1, 1, 1), multiply: false)
            SkinRenderer.paintBlob(&canvas, centre: spot.centre, radii: spot.radii, angle: spot.angle,
                                   alpha: 1.6 * spot.strength, colour: Colour(1.05, 1.05, 1.05), multiply: false)
        }
    }

    /// An air bubble under the glass: a dark refracting rim, a thin bright inner ring, a slightly
    /// brighter inside and a small crescent highlight.
    static func paintBubble(_ canvas: inout Canvas, bubble: AirBubble) {
        let w = canvas.width, h = canvas.height
        let r = bubble.radiusPx, rim = bubble.rimWidthPx
        let reach = r + 3 * rim + 2
        let x0 = max(0, Int(bubble.centre.x - reach)), x1 = min(w - 1, Int(bubble.centre.x + reach))
        let y0 = max(0, Int(bubble.centre.y - reach)), y1 = min(h - 1, Int(bubble.centre.y + reach))
        guard x0 <= x1, y0 <= y1 else { return }
        canvas.samples.withUnsafeMutableBufferPointer { out in
            for y in y0...y1 {
                for x in x0...x1 {
                    let dx = Double(x) + 0.5 - bubble.centre.x, dy = Double(y) + 0.5 - bubble.centre.y
                    let dist = (dx * dx + dy * dy).squareRoot()
                    guard dist < reach else { continue }
                    let g = (dist - r) / rim
                    let dark = bubble.rimDarkness * exp(-g * g)
                    let gi = (dist - (r - 1.6 * rim)) / (0.5 * rim)
                    var bright = 0.25 * exp(-gi * gi)
                    if dist < r - rim { bright += 0.04 }
                    // Crescent highlight on the upper-left inside the rim.
                    let hx = dx + 0.45 * r, hy = dy + 0.45 * r
                    let hd = (hx * hx + hy * hy).squareRoot() / (0.18 * r)
                    bright += 0.5 * exp(-hd * hd * hd * hd)
                    let i = (y &* w &+ x) &* 3
                    for c in 0..<3 {
                        var v = Double(out[i &+ c]) * (1 - dark * [0.75, 0.72, 0.68][c])
                        v += bright * (1 - v)
                        out[i &+ c] = Float(v)
                    }
                }
            }
        }
    }

    /// Separable Gaussian blur of the interleaved RGB canvas.
    static func blur(_ samples: inout [Float], width: Int, height: Int, sigma: Double) {
        guard sigma > 0.05 else { return }
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = [Float](repeating: 0, count: 2 * radius + 1)
        var total: Float = 0
        for k in -radius...radius {
            let v = Float(exp(-Double(k * k) / (2 * sigma * sigma)))
            kernel[k + radius] = v; total += v
        }
        for k in kernel.indices { kernel[k] /= total }
        var temp = [Float](repeating: 0, count: samples.count)
        kernel.withUnsafeBufferPointer { kr in
            samples.withUnsafeMutableBufferPointer { src in
                temp.withUnsafeMutableBufferPointer { dst in
                    // Horizontal pass, edges clamped.
                    for y in 0..<height {
                        let row = y &* width
                        for x in 0..<width {
                            var r: Float = 0, g: Float = 0, b: Float = 0
                            for k in -radius...radius {
                                var xx = x &+ k
                                xx = xx < 0 ? 0 : (xx >= width ? width &- 1 : xx)
                                let weight = kr[k &+ radius]
                                let i = (row &+ xx) &* 3
                                r += weight * src[i]; g += weight * src[i &+ 1]; b += weight * src[i &+ 2]
                            }
                            let o = (row &+ x) &* 3
                            dst[o] = r; dst[o &+ 1] = g; dst[o &+ 2] = b
                        }
                    }
                    // Vertical pass back into the canvas.
                    for y in 0..<height {
                        for x in 0..<width {
                            var r: Float = 0, g: Float = 0, b: Float = 0
                            for k in -radius...radius {
                                var yy = y &+ k
                                yy = yy < 0 ? 0 : (yy >= height ? height &- 1 : yy)
                                let weight = kr[k &+ radius]
                                let i = (yy &* width &+ x) &* 3
                                r += weight * dst[i]; g += weight * dst[i &+ 1]; b += weight * dst[i &+ 2]
                            }
                            let o = (y &* width &+ x) &* 3
                            src[o] = r; src[o &+ 1] = g; src[o &+ 2] = b
                        }
                    }
                }
            }
        }
    }

    static func applyLens(_ canvas: inout Canvas, optics: OpticsLook) {
        let w = canvas.width, h = canvas.height
        OpticsRenderer.blur(&canvas.samples, width: w, height: h, sigma: optics.blurSigmaPx)
        if optics.defocusSigmaPx > 0 {
            // Part of the field is out of focus: blend toward a strongly blurred copy along a ramp.
            let dx = cos(optics.defocusAngle), dy = sin(optics.defocusAngle)
            let half = 0.5 * (abs(dx) * Double(w) + abs(dy) * Double(h))
            blendTowardBlur(&canvas, sigma: optics.defocusSigmaPx) { x, y in
                let p = ((Double(x) - 0.5 * Double(w)) * dx + (Double(y) - 0.5 * Double(h)) * dy) / half
                return max(0, min(1, 0.15 + 0.85 * p))
            }
        }
        if optics.peripheralSoftness > 0 {
            // Field curvature: the periphery of a close-up lens is softer than its centre.
            let cx = 0.5 * Double(w), cy = 0.5 * Double(h)
            let r2 = cx * cx + cy * cy
            blendTowardBlur(&canvas, sigma: optics.peripheralSigmaPx) { x, y in
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                let q = (dx * dx + dy * dy) / r2
                return optics.peripheralSoftness * q * q
            }
        }
        // Vignetting, a tilted illumination gradient and the camera's white balance.
        let cx = 0.5 * Double(w), cy = 0.5 * Double(h)
        // Light falls off from the centre of the lens; normalised to the half-diagonal.
        let maxRadius2 = cx * cx + cy * cy
        let halfExtent = max(cx, cy)
        let gx = cos(optics.gradientAngle), gy = sin(optics.gradientAngle)
        let wb = optics.whiteBalance
        canvas.samples.withUnsafeMutableBufferPointer { out in
            for y in 0..<h {
                let dy = Double(y) + 0.5 - cy
                for x in 0..<w {
                    let dx = Double(x) + 0.5 - cx
                    let q = (dx * dx + dy * dy) / maxRadius2
                    let light = (1 - optics.vignetting * q * (0.6 + 0.4 * q)) *
                        (1 + optics.gradient * (dx * gx + dy * gy) / halfExtent)
                    let i = (y &* w &+ x) &* 3
                    out[i] *= Float(light * wb.x); out[i &+ 1] *= Float(light * wb.y); out[i &+ 2] *= Float(light * wb.z)
                }
            }
        }
    }

    /// Mixes each pixel with a blurred copy of the canvas; `weight(x, y)` in 0...1 says how much.
    static func blendTowardBlur(_ canvas: inout Canvas, sigma: Double, weight: (Int, Int) -> Double) {
        let w = canvas.width, h = canvas.height
        var blurredCopy = canvas.samples
        OpticsRenderer.blur(&blurredCopy, width: w, height: h, sigma: sigma)
        blurredCopy.withUnsafeBufferPointer { blurred in
            canvas.samples.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    for x in 0..<w {
                        let t = Float(weight(x, y))
                        guard t > 0 else { continue }
                        let i = (y &* w &+ x) &* 3
                        out[i] += t * (blurred[i] - out[i])
                        out[i &+ 1] += t * (blurred[i &+ 1] - out[i &+ 1])
                        out[i &+ 2] += t * (blurred[i &+ 2] - out[i &+ 2])
                    }
                }
            }
        }
    }

    /// The camera's unsharp mask: adds back `amount ×` the detail a Gaussian blur removes.
    static func sharpen(_ canvas: inout Canvas, amount: Double, sigma: Double) {
        guard amount > 0 else { return }
        var blurred = canvas.samples
        OpticsRenderer.blur(&blurred, width: canvas.width, height: canvas.height, sigma: sigma)
        let k = Float(amount)
        blurred.withUnsafeBufferPointer { soft in
            canvas.samples.withUnsafeMutableBufferPointer { out in
                for i in 0..<out.count { out[i] += k * (out[i] - soft[i]) }
            }
        }
    }

    /// The black surround of a circular dermatoscope aperture, with a soft, slightly dark edge.
    static func applyAperture(_ canvas: inout Canvas, aperture: FieldGeometry.Aperture) {
        let w = canvas.width, h = canvas.height
        let r = aperture.radius
        canvas.samples.withUnsafeMutableBufferPointer { out in
            for y in 0..<h {
                let dy = Double(y) + 0.5 - aperture.centre.y
                for x in 0..<w {
                    let dx = Double(x) + 0.5 - aperture.centre.x
                    let dist = (dx * dx + dy * dy).squareRoot()
                    guard dist > r - 40 else { continue }
                    // Inside: a narrow darkening band; outside: black with a one-pixel soft edge.
                    let inner = max(0, min(1, (dist - (r - 40)) / 40))
                    var gain = 1 - 0.35 * inner * inner
                    let edge = max(0, min(1, r + 0.5 - dist))
                    gain = gain * edge + 0.015 * (1 - edge)
                    let i = (y &* w &+ x) &* 3
                    out[i] *= Float(gain); out[i &+ 1] *= Float(gain); out[i &+ 2] *= Float(gain)
                }
            }
        }
    }

    /// Shot and read noise, mostly shared by the three channels (luminance) with some colour noise.
    static func addSensorNoise(_ canvas: inout Canvas, sigma: Double, seed: UInt64) {
        var rng = PhantomRandom(seed: seed)
        let s = Float(sigma)
        let count = canvas.width * canvas.height
        canvas.samples.withUnsafeMutableBufferPointer { out in
            for p in 0..<count {
                let bits = rng.next()
                // Two approximately Gaussian draws from 16-bit uniforms (Irwin–Hall, 2 terms each),
                // cheap and bit-exact on every machine.
                let u0 = Float(bits & 0xFFFF), u1 = Float((bits >> 16) & 0xFFFF)
                let u2 = Float((bits >> 32) & 0xFFFF), u3 = Float(bits >> 48)
                let lum = (u0 + u1) * (1 / 65535.0) - 1
                let chroma = (u2 + u3) * (1 / 65535.0) - 1
                let i = p &* 3
                let level = max(0, (out[i] + out[i &+ 1] + out[i &+ 2]) * (1 / 3.0))
                let n = s * (0.5 + level).squareRoot() * 1.6
                out[i] += n * (lum + 0.35 * chroma)
                out[i &+ 1] += n * lum
                out[i &+ 2] += n * (lum - 0.35 * chroma)
            }
        }
    }
}
