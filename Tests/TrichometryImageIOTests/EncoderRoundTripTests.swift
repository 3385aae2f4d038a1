import XCTest
@testable import TrichometryImageIO

final class EncoderRoundTripTests: XCTestCase {
    func testPNGRoundTripIsExactForEveryChannelCount() throws {
        for channels in 1...4 {
            let image = TestImages.pattern(width: 37, height: 23, channels: channels, seed: channels)
            for level in [0, 1, 6, 9] {
                let bytes = try ImageEncoder.encodePNG(image, compressionLevel: level)
                XCTAssertEqual(ImageFormat.sniff(bytes), .png)
                let decoded = try ImageDecoder.decode(bytes: bytes, name: "round.png")
                XCTAssertEqual(decoded, image, "channels \(channels) level \(level)")
                let info = try ImageDecoder.probe(bytes: bytes, name: "round.png")
                XCTAssertEqual(info.channels, channels)
                XCTAssertEqual(info.bitDepth, 8)
                XCTAssertEqual(info.width, 37)
                XCTAssertEqual(info.height, 23)
            }
        }
    }

    func testJPEGRoundTripIsCloseForGrayAndRGB() throws {
        for channels in [1, 3] {
            let image = TestImages.smooth(width: 48, height: 32, channels: channels)
            let bytes = try ImageEncoder.encodeJPEG(image, quality: 95)
            XCTAssertEqual(ImageFormat.sniff(bytes), .jpeg)
            let decoded = try ImageDecoder.decode(bytes: bytes, name: "round.jpg")
            XCTAssertEqual(decoded.width, 48)
            XCTAssertEqual(decoded.height, 32)
            XCTAssertEqual(decoded.channels, channels)
            XCTAssertLessThan(TestImages.meanAbsoluteDifference(decoded, image), 2.0)
        }
    }

    func testJPEGRefusesAlphaWithAClearMessage() {
        let image = TestImages.pattern(width: 8, height: 8, channels: 4)
        XCTAssertThrowsError(try ImageEncoder.encodeJPEG(image)) { error in
            guard let error = error as? ImageIOError, case .invalidImage = error.reason else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue(error.description.contains("4 channels"), error.description)
        }
    }

    func testEmptyImageCannotBeEncoded() {
        let image = RasterImage(width: 0, height: 5, channels: 3)
        XCTAssertThrowsError(try ImageEncoder.encodePNG(image))
        XCTAssertThrowsError(try ImageEncoder.encodeJPEG(image))
    }

    func testWritePNGAndJPEGToFilesLeavesNoTemporaries() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rgb = TestImages.pattern(width: 20, height: 10, channels: 3)
        try ImageEncoder.writePNG(rgb, to: folder + "/a.png")
        try ImageEncoder.writeJPEG(rgb, to: folder + "/b.jpg", quality: 80)
        XCTAssertEqual(TestImages.files(in: folder), ["a.png", "b.jpg"])
        XCTAssertEqual(try ImageDecoder.decode(contentsOf: folder + "/a.png"), rgb)
        XCTAssertEqual(try ImageDecoder.probe(contentsOf: folder + "/b.jpg").format, .jpeg)
        // Overwriting replaces the file whole.
        let gray = TestImages.pattern(width: 5, height: 4, channels: 1)
        try ImageEncoder.writePNG(gray, to: folder + "/a.png")
        XCTAssertEqual(try ImageDecoder.decode(contentsOf: folder + "/a.png"), gray)
        XCTAssertEqual(TestImages.files(in: folder), ["a.png", "b.jpg"])
    }

    func testLuminanceAndRGBOutputs() throws {
        let rgb = TestImages.pattern(width: 9, height: 7, channels: 3)
        let png = try ImageEncoder.encodePNG(rgb)
        let luminance = try ImageDecoder.decode(bytes: png, name: "x.png", options: DecodeOptions(output: .luminance))
        XCTAssertEqual(luminance.channels, 1)
        for i in 0..<rgb.pixelCount {
            let r = Double(rgb.pixels[3 * i]), g = Double(rgb.pixels[3 * i + 1]), b = Double(rgb.pixels[3 * i + 2])
            XCTAssertEqual(Double(luminance.pixels[i]), 0.299 * r + 0.587 * g + 0.114 * b, accuracy: 0.6)
        }
        let gray = TestImages.pattern(width: 9, height: 7, channels: 2)
        let expanded = try ImageDecoder.decode(bytes: try ImageEncoder.encodePNG(gray), name: "g.png",
                                               options: DecodeOptions(output: .rgb))
        XCTAssertEqual(expanded.channels, 3)
        for i in 0..<gray.pixelCount {
            XCTAssertEqual(expanded.pixels[3 * i], gray.pixels[2 * i])
            XCTAssertEqual(expanded.pixels[3 * i + 2], gray.pixels[2 * i])
        }
    }
}
