import TrichometryAnalysis

/// The settings in force for one image after merging its sources, most specific first.
public struct ResolvedSettings: Sendable, Equatable {
    /// Where the image's scale comes from.
    public enum Scale: Sendable, Equatable {
        case micronsPerPixel(Double)
        /// The image's full width in mm; µm/px follows once the image's width is known.
        case fieldWidthMillimetres(Double)
        case uncalibrated
    }

    public var options: AnalysisOptions
    public var scale: Scale
    /// The `calibration_source` column: `sidecar:PATH`, `profile:PATH`, `flag:--um-per-px`,
    /// `flag:--field-width-mm` or `uncalibrated` (paths relative to the input root).
    public var calibrationSource: String

    public init(options: AnalysisOptions, scale: Scale, calibrationSource: String) {
        self.options = options; self.scale = scale; self.calibrationSource = calibrationSource
    }

    /// The calibration of an image `widthPx` pixels wide.
    public func calibration(imageWidth widthPx: Int) -> Calibration {
        switch scale {
        case .micronsPerPixel(let umPerPx): return Calibration(micronsPerPixel: umPerPx)
        case .fieldWidthMillimetres(let mm):
            guard widthPx > 0 else { return .uncalibrated }
            return Calibration(micronsPerPixel: mm * 1000 / Double(widthPx))
        case .uncalibrated: return .uncalibrated
        }
    }
}
