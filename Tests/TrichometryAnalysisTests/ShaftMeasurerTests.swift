import XCTest
import Foundation
@testable import TrichometryAnalysis

/// `ShaftMeasurer.measure` on a plane drawn here: a horizontal dark shaft 6 px wide, edges blurred by σ 1.
final class ShaftMeasurerTests: XCTestCase {
    let width = 140, height = 60
    let axisY = 30.0, shaftWidth = 6.0

    func measurer() -> ShaftMeasurer {
        var samples = [Float](repeating: 1, count: width * height)
        for y in 0..<height {
            let v = Double(y) + 0.5
            // Coverage of a blurred box [axis − w/2, axis + w/2] at this row.
            let cover = 0.5 * (erf((v - (axisY - 0.5 * shaftWidth)) / 2.squareRoot())
                               - erf((v - (axisY + 0.5 * shaftWidth)) / 2.squareRoot()))
            for x in 0..<width { samples[y * width + x] = Float(1 - 0.5 * cover) }
        }
        let plane = FloatPlane(width: width, height: height, samples: samples)
        return ShaftMeasurer(transmission: plane, distanceToEdge: [Float](repeating: 100, count: width * height), noise: 0.01)
    }

    func path(crossings: [PixelPoint]) -> ShaftPath {
        let points = (10...130).map { PixelPoint(x: Double($0) + 0.5, y: axisY) }
        return ShaftPath(points: points, startKind: .tip, endKind: .tip, crossings: crossings, radiusEstimate: 3,
                         polarity: .darker)
    }

    func testDiameterOfAStraightShaft() throws {
        let m = try XCTUnwrap(measurer().measure(path(crossings: []), imageWidth: width, imageHeight: height))
        XCTAssertEqual(m.diameterPixels, shaftWidth, accuracy: 0.3)
        XCTAssertEqual(m.lengthPixels, 120, accuracy: 6)
    }

    /// A hair ending at another's opening can be marked shared along its whole length: no clear stretch is
    /// left, and the hair is measured over its overlaps rather than lost.
    func testShaftMarkedSharedAlongItsWholeLengthIsStillMeasured() throws {
        let shared = stride(from: 10.0, through: 130, by: 6).map { PixelPoint(x: $0, y: axisY) }
        let s = measurer()
        XCTAssertNil(s.meanProfile(path(crossings: shared).points, crossings: shared, radius: 3),
                     "every sample lies near a crossing")
        let m = try XCTUnwrap(s.measure(path(crossings: shared), imageWidth: width, imageHeight: height))
        XCTAssertEqual(m.diameterPixels, shaftWidth, accuracy: 0.3)
        XCTAssertEqual(m.lengthPixels, 120, accuracy: 6)
    }
}

extension ShaftMeasurerTests {
    /// Two crossing points with no clear stretch between them (the radius is another shaft's): not read
    /// over the overlaps, since such a path is most often noise traced through that shaft.
    func testPathWithAFewCrossingsAndNoClearStretchIsNotMeasured() {
        let crossings = [PixelPoint(x: 50, y: axisY), PixelPoint(x: 90, y: axisY)]
        var p = path(crossings: crossings)
        p.radiusEstimate = 17
        let s = measurer()
        XCTAssertNil(s.meanProfile(p.points, crossings: crossings, radius: 17))
        XCTAssertNil(s.measure(p, imageWidth: width, imageHeight: height))
        p.crossings = []
        XCTAssertNotNil(s.measure(p, imageWidth: width, imageHeight: height), "the same path without crossings")
    }

    /// The fade at an end, read along the axis: a blurred cut end (σ 1) fades within about 2 px; a shaft
    /// fading linearly over 20 px, over the 60 % of that between its 80 % and 20 % levels; with another shaft
    /// beyond the end, from that shaft's far edge on; a profile that never rises to 80 % or never falls to 20 %
    /// has none.
    func testEndSoftnessTellsACutTipFromAFade() throws {
        let s = stride(from: -20.0, through: 30.0, by: 0.25).map { $0 }
        let cut = s.map { 0.5 * (1 - erf($0 / 2.squareRoot())) }
        XCTAssertEqual(try XCTUnwrap(ShaftMeasurer.endSoftness(along: s, centre: cut, level: 1)), 2 * 0.8416, accuracy: 0.5)
        let fade = s.map { min(1, max(0, 1 - $0 / 20)) }
        XCTAssertEqual(try XCTUnwrap(ShaftMeasurer.endSoftness(along: s, centre: fade, level: 1)), 12, accuracy: 0.3)
        let anotherShaft = s.map { $0 > 5 && $0 < 12 ? 1.0 : min(1, max(0, 1 - $0 / 20)) }
        XCTAssertEqual(try XCTUnwrap(ShaftMeasurer.endSoftness(along: s, centre: anotherShaft, level: 1)), 16.25 - 11.75, accuracy: 0.3)
        XCTAssertNil(ShaftMeasurer.endSoftness(along: s, centre: s.map { _ in 0.9 }, level: 1))
        XCTAssertNil(ShaftMeasurer.endSoftness(along: s, centre: s.map { _ in 0.5 }, level: 1))
    }
}

