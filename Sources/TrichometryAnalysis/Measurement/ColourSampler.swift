import TrichometryImageIO

/// Colours read beside a centerline: at every other point (clear of the last two at each end), the pixel at each
/// of a few offsets along the normal (−ty, tx), summed per offset. Shared by the tests that compare a line's
/// colour with the skin's (`ShadingTest`, `LoneRimWidener`).
enum ColourSampler {
    /// Red, green and blue summed over the samples that fell inside the image, and how many did.
    struct Sum {
        var red = 0.0, green = 0.0, blue = 0.0
        var count = 0
        var total: Double { red + green + blue }

        static func + (a: Sum, b: Sum) -> Sum {
            Sum(red: a.red + b.red, green: a.green + b.green, blue: a.blue + b.blue, count: a.count + b.count)
        }
    }

    /// One sum per offset in `offsets` (pixels along the normal); all empty for grey-scale images and lines
    /// shorter than 5 points. Sums of 8-bit values are whole numbers, exact in `Double` in any order.
    static func sums(along pts: [PixelPoint], offsets: [Double], image: RasterImage) -> [Sum] {
        var out = [Sum](repeating: Sum(), count: offsets.count)
        guard image.channels >= 3, pts.count >= 5 else { return out }
        let w = image.width, h = image.height, ch = image.channels
        image.pixels.withUnsafeBufferPointer { px in
            for i in stride(from: 2, to: pts.count - 2, by: 2) {
                let (tx, ty) = ShaftMeasurer.tangent(pts, at: i)
                let p = pts[i]
                for (k, u) in offsets.enumerated() {
                    let x = p.x - ty * u, y = p.y + tx * u
                    // Floor, not truncation: a sample just beyond the left or top edge is outside, not in column 0.
                    guard x.isFinite, y.isFinite else { continue }
                    let xi = Int(x.rounded(.down)), yi = Int(y.rounded(.down))
                    guard xi >= 0, yi >= 0, xi < w, yi < h else { continue }
                    let q = (yi &* w &+ xi) &* ch
                    out[k].red += Double(px[q]); out[k].green += Double(px[q &+ 1]); out[k].blue += Double(px[q &+ 2])
                    out[k].count &+= 1
                }
            }
        }
        return out
    }
}
