/// An 8-bit raster image held in one contiguous, row-major, channel-interleaved buffer.
///
/// `channels` is 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA). Sample `c` of pixel `(x, y)`
/// sits at `(y * width + x) * channels + c`. The pipeline reads `pixels` through
/// `withUnsafeBufferPointer`; there is deliberately no per-pixel accessor in the hot path.
public struct RasterImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "negative image size")
        precondition((1...4).contains(channels), "channels must be 1...4")
        precondition(pixels.count == width * height * channels, "pixel buffer does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    public init(width: Int, height: Int, channels: Int, fill value: UInt8 = 0) {
        self.init(width: width, height: height, channels: channels,
                  pixels: [UInt8](repeating: value, count: width * height * channels))
    }

    public var pixelCount: Int { width * height }
    public var isEmpty: Bool { width == 0 || height == 0 }
}
