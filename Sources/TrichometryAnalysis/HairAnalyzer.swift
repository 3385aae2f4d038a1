import TrichometryImageIO

/// The pipeline's single entry point. No file I/O happens here.
public enum HairAnalyzer {
    /// Finds, measures and classifies every hair shaft in `image` (gray or RGB, 8-bit).
    public static func analyze(_ image: RasterImage, calibration: Calibration,
                               options: AnalysisOptions = AnalysisOptions()) -> ImageAnalysis {
        // PLACEHOLDER until the pipeline lands (issue 4): an empty analysis of the right shape.
        let n = image.width * image.height
        return ImageAnalysis(width: image.width, height: image.height, calibration: calibration,
                             fieldMask: [UInt8](repeating: 1, count: n), analyzedAreaPixels: n,
                             analyzedAreaCm2: calibration.micronsPerPixel.map { Double(n) * $0 * $0 * 1e-8 },
                             hairMask: [UInt8](repeating: 0, count: n), hairs: [], units: [],
                             metrics: ImageMetrics())
    }
}
