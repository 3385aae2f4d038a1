import XCTest
import TrichometryImageIO
@testable import TrichometryAnalysis
#if canImport(Glibc)
import Glibc
#endif

/// Grey and white hairs found by the skin's redness they take away (`UnpigmentedContrast`).
final class UnpigmentedShaftTests: XCTestCase {
    let umPerPx = 5.0
    let skin = (225.0, 180.0, 160.0)

    /// Coverage (0...1) of shafts drawn into an otherwise empty scene, blurred by `sigma`.
    func coverage(width: Int, height: Int, sigma: Double, _ draw: (inout SyntheticScene) -> Void) -> [Double] {
        var scene = SyntheticScene(width: width, height: height, skin: 0)
        draw(&scene)
        return scene.blurred(sigma: sigma).map { $0 / 255 }
    }

    /// Skin with layers mixed in by coverage, plus deterministic noise of about 1.5 levels, as RGB.
    func colourImage(width: Int, height: Int, layers: [([Double], (Double, Double, Double))]) -> RasterImage {
        var state: UInt64 = 0x2545F4914F6CDD1D
        func noise() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return (Double(state >> 11) / Double(1 << 53) - 0.5) * 5
        }
        var px = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            var c = skin
            for (cover, colour) in layers {
                let a = min(1, max(0, cover[i]))
                c = (c.0 * (1 - a) + colour.0 * a, c.1 * (1 - a) + colour.1 * a, c.2 * (1 - a) + colour.2 * a)
            }
            px[3 * i] = UInt8(max(0, min(255, (c.0 + noise()).rounded())))
            px[3 * i + 1] = UInt8(max(0, min(255, (c.1 + noise()).rounded())))
            px[3 * i + 2] = UInt8(max(0, min(255, (c.2 + noise()).rounded())))
        }
        return RasterImage(width: width, height: height, channels: 3, pixels: px)
    }

    func analyze(_ image: RasterImage) -> ImageAnalysis {
        HairAnalyzer.analyze(image, calibration: Calibration(micronsPerPixel: umPerPx), options: AnalysisOptions())
    }

    /// A colour-found shaft whose edges cannot be fitted (here: too short to give a cross-section) shows no object on
    /// the skin, so it counts as below it; unless the plane's blur is a stand-in, and never for a shaft found by
    /// its brightness.
    func testColourShaftWithNoReadableEdgesCountsAsBelowTheSkin() {
        let plane = FloatPlane(width: 40, height: 40, repeating: 1)
        var measurer = ShaftMeasurer(transmission: plane, distanceToEdge: [Float](repeating: 100, count: 1600), noise: 0.01)
        measurer.blurCalibrated = true
        let line = (0..<3).map { PixelPoint(x: 20.5 + Double($0), y: 20.5) }
        var path = ShaftPath(points: line, startKind: .tip, endKind: .tip, crossings: [], radiusEstimate: 2, polarity: .lighter)
        path.unpigmented = true
        let m = ShaftMeasurer.Measurement(path: path, centerline: line, lengthPixels: 2, diameterPixels: 4, contrast: -0.1,
                                          signalToNoise: 20, profileSamples: 10, fitRMS: 0.01, skinTransmission: 1,
                                          axisTransmission: 1.1, startTruncated: false, endTruncated: false)
        XCTAssertNil(measurer.edgeSoftness(of: m))
        XCTAssertTrue(measurer.isBelowSkin(m))
        var byBrightness = m
        byBrightness.path.unpigmented = false
        XCTAssertFalse(measurer.isBelowSkin(byBrightness))
        measurer.blurCalibrated = false
        XCTAssertFalse(measurer.isBelowSkin(m))
    }

    /// A blond hair as bright as the skin, of its own yellow, darker along its edges where the cylinder refracts
    /// the light away: one edge dark all along, the other in dashes. Neither pass finds its core (no brightness,
    /// no redness lost); each rim alone would be a 3 px vellus hair. It is one 16 px terminal shaft, measured rim
    /// to rim (`RimPairMerger`, or `LoneRimWidener` when the dashed rim is not traced; the profile cases of the
    /// latter are in `LoneRimTests`).
    func testOneTracedRimOfABlondHairIsMeasuredAsTheWholeShaft() {
        let (w, h) = (260, 160)
        let core = coverage(width: w, height: h, sigma: 0.8) { $0.shaft(from: (20, 60), to: (240, 60), width: 16, level: 255) }
        let rims = coverage(width: w, height: h, sigma: 0.8) { scene in
            scene.shaft(from: (20, 53.5), to: (240, 53.5), width: 3, level: 255)
            for x in stride(from: 20.0, to: 240, by: 12) { scene.shaft(from: (x, 66.5), to: (x + 7, 66.5), width: 3, level: 255) }
        }
        let black = coverage(width: w, height: h, sigma: 0.8) { $0.shaft(from: (20, 120), to: (240, 120), width: 8, level: 255) }
        let luma = 0.299 * skin.0 + 0.587 * skin.1 + 0.114 * skin.2
        // Yellow of the skin's brightness (same luma): red up, blue down; it takes no redness away (no colour pass).
        let blond = (luma + 40, luma - 4, luma - 85)
        let rim = (blond.0 * 0.8, blond.1 * 0.8, blond.2 * 0.8)
        let image = colourImage(width: w, height: h, layers: [(core, blond), (rims, rim), (black, (25, 22, 20))])

        let result = analyze(image)
        let near = result.hairs.filter { abs($0.midpoint.y - 60) < 10 }
        XCTAssertEqual(near.count, 1)
        XCTAssertEqual(near.first?.diameterPixels ?? 0, 16, accuracy: 3)
        XCTAssertEqual(near.first?.midpoint.y ?? 0, 60, accuracy: 2)
    }

    /// A grey hair as bright as the skin: luminance alone does not show it (the grey-scale copy finds only the
    /// black hair), the colour does, and it is measured at its own width.
    func testGreyHairAsBrightAsTheSkinIsFoundByItsColour() {
        let (w, h) = (260, 200)
        let grey = coverage(width: w, height: h, sigma: 0.8) { $0.shaft(from: (20, 60), to: (240, 60), width: 10, level: 255) }
        let black = coverage(width: w, height: h, sigma: 0.8) { $0.shaft(from: (20, 140), to: (240, 140), width: 8, level: 255) }
        // Rec. 601 luma of the skin, so the grey hair has no brightness contrast at all.
        let luma = 0.299 * skin.0 + 0.587 * skin.1 + 0.114 * skin.2
        let image = colourImage(width: w, height: h, layers: [(grey, (luma, luma, luma)), (black, (25, 22, 20))])

        let result = analyze(image)
        XCTAssertEqual(result.hairs.count, 2)
        let greyHair = result.hairs.first { abs($0.midpoint.y - 60) < 3 }
        XCTAssertEqual(greyHair?.polarity, .lighter)
        XCTAssertEqual(greyHair?.diameterPixels ?? 0, 10, accuracy: 1)
        XCTAssertEqual(greyHair?.lengthPixels ?? 0, 220, accuracy: 8)

        var gray = RasterImage(width: w, height: h, channels: 1, pixels: [UInt8](repeating: 0, count: w * h))
        for i in 0..<(w * h) {
            let r = Double(image.pixels[3 * i]), g = Double(image.pixels[3 * i + 1]), b = Double(image.pixels[3 * i + 2])
            gray.pixels[i] = UInt8((0.299 * r + 0.587 * g + 0.114 * b).rounded())
        }
        let luminanceOnly = analyze(gray)
        XCTAssertEqual(luminanceOnly.hairs.map { Int(($0.midpoint.y / 10).rounded()) }, [14])
    }

    /// A hair's root shows bluish-grey through the skin below its opening, with edges the tissue has blurred
    /// far beyond the optics: it loses the skin's redness like a grey hair, but it is not a hair on the skin.
    /// (Both are as bright as the skin here, so only the colour pass could take either for a hair.)
    func testSoftBluishShadowUnderTheSkinIsNotAHair() {
        let (w, h) = (260, 200)
        let black = coverage(width: w, height: h, sigma: 0.8) { $0.shaft(from: (20, 40), to: (240, 40), width: 8, level: 255) }
        let grey = coverage(width: w, height: h, sigma: 0.8) { $0.shaft(from: (20, 90), to: (240, 90), width: 9, level: 255) }
        let shadow = coverage(width: w, height: h, sigma: 4) { $0.shaft(from: (20, 150), to: (240, 150), width: 9, level: 255) }
        let image = colourImage(width: w, height: h, layers: [
            (black, (25, 22, 20)), (grey, (191, 191, 191)), (shadow.map { 0.6 * $0 }, (175, 195, 215)),
        ])
        let result = analyze(image)
        XCTAssertEqual(result.hairs.map { Int(($0.midpoint.y / 10).rounded()) }.sorted(), [4, 9])
    }

    /// Black stubs 9 px wide (`from`, `to` pairs), sharp, and the bluish grey of a root under the skin.
    func stubs(width: Int, height: Int, _ ends: [((Double, Double), (Double, Double))]) -> [Double] {
        coverage(width: width, height: height, sigma: 0.8) { scene in
            for (a, b) in ends { scene.shaft(from: a, to: b, width: 9, level: 255) }
        }
    }
    let stubColour = (30.0, 24.0, 22.0), rootColour = (130.0, 140.0, 175.0)

    /// A clipped stub's root runs on from its opening as a faint, soft, bluish-grey band, in line with the stub,
    /// dark enough in luminance for the dark pass to find it. It is neither a hair of its own nor part of the
    /// stub (`RootShadowTest`, and `PieceContrast`: a piece far fainter than the one it lines up with is not
    /// the same hair). A defocused brown line as soft is kept: brown pigment does not raise the blue share, and
    /// softness alone does not make a root. (It is darker than the root here: a line as faint, under
    /// `ShaftMeasurer.faintLineDepth`, and that soft is taken for a furrow's shading whatever its hue.)
    func testSoftBluishRootShadowIsNotAHairNorPartOfOne() {
        let (w, h) = (300, 200)
        let black = stubs(width: w, height: h, [((150, 50), (270, 50)), ((30, 150), (270, 150))])
        let root = coverage(width: w, height: h, sigma: 4) { $0.shaft(from: (20, 50), to: (146, 50), width: 10, level: 255) }
        let brown = coverage(width: w, height: h, sigma: 4) { $0.shaft(from: (20, 100), to: (270, 100), width: 10, level: 255) }
        let found = analyze(colourImage(width: w, height: h, layers: [
            (black, stubColour), (root.map { 0.5 * $0 }, rootColour), (brown.map { 0.9 * $0 }, (170, 110, 80)),
        ])).hairs.sorted { $0.midpoint.y < $1.midpoint.y }
        XCTAssertEqual(found.map { Int(($0.midpoint.y / 10).rounded()) }, [5, 10, 15])
        XCTAssertEqual(found.first?.lengthPixels ?? 0, 120, accuracy: 8)
        XCTAssertGreaterThan(found.first?.midpoint.x ?? 0, 190)
    }

    /// A wide root shadow running close to the frame, where the skin beside it on one side lies beyond the
    /// image: its darkness against the skin is the mean of the skin samples there are (`chromaticityShift`; it
    /// read as lighter than the skin when the missing side counted as black), and it is still no hair.
    func testWideRootShadowBesideTheFrameIsNotAHair() {
        let (w, h) = (300, 200)
        let black = stubs(width: w, height: h, [((30, 50), (270, 50)), ((30, 110), (270, 110))])
        let root = coverage(width: w, height: h, sigma: 5) { $0.shaft(from: (20, 184), to: (280, 184), width: 28, level: 255) }
        let image = colourImage(width: w, height: h, layers: [(black, stubColour), (root.map { 0.5 * $0 }, rootColour)])
        XCTAssertEqual(analyze(image).hairs.map { Int(($0.midpoint.y / 10).rounded()) }.sorted(), [5, 11])
    }

    /// An all-grey scalp: no pigmented shaft to read the colour plane's blur from. A grey hair that JPEG's
    /// half-resolution colour has softened well beyond the default blur is still a hair: softness is not
    /// judged against a stand-in (`ShaftMeasurer.blurCalibrated`).
    func testGreyHairIsKeptWhenTheColourBlurCannotBeCalibrated() {
        let (w, h) = (260, 160)
        let luma = 0.299 * skin.0 + 0.587 * skin.1 + 0.114 * skin.2
        let grey = coverage(width: w, height: h, sigma: 2.3) { $0.shaft(from: (20, 80), to: (240, 80), width: 12, level: 255) }
        let result = analyze(colourImage(width: w, height: h, layers: [(grey, (luma, luma, luma))]))
        XCTAssertEqual(result.hairs.count, 1)
        XCTAssertEqual(result.hairs.first?.midpoint.y ?? 0, 80, accuracy: 2)
    }

    /// A thick dark shaft lies across a grey hair's line. Two grey hairs as bright as the skin, in line with
    /// a little bare skin either side of that shaft, stay two: luminance shows nothing in the open part of the
    /// gap to judge, the colour shows bare skin (`GapEvidence` in the colour plane). One grey hair passing
    /// under the shaft shows in that open part and is joined into one.
    func testGreyHairsJoinAcrossAShaftOnlyWhereTheColourShowsThem() {
        let (w, h) = (300, 200)
        let luma = 0.299 * skin.0 + 0.587 * skin.1 + 0.114 * skin.2
        let grey = (luma, luma, luma), dark = (40.0, 30.0, 25.0)
        let band = coverage(width: w, height: h, sigma: 0.8) { $0.shaft(from: (145, 15), to: (145, 185), width: 30, level: 255) }
        let pieces = coverage(width: w, height: h, sigma: 0.8) {
            $0.shaft(from: (20, 60), to: (122, 60), width: 9, level: 255)
            $0.shaft(from: (168, 60), to: (280, 60), width: 9, level: 255)
        }
        let whole = coverage(width: w, height: h, sigma: 0.8) { $0.shaft(from: (20, 60), to: (280, 60), width: 9, level: 255) }
        func greyHairs(_ layer: [Double]) -> [Hair] {
            analyze(colourImage(width: w, height: h, layers: [(layer, grey), (band, dark)]))
                .hairs.filter { $0.polarity == .lighter && abs($0.midpoint.y - 60) < 6 }
        }
        XCTAssertEqual(greyHairs(pieces).count, 2)
        let joined = greyHairs(whole)
        XCTAssertEqual(joined.count, 1)
        XCTAssertEqual(joined.first?.lengthPixels ?? 0, 260, accuracy: 12)
    }

    /// A pigmented pixel's darkening accounts for the redness it lost; a grey hair's refracting edge loses the
    /// redness without darkening as much.
    func testPigmentedPixelsAreThoseWhoseDarknessExplainsTheLostRedness() {
        XCTAssertTrue(UnpigmentedContrast.isPigmented(darkness: 0.8, transmission: 1.95))   // black hair
        XCTAssertTrue(UnpigmentedContrast.isPigmented(darkness: 0.45, transmission: 0.9))   // brown hair, redder than skin
        XCTAssertTrue(UnpigmentedContrast.isPigmented(darkness: 0.2, transmission: 1.35))   // a black hair's blurred edge
        XCTAssertFalse(UnpigmentedContrast.isPigmented(darkness: 0.12, transmission: 1.7))  // grey hair's dark rim
        XCTAssertFalse(UnpigmentedContrast.isPigmented(darkness: -0.1, transmission: 1.8))  // white hair
    }

    /// Skin that is hardly redder than blue gives no colour contrast to go by: the pass is skipped.
    func testNeutralSkinSkipsThePass() {
        let (w, h) = (64, 64)
        let field = ByteMask(width: w, height: h, repeating: 1)
        let neutral = FloatPlane(width: w, height: h, repeating: 5)
        XCTAssertNil(UnpigmentedContrast.flatten(redMinusBlue: neutral, field: field, micronsPerPixel: umPerPx))
        let red = FloatPlane(width: w, height: h, repeating: 60)
        let contrast = UnpigmentedContrast.flatten(redMinusBlue: red, field: field, micronsPerPixel: umPerPx)
        XCTAssertEqual(contrast?.transmission.samples[w * 32 + 32] ?? 0, 1, accuracy: 0.02)
    }
}
