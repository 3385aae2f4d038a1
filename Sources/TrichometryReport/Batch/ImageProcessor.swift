import Foundation
import TrichometryAnalysis
import TrichometryImageIO

/// Analyses one image of a batch and writes its overlay and mask. Never throws: every failure
/// becomes the image's error row, so the batch goes on.
public enum ImageProcessor {
    /// PNG compression for overlays and masks: zlib level 1 is several times faster than the
    /// default and the files are only for looking at.
    public static let pngCompressionLevel = 1

    public static func process(_ job: BatchJob) -> ImageReport {
        let started = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        let file = job.input.file

        func failure(_ message: String, width: Int? = nil, height: Int? = nil, source: String = "") -> ImageReport {
            ImageReport(summaryRow: ReportRows.error(file: file, message: message, width: width, height: height,
                                                     calibrationSource: source),
                        hairRows: [], unitRows: [],
                        outcome: BatchOutcome(file: file, path: job.input.path, succeeded: false, hairCount: 0,
                                              error: message, seconds: seconds()))
        }

        let settings: ResolvedSettings
        switch job.settings {
        case .success(let resolved): settings = resolved
        case .failure(let error): return failure(error.description)
        }

        let image: RasterImage
        do {
            image = try ImageDecoder.decode(contentsOf: job.input.path, options: DecodeOptions(output: .rgb))
        } catch {
            return failure(error.description, source: settings.calibrationSource)
        }
        guard !image.isEmpty else {
            return failure("\(job.input.path): image has no pixels", width: image.width, height: image.height,
                           source: settings.calibrationSource)
        }

        let calibration = settings.calibration(imageWidth: image.width)
        let analysis = HairAnalyzer.analyze(image, calibration: calibration, options: settings.options)

        if let overlayPath = job.overlayPath {
            let overlay = OverlayRenderer.render(image, analysis: analysis, title: file)
            if let message = write(overlay.image, to: overlayPath) {
                return failure("overlay: \(message)", width: image.width, height: image.height,
                               source: settings.calibrationSource)
            }
        }
        if let maskPath = job.maskPath {
            if let message = write(MaskExporter.hairMask(of: analysis), to: maskPath) {
                return failure("mask: \(message)", width: image.width, height: image.height,
                               source: settings.calibrationSource)
            }
        }

        return ImageReport(
            summaryRow: ReportRows.summary(file: file, analysis: analysis, calibrationSource: settings.calibrationSource),
            hairRows: ReportRows.hairs(file: file, analysis: analysis),
            unitRows: ReportRows.units(file: file, analysis: analysis),
            outcome: BatchOutcome(file: file, path: job.input.path, succeeded: true,
                                  hairCount: analysis.metrics.hairCount, error: nil, seconds: seconds()))
    }

    /// Writes a PNG atomically, creating its folder; returns the error message on failure.
    static func write(_ image: RasterImage, to path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                return "\(folder): cannot create folder"
            }
        }
        do {
            try ImageEncoder.writePNG(image, to: path, compressionLevel: pngCompressionLevel)
            return nil
        } catch {
            return error.description
        }
    }
}
