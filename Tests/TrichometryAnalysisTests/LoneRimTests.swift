import XCTest
import TrichometryImageIO
@testable import TrichometryAnalysis

/// `LoneRimWidener`: a thin faint dark line that is one rim of a translucent shaft becomes that shaft; a thin
/// line with plain skin, a pigmented hair or a neighbour's shaft beside it stays what it is.
final class LoneRimTests: XCTestCase {
    /// Half a pixel per sample, ±50 px: wide enough for a 48 px shaft (160 µm at 3.3 µm/px).
    let offsets = (0...200).map { -50 + 0.5 * Double($0) }
    let maxDiameter = 48.0

    /// A median cross-section: skin at 1, then each dip a Gaussian of the given depth and σ at its offset,
    /// and each band a plateau added between two offsets.
    func profile(dips: [(at: Double, depth: Double, sigma: Double)], bands: [(from: Double, to: Double, add: Double)] = [])
        -> ShaftMeasurer.MeanProfile {
        let values = offsets.map { u -> Double in
            var v = 1.0
            for band in bands where u >= band.from && u <= band.to { v += band.add }
            for d in dips { v -= d.depth * exp(-(u - d.at) * (u - d.at) / (2 * d.sigma * d.sigma)) }
            return v
        }
        return ShaftMeasurer.MeanProfile(offsets: offsets, values: values, samples: 100, noise: 0.002)
    }

    /// A blond shaft 24 px wide: rims at 0 and +20, a core brighter than the skin between them.
    func testRimOfATranslucentShaftWithABrightCoreIsWidened() throws {
        let p = profile(dips: [(0, 0.08, 1.6), (20, 0.08, 1.6)], bands: [(3, 17, 0.05)])
        let shaft = try XCTUnwrap(LoneRimWidener.shaft(in: p, rimWidth: 4, maxDiameterPixels: maxDiameter))
        XCTAssertEqual(shaft.side, 1)
        XCTAssertEqual(shaft.separation, 20, accuracy: 0.5)
        XCTAssertEqual(shaft.width, 24, accuracy: 0.5)
    }

    /// The same shaft on the other side of the traced rim.
    func testTheShaftMayLieOnEitherSide() throws {
        let p = profile(dips: [(0, 0.08, 1.6), (-16, 0.07, 1.6)], bands: [(-13, -3, 0.05)])
        let shaft = try XCTUnwrap(LoneRimWidener.shaft(in: p, rimWidth: 4, maxDiameterPixels: maxDiameter))
        XCTAssertEqual(shaft.side, -1)
        XCTAssertEqual(shaft.separation, 16, accuracy: 0.5)
    }

    /// Two faint vellus hairs running side by side with plain skin between them: no core, two hairs.
    func testTwoParallelLinesWithSkinBetweenStayApart() {
        let p = profile(dips: [(0, 0.08, 1.6), (20, 0.08, 1.6)])
        XCTAssertNil(LoneRimWidener.shaft(in: p, rimWidth: 4, maxDiameterPixels: maxDiameter))
    }

    /// A faint line beside a pigmented hair (five times as dark): not its other rim.
    func testADarkHairBesideIsNoPartner() {
        let p = profile(dips: [(0, 0.08, 1.6), (20, 0.4, 3)], bands: [(3, 15, 0.05)])
        XCTAssertNil(LoneRimWidener.shaft(in: p, rimWidth: 4, maxDiameterPixels: maxDiameter))
    }

    /// A pair whose far side lies on a neighbour's shaft (darker than the skin by more than the rims): the
    /// core cannot be judged against skin there, so the line is left alone.
    func testAPairAgainstANeighbourIsLeftAlone() {
        let alone = profile(dips: [(0, 0.08, 1.6), (14, 0.08, 1.6)], bands: [(3, 11, 0.05)])
        XCTAssertNotNil(LoneRimWidener.shaft(in: alone, rimWidth: 4, maxDiameterPixels: maxDiameter))
        let p = profile(dips: [(0, 0.08, 1.6), (14, 0.08, 1.6)], bands: [(3, 11, 0.05), (19, 40, -0.06)])
        XCTAssertNil(LoneRimWidener.shaft(in: p, rimWidth: 4, maxDiameterPixels: maxDiameter))
    }

