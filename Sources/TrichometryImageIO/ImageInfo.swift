/// What a file's header says, read without decoding the pixels.
public struct ImageInfo: Sendable, Equatable, CustomStringConvertible {
    public enum ColorModel: String, Sendable, Equatable {
        case gray, grayAlpha = "gray+alpha", rgb = "RGB", rgba = "RGBA", palette
        case ycbcr = "YCbCr", cmyk = "CMYK", ycck = "YCCK"
    }

    public var format: ImageFormat
    /// Stored size, before EXIF orientation is applied.
    public var width: Int
    public var height: Int
    /// Channels the file stores (a palette PNG counts as 3, or 4 with transparency).
    public var channels: Int
    /// Bits per sample in the file (1, 2, 4, 8 or 16 for PNG; 8 or 12 for JPEG).
    public var bitDepth: Int
    public var colorModel: ColorModel
    public var hasAlpha: Bool
    /// EXIF orientation (JPEG only; `.up` when absent).
    public var orientation: ExifOrientation
    /// JPEG progressive or PNG Adam7 interlaced.
    public var isProgressive: Bool
    /// JPEG restart interval in MCUs (0 when none).
    public var restartInterval: Int

    public init(format: ImageFormat, width: Int, height: Int, channels: Int, bitDepth: Int,
                colorModel: ColorModel, hasAlpha: Bool = false, orientation: ExifOrientation = .up,
                isProgressive: Bool = false, restartInterval: Int = 0) {
        self.format = format
        self.width = width
        self.height = height
        self.channels = channels
        self.bitDepth = bitDepth
        self.colorModel = colorModel
        self.hasAlpha = hasAlpha
        self.orientation = orientation
        self.isProgressive = isProgressive
        self.restartInterval = restartInterval
    }

    /// Size once the orientation is applied (what `ImageDecoder.decode` returns).
    public var orientedWidth: Int { orientation.swapsAxes ? height : width }
    public var orientedHeight: Int { orientation.swapsAxes ? width : height }

    /// "JPEG 2592x1944 3ch 8-bit YCbCr progressive orientation=6 (rotate 90° clockwise)"
    public var description: String {
        var parts = ["\(format) \(width)x\(height)", "\(channels)ch", "\(bitDepth)-bit", colorModel.rawValue]
        if isProgressive { parts.append(format == .png ? "interlaced" : "progressive") }
        if restartInterval > 0 { parts.append("restart=\(restartInterval)") }
        parts.append("orientation=\(orientation.rawValue) (\(orientation))")
        return parts.joined(separator: " ")
    }
}
