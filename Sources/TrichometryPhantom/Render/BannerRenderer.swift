/// Burns the text banner into the finished 8-bit image: a flat strip with crisp text, neither
/// blurred nor noisy, just as a camera stamps it after capture.
enum BannerRenderer {
    static func burn(_ pixels: inout [UInt8], width: Int, height: Int, banner: FieldGeometry.Banner,
                     text: String, background: Colour, ink: Colour) {
        let top = max(0, Int(banner.top.rounded())), bottom = min(height, Int(banner.bottom.rounded()))
        guard bottom > top else { return }
        let bg = [UInt8(background.x * 255), UInt8(background.y * 255), UInt8(background.z * 255)]
        let fg = [UInt8(min(1, ink.x) * 255), UInt8(min(1, ink.y) * 255), UInt8(min(1, ink.z) * 255)]
        pixels.withUnsafeMutableBufferPointer { out in
            for y in top..<bottom {
                for x in 0..<width {
                    let i = (y &* width &+ x) &* 3
                    out[i] = bg[0]; out[i &+ 1] = bg[1]; out[i &+ 2] = bg[2]
                }
            }
            let scale = max(1, (bottom - top) * 6 / 10 / BannerFont.glyphHeight)
            let textTop = top + (bottom - top - BannerFont.glyphHeight * scale) / 2
            var penX = max(2, (bottom - top) / 3)
            for character in text.uppercased() {
                if let rows = BannerFont.glyph(character) {
                    for (row, line) in rows.enumerated() {
                        for (column, mark) in line.enumerated() where mark == "#" {
                            for sy in 0..<scale {
                                for sx in 0..<scale {
                                    let x = penX + column * scale + sx, y = textTop + row * scale + sy
                                    guard x >= 0, x < width, y >= top, y < bottom else { continue }
                                    let i = (y &* width &+ x) &* 3
                                    out[i] = fg[0]; out[i &+ 1] = fg[1]; out[i &+ 2] = fg[2]
                                }
                            }
                        }
                    }
                }
                penX += (BannerFont.glyphWidth + 1) * scale
                if penX >= width { break }
            }
        }
    }
}

extension BannerRenderer {
    /// An anti-aliased ring drawn over the finished image, like a clinician's annotation.
    static func drawCircle(_ pixels: inout [UInt8], width: Int, height: Int, centre: Point, radius: Double,
                           lineWidth: Double, colour: Colour) {
        let reach = radius + lineWidth + 1
        let x0 = max(0, Int(centre.x - reach)), x1 = min(width - 1, Int(centre.x + reach))
        let y0 = max(0, Int(centre.y - reach)), y1 = min(height - 1, Int(centre.y + reach))
        guard x0 <= x1, y0 <= y1 else { return }
        let ink = [colour.x * 255, colour.y * 255, colour.z * 255]
        pixels.withUnsafeMutableBufferPointer { out in
            for y in y0...y1 {
                for x in x0...x1 {
                    let dx = Double(x) + 0.5 - centre.x, dy = Double(y) + 0.5 - centre.y
                    let off = abs((dx * dx + dy * dy).squareRoot() - radius)
                    let a = max(0, min(1, 0.5 * lineWidth + 0.5 - off))
                    guard a > 0 else { continue }
                    let i = (y &* width &+ x) &* 3
                    for c in 0..<3 {
                        let v = Double(out[i &+ c]) * (1 - a) + ink[c] * a
                        out[i &+ c] = UInt8(max(0, min(255, v.rounded())))
                    }
                }
            }
        }
    }
}