    /// A partner further than the widest shaft allows is another hair.
    func testNoShaftWiderThanTheWidestHair() {
        let p = profile(dips: [(0, 0.08, 1.6), (46, 0.08, 1.6)], bands: [(3, 43, 0.05)])
        XCTAssertNil(LoneRimWidener.shaft(in: p, rimWidth: 4, maxDiameterPixels: maxDiameter))
    }

    /// A core no brighter than the skin but of the hair's own colour (yellow on pink skin) is a shaft; the same
    /// pair on uniform skin colour is not.
    func testACoreOfAnotherColourIsAShaft() throws {
        let w = 120, h = 100
        func image(coreColour: (UInt8, UInt8, UInt8)) -> RasterImage {
            var px = [UInt8](repeating: 0, count: w * h * 3)
            for y in 0..<h {
                for x in 0..<w {
                    // The rim's centerline runs along y = 40.5; the shaft's core lies below it (+y is side +1 for a
                    // line running towards +x), between y = 43 and 58.
                    let c = y >= 43 && y <= 58 ? coreColour : (200, 150, 140)
                    let i = 3 * (y * w + x)
                    px[i] = c.0; px[i + 1] = c.1; px[i + 2] = c.2
                }
            }
            return RasterImage(width: w, height: h, channels: 3, pixels: px)
        }
        let line = (10...110).map { PixelPoint(x: Double($0) + 0.5, y: 40.5) }
        let p = profile(dips: [(0, 0.08, 1.6), (20, 0.08, 1.6)])
        let shaft = try XCTUnwrap(LoneRimWidener.shaft(in: p, rimWidth: 4, maxDiameterPixels: maxDiameter,
                                                       line: line, image: image(coreColour: (190, 175, 110))))
        XCTAssertEqual(shaft.side, 1)
        XCTAssertNil(LoneRimWidener.shaft(in: p, rimWidth: 4, maxDiameterPixels: maxDiameter,
                                          line: line, image: image(coreColour: (200, 150, 140))))
    }

    /// The widened measurement: centerline moved half the separation towards the shaft, width outer edge to outer
    /// edge, marked as a rim pair (never widened again, never taken for shading).
    func testWidenedMeasurementLiesOnTheShaftsAxis() {
        let line = (0...60).map { PixelPoint(x: Double($0) + 0.5, y: 40.5) }
        let path = ShaftPath(points: line, startKind: .tip, endKind: .tip, crossings: [], radiusEstimate: 2, polarity: .darker)
        var m = ShaftMeasurer.Measurement(path: path, centerline: line, lengthPixels: 60, diameterPixels: 4,
                                          contrast: 0.08, signalToNoise: 30, profileSamples: 50, fitRMS: 0.01,
                                          skinTransmission: 1, axisTransmission: 0.92, startTruncated: false, endTruncated: false)
        m.faintShading = true
        XCTAssertTrue(LoneRimWidener.isCandidate(m, maxDiameterPixels: maxDiameter))
        let wide = LoneRimWidener.widened(m, to: .init(side: 1, separation: 20, width: 24))
        XCTAssertEqual(wide.diameterPixels, 24)
        XCTAssertEqual(wide.centerline[30].y, 50.5, accuracy: 1e-9)
        XCTAssertEqual(wide.centerline[30].x, 30.5, accuracy: 1e-9)
        XCTAssertEqual(wide.lengthPixels, 60, accuracy: 1e-9)
        XCTAssertTrue(wide.rimPair)
        XCTAssertFalse(wide.faintShading)
        XCTAssertFalse(LoneRimWidener.isCandidate(wide, maxDiameterPixels: maxDiameter))
        // No width, or none that can be read: nothing to judge.
        for width in [Double.nan, .infinity, 0] {
            var odd = m
            odd.diameterPixels = width
            XCTAssertFalse(LoneRimWidener.isCandidate(odd, maxDiameterPixels: maxDiameter))
        }
        XCTAssertNil(LoneRimWidener.shaft(in: profile(dips: [(0, 0.08, 1.6), (20, 0.08, 1.6)], bands: [(3, 17, 0.05)]),
                                          rimWidth: .nan, maxDiameterPixels: maxDiameter))
        // A line dark beyond doubt is pigment, not a rim.
        var dark = m
        dark.axisTransmission = 0.5
        XCTAssertFalse(LoneRimWidener.isCandidate(dark, maxDiameterPixels: maxDiameter))
    }
}
