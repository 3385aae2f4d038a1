import XCTest
@testable import TrichometryImageIO

/// Every PNG colour type and bit depth, plain and interlaced, written by `PNGForge` and compared
/// pixel for pixel with what the decoder must deliver.
final class PNGFormatTests: XCTestCase {
    private struct Case {
        var forge: PNGForge
        var label: String
    }

    /// Deterministic samples that hit 0, the maximum and values in between.
    private static func samples(width: Int, height: Int, channels: Int, bitDepth: Int, seed: Int) -> [Int] {
        let maximum = (1 << bitDepth) - 1
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        return (0..<(width * height * channels)).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if i % 11 == 0 { return maximum }
            if i % 13 == 0 { return 0 }
            return Int(state >> 33) % (maximum + 1)
        }
    }

    private static func cases() -> [Case] {
        var cases: [Case] = []
        let width = 13, height = 11  // odd sizes exercise partial bytes and empty Adam7 columns
        for interlaced in [false, true] {
            let mode = interlaced ? "interlaced" : "plain"
            for depth in [1, 2, 4, 8, 16] {
                var gray = PNGForge(width: width, height: height, bitDepth: depth, colorType: .gray,
                                    interlaced: interlaced, samples: samples(width: width, height: height, channels: 1, bitDepth: depth, seed: depth))
                cases.append(Case(forge: gray, label: "gray \(depth)-bit \(mode)"))
                gray.transparency = PNGForge.bigEndian32((1 << depth) - 1).suffix(2).map { $0 }
                cases.append(Case(forge: gray, label: "gray+tRNS \(depth)-bit \(mode)"))
            }
            for depth in [8, 16] {
                for type in [PNGForge.ColorType.grayAlpha, .rgb, .rgba] {
                    let channels = type == .grayAlpha ? 2 : type == .rgb ? 3 : 4
                    let forge = PNGForge(width: width, height: height, bitDepth: depth, colorType: type, interlaced: interlaced,
                                         samples: samples(width: width, height: height, channels: channels, bitDepth: depth, seed: depth + channels))
                    cases.append(Case(forge: forge, label: "\(type) \(depth)-bit \(mode)"))
                }
                var keyed = PNGForge(width: width, height: height, bitDepth: depth, colorType: .rgb, interlaced: interlaced,
                                     samples: samples(width: width, height: height, channels: 3, bitDepth: depth, seed: 99))
                let maximum = (1 << depth) - 1
                keyed.transparency = [maximum, 0, maximum].flatMap { PNGForge.bigEndian32($0).suffix(2) }
                for i in stride(from: 0, to: width * height, by: 5) {
                    keyed.samples[3 * i] = maximum; keyed.samples[3 * i + 1] = 0; keyed.samples[3 * i + 2] = maximum
                }
                cases.append(Case(forge: keyed, label: "rgb+tRNS \(depth)-bit \(mode)"))
            }
            for depth in [1, 2, 4, 8] {
                let entries = 1 << depth
                let palette: [(UInt8, UInt8, UInt8)] = (0..<entries).map { (i: Int) -> (UInt8, UInt8, UInt8) in
                    let red: Int = (i * 37) & 0xFF
                    let green: Int = (255 - i * 11) & 0xFF
                    let blue: Int = (i * 5) & 0xFF
                    return (UInt8(red), UInt8(green), UInt8(blue))
                }
                var forge = PNGForge(width: width, height: height, bitDepth: depth, colorType: .palette, interlaced: interlaced,
                                     samples: samples(width: width, height: height, channels: 1, bitDepth: depth, seed: 7 * depth),
                                     palette: palette)
                cases.append(Case(forge: forge, label: "palette \(depth)-bit \(mode)"))
                // tRNS shorter than the palette: later entries are opaque.
                forge.transparency = (0..<max(1, entries / 2)).map { UInt8($0 * 90 & 0xFF) }
                cases.append(Case(forge: forge, label: "palette+tRNS \(depth)-bit \(mode)"))
            }
        }
        return cases
    }

    /// What `.native` output must be: 8-bit samples, palette expanded, tRNS as alpha.
    private static func expectedNative(_ forge: PNGForge) -> RasterImage {
        let depth = forge.bitDepth
        let maximum = (1 << depth) - 1
        func scale(_ v: Int) -> UInt8 { depth == 16 ? UInt8(v >> 8) : UInt8(v * 255 / maximum) }
        let key: [Int]? = forge.transparency.flatMap { bytes in
            forge.colorType == .palette ? nil : stride(from: 0, to: bytes.count, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        }
        var out: [UInt8] = []
        var channels = 0
        for p in 0..<(forge.width * forge.height) {
            let s = Array(forge.samples[(p * forge.channels)..<((p + 1) * forge.channels)])
            switch forge.colorType {
            case .palette:
                let entry = forge.palette[s[0]]
                out += [entry.0, entry.1, entry.2]
                if let alphas = forge.transparency { out.append(s[0] < alphas.count ? alphas[s[0]] : 255) }
                channels = forge.transparency == nil ? 3 : 4
            case .gray, .rgb:
                out += s.map(scale)
                if let key { out.append(s == key ? 0 : 255) }
                channels = forge.channels + (key == nil ? 0 : 1)
            case .grayAlpha, .rgba:
                out += s.map(scale)
                channels = forge.channels
            }
        }
        return RasterImage(width: forge.width, height: forge.height, channels: channels, pixels: out)
    }

    private static func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let red: Int = 19595 * Int(r)
        let green: Int = 38470 * Int(g)
        let blue: Int = 7471 * Int(b)
        return UInt8((red + green + blue + 32768) >> 16)
    }

    func testEveryColorTypeAndBitDepthDecodesExactly() throws {
        let cases = Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 50)
        for item in cases {
            let bytes = item.forge.bytes()
            let expected = Self.expectedNative(item.forge)
            let native = try ImageDecoder.decode(bytes: bytes, name: item.label)
            XCTAssertEqual(native, expected, item.label)

            let info = try ImageDecoder.probe(bytes: bytes, name: item.label)
            XCTAssertEqual(info.format, .png, item.label)
            XCTAssertEqual(info.bitDepth, item.forge.bitDepth, item.label)
            XCTAssertEqual(info.isProgressive, item.forge.interlaced, item.label)
            XCTAssertEqual(info.channels, item.forge.colorType == .palette ? expected.channels : item.forge.channels, item.label)
            XCTAssertEqual(info.hasAlpha, expected.channels == 2 || expected.channels == 4, item.label)

            let rgb = try ImageDecoder.decode(bytes: bytes, name: item.label, options: DecodeOptions(output: .rgb))
            let gray = try ImageDecoder.decode(bytes: bytes, name: item.label, options: DecodeOptions(output: .luminance))
            XCTAssertEqual(rgb.channels, 3, item.label)
            XCTAssertEqual(gray.channels, 1, item.label)
            var expectedRGB: [UInt8] = [], expectedGray: [UInt8] = []
            let colorChannels = expected.channels <= 2 ? 1 : 3
            for p in 0..<expected.pixelCount {
                let base = p * expected.channels
                if colorChannels == 1 {
                    let v = expected.pixels[base]
                    expectedRGB += [v, v, v]
                    expectedGray.append(v)
                } else {
                    let (r, g, b) = (expected.pixels[base], expected.pixels[base + 1], expected.pixels[base + 2])
                    expectedRGB += [r, g, b]
                    expectedGray.append(Self.luma(r, g, b))
                }
            }
            XCTAssertEqual(rgb.pixels, expectedRGB, item.label)
            XCTAssertEqual(gray.pixels, expectedGray, item.label)
        }
    }

    func testInterlacedAndPlainGiveTheSamePixels() throws {
        var forge = PNGForge(width: 17, height: 9, bitDepth: 8, colorType: .rgba,
                             samples: Self.samples(width: 17, height: 9, channels: 4, bitDepth: 8, seed: 3))
        let plain = try ImageDecoder.decode(bytes: forge.bytes(), name: "plain.png")
        forge.interlaced = true
        let interlaced = try ImageDecoder.decode(bytes: forge.bytes(), name: "adam7.png")
        XCTAssertEqual(plain, interlaced)
        XCTAssertEqual(plain.channels, 4)
    }

    func testOnePixelImages() throws {
        for type in [PNGForge.ColorType.gray, .rgb, .rgba] {
            let channels = type == .gray ? 1 : type == .rgb ? 3 : 4
            for interlaced in [false, true] {
                let forge = PNGForge(width: 1, height: 1, bitDepth: 8, colorType: type, interlaced: interlaced,
                                     samples: Array([200, 100, 50, 25].prefix(channels)))
                let image = try ImageDecoder.decode(bytes: forge.bytes(), name: "one.png")
                XCTAssertEqual(image.pixels, Array([200, 100, 50, 25].prefix(channels)).map(UInt8.init))
            }
        }
    }
}
