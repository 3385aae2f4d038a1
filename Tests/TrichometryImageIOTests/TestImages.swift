import Foundation
@testable import TrichometryImageIO

/// Small deterministic images and temporary folders shared by the tests.
enum TestImages {
    /// A gradient with a few sharp features, so row/column mix-ups and flips show.
    static func pattern(width: Int, height: Int, channels: Int, seed: Int = 0) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    let value = (x * 7 + y * 13 + c * 61 + seed * 31 + (x * y) % 17) & 0xFF
                    pixels[(y * width + x) * channels + c] = UInt8(value)
                }
            }
        }
        return RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// A smooth image that JPEG reproduces closely (for lossy comparisons).
    static func smooth(width: Int, height: Int, channels: Int) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    let value = 40 + (x * 150) / max(width - 1, 1) + (c * 20) - (y * 30) / max(height - 1, 1)
                    pixels[(y * width + x) * channels + c] = UInt8(clamping: value)
                }
            }
        }
        return RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    static func meanAbsoluteDifference(_ a: RasterImage, _ b: RasterImage) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        var total = 0
        for i in 0..<a.pixels.count { total += abs(Int(a.pixels[i]) - Int(b.pixels[i])) }
        return Double(total) / Double(max(a.pixels.count, 1))
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "trichometry-io-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
