/// The float RGB image the phantom is painted on (display units 0...1, interleaved), before the
/// sensor quantises it to 8 bits.
struct Canvas {
    let width: Int
    let height: Int
    var samples: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        samples = [Float](repeating: 0, count: width * height * 3)
    }

    /// Rounds to 8-bit RGB.
    func quantised() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count {
                    let v = src[i] * 255 + 0.5
                    // Written so that a NaN (which should never occur) becomes 0 instead of trapping.
                    dst[i] = v > 0 ? (v < 255 ? UInt8(v) : 255) : 0
                }
            }
        }
        return out
    }
}
