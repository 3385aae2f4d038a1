/// A deliberately simple PNG writer used only by the tests: stored (uncompressed) deflate, any
/// colour type and bit depth, optional Adam7 interlacing, palette and tRNS. It is independent of
/// libpng, so decoding its output checks our reader against the format rather than against
/// our own encoder.
struct PNGForge {
    enum ColorType: UInt8 { case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6 }

    var width: Int
    var height: Int
    var bitDepth: Int
    var colorType: ColorType
    var interlaced = false
    /// Samples in file order, `channels` per pixel, each < 2^bitDepth (palette: indices).
    var samples: [Int]
    var palette: [(UInt8, UInt8, UInt8)] = []
    /// Raw tRNS payload (palette alphas, or a gray/RGB key as 16-bit big-endian values).
    var transparency: [UInt8]? = nil

    var channels: Int {
        switch colorType {
        case .gray, .palette: return 1
        case .grayAlpha: return 2
        case .rgb: return 3
        case .rgba: return 4
        }
    }

    func bytes() -> [UInt8] {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = PNGForge.bigEndian32(width) + PNGForge.bigEndian32(height)
        header += [UInt8(bitDepth), colorType.rawValue, 0, 0, interlaced ? 1 : 0]
        file += PNGForge.chunk("IHDR", header)
        if colorType == .palette {
            file += PNGForge.chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] })
        }
        if let transparency { file += PNGForge.chunk("tRNS", transparency) }
        file += PNGForge.chunk("IDAT", PNGForge.zlibStored(scanlines()))
        file += PNGForge.chunk("IEND", [])
        return file
    }

    /// Filter-type-0 scanlines, pass by pass when interlaced.
    func scanlines() -> [UInt8] {
        let passes: [(Int, Int, Int, Int)] = interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        var out: [UInt8] = []
        for (x0, y0, dx, dy) in passes {
            let xs = Array(stride(from: x0, to: width, by: dx))
            let ys = Array(stride(from: y0, to: height, by: dy))
            if xs.isEmpty || ys.isEmpty { continue }
            for y in ys {
                out.append(0)
                var bits = 0, accumulator = 0
                for x in xs {
                    for c in 0..<channels {
                        let value = samples[(y * width + x) * channels + c]
                        if bitDepth == 16 {
                            out += [UInt8(value >> 8), UInt8(value & 0xFF)]
                        } else if bitDepth == 8 {
                            out.append(UInt8(value))
                        } else {
                            accumulator = accumulator << bitDepth | value
                            bits += bitDepth
                            if bits == 8 { out.append(UInt8(accumulator)); bits = 0; accumulator = 0 }
                        }
                    }
                }
                if bits > 0 { out.append(UInt8((accumulator << (8 - bits)) & 0xFF)) }
            }
        }
        return out
    }

    static func bigEndian32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian32(data.count) + typeBytes + data + bigEndian32(Int(crc32(typeBytes + data)))
    }

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return out + bigEndian32(Int(b << 16 | a))
    }
}
