import Dispatch
import Foundation
import TrichometryAnalysis
import TrichometryImageIO
import TrichometryPhantom

/// Reads, analyses and scores validation cases, several images at a time.
public enum ValidationRunner {
    /// Reads the image at a path. Injected so tests and other front ends can supply their own.
    public typealias ImageLoader = @Sendable (String) throws -> RasterImage

    /// Reads PNG or JPEG files by content, as `trichometry analyze` does.
    public static let decodeFromFile: ImageLoader = { path in try ImageDecoder.decode(contentsOf: path) }

    /// The options the pipeline runs with for `truth`: defaults, plus the days since clipping of a phototrichogram.
    public static func analysisOptions(for truth: PhantomTruth) -> AnalysisOptions {
        var options = AnalysisOptions()
        options.daysSinceClipping = truth.daysSinceClipping
        return options
    }

    /// Reads, analyses and scores one case.
    public static func score(_ item: ValidationCase, loadImage: ImageLoader) throws(ValidationInputError) -> ImageScore {
        let image: RasterImage
        do {
            image = try loadImage(item.imagePath)
        } catch {
            // Image I/O errors already start with the path; say it once.
            var reason = String(describing: error)
            if reason.hasPrefix(item.imagePath + ": ") { reason.removeFirst(item.imagePath.count + 2) }
            throw ValidationInputError(file: item.imagePath, reason: "cannot read the image: \(reason)")
        }
        guard image.width == item.truth.widthPx, image.height == item.truth.heightPx else {
            throw ValidationInputError(
                file: item.imagePath,
                reason: "image is \(image.width)x\(image.height) but its truth file says \(item.truth.widthPx)x\(item.truth.heightPx)")
        }
        // The truth file was checked by ValidationDataset, so the calibration is positive and finite.
        let analysis = HairAnalyzer.analyze(image, calibration: Calibration(micronsPerPixel: item.truth.umPerPx),
                                            options: analysisOptions(for: item.truth))
        return ValidationScorer.score(analysis: analysis, truth: item.truth, name: item.name)
    }

    /// Scores every case with up to `jobs` images in flight; results come back in the order of `cases`.
    public static func run(_ cases: [ValidationCase], jobs: Int,
                           loadImage: @escaping ImageLoader = decodeFromFile) -> [Result<ImageScore, ValidationInputError>] {
        guard !cases.isEmpty else { return [] }
        let results = ResultSlots(count: cases.count)
        let workers = max(1, min(jobs, cases.count))
        // Each worker pulls the next unclaimed case, so a slow image does not hold up a fixed share of the rest.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.claimNext() {
                let result = Result { () throws(ValidationInputError) -> ImageScore in
                    try score(cases[index], loadImage: loadImage)
                }
                results.store(result, at: index)
            }
        }
        return results.collect()
    }

    /// Result storage shared by the workers, behind one lock (touched once per image, never per pixel).
    private final class ResultSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [Result<ImageScore, ValidationInputError>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func claimNext() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }

        func store(_ result: Result<ImageScore, ValidationInputError>, at index: Int) {
            lock.lock(); defer { lock.unlock() }
            slots[index] = result
        }

        func collect() -> [Result<ImageScore, ValidationInputError>] {
            lock.lock(); defer { lock.unlock() }
            return slots.map { $0 ?? .failure(ValidationInputError(file: "?", reason: "not analysed")) }
        }
    }
}
