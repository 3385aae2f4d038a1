/// A point in image pixels (x right, y down; pixel centres at integer + 0.5).
typealias Point = SIMD2<Double>

/// An RGB colour in display units 0...1.
typealias Colour = SIMD3<Double>

/// Everything one phantom image shows, laid out before any pixel is drawn. The truth is read from
/// this description, so the image and the truth cannot disagree.
struct PhantomScene {
    var width: Int
    var height: Int
    var umPerPx: Double
    var field: FieldGeometry
    var skin: SkinLook
    var hairs: [HairShaft]
    /// Order in which hairs are painted (later ones lie on top).
    var paintOrder: [Int]
    var openings: [FollicleOpening]
    var furrows: [SkinLine]
    var capillaries: [SkinLine]
    var optics: OpticsLook
    var artifacts: ArtifactLook
    var daysSinceClipping: Double?
}

/// How a hair's pigment looks: its own colour and how much light it absorbs.
struct HairLook {
    /// Colour the shaft scatters back (display units).
    var colour: Colour
    /// Optical depth through the shaft's full diameter: transmission across the core is exp(-depth).
    var opticalDepth: Double
    /// Strength of the narrow specular line along one side of the shaft.
    var specular: Double
    /// Relative amplitude of pigment variation along the shaft.
    var pigmentVariation: Double
    /// An elliptical shaft twists: its apparent width swings by ± this fraction around the
    /// diameter recorded in the truth (which is the mean).
    var ellipticity: Double = 0
    var twistWavelengthPx: Double = 1000
    /// Long hairs lift off the skin toward their tips and leave the focal plane: extra blur (sigma,
    /// px) reached at the tip, growing from `liftStartFraction` of the length on.
    var liftBlurPx: Double = 0
    var liftStartFraction: Double = 1
}

/// How the end of a shaft looks.
enum HairTip {
    /// Cut with scissors or clippers: `slant` is the tangent of the cut's angle to the shaft's
    /// cross-section (blades rarely cut square), `ragged` the amplitude of the jagged edge in pixels.
    /// The centerline ends where the cut crosses the axis.
    case cut(slant: Double, ragged: Double)
    /// A natural, never-cut tip thinning over `lengthPx`.
    case tapered(lengthPx: Double)
}

/// One hair above the skin.
struct HairShaft {
    /// Dense centerline from the emergence point to the tip (spacing about half a pixel).
    var path: [Point]
    var diameterUm: Double
    var radiusPx: Double
    var look: HairLook
    var tip: HairTip
    var unitId: Int
    var phase: String?
    var lighterThanSkin: Bool
    /// The bluish-grey shadow of the root under the skin, from the emergence point backwards.
    var rootShadow: RootShadow
    /// Seed for the shaft's own pigment and cut-edge noise.
    var detailSeed: UInt64
}

struct RootShadow {
    var path: [Point]
    var widthPx: Double
    /// Opacity of the shadow at the emergence point.
    var strength: Double
    /// Decay length of the shadow's opacity in pixels.
    var fadePx: Double
}

/// A follicle opening seen from above: where hairs emerge, or an empty one.
struct FollicleOpening {
    enum Kind { case hairBearing, empty, yellowDot }
    var centre: Point
    var radiusPx: Double
    var kind: Kind
    var strength: Double
    /// A brown peripilar halo around the opening (0 = none).
    var halo: Double
}

/// A thin line in or under the skin: a furrow (dark) or a capillary (red).
struct SkinLine {
    var path: [Point]
    var widthPx: Double
    var strength: Double
    var tint: Colour
    var seed: UInt64
}

/// The skin's colour and texture parameters.
struct SkinLook {
    var base: Colour
    var textureAmplitude: Double
    var rednessAmplitude: Double
    var networkStrength: Double
    var networkCellPx: Double
    var poreCount: Int
    var scaleCount: Int
    /// Tiny white glare speckles on scaly skin, per mm².
    var speckleCount: Int
    /// Small brown dots (pigmented macules), per mm².
    var brownDotsPerMm2: Double
    var poreRadiusPx: Double
    var seed: UInt64
}

/// Optics and sensor: blur, vignetting, illumination, noise.
struct OpticsLook {
    var blurSigmaPx: Double
    /// Extra defocus blur reached on one side of the image (0 = none).
    var defocusSigmaPx: Double
    /// Direction of the defocus ramp (radians); defocus grows along it.
    var defocusAngle: Double
    /// Blend weight toward `peripheralSigmaPx` blur reached at the frame's corners (0 = none).
    var peripheralSoftness: Double = 0
    var peripheralSigmaPx: Double = 1
    /// In-camera unsharp masking (0 = none): light halos along dark edges, amplified noise.
    var sharpenAmount: Double = 0
    var sharpenSigmaPx: Double = 1.5
    var vignetting: Double
    var gradient: Double
    var gradientAngle: Double
    var noiseSigma: Double
    var whiteBalance: Colour
    var seed: UInt64
}

struct GlareSpot {
    var centre: Point
    var radii: SIMD2<Double>
    var angle: Double
    var strength: Double
}

struct AirBubble {
    var centre: Point
    var radiusPx: Double
    var rimWidthPx: Double
    var rimDarkness: Double
}

struct ArtifactLook {
    var glareSpots: [GlareSpot] = []
    var bubbles: [AirBubble] = []
    var bannerText: String = ""
    var bannerBackground: Colour = Colour(0, 0, 0)
    var bannerInk: Colour = Colour(1, 1, 1)
    /// A red circle a clinician drew on the image (not excluded from the field: hairs run under it).
    var annotation: (centre: Point, radius: Double, width: Double)? = nil
}
