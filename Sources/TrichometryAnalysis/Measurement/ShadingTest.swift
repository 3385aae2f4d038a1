import TrichometryImageIO

/// Skin furrows and shadows are darker skin, not a different material: shading scales red, green and blue
/// alike and leaves the chromaticity (R, G, B)/(R + G + B) unchanged, while a hair's pigment (or the lack
/// of it, in grey and white hairs) shifts it. A faint dark line whose chromaticity shift is tiny for its
/// darkness is a furrow or a shadow, not a hair.
enum ShadingTest {
    /// Shift in chromaticity per unit of darkness below which a line counts as shading.
    static let minimumChromaPerDarkness = 0.02

    static func isShading(_ m: ShaftMeasurer.Measurement, image: RasterImage) -> Bool {
        // Dark shafts are pigmented beyond doubt; the test is for faint lines.
        guard m.path.polarity == .darker, !isPigmentedBeyondDoubt(m) else { return false }
        guard let c = chromaticityShift(m, image: image), c.darkness > 0.005 else { return false }
        let shift = (c.red * c.red + c.green * c.green + c.blue * c.blue).squareRoot()
        return shift / c.darkness < minimumChromaPerDarkness
    }

    /// Below this depth (skin − axis transmission) a dark line may be something other than pigment.
    static let faintDepth = 0.35

    /// A dark shaft deeper than `faintDepth`: pigmented beyond doubt.
    static func isPigmentedBeyondDoubt(_ m: ShaftMeasurer.Measurement) -> Bool {
        m.path.polarity == .darker && m.skinTransmission - m.axisTransmission >= faintDepth
    }

    /// The line's darkness against the skin beside it (1 − axis brightness / skin brightness, R + G + B) and
    /// the shift of each chromaticity coordinate from skin to axis; nil for grey-scale images or lines too
    /// short to sample.
    static func chromaticityShift(_ m: ShaftMeasurer.Measurement, image: RasterImage)
        -> (darkness: Double, red: Double, green: Double, blue: Double)? {
        guard image.channels >= 3 else { return nil }
        let pts = m.centerline
        guard pts.count >= 5 else { return nil }
        let side = 0.5 * m.diameterPixels + 3
        var axis = (0.0, 0.0, 0.0), skin = (0.0, 0.0, 0.0)
        var axisCount = 0, skinCount = 0
        let w = image.width, h = image.height, ch = image.channels
        image.pixels.withUnsafeBufferPointer { px in
            func add(_ x: Double, _ y: Double, to acc: inout (Double, Double, Double), count: inout Int) {
                // Floor, not truncation: a sample just beyond the left or top edge is outside, not in column 0.
                guard x.isFinite, y.isFinite else { return }
                let xi = Int(x.rounded(.down)), yi = Int(y.rounded(.down))
                guard xi >= 0, yi >= 0, xi < w, yi < h else { return }
                let p = (yi &* w &+ xi) &* ch
                acc.0 += Double(px[p]); acc.1 += Double(px[p &+ 1]); acc.2 += Double(px[p &+ 2])
                count &+= 1
            }
            for i in stride(from: 2, to: pts.count - 2, by: 2) {
                let (tx, ty) = ShaftMeasurer.tangent(pts, at: i)
                let p = pts[i]
                add(p.x, p.y, to: &axis, count: &axisCount)
                add(p.x - ty * side, p.y + tx * side, to: &skin, count: &skinCount)
                add(p.x + ty * side, p.y - tx * side, to: &skin, count: &skinCount)
            }
        }
        let axisSum = axis.0 + axis.1 + axis.2, skinSum = skin.0 + skin.1 + skin.2
        guard axisSum > 0, skinSum > 0 else { return nil }
        // Means per sample: a side beyond the frame has no skin to sample.
        return (1 - (axisSum / Double(axisCount)) / (skinSum / Double(skinCount)), axis.0 / axisSum - skin.0 / skinSum,
                axis.1 / axisSum - skin.1 / skinSum, axis.2 / axisSum - skin.2 / skinSum)
    }
}
