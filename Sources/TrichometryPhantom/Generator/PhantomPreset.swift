/// The kinds of phantom image the generator knows, each standing for a real imaging situation.
public enum PhantomPreset: String, CaseIterable, Sendable {
    /// Phototrichogram 2–3 days after clipping, ×20-like scale: anagen and telogen stubs.
    case clipped
    /// Unclipped scalp at ×60-like scale: long hairs crossing the field and each other.
    case natural
    /// Blond and grey hairs, some barely darker than the skin, some lighter.
    case light
    /// 300+ hairs/cm² with many crossings and multi-hair follicular units.
    case dense
    /// Natural scalp seen through a poor acquisition: aperture, banner, glare, bubbles, defocus, JPEG.
    case artifacts
    /// Straight shafts of known diameters (10–120 µm) on clean skin.
    case calibration

    /// The file format a preset is written in unless the user asks otherwise.
    public var defaultFormat: PhantomImageFormat { self == .artifacts ? .jpeg : .png }

    /// JPEG quality used when the user gives none.
    public var defaultJPEGQuality: Int { self == .artifacts ? 70 : 92 }

    /// The range of µm per pixel an image of this preset is drawn from when the user gives none.
    public var umPerPxRange: ClosedRange<Double> {
        switch self {
        case .clipped: return 7.0...10.0
        case .natural, .light, .artifacts: return 2.5...4.0
        case .dense: return 3.5...5.0
        case .calibration: return 2.5...4.0
        }
    }
}
