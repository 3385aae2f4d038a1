#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TrichometryImageIO

/// Writes a phantom's image and its `<stem>.truth.json` beside it, each file atomically.
public enum PhantomWriter {
    /// Writes both files into `folder` and returns their paths (image, truth).
    @discardableResult
    public static func write(_ sample: PhantomSample, to folder: String, format: PhantomImageFormat,
                             jpegQuality: Int) throws -> (image: String, truth: String) {
        let imagePath = folder + "/" + sample.truth.image
        let truthPath = folder + "/" + sample.fileStem + ".truth.json"
        do {
            switch format {
            case .png: try ImageEncoder.writePNG(sample.image, to: imagePath, compressionLevel: 6)
            case .jpeg: try ImageEncoder.writeJPEG(sample.image, to: imagePath, quality: jpegQuality)
            }
        } catch {
            throw PhantomError.writeFailed(path: imagePath, reason: error.reason.description)
        }
        let json: Data
        do {
            json = try PhantomTruth.makeEncoder().encode(sample.truth)
        } catch {
            throw PhantomError.writeFailed(path: truthPath, reason: "cannot encode the truth: \(error)")
        }
        do {
            try AtomicFile.write([UInt8](json) + [0x0A], to: truthPath)
        } catch {
            throw PhantomError.writeFailed(path: truthPath, reason: error.reason.description)
        }
        return (imagePath, truthPath)
    }
}
