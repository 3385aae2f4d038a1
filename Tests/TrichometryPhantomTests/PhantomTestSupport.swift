import TrichometryImageIO
@testable import TrichometryPhantom

/// Small images keep debug-build tests fast.
enum PhantomTestSupport {
    static func sample(_ preset: PhantomPreset, seed: UInt64 = 5, index: Int = 0,
                       width: Int = 256, height: Int = 192, umPerPx: Double? = nil) throws -> PhantomSample {
        try PhantomGenerator.generate(PhantomRequest(preset: preset, seed: seed, index: index,
                                                     width: width, height: height, umPerPx: umPerPx))
    }

    static func luminance(_ image: RasterImage, _ x: Int, _ y: Int) -> Double {
        let i = (y * image.width + x) * 3
        return 0.2126 * Double(image.pixels[i]) + 0.7152 * Double(image.pixels[i + 1]) + 0.0722 * Double(image.pixels[i + 2])
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
}
