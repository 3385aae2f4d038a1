/// How `ImageEncoder` stores a JPEG. The defaults suit overlays and test images alike.
public struct JPEGEncodeOptions: Sendable, Equatable {
    /// How the pixels are stored.
    public enum ColorModel: Sendable, Equatable {
        /// Gray for 1 channel, YCbCr for 3 channels.
        case automatic
        /// 4-channel pixels taken as CMYK and stored as Adobe (inverted) CMYK.
        case cmyk
        /// 4-channel pixels taken as CMYK and stored as Adobe YCCK.
        case ycck
    }

    /// 1...100 (libjpeg's scale).
    public var quality: Int
    public var progressive: Bool
    /// Restart markers every this many MCUs (0: none).
    public var restartInterval: Int
    /// Optimal Huffman tables: smaller files, slower encoding.
    public var optimizeCoding: Bool
    /// Arithmetic entropy coding (rare in the wild; some older devices and tools write it).
    public var arithmeticCoding: Bool
    public var colorModel: ColorModel

    public init(quality: Int = 90, progressive: Bool = false, restartInterval: Int = 0,
                optimizeCoding: Bool = false, arithmeticCoding: Bool = false, colorModel: ColorModel = .automatic) {
        self.quality = quality
        self.progressive = progressive
        self.restartInterval = restartInterval
        self.optimizeCoding = optimizeCoding
        self.arithmeticCoding = arithmeticCoding
        self.colorModel = colorModel
    }
}
