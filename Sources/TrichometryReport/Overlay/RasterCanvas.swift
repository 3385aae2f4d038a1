import TrichometryImageIO

/// An RGB drawing surface for overlays. Every primitive touches only the pixels of its bounding box
/// (clipped to the image), through one unsafe buffer pass, with no allocation per pixel.
public struct RasterCanvas: Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// RGB, row-major, 3 bytes per pixel.
    public private(set) var pixels: [UInt8]

    /// A canvas holding `image` as RGB (gray is replicated, alpha dropped).
    public init(image: RasterImage) {
        width = image.width
        height = image.height
        let n = image.width * image.height
        let channels = image.channels
        var rgb = [UInt8](repeating: 0, count: n * 3)
        image.pixels.withUnsafeBufferPointer { src in
            rgb.withUnsafeMutableBufferPointer { dst in
                var i = 0
                while i < n {
                    let s = i &* channels
                    let d = i &* 3
                    if channels >= 3 {
                        dst[d] = src[s]; dst[d &+ 1] = src[s &+ 1]; dst[d &+ 2] = src[s &+ 2]
                    } else {
                        let g = src[s]
                        dst[d] = g; dst[d &+ 1] = g; dst[d &+ 2] = g
                    }
                    i &+= 1
                }
            }
        }
        pixels = rgb
    }

    public var image: RasterImage { RasterImage(width: width, height: height, channels: 3, pixels: pixels) }

    /// Fills the rectangle [x0, x1) × [y0, y1), mixing `color` over the image with `opacity` (0...1).
    public mutating func fillRect(x0: Int, y0: Int, x1: Int, y1: Int, color: OverlayColor, opacity: Double = 1) {
        let left = max(0, x0), right = min(width, x1), top = max(0, y0), bottom = min(height, y1)
        guard left < right, top < bottom else { return }
        let a = Int((max(0, min(1, opacity)) * 256).rounded())
        let inv = 256 - a
        let r = Int(color.red) &* a, g = Int(color.green) &* a, b = Int(color.blue) &* a
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            for y in top..<bottom {
                var d = (y &* w &+ left) &* 3
                for _ in left..<right {
                    p[d] = UInt8(truncatingIfNeeded: (Int(p[d]) &* inv &+ r) >> 8)
                    p[d &+ 1] = UInt8(truncatingIfNeeded: (Int(p[d &+ 1]) &* inv &+ g) >> 8)
                    p[d &+ 2] = UInt8(truncatingIfNeeded: (Int(p[d &+ 2]) &* inv &+ b) >> 8)
                    d &+= 3
                }
            }
        }
    }

    /// A segment from `a` to `b` (pixel coordinates, centres at +0.5) drawn `radius` pixels either side.
    public mutating func drawSegment(from a: (x: Double, y: Double), to b: (x: Double, y: Double),
                                     radius: Double, color: OverlayColor) {
        let r = max(0.5, radius)
        let left = max(0, Int((min(a.x, b.x) - r).rounded(.down)))
        let right = min(width, Int((max(a.x, b.x) + r).rounded(.up)) + 1)
        let top = max(0, Int((min(a.y, b.y) - r).rounded(.down)))
        let bottom = min(height, Int((max(a.y, b.y) + r).rounded(.up)) + 1)
        guard left < right, top < bottom else { return }
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let rr = r * r
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            for y in top..<bottom {
                let py = Double(y) + 0.5
                for x in left..<right {
                    let px = Double(x) + 0.5
                    // Distance from the pixel centre to the nearest point of the segment.
                    var t = lengthSquared > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared : 0
                    t = max(0, min(1, t))
                    let ex = a.x + t * dx - px, ey = a.y + t * dy - py
                    if ex * ex + ey * ey <= rr {
                        let d = (y &* w &+ x) &* 3
                        p[d] = color.red; p[d &+ 1] = color.green; p[d &+ 2] = color.blue
                    }
                }
            }
        }
    }

    /// A polyline through `points`.
    public mutating func drawPolyline(_ points: [(x: Double, y: Double)], radius: Double, color: OverlayColor) {
        guard let first = points.first else { return }
        if points.count == 1 {
            drawSegment(from: first, to: first, radius: radius, color: color)
            return
        }
        for i in 1..<points.count {
            drawSegment(from: points[i - 1], to: points[i], radius: radius, color: color)
        }
    }

    /// A circle outline of `radius` around `center`, `thickness` pixels wide.
    public mutating func drawRing(center: (x: Double, y: Double), radius: Double, thickness: Double, color: OverlayColor) {
        let outer = radius + thickness / 2, inner = max(0, radius - thickness / 2)
        let left = max(0, Int((center.x - outer).rounded(.down)))
        let right = min(width, Int((center.x + outer).rounded(.up)) + 1)
        let top = max(0, Int((center.y - outer).rounded(.down)))
        let bottom = min(height, Int((center.y + outer).rounded(.up)) + 1)
        guard left < right, top < bottom else { return }
        let outerSquared = outer * outer, innerSquared = inner * inner
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            for y in top..<bottom {
                let ey = Double(y) + 0.5 - center.y
                for x in left..<right {
                    let ex = Double(x) + 0.5 - center.x
                    let d2 = ex * ex + ey * ey
                    if d2 <= outerSquared && d2 >= innerSquared {
                        let d = (y &* w &+ x) &* 3
                        p[d] = color.red; p[d &+ 1] = color.green; p[d &+ 2] = color.blue
                    }
                }
            }
        }
    }

    /// Diagonal hatching over every pixel where `mask` is 0: stripes of `color` every `spacing`
    /// pixels, `thickness` wide; the pixels between stripes are darkened so the region reads as excluded.
    public mutating func hatch(where mask: [UInt8], spacing: Int, thickness: Int, color: OverlayColor) {
        precondition(mask.count == width * height, "mask does not match the canvas")
        let period = max(2, spacing), band = max(1, min(thickness, period - 1))
        let w = width, h = height
        mask.withUnsafeBufferPointer { m in
            pixels.withUnsafeMutableBufferPointer { p in
                for y in 0..<h {
                    var i = y &* w
                    for x in 0..<w {
                        if m[i] == 0 {
                            let d = i &* 3
                            if (x &+ y) % period < band {
                                p[d] = color.red; p[d &+ 1] = color.green; p[d &+ 2] = color.blue
                            } else {
                                p[d] = p[d] >> 1; p[d &+ 1] = p[d &+ 1] >> 1; p[d &+ 2] = p[d &+ 2] >> 1
                            }
                        }
                        i &+= 1
                    }
                }
            }
        }
    }

    /// `text` in the built-in font with its top-left corner at (x, y), each font pixel `scale`² image pixels.
    public mutating func drawText(_ text: String, x: Int, y: Int, scale: Int, color: OverlayColor) {
        let s = max(1, scale)
        var penX = x
        for character in text {
            let rows = BitmapFont.rows(for: character)
            for (row, bits) in rows.enumerated() where bits != 0 {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
                    let px = penX + column * s, py = y + row * s
                    fillRect(x0: px, y0: py, x1: px + s, y1: py + s, color: color)
                }
            }
            penX += BitmapFont.advance * s
            if penX >= width { break }
        }
    }

    /// `text` on a dark translucent box with `padding` pixels around it, so it reads on any background.
    /// Returns the box drawn (x0, y0, x1, y1).
    @discardableResult
    public mutating func drawLabel(_ text: String, x: Int, y: Int, scale: Int, color: OverlayColor,
                                   padding: Int) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        let w = BitmapFont.width(of: text, scale: scale), h = BitmapFont.height(scale: scale)
        let box = (x0: x - padding, y0: y - padding, x1: x + w + padding, y1: y + h + padding)
        fillRect(x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1, color: .black, opacity: 0.6)
        drawText(text, x: x, y: y, scale: scale, color: color)
        return box
    }
}
