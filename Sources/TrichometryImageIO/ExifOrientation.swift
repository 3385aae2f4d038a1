/// The EXIF orientation tag (0x0112): how the stored pixels must be turned to appear upright.
/// Phone-attachment dermatoscopes store sideways images and rely on this tag.
public enum ExifOrientation: Int, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case up = 1, flippedHorizontally, upsideDown, flippedVertically
    case transposed, rotatedClockwise, transversed, rotatedCounterclockwise

    public var description: String {
        switch self {
        case .up: return "upright"
        case .flippedHorizontally: return "mirror horizontally"
        case .upsideDown: return "rotate 180°"
        case .flippedVertically: return "mirror vertically"
        case .transposed: return "mirror across the main diagonal"
        case .rotatedClockwise: return "rotate 90° clockwise"
        case .transversed: return "mirror across the anti-diagonal"
        case .rotatedCounterclockwise: return "rotate 90° counterclockwise"
        }
    }

    /// Orientations 5 to 8 exchange width and height.
    public var swapsAxes: Bool { rawValue >= 5 }

    /// Reads the orientation from an Exif payload (the TIFF structure after "Exif\0\0").
    /// Anything malformed counts as `.up`: a broken tag must not make a readable image unreadable.
    public static func parse(exif bytes: [UInt8]) -> ExifOrientation {
        guard bytes.count >= 8 else { return .up }
        let littleEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return .up
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            let a = Int(bytes[at]), b = Int(bytes[at + 1])
            return littleEndian ? a | b << 8 : a << 8 | b
        }
        func u32(_ at: Int) -> Int? {
            guard let low = u16(littleEndian ? at : at + 2), let high = u16(littleEndian ? at + 2 : at) else { return nil }
            return low | high << 16
        }
        guard u16(2) == 42, let ifd = u32(4), let entries = u16(ifd) else { return .up }
        for entry in 0..<entries {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at) else { return .up }
            guard tag == 0x0112 else { continue }
            // Type SHORT (3), count 1: the value sits in the first two bytes of the value field.
            guard u16(at + 2) == 3, let value = u16(at + 8) else { return .up }
            return ExifOrientation(rawValue: value) ?? .up
        }
        return .up
    }

    /// Returns `image` turned so that it appears upright.
    public func apply(to image: RasterImage) -> RasterImage {
        if self == .up || image.isEmpty { return image }
        let width = image.width, height = image.height, channels = image.channels
        let outWidth = swapsAxes ? height : width
        let outHeight = swapsAxes ? width : height
        // Destination pixel index = origin + x * stepX + y * stepY for source pixel (x, y).
        let origin: Int, stepX: Int, stepY: Int
        switch self {
        case .up: (origin, stepX, stepY) = (0, 1, outWidth)
        case .flippedHorizontally: (origin, stepX, stepY) = (width - 1, -1, outWidth)
        case .upsideDown: (origin, stepX, stepY) = ((height - 1) * outWidth + width - 1, -1, -outWidth)
        case .flippedVertically: (origin, stepX, stepY) = ((height - 1) * outWidth, 1, -outWidth)
        case .transposed: (origin, stepX, stepY) = (0, outWidth, 1)
        case .rotatedClockwise: (origin, stepX, stepY) = (height - 1, outWidth, -1)
        case .transversed: (origin, stepX, stepY) = ((width - 1) * outWidth + height - 1, -outWidth, -1)
        case .rotatedCounterclockwise: (origin, stepX, stepY) = ((width - 1) * outWidth, -outWidth, 1)
        }
        var output = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                var sourceIndex = 0
                for y in 0..<height {
                    var pixel = origin &+ y &* stepY
                    for _ in 0..<width {
                        let target = pixel &* channels
                        for c in 0..<channels {
                            destination[target &+ c] = source[sourceIndex &+ c]
                        }
                        sourceIndex &+= channels
                        pixel &+= stepX
                    }
                }
            }
        }
        return RasterImage(width: outWidth, height: outHeight, channels: channels, pixels: output)
    }
}
