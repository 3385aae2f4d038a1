import XCTest
import TrichometryImageIO
@testable import TrichometryAnalysis

/// `ColourExtent`: a lighter shaft found along its highlight is as wide as its colour, not as its highlight.
final class ColourExtentTests: XCTestCase {
    let w = 160, h = 120
    let skin: (Double, Double, Double) = (215, 160, 145)

    /// Horizontal bands (rows `from`..<`to`, fractional edges mixed by coverage) of the given colours on skin.
    func image(_ bands: [(from: Double, to: Double, colour: (Double, Double, Double))]) -> RasterImage {
        var px = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            var c = skin
            for band in bands {
                let cover = max(0, min(Double(y + 1), band.to) - max(Double(y), band.from))
                c = (c.0 * (1 - cover) + band.colour.0 * cover, c.1 * (1 - cover) + band.colour.1 * cover,
                     c.2 * (1 - cover) + band.colour.2 * cover)
            }
            for x in 0..<w {
                let i = 3 * (y * w + x)
                px[i] = UInt8(c.0.rounded()); px[i + 1] = UInt8(c.1.rounded()); px[i + 2] = UInt8(c.2.rounded())
            }
        }
        return RasterImage(width: w, height: h, channels: 3, pixels: px)
    }

    /// A lighter detection along the line y = `y` (image coordinates), `width` pixels wide, running towards +x.
    func lighter(alongRow y: Double, width: Double) -> ShaftMeasurer.Measurement {
        let line = (10...150).map { PixelPoint(x: Double($0) + 0.5, y: y) }
        let path = ShaftPath(points: line, startKind: .tip, endKind: .tip, crossings: [], radiusEstimate: width / 2,
                             polarity: .lighter)
        return ShaftMeasurer.Measurement(path: path, centerline: line, lengthPixels: 140, diameterPixels: width,
                                         contrast: -0.2, signalToNoise: 40, profileSamples: 100, fitRMS: 0.01,
                                         skinTransmission: 1, axisTransmission: 1.2, startTruncated: false, endTruncated: false)
    }

    /// A white hair 20 px wide (rows 50–70) with a brighter highlight over its upper 8 px: the detection found the
    /// highlight (8 px wide, centred on row 54); the colour gives the whole shaft, centred on row 60.
    func testHighlightOfAWhiteHairIsWidenedToTheWholeShaft() throws {
        let img = image([(50, 70, (200, 200, 196)), (50, 58, (250, 250, 246))])
        let m = lighter(alongRow: 54, width: 8)
        let e = try XCTUnwrap(ColourExtent.extent(of: m, image: img, maxDiameterPixels: 40))
        XCTAssertEqual(e.left, -4, accuracy: 0.6)
        XCTAssertEqual(e.right, 16, accuracy: 0.6)
        let wide = ColourExtent.widen([m], image: img, widestHairPixels: 40)[0]
        XCTAssertEqual(wide.diameterPixels, 20, accuracy: 1)
        XCTAssertEqual(wide.centerline[70].y, 60, accuracy: 0.6)
    }

    /// Two white hairs side by side (rows 40–60 and 60–80) read as one colour 40 px wide: wider than any hair, so
    /// the measured width stays.
    func testTwoHairsOfOneColourSideBySideKeepTheirWidth() {
        let img = image([(40, 80, (200, 200, 196)), (40, 48, (250, 250, 246))])
        let m = lighter(alongRow: 44, width: 8)
        let kept = ColourExtent.widen([m], image: img, widestHairPixels: 30)[0]
        XCTAssertEqual(kept.diameterPixels, 8)
        XCTAssertEqual(kept.centerline[70].y, 44)
    }

    /// A lighter line of the skin's own colour (a glint, a reflection) tells nothing by colour.
    func testLineOfTheSkinsColourHasNoExtent() {
        let img = image([(50, 58, (250, 186, 169))])
        XCTAssertNil(ColourExtent.extent(of: lighter(alongRow: 54, width: 8), image: img, maxDiameterPixels: 40))
    }

    /// A shaft measured at its full width already is left as it is; so are darker shafts and grey-scale images.
    func testOnlyLighterShaftsMeasuredShortOfTheirColourChange() {
        let img = image([(50, 70, (200, 200, 196)), (50, 58, (250, 250, 246))])
        let full = lighter(alongRow: 60, width: 20)
        XCTAssertEqual(ColourExtent.widen([full], image: img, widestHairPixels: 40)[0].diameterPixels, 20)
        var dark = lighter(alongRow: 54, width: 8)
        dark.path.polarity = .darker
        XCTAssertEqual(ColourExtent.widen([dark], image: img, widestHairPixels: 40)[0].diameterPixels, 8)
        // Widths no hair has, or none at all, are left as they are (and never index outside the profile).
        for width in [Double.infinity, .nan, 400, 0] {
            let odd = ColourExtent.widen([lighter(alongRow: 54, width: width)], image: img, widestHairPixels: 40)[0]
            XCTAssertTrue(odd.diameterPixels == width || (width.isNaN && odd.diameterPixels.isNaN))
            XCTAssertNil(ColourExtent.extent(of: lighter(alongRow: 54, width: width), image: img, maxDiameterPixels: 40))
        }
        let grey = RasterImage(width: w, height: h, channels: 1, fill: 128)
        XCTAssertEqual(ColourExtent.widen([lighter(alongRow: 54, width: 8)], image: grey, widestHairPixels: 40)[0].diameterPixels, 8)
    }
}
