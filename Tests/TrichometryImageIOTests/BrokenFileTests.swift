import XCTest
@testable import TrichometryImageIO

/// Files a clinic will meet sooner or later: empty, cut short, damaged, mislabelled, hostile.
final class BrokenFileTests: XCTestCase {
    private func reason(_ bytes: [UInt8], name: String = "bad", options: DecodeOptions = .init()) -> ImageIOError.Reason? {
        do {
            _ = try ImageDecoder.decode(bytes: bytes, name: name, options: options)
            return nil
        } catch {
            XCTAssertEqual(error.path, name)
            XCTAssertFalse(error.description.contains("\n"))
            return error.reason
        }
    }

    func testEmptyAndTinyFiles() {
        XCTAssertEqual(reason([]), .empty)
        XCTAssertEqual(reason([0xFF]), .truncated)
        XCTAssertEqual(reason([0xFF, 0xD8]), .truncated)
        XCTAssertEqual(reason([0x89, 0x50, 0x4E]), .truncated)
        XCTAssertEqual(reason([0x41]), .notAnImage)
        XCTAssertEqual(reason([0xFF, 0xD8, 0xFF]), .truncated)
        XCTAssertEqual(reason([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), .truncated)
    }

    func testTextNamedJPGIsNotAnImage() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/notes.jpg"
        try TestImages.write(Array("patient 12, left temple\n".utf8), to: path)
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: path)) { error in
            XCTAssertEqual(error as? ImageIOError, ImageIOError(path: path, reason: .notAnImage))
            XCTAssertEqual("\(error)", "\(path): not an image (neither PNG nor JPEG content)")
        }
        XCTAssertThrowsError(try ImageDecoder.probe(contentsOf: path))
    }

    func testMissingFilesAndFolders() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: folder + "/nope.png")) { error in
            XCTAssertEqual((error as? ImageIOError)?.reason, .notFound)
            XCTAssertEqual("\(error)", "\(folder)/nope.png: not found")
        }
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: folder)) { error in
            XCTAssertEqual((error as? ImageIOError)?.reason, .isAFolder)
        }
    }

    func testUnreadableFileSaysPermissionDenied() throws {
        guard getuid() != 0 else { throw XCTSkip("root reads everything") }
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/locked.png"
        try TestImages.write(try ImageEncoder.encodePNG(TestImages.pattern(width: 2, height: 2, channels: 1)), to: path)
        chmod(path, 0)
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: path)) { error in
            XCTAssertEqual((error as? ImageIOError)?.reason, .permissionDenied)
        }
    }

    func testWrongExtensionsBothWaysDecodeByContent() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let image = TestImages.smooth(width: 16, height: 8, channels: 3)
        try TestImages.write(try ImageEncoder.encodePNG(image), to: folder + "/really-png.jpg")
        try TestImages.write(try ImageEncoder.encodeJPEG(image, quality: 95), to: folder + "/really-jpeg.png")
        XCTAssertEqual(try ImageDecoder.decode(contentsOf: folder + "/really-png.jpg"), image)
        XCTAssertEqual(try ImageDecoder.probe(contentsOf: folder + "/really-png.jpg").format, .png)
        XCTAssertEqual(try ImageDecoder.probe(contentsOf: folder + "/really-jpeg.png").format, .jpeg)
        let fromJPEG = try ImageDecoder.decode(contentsOf: folder + "/really-jpeg.png")
        XCTAssertLessThan(TestImages.meanAbsoluteDifference(fromJPEG, image), 2)
    }

    func testEveryTruncationIsAnError() throws {
        for (name, bytes) in try Corpus.validFiles() {
            XCTAssertNoThrow(try ImageDecoder.decode(bytes: bytes, name: name))
            var reasons: [String: Int] = [:]
            for length in 0..<bytes.count {
                let cut = Array(bytes[0..<length])
                guard let failure = reason(cut, name: name) else {
                    XCTFail("\(name) cut to \(length) of \(bytes.count) bytes decoded without error")
                    continue
                }
                reasons["\(failure)", default: 0] += 1
            }
            // Almost every cut is reported as truncation, not as some vaguer corruption.
            XCTAssertGreaterThan(reasons["truncated: the file ends before the image data does", default: 0] * 10,
                                 bytes.count * 8, "\(name): \(reasons)")
        }
    }

    func testEverySingleBitFlipInAPNGIsCaught() throws {
        // Every PNG chunk is CRC-protected and every one here is critical, so any flip must fail.
        let bytes = PNGForge(width: 5, height: 4, bitDepth: 8, colorType: .rgb, samples: (0..<60).map { $0 * 4 }).bytes()
        XCTAssertNoThrow(try ImageDecoder.decode(bytes: bytes, name: "ok.png"))
        for index in 0..<bytes.count {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[index] ^= UInt8(1 << bit)
                XCTAssertNotNil(reason(flipped, name: "flip.png"), "flip at byte \(index) bit \(bit) went unnoticed")
            }
        }
    }

    func testBitFlipsInJPEGHeadersAndEntropyDataNeverCrash() throws {
        for (name, bytes) in try Corpus.validFiles() where name.hasSuffix(".jpg") {
            guard let entropy = JPEGSurgery.entropyStart(bytes) else { return XCTFail("no SOS in \(name)") }
            var failures = 0, decoded = 0
            let headerPositions = Array(stride(from: 0, to: entropy, by: max(1, entropy / 60)))
            let entropyPositions = Array(stride(from: entropy, to: bytes.count, by: max(1, (bytes.count - entropy) / 60)))
            for index in headerPositions + entropyPositions {
                for bit in [0, 3, 7] {
                    var flipped = bytes
                    flipped[index] ^= UInt8(1 << bit)
                    if let _ = reason(flipped, name: name) { failures += 1 } else { decoded += 1 }
                }
            }
            XCTAssertGreaterThan(failures, 0, name)
            XCTAssertGreaterThan(decoded, 0, name)
            // Flipping SOI's bytes leaves no JPEG at all.
            var noSOI = bytes
            noSOI[1] ^= 0x01
            XCTAssertEqual(reason(noSOI, name: name), .notAnImage)
        }
    }

    func testPNGDeclaring100000By100000IsRefusedFromTheHeader() {
        var forge = PNGForge(width: 100_000, height: 100_000, bitDepth: 8, colorType: .rgb, samples: [])
        forge.width = 1; forge.height = 1; forge.samples = [1, 2, 3]
        var bytes = forge.bytes()
        // Patch IHDR to the huge size and fix its CRC, leaving the tiny IDAT: only the header lies.
        let huge = PNGForge.bigEndian32(100_000)
        bytes.replaceSubrange(16..<20, with: huge)
        bytes.replaceSubrange(20..<24, with: huge)
        bytes.replaceSubrange(29..<33, with: PNGForge.bigEndian32(Int(PNGForge.crc32(Array(bytes[12..<29])))))
        guard case .tooLarge(let detail)? = reason(bytes, name: "bomb.png") else {
            return XCTFail("expected too large")
        }
        XCTAssertTrue(detail.contains("100000 x 100000"), detail)
        let info = try? ImageDecoder.probe(bytes: bytes, name: "bomb.png")
        XCTAssertEqual(info?.width, 100_000)
    }

    func testJPEGDeclaringAHugeSizeIsRefusedFromTheHeader() throws {
        var bytes = try ImageEncoder.encodeJPEG(TestImages.smooth(width: 16, height: 16, channels: 3), quality: 50)
        guard let sof = JPEGSurgery.segment(bytes, code: 0xC0) else { return XCTFail("no SOF0") }
        bytes.replaceSubrange((sof + 3)..<(sof + 7), with: [0xFF, 0x00, 0xFF, 0x00])  // 65280 x 65280
        guard case .tooLarge? = reason(bytes, name: "bomb.jpg") else { return XCTFail("expected too large") }
    }

    func testPixelLimitIsConfigurable() throws {
        let bytes = try ImageEncoder.encodePNG(TestImages.pattern(width: 20, height: 10, channels: 1))
        let jpeg = try ImageEncoder.encodeJPEG(TestImages.pattern(width: 20, height: 10, channels: 1))
        for data in [bytes, jpeg] {
            XCTAssertNil(reason(data, options: DecodeOptions(pixelLimit: 200)))
            guard case .tooLarge? = reason(data, options: DecodeOptions(pixelLimit: 199)) else { return XCTFail("limit ignored") }
        }
    }
}
