/// What to render: one image of one preset, fully determined by these values.
public struct PhantomRequest: Sendable, Equatable {
    public var preset: PhantomPreset
    /// The set's seed; image `index` of the set draws from a stream derived from both.
    public var seed: UInt64
    public var index: Int
    public var width: Int
    public var height: Int
    /// µm per pixel; nil draws one from the preset's range.
    public var umPerPx: Double?

    public static let defaultWidth = 1280
    public static let defaultHeight = 1024
    /// The renderer holds several float copies of the frame: cap it at a large camera's 25 MP.
    public static let maximumPixels = 25_000_000

    public init(preset: PhantomPreset, seed: UInt64, index: Int = 0,
                width: Int = PhantomRequest.defaultWidth, height: Int = PhantomRequest.defaultHeight,
                umPerPx: Double? = nil) {
        self.preset = preset; self.seed = seed; self.index = index
        self.width = width; self.height = height; self.umPerPx = umPerPx
    }

    /// Checks the values a user can type, so bad input fails with a message instead of a trap.
    public func validate() throws {
        guard (32...8192).contains(width), (32...8192).contains(height),
              width * height <= PhantomRequest.maximumPixels else {
            throw PhantomError.invalidSize("\(width)x\(height)")
        }
        if let scale = umPerPx, !(scale >= 0.2 && scale <= 50) { throw PhantomError.invalidScale(scale) }
    }

    /// The seed of this image's own random streams.
    public var imageSeed: UInt64 {
        PhantomRandom.mix(PhantomRandom.mix(seed, UInt64(truncatingIfNeeded: index)),
                          PhantomRandom.fnv1a(preset.rawValue))
    }

    /// File stem `<preset>-<seed>-<index>` with a zero-padded index, so a listing sorts in order.
    public var fileStem: String {
        let digits = String(index)
        let padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return "\(preset.rawValue)-\(seed)-\(padded)"
    }

    /// Parses `WxH`.
    public static func parseSize(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              (32...8192).contains(w), (32...8192).contains(h), w * h <= maximumPixels else {
            throw PhantomError.invalidSize(text)
        }
        return (w, h)
    }
}
