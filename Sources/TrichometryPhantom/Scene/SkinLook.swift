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
