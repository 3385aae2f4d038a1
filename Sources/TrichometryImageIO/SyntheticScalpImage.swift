/// A deterministic stand-in for a trichoscopy photo, for benchmarks: beige skin with gentle
/// vignetting, fine noise (so JPEG and PNG sizes are realistic) and dark diagonal shafts.
/// Not a phantom: it carries no ground truth and shares no constants with the phantom module.
public enum SyntheticScalpImage {
    public static func make(width: Int, height: Int) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let centreX = width / 2, centreY = height / 2
        let radiusSquared = max(1, centreX * centreX + centreY * centreY)
        var noise: UInt32 = 0x1234_5678
        pixels.withUnsafeMutableBufferPointer { buffer in
            var index = 0
            for y in 0..<height {
                let dy = y &- centreY
                for x in 0..<width {
                    let dx = x &- centreX
                    // Vignetting: 100 % in the centre, about 70 % in the corners.
                    let shade = 256 &- (77 &* (dx &* dx &+ dy &* dy)) / radiusSquared
                    noise = noise &* 1_664_525 &+ 1_013_904_223
                    let grain = Int(noise >> 28) &- 8
                    // Shafts every 97 px along x + y, about 9 px wide.
                    let onShaft = (x &+ y &* 2) % 97 < 9
                    let base: (Int, Int, Int) = onShaft ? (60, 42, 35) : (224, 184, 160)
                    buffer[index] = UInt8(clamping: (base.0 &* shade) >> 8 &+ grain)
                    buffer[index &+ 1] = UInt8(clamping: (base.1 &* shade) >> 8 &+ grain)
                    buffer[index &+ 2] = UInt8(clamping: (base.2 &* shade) >> 8 &+ grain)
                    index &+= 3
                }
            }
        }
        return RasterImage(width: width, height: height, channels: 3, pixels: pixels)
    }
}
