import TrichometryImageIO

/// A hair's root below its opening, seen through the epidermis, is not hair on the skin. It runs on from the
/// opening in line with the shaft for several stub lengths, fading, and a tracer finds it as a faint dark line.
/// Two things give it away, both from how skin passes light:
/// - the epidermis scatters, so its edges are far softer than the optics make the edges of a shaft lying on
///   the skin (the same rule as `ShaftMeasurer.isBelowSkin`, there for the colour pass);
/// - scattering sends short wavelengths back before they reach the deep absorber, so a root looks bluish
///   against the skin (as veins do): the blue share of its colour rises, whereas brown and black pigment on
///   the skin takes blue away at least as much as red.
/// A faint dark line with both is a root shadow. In a colour image either alone is not enough: an
/// out-of-focus hair has soft edges, and a grey hair on red-leaning skin raises the blue share too. A grey-scale
/// image shows no hue, and there softness alone decides: the price is that a faint pigmented hair blurred to
/// more than twice the optics' blur (far out of focus) is taken for a root there (`Docs/Pipeline.md`, known
/// limits). The blue share only has to rise: a line whose colour barely shifts at all is shading, which
/// `ShadingTest` has already removed.
enum RootShadowTest {
    static func isRootShadow(_ m: ShaftMeasurer.Measurement, image: RasterImage, measurer: ShaftMeasurer) -> Bool {
        guard m.path.polarity == .darker, !m.path.unpigmented, measurer.blurCalibrated else { return false }
        // Dark shafts are pigmented beyond doubt.
        guard m.skinTransmission - m.axisTransmission < ShadingTest.faintDepth else { return false }
        if image.channels >= 3 {
            guard let c = ShadingTest.chromaticityShift(m, image: image), c.darkness > 0, c.blue > 0 else { return false }
        }
        return measurer.edgeSoftness(of: m).map { $0 > ShaftMeasurer.belowSkinBlurFactor } ?? false
    }
}
