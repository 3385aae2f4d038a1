import XCTest
@testable import TrichometryImageIO

final class JPEGFormatTests: XCTestCase {
    private let rgb = TestImages.smooth(width: 40, height: 24, channels: 3)
    private let gray = TestImages.smooth(width: 40, height: 24, channels: 1)

    func testProgressiveRestartAndOptimizedFilesDecodeToTheSamePixelsAsBaseline() throws {
        // Same quantisation tables, different entropy coding: the coefficients and thus the
        // decoded pixels must be identical.
        for image in [rgb, gray] {
            let baseline = try ImageEncoder.encodeJPEG(image, options: JPEGEncodeOptions(quality: 85))
            let reference = try ImageDecoder.decode(bytes: baseline, name: "baseline.jpg")
            XCTAssertEqual(reference.channels, image.channels)
            let variants: [(String, JPEGEncodeOptions)] = [
                ("progressive", JPEGEncodeOptions(quality: 85, progressive: true)),
                ("restart 1", JPEGEncodeOptions(quality: 85, restartInterval: 1)),
                ("restart 3", JPEGEncodeOptions(quality: 85, restartInterval: 3)),
                ("optimized", JPEGEncodeOptions(quality: 85, optimizeCoding: true)),
                ("progressive + restart", JPEGEncodeOptions(quality: 85, progressive: true, restartInterval: 2)),
                ("arithmetic", JPEGEncodeOptions(quality: 85, arithmeticCoding: true)),
                ("arithmetic progressive", JPEGEncodeOptions(quality: 85, progressive: true, arithmeticCoding: true)),
            ]
            for (label, options) in variants {
                let bytes = try ImageEncoder.encodeJPEG(image, options: options)
                XCTAssertNotEqual(bytes, baseline, label)
                XCTAssertEqual(try ImageDecoder.decode(bytes: bytes, name: label), reference, label)
                let info = try ImageDecoder.probe(bytes: bytes, name: label)
                XCTAssertEqual(info.isProgressive, options.progressive, label)
                XCTAssertEqual(info.restartInterval, options.restartInterval, label)
                XCTAssertEqual(info.channels, image.channels, label)
                XCTAssertEqual(info.bitDepth, 8, label)
            }
        }
    }

    func testLuminanceFastPathMatchesTheLumaOfTheColourDecode() throws {
        let bytes = try ImageEncoder.encodeJPEG(TestImages.pattern(width: 33, height: 21, channels: 3), quality: 92)
        let colour = try ImageDecoder.decode(bytes: bytes, name: "c.jpg", options: DecodeOptions(output: .rgb))
        let luminance = try ImageDecoder.decode(bytes: bytes, name: "c.jpg", options: DecodeOptions(output: .luminance))
        XCTAssertEqual(luminance.channels, 1)
        XCTAssertEqual(luminance.width, 33)
        var worst = 0, total = 0
        for p in 0..<colour.pixelCount {
            let r = Double(colour.pixels[3 * p]), g = Double(colour.pixels[3 * p + 1]), b = Double(colour.pixels[3 * p + 2])
            let difference = abs(Int((0.299 * r + 0.587 * g + 0.114 * b).rounded()) - Int(luminance.pixels[p]))
            worst = max(worst, difference)
            total += difference
        }
        // Y is decoded directly, so only colour rounding and clamping separate the two.
        XCTAssertLessThanOrEqual(Double(total) / Double(colour.pixelCount), 1.5)
        XCTAssertLessThanOrEqual(worst, 12)
    }

