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
        guard image.channels >= 3, m.centerline.count >= 5 else { return nil }
        let side = 0.5 * m.diameterPixels + 3
        let sums = ColourSampler.sums(along: m.centerline, offsets: [0, side, -side], image: image)
        let axis = sums[0], skin = sums[1] + sums[2]
        guard axis.total > 0, skin.total > 0 else { return nil }
        // Means per sample: a side beyond the frame has no skin to sample.
        return (1 - (axis.total / Double(axis.count)) / (skin.total / Double(skin.count)),
                axis.red / axis.total - skin.red / skin.total, axis.green / axis.total - skin.green / skin.total,
                axis.blue / axis.total - skin.blue / skin.total)
    }
}
