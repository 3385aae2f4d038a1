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
