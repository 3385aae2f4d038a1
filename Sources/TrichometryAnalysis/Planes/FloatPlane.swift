/// A single-channel image of `Float` samples in one contiguous row-major buffer.
///
/// The pipeline's working type. Kernels reach the storage through `withUnsafe(Mutable)BufferPointer`
/// and wrapping index arithmetic; there is no per-pixel accessor on the hot path.
struct FloatPlane {
    let width: Int
    let height: Int
    var samples: [Float]

    init(width: Int, height: Int, repeating value: Float = 0) {
        self.width = width
        self.height = height
        self.samples = [Float](repeating: value, count: width * height)
    }

    init(width: Int, height: Int, samples: [Float]) {
        precondition(samples.count == width * height)
        self.width = width
        self.height = height
        self.samples = samples
    }

    var count: Int { width * height }

    /// Bilinear sample at a sub-pixel position (pixel centres at integer + 0.5); clamps at the border.
    @inline(__always)
    func bilinear(_ x: Double, _ y: Double, in buffer: UnsafeBufferPointer<Float>) -> Float {
        let fx = min(max(x - 0.5, 0), Double(width - 1))
        let fy = min(max(y - 0.5, 0), Double(height - 1))
        let x0 = Int(fx), y0 = Int(fy)
        let x1 = min(x0 &+ 1, width &- 1), y1 = min(y0 &+ 1, height &- 1)
        let ax = Float(fx - Double(x0)), ay = Float(fy - Double(y0))
        let r0 = y0 &* width, r1 = y1 &* width
        let top = buffer[r0 &+ x0] * (1 - ax) + buffer[r0 &+ x1] * ax
        let bottom = buffer[r1 &+ x0] * (1 - ax) + buffer[r1 &+ x1] * ax
        return top * (1 - ay) + bottom * ay
    }
}

/// A single-channel 0/1 mask, row-major.
struct ByteMask {
    let width: Int
    let height: Int
    var bits: [UInt8]

    init(width: Int, height: Int, repeating value: UInt8 = 0) {
        self.width = width
        self.height = height
        self.bits = [UInt8](repeating: value, count: width * height)
    }

    /// A mask around existing bytes (`width × height` of them), without a zeroed plane to replace first.
    init(width: Int, height: Int, bits: [UInt8]) {
        precondition(bits.count == width * height)
        self.width = width
        self.height = height
        self.bits = bits
    }

    var count: Int { width * height }

    func countSet() -> Int {
        bits.withUnsafeBufferPointer { b in
            var n = 0
            for v in b where v != 0 { n &+= 1 }
            return n
        }
    }
}