    func testGrayJPEGExpandsToRGBOnRequest() throws {
        let bytes = try ImageEncoder.encodeJPEG(gray, quality: 90)
        let native = try ImageDecoder.decode(bytes: bytes, name: "g.jpg")
        let expanded = try ImageDecoder.decode(bytes: bytes, name: "g.jpg", options: DecodeOptions(output: .rgb))
        let luminance = try ImageDecoder.decode(bytes: bytes, name: "g.jpg", options: DecodeOptions(output: .luminance))
        XCTAssertEqual(native.channels, 1)
        XCTAssertEqual(luminance, native)
        XCTAssertEqual(expanded.channels, 3)
        for p in 0..<native.pixelCount {
            XCTAssertEqual(expanded.pixels[3 * p], native.pixels[p])
            XCTAssertEqual(expanded.pixels[3 * p + 1], native.pixels[p])
        }
        XCTAssertEqual(try ImageDecoder.probe(bytes: bytes, name: "g.jpg").colorModel, .gray)
    }

    func testCMYKAndYCCKAreConvertedToRGB() throws {
        // CMYK samples as Adobe stores them (inverted: 255 means no ink).
        let width = 24, height = 16
        var cmyk = [UInt8](repeating: 0, count: width * height * 4)
        for p in 0..<(width * height) {
            cmyk[4 * p] = UInt8(255 - (p % width) * 4)
            cmyk[4 * p + 1] = UInt8(200 + (p / width) * 3)
            cmyk[4 * p + 2] = 230
            cmyk[4 * p + 3] = UInt8(180 + (p % 7) * 10)
        }
        let source = RasterImage(width: width, height: height, channels: 4, pixels: cmyk)
        for model in [JPEGEncodeOptions.ColorModel.cmyk, .ycck] {
            let bytes = try ImageEncoder.encodeJPEG(source, options: JPEGEncodeOptions(quality: 100, colorModel: model))
            let info = try ImageDecoder.probe(bytes: bytes, name: "cmyk.jpg")
            XCTAssertEqual(info.colorModel, model == .cmyk ? .cmyk : .ycck)
            XCTAssertEqual(info.channels, 4)
            let decoded = try ImageDecoder.decode(bytes: bytes, name: "cmyk.jpg")
            XCTAssertEqual(decoded.channels, 3)
            var expected = [UInt8](repeating: 0, count: width * height * 3)
            for p in 0..<(width * height) {
                let k = Int(cmyk[4 * p + 3])
                for c in 0..<3 { expected[3 * p + c] = UInt8((Int(cmyk[4 * p + c]) * k + 127) / 255) }
            }
            let reference = RasterImage(width: width, height: height, channels: 3, pixels: expected)
            XCTAssertLessThan(TestImages.meanAbsoluteDifference(decoded, reference), 3.0, "\(model)")
            let luminance = try ImageDecoder.decode(bytes: bytes, name: "cmyk.jpg", options: DecodeOptions(output: .luminance))
            XCTAssertEqual(luminance.channels, 1)
        }
    }

    /// Independent of `ExifOrientation.apply`: where output pixel (x, y) comes from in the stored image.
    private func sourceOf(_ x: Int, _ y: Int, orientation: Int, width w: Int, height h: Int) -> (Int, Int) {
        switch orientation {
        case 2: return (w - 1 - x, y)
        case 3: return (w - 1 - x, h - 1 - y)
        case 4: return (x, h - 1 - y)
        case 5: return (y, x)
        case 6: return (y, h - 1 - x)
        case 7: return (w - 1 - y, h - 1 - x)
        case 8: return (w - 1 - y, x)
        default: return (x, y)
        }
    }

