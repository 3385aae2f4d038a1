import CImageShims

/// PNG and JPEG encoding, in memory or straight to a file written atomically (`AtomicFile`).
public enum ImageEncoder {
    /// The name in-memory encoding errors carry, as there is no file yet.
    public static let memoryName = "(in memory)"

    /// PNG of a gray, gray+alpha, RGB or RGBA image at 8 bits. `compressionLevel` is zlib's
    /// 0...9; the default 1 is fast, which matters for large overlays.
    public static func encodePNG(_ image: RasterImage, compressionLevel: Int = 1) throws(ImageIOError) -> [UInt8] {
        try encodePNG(image, compressionLevel: compressionLevel, name: memoryName)
    }

    public static func writePNG(_ image: RasterImage, to path: String, compressionLevel: Int = 1) throws(ImageIOError) {
        let bytes = try encodePNG(image, compressionLevel: compressionLevel, name: path)
        try AtomicFile.write(bytes, to: path)
    }

    /// Baseline JPEG of a gray (1 channel) or RGB (3 channels) image.
    public static func encodeJPEG(_ image: RasterImage, quality: Int = 90) throws(ImageIOError) -> [UInt8] {
        try encodeJPEG(image, options: JPEGEncodeOptions(quality: quality), name: memoryName)
    }

    public static func encodeJPEG(_ image: RasterImage, options: JPEGEncodeOptions) throws(ImageIOError) -> [UInt8] {
        try encodeJPEG(image, options: options, name: memoryName)
    }

    public static func writeJPEG(_ image: RasterImage, to path: String, quality: Int = 90) throws(ImageIOError) {
        try writeJPEG(image, to: path, options: JPEGEncodeOptions(quality: quality))
    }

    public static func writeJPEG(_ image: RasterImage, to path: String, options: JPEGEncodeOptions) throws(ImageIOError) {
        let bytes = try encodeJPEG(image, options: options, name: path)
        try AtomicFile.write(bytes, to: path)
    }

    // MARK: - Shim calls

    static func encodePNG(_ image: RasterImage, compressionLevel: Int, name: String) throws(ImageIOError) -> [UInt8] {
        guard !image.isEmpty else { throw ImageIOError(path: name, reason: .invalidImage("the image is empty")) }
        let level = Int32(min(max(compressionLevel, 0), 9))
        return try callEncoder(name: name) { output, size, message in
            image.pixels.withUnsafeBufferPointer { pixels in
                trich_png_encode(pixels.baseAddress, Int32(image.width), Int32(image.height),
                                 Int32(image.channels), level, output, size, message)
            }
        }
    }

    static func encodeJPEG(_ image: RasterImage, options: JPEGEncodeOptions, name: String) throws(ImageIOError) -> [UInt8] {
        guard !image.isEmpty else { throw ImageIOError(path: name, reason: .invalidImage("the image is empty")) }
        let color: trich_color
        switch (options.colorModel, image.channels) {
        case (.automatic, 1): color = TRICH_COLOR_GRAY
        case (.automatic, 3): color = TRICH_COLOR_YCBCR
        case (.cmyk, 4): color = TRICH_COLOR_CMYK
        case (.ycck, 4): color = TRICH_COLOR_YCCK
        case (.automatic, let channels):
            throw ImageIOError(path: name, reason: .invalidImage(
                "JPEG stores gray or RGB; this image has \(channels) channels (\(channels % 2 == 0 ? "alpha cannot be stored" : "unknown layout"))"))
        case (_, let channels):
            throw ImageIOError(path: name, reason: .invalidImage("CMYK JPEG needs 4 channels, this image has \(channels)"))
        }
        var settings = trich_jpeg_encode_options(
            quality: Int32(min(max(options.quality, 1), 100)),
            progressive: options.progressive ? 1 : 0,
            restart_interval: Int32(min(max(options.restartInterval, 0), 65535)),
            color: Int32(bitPattern: color.rawValue),
            optimize_coding: options.optimizeCoding ? 1 : 0,
            arithmetic_coding: options.arithmeticCoding ? 1 : 0)
        return try callEncoder(name: name) { output, size, message in
            image.pixels.withUnsafeBufferPointer { pixels in
                trich_jpeg_encode(pixels.baseAddress, Int32(image.width), Int32(image.height),
                                  Int32(image.channels), &settings, output, size, message)
            }
        }
    }

    /// Runs a shim encoder and moves its malloc'd output into a Swift array.
    private static func callEncoder(
        name: String,
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<CChar>) -> trich_status
    ) throws(ImageIOError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var message = [CChar](repeating: 0, count: Int(TRICH_MESSAGE_CAPACITY))
        let status = message.withUnsafeMutableBufferPointer { text in
            body(&output, &size, text.baseAddress!)
        }
        defer { trich_free(output) }
        guard status == TRICH_OK, let output else {
            let detail = ShimStatus.message(message)
            if status == TRICH_OUT_OF_MEMORY { throw ImageIOError(path: name, reason: .outOfMemory) }
            throw ImageIOError(path: name, reason: .invalidImage(detail.isEmpty ? "encoder failed" : detail))
        }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