/// Faint lines held to a closer look (`looksLikeFaintShading`), and cross-sections that reach an excluded region.
extension ShaftMeasurerTests {
    /// A measurer over a horizontal line: a box `lineWidth` wide blurred by `blur`, darkening the skin by
    /// `depth` at full coverage; the optics' blur is set to 1 px (as the image's widest shafts would set it).
    /// `excludedAbove`: rows above it are outside the field (distance to the edge 0).
    func lineMeasurer(lineWidth: Double, blur: Double, depth: Double, excludedAbove: Int = 0) -> ShaftMeasurer {
        var samples = [Float](repeating: 1, count: width * height)
        var edge = [Float](repeating: 100, count: width * height)
        for y in 0..<height {
            let v = Double(y) + 0.5
            let cover = 0.5 * (erf((v - (axisY - 0.5 * lineWidth)) / (blur * 2.squareRoot()))
                               - erf((v - (axisY + 0.5 * lineWidth)) / (blur * 2.squareRoot())))
            for x in 0..<width {
                samples[y * width + x] = Float(1 - depth * cover)
                if y < excludedAbove { edge[y * width + x] = 0 } else { edge[y * width + x] = Float(max(0.5, Double(y - excludedAbove) + 0.5)) }
            }
        }
        var s = ShaftMeasurer(transmission: FloatPlane(width: width, height: height, samples: samples),
                              distanceToEdge: edge, noise: 0.002)
        s.blurSigma = 1
        return s
    }

    /// A dip 6 px wide blurred to σ 2.2 (a furrow's shading) looks like shading when faint; the same dip deeper
    /// than `faintLineDepth` keeps the benefit of the doubt (about three of its blurs wide, so the general rule
    /// of under two, `isUnresolvedBlur`, does not take it either); a faint shaft as wide with the optics' own
    /// sharp edges is a hair.
    func testFaintSoftLineIsShadingButFaintSharpShaftIsNot() throws {
        let faintSoft = lineMeasurer(lineWidth: 6, blur: 2.2, depth: 0.12)
        let m1 = try XCTUnwrap(faintSoft.measure(path(crossings: []), imageWidth: width, imageHeight: height))
        XCTAssertLessThan(m1.skinTransmission - m1.axisTransmission, ShaftMeasurer.faintLineDepth)
        XCTAssertTrue(faintSoft.looksLikeFaintShading(m1, own: faintSoft.ownCrossSection(of: m1)))
        XCTAssertFalse(faintSoft.isUnresolvedBlur(m1, own: faintSoft.ownCrossSection(of: m1)))

        let deepSoft = lineMeasurer(lineWidth: 6, blur: 2.2, depth: 0.4)
        let m2 = try XCTUnwrap(deepSoft.measure(path(crossings: []), imageWidth: width, imageHeight: height))
        XCTAssertFalse(deepSoft.looksLikeFaintShading(m2, own: deepSoft.ownCrossSection(of: m2)))
        XCTAssertFalse(deepSoft.isUnresolvedBlur(m2, own: deepSoft.ownCrossSection(of: m2)))

        // A wider, softer furrow reads wider than `isUnresolvedBlur` looks at; the faint rule still sees it.
        let wideSoft = lineMeasurer(lineWidth: 9, blur: 3, depth: 0.12)
        let m4 = try XCTUnwrap(wideSoft.measure(path(crossings: []), imageWidth: width, imageHeight: height))
        XCTAssertFalse(wideSoft.mayBeUnresolvedBlur(m4))
        XCTAssertTrue(wideSoft.looksLikeFaintShading(m4, own: wideSoft.ownCrossSection(of: m4)))

        let faintSharp = lineMeasurer(lineWidth: 6, blur: 1, depth: 0.12)
        let m3 = try XCTUnwrap(faintSharp.measure(path(crossings: []), imageWidth: width, imageHeight: height))
        XCTAssertFalse(faintSharp.looksLikeFaintShading(m3, own: faintSharp.ownCrossSection(of: m3)))
    }

    /// The line lies 10 px below an excluded region (the aperture): every cross-section (±12 px for a radius
    /// of 3) reaches it, where the transmission reads as skin whatever is there, so the line is not measured.
    /// With the exclusion 6 px further away the sections fit in the field and it is.
    func testLineWhoseCrossSectionsReachAnExcludedRegionIsNotMeasured() {
        let near = lineMeasurer(lineWidth: 6, blur: 1, depth: 0.5, excludedAbove: Int(axisY) - 10)
        XCTAssertTrue(near.measure(path(crossings: []), imageWidth: width, imageHeight: height) == nil)
        let far = lineMeasurer(lineWidth: 6, blur: 1, depth: 0.5, excludedAbove: Int(axisY) - 16)
        XCTAssertNotNil(far.measure(path(crossings: []), imageWidth: width, imageHeight: height))
    }
}
