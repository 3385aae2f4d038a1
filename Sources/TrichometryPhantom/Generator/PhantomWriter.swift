#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TrichometryImageIO

/// Writes a phantom's image, its `<stem>.truth.json` and (unless asked not to) its calibration
/// sidecar `<stem>.json` beside it, each file atomically.
public enum PhantomWriter {
    /// Writes the files into `folder` and returns their paths (image, truth, sidecar or nil).
    @discardableResult
    public static func write(_ sample: PhantomSample, to folder: String, format: PhantomImageFormat,
                             jpegQuality: Int, writesSidecar: Bool = true)
        throws -> (image: String, truth: String, sidecar: String?) {
        let imagePath = folder + "/" + sample.truth.image
        let truthPath = folder + "/" + sample.fileStem + ".truth.json"
        let sidecarPath = folder + "/" + PhantomSidecar.fileName(forStem: sample.fileStem)
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
        guard writesSidecar else { return (imagePath, truthPath, nil) }
        let sidecar: Data
        do {
            sidecar = try PhantomSidecar(truth: sample.truth).encoded()
        } catch {
            throw PhantomError.writeFailed(path: sidecarPath, reason: "cannot encode the sidecar: \(error)")
        }
        do {
            try AtomicFile.write([UInt8](sidecar) + [0x0A], to: sidecarPath)
        } catch {
            throw PhantomError.writeFailed(path: sidecarPath, reason: error.reason.description)
        }
        return (imagePath, truthPath, sidecarPath)
    }
}
