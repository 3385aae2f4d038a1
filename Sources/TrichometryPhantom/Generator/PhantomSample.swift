import TrichometryImageIO

/// One rendered phantom: the 8-bit RGB image and its ground truth.
public struct PhantomSample: Sendable {
    public var image: RasterImage
    public var truth: PhantomTruth
    /// The file stem the command writes it under (`<preset>-<seed>-<index>`).
    public var fileStem: String
}
