import CImageShims

/// PNG and JPEG decoding, recognised by content (never by file extension).
///
/// Every failure is an `ImageIOError` naming the file; nothing is printed and nothing aborts.
/// The pixel limit is checked from the header before any pixel memory is allocated.
public enum ImageDecoder {
    public static func decode(contentsOf path: String, options: DecodeOptions = .init()) throws(ImageIOError) -> RasterImage {
        let bytes = try FileSystemCalls.readAll(path)
        return try decode(bytes: bytes, name: path, options: options)
    }

    /// Decodes an image held in memory; `name` is what errors call it.
    public static func decode(bytes: [UInt8], name: String, options: DecodeOptions = .init()) throws(ImageIOError) -> RasterImage {
        try decodeWithInfo(bytes: bytes, name: name, options: options).image
    }

    /// Decodes and also returns what the header said (format, stored size, orientation...).
    public static func decodeWithInfo(contentsOf path: String, options: DecodeOptions = .init()) throws(ImageIOError)
        -> (image: RasterImage, info: ImageInfo) {
        let bytes = try FileSystemCalls.readAll(path)
        return try decodeWithInfo(bytes: bytes, name: path, options: options)
    }

    public static func decodeWithInfo(bytes: [UInt8], name: String, options: DecodeOptions = .init()) throws(ImageIOError)
        -> (image: RasterImage, info: ImageInfo) {
        let format = try recognise(bytes, name: name)
        let (image, info) = try run(format, bytes: bytes, name: name, options: options, decodesPixels: true)
        guard var image else { throw ImageIOError(path: name, reason: .corrupt("decoder returned no pixels")) }
        if options.appliesOrientation && info.orientation != .up {
            image = info.orientation.apply(to: image)
        }
        return (image, info)
    }

    /// Reads the header only: format, size, channels, bit depth, orientation, progressive.
    public static func probe(contentsOf path: String) throws(ImageIOError) -> ImageInfo {
        let bytes = try FileSystemCalls.readAll(path)
        return try probe(bytes: bytes, name: path)
    }

    public static func probe(bytes: [UInt8], name: String) throws(ImageIOError) -> ImageInfo {
        let format = try recognise(bytes, name: name)
        // Probing reports any size; only decoding enforces the pixel limit.
        let options = DecodeOptions(pixelLimit: Int.max)
        return try run(format, bytes: bytes, name: name, options: options, decodesPixels: false).info
    }

    // MARK: - Internals

    static func recognise(_ bytes: [UInt8], name: String) throws(ImageIOError) -> ImageFormat {
        if let format = ImageFormat.sniff(bytes) { return format }
        if bytes.isEmpty { throw ImageIOError(path: name, reason: .empty) }
        if ImageFormat.isSignaturePrefix(bytes) { throw ImageIOError(path: name, reason: .truncated) }
        throw ImageIOError(path: name, reason: .notAnImage)
    }

    /// Opens the shim decoder, checks the header, and (if asked) decodes the pixels, all while
    /// the input bytes are pinned: the C reader points into them until it is closed.
    static func run(_ format: ImageFormat, bytes: [UInt8], name: String, options: DecodeOptions,
                    decodesPixels: Bool) throws(ImageIOError) -> (image: RasterImage?, info: ImageInfo) {
        let output: trich_output
        switch options.output {
        case .native: output = TRICH_OUTPUT_NATIVE
        case .rgb: output = TRICH_OUTPUT_RGB
        case .luminance: output = TRICH_OUTPUT_LUMINANCE
        }
        let limit = Int64(clamping: max(options.pixelLimit, 0))
        var message = [CChar](repeating: 0, count: Int(TRICH_MESSAGE_CAPACITY))
        let result: Result<(RasterImage?, ImageInfo), ImageIOError> = bytes.withUnsafeBufferPointer { data in
            message.withUnsafeMutableBufferPointer { text in
                var header = trich_header()
                let pointer = text.baseAddress!
                switch format {
                case .jpeg:
                    var reader: OpaquePointer? = nil
                    let status = trich_jpeg_open(data.baseAddress, data.count, output, limit, &reader, &header, pointer)
                    defer { trich_jpeg_close(reader) }
                    return finish(status: status, header: header, format: format, name: name, decodesPixels: decodesPixels,
                                  message: text) { destination, size in
                        trich_jpeg_read(reader, destination, size, pointer)
                    }
                case .png:
                    var reader: OpaquePointer? = nil
                    let status = trich_png_open(data.baseAddress, data.count, output, limit, &reader, &header, pointer)
                    defer { trich_png_close(reader) }
                    return finish(status: status, header: header, format: format, name: name, decodesPixels: decodesPixels,
                                  message: text) { destination, size in
                        trich_png_read(reader, destination, size, pointer)
                    }
                }
            }
        }
        return try result.get()
    }

    private static func finish(
        status: trich_status, header: trich_header, format: ImageFormat, name: String, decodesPixels: Bool,
        message: UnsafeMutableBufferPointer<CChar>,
        read: (UnsafeMutablePointer<UInt8>, Int) -> trich_status
    ) -> Result<(RasterImage?, ImageInfo), ImageIOError> {
        guard status == TRICH_OK else {
            return .failure(ImageIOError(path: name, reason: ShimStatus.reason(status, message: Array(message))))
        }
        let info = makeInfo(header, format: format)
        guard decodesPixels else { return .success((nil, info)) }
        let width = Int(header.width), height = Int(header.height), channels = Int(header.output_channels)
        guard width > 0, height > 0, (1...4).contains(channels) else {
            return .failure(ImageIOError(path: name, reason: .corrupt("header declares \(width)x\(height) with \(channels) channels")))
        }
        let count = width * height * channels
        var readStatus = TRICH_OK
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            readStatus = read(buffer.baseAddress!, count)
            // UInt8 needs no initialisation for correctness; on failure the array is discarded.
            initialized = readStatus == TRICH_OK ? count : 0
        }
        guard readStatus == TRICH_OK else {
            return .failure(ImageIOError(path: name, reason: ShimStatus.reason(readStatus, message: Array(message))))
        }
        return .success((RasterImage(width: width, height: height, channels: channels, pixels: pixels), info))
    }

    private static func makeInfo(_ header: trich_header, format: ImageFormat) -> ImageInfo {
        let model: ImageInfo.ColorModel
        switch trich_color(rawValue: UInt32(bitPattern: header.color)) {
        case TRICH_COLOR_GRAY: model = .gray
        case TRICH_COLOR_GRAY_ALPHA: model = .grayAlpha
        case TRICH_COLOR_RGB: model = .rgb
        case TRICH_COLOR_RGBA: model = .rgba
        case TRICH_COLOR_PALETTE: model = .palette
        case TRICH_COLOR_CMYK: model = .cmyk
        case TRICH_COLOR_YCCK: model = .ycck
        default: model = .ycbcr
        }
        var orientation = ExifOrientation.up
        if let exif = header.exif, header.exif_length > 0 {
            orientation = ExifOrientation.parse(exif: Array(UnsafeBufferPointer(start: exif, count: header.exif_length)))
        }
        return ImageInfo(format: format, width: Int(header.width), height: Int(header.height),
                         channels: Int(header.file_channels), bitDepth: Int(header.bit_depth), colorModel: model,
                         hasAlpha: header.has_alpha != 0, orientation: orientation,
                         isProgressive: header.progressive != 0, restartInterval: Int(header.restart_interval))
    }
}
