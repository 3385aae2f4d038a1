@testable import TrichometryImageIO

/// The valid files the broken-file and mutation tests start from: one of each kind, small.
enum Corpus {
    static func validFiles() throws -> [(name: String, bytes: [UInt8])] {
        let rgb = TestImages.pattern(width: 24, height: 17, channels: 3)
        let gray = TestImages.smooth(width: 19, height: 13, channels: 1)
        let rgba = TestImages.pattern(width: 11, height: 9, channels: 4, seed: 5)
        let entries: [(UInt8, UInt8, UInt8)] = (0..<16).map { (i: Int) -> (UInt8, UInt8, UInt8) in
            (UInt8(i * 16), UInt8(255 - i * 16), 9)
        }
        let indices: [Int] = (0..<70).map { $0 % 16 }
        var palette = PNGForge(width: 10, height: 7, bitDepth: 4, colorType: .palette, interlaced: true,
                               samples: indices, palette: entries)
        palette.transparency = [0, 128, 255]
        let sixteen = PNGForge(width: 6, height: 5, bitDepth: 16, colorType: .grayAlpha,
                               samples: (0..<60).map { (i: Int) -> Int in i * 1091 % 65536 })
        return [
            ("baseline.jpg", try ImageEncoder.encodeJPEG(rgb, options: JPEGEncodeOptions(quality: 80))),
            ("progressive.jpg", try ImageEncoder.encodeJPEG(rgb, options: JPEGEncodeOptions(quality: 80, progressive: true))),
            ("restart.jpg", try ImageEncoder.encodeJPEG(rgb, options: JPEGEncodeOptions(quality: 80, restartInterval: 1))),
            ("arithmetic.jpg", try ImageEncoder.encodeJPEG(rgb, options: JPEGEncodeOptions(quality: 80, arithmeticCoding: true))),
            ("gray.jpg", try ImageEncoder.encodeJPEG(gray, options: JPEGEncodeOptions(quality: 70))),
            ("exif.jpg", JPEGSurgery.withOrientation(try ImageEncoder.encodeJPEG(gray, quality: 60), 6)),
            ("rgb.png", try ImageEncoder.encodePNG(rgb, compressionLevel: 6)),
            ("rgba.png", try ImageEncoder.encodePNG(rgba)),
            ("palette-adam7.png", palette.bytes()),
            ("gray-alpha-16.png", sixteen.bytes()),
        ]
    }
}
