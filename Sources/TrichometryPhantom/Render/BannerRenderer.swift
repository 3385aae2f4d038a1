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
