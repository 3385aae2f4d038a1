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