    func testEXIFOrientationIsAppliedForAllEightValues() throws {
        let image = TestImages.pattern(width: 24, height: 16, channels: 3)
        let plain = try ImageEncoder.encodeJPEG(image, quality: 95)
        let stored = try ImageDecoder.decode(bytes: plain, name: "plain.jpg")
        for bigEndian in [false, true] {
            for value in 1...8 {
                let bytes = JPEGSurgery.withOrientation(plain, value, bigEndian: bigEndian)
                let info = try ImageDecoder.probe(bytes: bytes, name: "o.jpg")
                XCTAssertEqual(info.orientation.rawValue, value)
                let upright = try ImageDecoder.decode(bytes: bytes, name: "o.jpg")
                let swaps = value >= 5
                XCTAssertEqual(upright.width, swaps ? 16 : 24, "orientation \(value)")
                XCTAssertEqual(upright.height, swaps ? 24 : 16, "orientation \(value)")
                XCTAssertEqual(info.orientedWidth, upright.width)
                for y in 0..<upright.height {
                    for x in 0..<upright.width {
                        let (sx, sy) = sourceOf(x, y, orientation: value, width: 24, height: 16)
                        for c in 0..<3 {
                            XCTAssertEqual(upright.pixels[(y * upright.width + x) * 3 + c],
                                           stored.pixels[(sy * 24 + sx) * 3 + c], "orientation \(value) at \(x),\(y)")
                        }
                    }
                }
                let raw = try ImageDecoder.decode(bytes: bytes, name: "o.jpg", options: DecodeOptions(appliesOrientation: false))
                XCTAssertEqual(raw, stored)
                let luminance = try ImageDecoder.decode(bytes: bytes, name: "o.jpg", options: DecodeOptions(output: .luminance))
                XCTAssertEqual(luminance.width, upright.width)
            }
        }
    }

    func testClockwiseMeansTheTopLeftCornerEndsTopRight() throws {
        var image = RasterImage(width: 32, height: 16, channels: 1, fill: 0)
        for y in 0..<8 { for x in 0..<8 { image.pixels[y * 32 + x] = 255 } }  // bright top-left block
        let bytes = JPEGSurgery.withOrientation(try ImageEncoder.encodeJPEG(image, quality: 100), 6)
        let upright = try ImageDecoder.decode(bytes: bytes, name: "cw.jpg")
        XCTAssertEqual(upright.width, 16)
        XCTAssertGreaterThan(upright.pixels[2 * 16 + 13], 200, "top-right should be bright")
        XCTAssertLessThan(upright.pixels[2 * 16 + 2], 50, "top-left should be dark")
    }

    func testMalformedEXIFIsIgnored() throws {
        let plain = try ImageEncoder.encodeJPEG(gray, quality: 80)
        let payloads: [[UInt8]] = [[], [0x49], Array("II*\0".utf8), [0x49, 0x49, 42, 0, 0xFF, 0xFF, 0, 0],
                                   [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0xFF, 0xFF], Array(repeating: 0xFF, count: 40)]
        for payload in payloads {
            let bytes = JPEGSurgery.withExifPayload(plain, payload)
            XCTAssertEqual(try ImageDecoder.probe(bytes: bytes, name: "e.jpg").orientation, .up)
            XCTAssertEqual(try ImageDecoder.decode(bytes: bytes, name: "e.jpg").width, 40)
        }
        XCTAssertEqual(ExifOrientation.parse(exif: [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 9, 0, 0, 0]), .up)
    }

    func testUnsupportedVariantsAreRefusedClearly() throws {
        let bytes = try ImageEncoder.encodeJPEG(rgb, quality: 80)
        guard let sof = JPEGSurgery.segment(bytes, code: 0xC0) else { return XCTFail("no SOF0") }
        var lossless = bytes
        lossless[sof - 1] = 0xC3
        assertReason(lossless, isUnsupported: true)
        var twelveBit = bytes
        twelveBit[sof + 2] = 12
        assertReason(twelveBit, isUnsupported: true)
    }

    private func assertReason(_ bytes: [UInt8], isUnsupported: Bool, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ImageDecoder.decode(bytes: bytes, name: "odd.jpg"), file: file, line: line) { error in
            guard let error = error as? ImageIOError, case .unsupportedFormat = error.reason else {
                return XCTFail("expected unsupported, got \(error)", file: file, line: line)
            }
            XCTAssertTrue(error.description.hasPrefix("odd.jpg: unsupported format: "), error.description, file: file, line: line)
        }
    }
}
