/// How many micrometres one image pixel spans. Density and diameters need it; a device's nominal
/// magnification ("×60") is not enough, so it always comes from the user (flag, device profile, sidecar).
public struct Calibration: Sendable, Equatable {
    /// Micrometres per pixel, or nil when the image is uncalibrated (counts only, no µm or cm² figures).
    public var micronsPerPixel: Double?

    public init(micronsPerPixel: Double?) {
        precondition(micronsPerPixel.map { $0 > 0 && $0.isFinite } ?? true, "µm per pixel must be positive")
        self.micronsPerPixel = micronsPerPixel
    }

    public static let uncalibrated = Calibration(micronsPerPixel: nil)
    public var isCalibrated: Bool { micronsPerPixel != nil }
}
