/// How `ImageDecoder` decodes.
public struct DecodeOptions: Sendable, Equatable {
    /// The channel layout of the decoded image. Samples are always 8-bit.
    public enum Output: Sendable, Equatable {
        /// The file's own channels: gray, gray+alpha, RGB or RGBA (palette expanded, 16-bit
        /// reduced to its high byte, CMYK/YCCK converted to RGB).
        case native
        /// Always 3 channels; gray is replicated and alpha dropped.
        case rgb
        /// One luma plane (Rec. 601 weights, alpha dropped). For JPEG libjpeg decodes straight
        /// to gray and skips the chroma work: the pipeline's fast path.
        case luminance
    }

    /// Images with more pixels than this are refused from the header, before any pixel memory
    /// is allocated (a decompression bomb is refused, not allocated).
    public var pixelLimit: Int
    public var output: Output
    /// Rotate/flip JPEGs to their EXIF orientation so the pixels appear upright.
    public var appliesOrientation: Bool

    public static let defaultPixelLimit = 100_000_000

    public init(pixelLimit: Int = DecodeOptions.defaultPixelLimit, output: Output = .native,
                appliesOrientation: Bool = true) {
        self.pixelLimit = pixelLimit
        self.output = output
        self.appliesOrientation = appliesOrientation
    }
}
