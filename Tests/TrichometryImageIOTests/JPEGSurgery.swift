/// Byte-level edits on JPEG files for the tests: EXIF insertion and marker lookup.
enum JPEGSurgery {
    /// Inserts an APP1 Exif segment holding only an orientation tag right after SOI.
    static func withOrientation(_ jpeg: [UInt8], _ value: Int, bigEndian: Bool = false) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? [0, 0] + u16(v) : u16(v) + [0, 0] }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(8)
        tiff += u16(2)                                            // two entries
        tiff += u16(0x010F) + u16(2) + u32(4) + Array("Cam\0".utf8)  // Make, ASCII, inline
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(value) + [0, 0]
        tiff += u32(0)
        return withExifPayload(jpeg, tiff)
    }

    static func withExifPayload(_ jpeg: [UInt8], _ tiff: [UInt8]) -> [UInt8] {
        let payload = Array("Exif\0\0".utf8) + tiff
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }

    /// Offset of the first byte after the marker `0xFF code` (its length field), or nil.
    static func segment(_ jpeg: [UInt8], code: UInt8) -> Int? {
        var i = 2
        while i + 4 <= jpeg.count {
            guard jpeg[i] == 0xFF else { return nil }
            let marker = jpeg[i + 1]
            if marker == code { return i + 2 }
            if marker == 0xDA { return nil } // entropy data follows; stop
            let length = Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3])
            i += 2 + length
        }
        return nil
    }

    /// Offset of the first entropy-coded byte (after the first SOS header).
    static func entropyStart(_ jpeg: [UInt8]) -> Int? {
        guard let sos = segment(jpeg, code: 0xDA) else { return nil }
        return sos + (Int(jpeg[sos]) << 8 | Int(jpeg[sos + 1]))
    }
}
