import TrichometryImageIO

/// Skin furrows and shadows are darker skin, not a different material: shading scales red, green and blue
/// alike and leaves the chromaticity (R, G, B)/(R + G + B) unchanged, while a hair's pigment (or the lack
/// of it, in grey and white hairs) shifts it. A faint dark line whose chromaticity shift is tiny for its
/// darkness is a furrow or a shadow, not a hair.
enum ShadingTest {
    /// Shift in chromaticity per unit of darkness below which a line counts as shading.
    static let minimumChromaPerDarkness = 0.02

    static func isShading(_ m: ShaftMeasurer.Measurement, image: RasterImage) -> Bool {
        guard image.channels >= 3, m.path.polarity == .darker else { return false }
        // Dark shafts are pigmented beyond doubt; the test is for faint lines.
        guard m.skinTransmission - m.axisTransmission < 0.35 else { return false }
        let pts = m.centerline
        guard pts.count >= 5 else { return false }
        let side = 0.5 * m.diameterPixels + 3
        var axis = (0.0, 0.0, 0.0), skin = (0.0, 0.0, 0.0)
        let w = image.width, h = image.height, ch = image.channels
        image.pixels.withUnsafeBufferPointer { px in
            func add(_ x: Double, _ y: Double, to acc: inout (Double, Double, Double)) {
                let xi = Int(x), yi = Int(y)
                guard xi >= 0, yi >= 0, xi < w, yi < h else { return }
                let p = (yi &* w &+ xi) &* ch
                acc.0 += Double(px[p]); acc.1 += Double(px[p &+ 1]); acc.2 += Double(px[p &+ 2])
            }
            for i in stride(from: 2, to: pts.count - 2, by: 2) {
                let (tx, ty) = ShaftMeasurer.tangent(pts, at: i)
                let p = pts[i]
                add(p.x, p.y, to: &axis)
                add(p.x - ty * side, p.y + tx * side, to: &skin)
                add(p.x + ty * side, p.y - tx * side, to: &skin)
            }
        }
        let axisSum = axis.0 + axis.1 + axis.2, skinSum = skin.0 + skin.1 + skin.2
        guard axisSum > 0, skinSum > 0 else { return false }
        // Skin was sampled twice per point.
        let darkness = 1 - (axisSum / (skinSum / 2))
        guard darkness > 0.005 else { return false }
        let dr = axis.0 / axisSum - skin.0 / skinSum
        let dg = axis.1 / axisSum - skin.1 / skinSum
        let db = axis.2 / axisSum - skin.2 / skinSum
        let shift = (dr * dr + dg * dg + db * db).squareRoot()
        return shift / darkness < minimumChromaPerDarkness
    }
}
