import XCTest
import TrichometryImageIO
@testable import TrichometryAnalysis

/// `ColourSampler`: the pixel at each offset along the normal, every other centerline point, summed per offset.
final class ColourSamplerTests: XCTestCase {
    func testSumsPerOffsetAlongTheNormal() {
        let w = 40, h = 20
        var px = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h { for x in 0..<w {
            let i = 3 * (y * w + x)
            // Rows above 10 red, from 10 on blue.
            if y < 10 { px[i] = 200 } else { px[i + 2] = 100 }
        } }
        let image = RasterImage(width: w, height: h, channels: 3, pixels: px)
        // A line along y = 10.5 towards +x: its normal (−ty, tx) points to +y.
        let line = (0..<20).map { PixelPoint(x: Double($0) + 5.5, y: 10.5) }
        let sums = ColourSampler.sums(along: line, offsets: [-3, 3, 30], image: image)
        // Points 2, 4, …, 16: eight samples per offset, the last offset beyond the image.
        XCTAssertEqual(sums[0].count, 8); XCTAssertEqual(sums[0].red, 1600); XCTAssertEqual(sums[0].blue, 0)
        XCTAssertEqual(sums[1].count, 8); XCTAssertEqual(sums[1].blue, 800); XCTAssertEqual(sums[1].red, 0)
        XCTAssertEqual(sums[2].count, 0); XCTAssertEqual(sums[2].total, 0)
        XCTAssertEqual((sums[0] + sums[1]).total, 2400)
        let grey = RasterImage(width: w, height: h, channels: 1, fill: 9)
        XCTAssertEqual(ColourSampler.sums(along: line, offsets: [0], image: grey)[0].count, 0)
    }
}
