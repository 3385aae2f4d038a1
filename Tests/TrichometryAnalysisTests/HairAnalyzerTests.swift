import XCTest
import Foundation
import TrichometryImageIO
@testable import TrichometryAnalysis

/// Each stage on a small scene with an exact expectation.
final class HairAnalyzerTests: XCTestCase {
    let umPerPx = 5.0

    func analyze(_ image: RasterImage, options: AnalysisOptions = AnalysisOptions()) -> ImageAnalysis {
        HairAnalyzer.analyze(image, calibration: Calibration(micronsPerPixel: umPerPx), options: options)
    }

    func testStraightShaftOfKnownWidth() {
        for width in [3.0, 6.0, 12.0] {
            var scene = SyntheticScene(width: 160, height: 120)
            scene.shaft(from: (20, 30), to: (140, 90), width: width, level: 60)
            let result = analyze(scene.image())
            XCTAssertEqual(result.hairs.count, 1, "width \(width)")
            guard let hair = result.hairs.first else { continue }
            XCTAssertEqual(hair.diameterPixels, width, accuracy: 0.35, "width \(width)")
            let trueLength = (120.0 * 120 + 60 * 60).squareRoot()
            XCTAssertEqual(hair.lengthPixels, trueLength, accuracy: 4, "width \(width)")
            XCTAssertEqual(hair.polarity, .darker)
            XCTAssertEqual(hair.midpoint.x, 80, accuracy: 2)
            XCTAssertEqual(hair.midpoint.y, 60, accuracy: 2)
        }
    }

    /// A white hair is translucent keratin: its brightening follows the chord through it, a half-ellipse
    /// across the shaft, while the black hairs beside it, from which the image's cross-section shape is read,
    /// are opaque bars. Measured with the bars' shape its width would read as the ellipse's half-height
    /// width, about 0.87 of the diameter; with a shape of its own it reads its diameter.
    func testTranslucentWhiteHairIsMeasuredWithItsOwnCrossSection() {
        let (w, h) = (240, 200)
        var scene = SyntheticScene(width: w, height: h, skin: 150)
        scene.shaft(from: (20, 40), to: (220, 40), width: 20, level: 30)
        scene.shaft(from: (20, 160), to: (220, 160), width: 20, level: 30)
        let radius = 10.0
        for y in 0..<h {
            for x in 20..<220 {
                // Area-averaged over the pixel's rows: the chord of a cylinder of `radius` around y = 100.
                var chord = 0.0
                for sy in 0..<8 {
                    let u = (Double(y) + (Double(sy) + 0.5) / 8 - 100) / radius
                    chord += abs(u) < 1 ? (1 - u * u).squareRoot() / 8 : 0
                }
                scene.plane[y * w + x] += 70 * chord
            }
        }
        let white = analyze(scene.image()).hairs.filter { $0.polarity == .lighter }
        XCTAssertEqual(white.count, 1)
        XCTAssertEqual(white.first?.midpoint.y ?? 0, 100, accuracy: 1.5)
        XCTAssertEqual(white.first?.diameterPixels ?? 0, 2 * radius, accuracy: 1)
    }

    func testCrossingCountsTwoHairs() {
        var scene = SyntheticScene(width: 180, height: 180)
        scene.shaft(from: (20, 20), to: (160, 160), width: 6, level: 60)
        scene.shaft(from: (20, 150), to: (160, 40), width: 6, level: 60)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        for hair in result.hairs {
            XCTAssertGreaterThan(hair.lengthPixels, 150)
            XCTAssertEqual(hair.diameterPixels, 6, accuracy: 0.5)
            XCTAssertTrue(hair.atJunction)
        }
    }

    func testTJunctionCountsTwoHairs() {
        var scene = SyntheticScene(width: 180, height: 160)
        scene.shaft(from: (15, 80), to: (165, 80), width: 6, level: 60)
        scene.shaft(from: (90, 80), to: (90, 150), width: 5, level: 60)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        let lengths = result.hairs.map { $0.lengthPixels }.sorted()
        XCTAssertEqual(lengths.last ?? 0, 150, accuracy: 6)
    }

    func testTwoHairsFromOneOpeningFormOneUnit() {
        var scene = SyntheticScene(width: 200, height: 160)
        scene.shaft(from: (40, 130), to: (170, 40), width: 6, level: 60)
        scene.shaft(from: (40, 130), to: (180, 120), width: 6, level: 60)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        XCTAssertEqual(result.units.count, 1)
        XCTAssertEqual(result.metrics.unitSizeCounts, [0, 1, 0, 0])
        for hair in result.hairs {
            XCTAssertEqual(hair.emergence.x, 40, accuracy: 8)
            XCTAssertEqual(hair.emergence.y, 130, accuracy: 8)
        }
    }

    /// A hair entering the skin fades out over a stretch at its opening; its cut tip is sharp. Drawn either way
    /// round (so the trace's own order cannot decide), the emergence point is the faded end.
    func testFadedEndIsTheEmergencePoint() {
        for fadeAtRight in [true, false] {
            var scene = SyntheticScene(width: 200, height: 100)
            scene.shaft(from: (20, 50), to: (180, 50), width: 8, level: 60)
            // The last 30 px towards the opening fade linearly to the skin.
            for y in 0..<scene.height {
                for x in 0..<scene.width {
                    let into = fadeAtRight ? Double(x) + 0.5 - 150 : 50 - (Double(x) + 0.5)
                    guard into > 0 else { continue }
                    let keep = max(0, 1 - into / 30)
                    let i = y * scene.width + x
                    scene.plane[i] = scene.skin + (scene.plane[i] - scene.skin) * keep
                }
            }
            let hairs = analyze(scene.image()).hairs
            XCTAssertEqual(hairs.count, 1, "fade at right: \(fadeAtRight)")
            guard let hair = hairs.first else { continue }
            XCTAssertEqual(hair.emergence.x, fadeAtRight ? 165 : 35, accuracy: 12, "fade at right: \(fadeAtRight)")
        }
    }

    /// Two hairs leaving one opening side by side and touching, clipped at different lengths (a 2-hair
    /// unit in a phototrichogram): one wide shaft up to the shorter one's end, where the width drops on
    /// one side. Two hairs, each with its own width and length, in one unit.
    func testTouchingHairsWithStaggeredEndsAreSeparated() {
        var scene = SyntheticScene(width: 200, height: 120)
        scene.shaft(from: (30, 56), to: (170, 56), width: 8, level: 50)
        scene.shaft(from: (30, 64), to: (110, 64), width: 8, level: 50)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        let byLength = result.hairs.sorted { $0.lengthPixels < $1.lengthPixels }
        guard byLength.count == 2 else { return }
        XCTAssertEqual(byLength[0].lengthPixels, 80, accuracy: 6)
        XCTAssertEqual(byLength[1].lengthPixels, 140, accuracy: 6)
        XCTAssertEqual(byLength[0].midpoint.y, 64, accuracy: 2)
        XCTAssertEqual(byLength[1].midpoint.y, 56, accuracy: 2)
        for hair in byLength { XCTAssertEqual(hair.diameterPixels, 8, accuracy: 1.5) }
        XCTAssertEqual(result.units.count, 1)
    }

    /// Two stubs leaving one opening at a narrow angle and clipped before they part (a 2-hair unit in a
    /// phototrichogram): one wedge whose width grows steadily from one hair's at the opening to 1.7 hairs' at
    /// the cut ends, no step anywhere. Two hairs of one unit, each as wide and as long as drawn.
    func testHairsDivergingFromOneOpeningBeforeTheyPartAreTwo() {
        var scene = SyntheticScene(width: 220, height: 120)
        scene.shaft(from: (30, 60), to: (190, 56.8), width: 9, level: 50)
        scene.shaft(from: (30, 60), to: (190, 63.2), width: 9, level: 50)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        let byHeight = result.hairs.sorted { $0.midpoint.y < $1.midpoint.y }
        guard byHeight.count == 2 else { return }
        XCTAssertEqual(byHeight[0].midpoint.y, 58.4, accuracy: 1.5)
        XCTAssertEqual(byHeight[1].midpoint.y, 61.6, accuracy: 1.5)
        for hair in byHeight {
            XCTAssertEqual(hair.diameterPixels, 9, accuracy: 1.5)
            XCTAssertEqual(hair.lengthPixels, 160, accuracy: 10)
        }
        XCTAssertEqual(result.units.count, 1)
    }

    /// One hair whose width changes steadily along it by as much as such a wedge's: a tip tapering from 14 to
    /// 8 px and paling as it thins, and a hair widening from 8 to 14 px and paling as it goes into haze. The
    /// axis darkness changes with the width, as no pair of overlapping shafts' does: one hair each.
    func testSingleHairsChangingWidthSteadilyStayOne() {
        for (widths, levels) in [((14.0, 8.0), (45.0, 115.0)), ((8.0, 14.0), (45.0, 110.0))] {
            var scene = SyntheticScene(width: 220, height: 120)
            scene.taperedShaft(from: (30, 60), to: (190, 60), widths: widths, levels: levels)
            let result = analyze(scene.image())
            XCTAssertEqual(result.hairs.count, 1, "widths \(widths)")
        }
    }

    /// Two hairs in line, one taking over from the other where they overlap side by side (as stubs leaving
    /// one opening do): the overlap is narrower than the two widths added, yet each hair, measured where it
    /// runs alone, keeps its own width.
    func testHairsOverlappingEndToEndKeepTheirOwnWidths() {
        var scene = SyntheticScene(width: 220, height: 120)
        scene.shaft(from: (20, 57), to: (125, 57), width: 9, level: 50)
        scene.shaft(from: (100, 63), to: (200, 63), width: 9, level: 50)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        for hair in result.hairs { XCTAssertEqual(hair.diameterPixels, 9, accuracy: 1.5) }
    }

    /// The same widths as one shaft (a single hair twice as wide): no jump along it, one hair.
    func testWideShaftWithoutAJumpStaysOneHair() {
        var scene = SyntheticScene(width: 200, height: 120)
        scene.shaft(from: (30, 60), to: (170, 60), width: 16, level: 50)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 1)
        XCTAssertEqual(result.hairs.first?.diameterPixels ?? 0, 16, accuracy: 0.6)
    }

    /// A dark shaft whose root runs on under the skin as a pale, wide streak, its edges blurred by the tissue
    /// far beyond the optics: the hair ends where the streak begins, and the streak is no hair of its own
    /// (`RootShadowTest`; a grey-scale image shows no hue, so its softness decides).
    func testPaleStreakBeyondTheOpeningIsNotPartOfTheHair() {
        let (w, h) = (220, 100)
        func coverage(sigma: Double, _ draw: (inout SyntheticScene) -> Void) -> [Double] {
            var scene = SyntheticScene(width: w, height: h, skin: 0)
            draw(&scene)
            return scene.blurred(sigma: sigma).map { $0 / 255 }
        }
        let streak = coverage(sigma: 3) { $0.shaft(from: (110, 50), to: (200, 50), width: 12, level: 255) }
        let stub = coverage(sigma: 0.8) { $0.shaft(from: (30, 50), to: (110, 50), width: 8, level: 255) }
        var scene = SyntheticScene(width: w, height: h)
        for i in 0..<(w * h) { scene.plane[i] = (190 - 18 * streak[i]) * (1 - stub[i]) + 45 * stub[i] }
        let result = analyze(scene.image(blur: 0))
        XCTAssertEqual(result.hairs.count, 1)
        guard let hair = result.hairs.first else { return }
        XCTAssertEqual(hair.lengthPixels, 80, accuracy: 5)
        XCTAssertEqual(hair.diameterPixels, 8, accuracy: 0.8)
    }

    /// Two hairs crossing at 12°: they overlap over several widths, which the skeleton thins to two Y
    /// junctions joined by the shared stretch. Still two whole hairs.
    func testShallowCrossingCountsTwoWholeHairs() {
        var scene = SyntheticScene(width: 260, height: 120)
        let rise = 230 * tan(12 * Double.pi / 180)
        scene.shaft(from: (15, 60), to: (245, 60), width: 7, level: 60)
        scene.shaft(from: (15, 60 - rise / 2), to: (245, 60 + rise / 2), width: 7, level: 60)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        for hair in result.hairs {
            XCTAssertGreaterThan(hair.lengthPixels, 215)
            XCTAssertEqual(hair.diameterPixels, 7, accuracy: 1)
        }
    }

    /// A thin hair emerging at a slant from under a thick one (their masks, traced): the thin hair's skeleton
    /// bends along the thick shaft towards the junction's centre. Cut back to where the mask is its own width,
    /// its path ends at the thick shaft's edge, so the end's position and direction (what joins and
    /// follicular units read) are the hair's own.
    func testPathEndingUnderAThickShaftStopsAtItsEdge() {
        let w = 220, h = 200
        var mask = ByteMask(width: w, height: h)
        let angle = 35 * Double.pi / 180
        let (ux, uy) = (cos(angle), sin(angle))
        for y in 0..<h {
            for x in 0..<w {
                let px = Double(x) + 0.5 - 130, py = Double(y) + 0.5 - 120
                let along = px * ux + py * uy, across = -px * uy + py * ux
                let inThin = along >= -115 && along <= 0 && abs(across) <= 2.5
                let inThick = abs(px) <= 12 && y >= 10 && y < 190
                if inThin || inThick { mask.bits[y * w + x] = 1 }
            }
        }
        var scratch = SkeletonGraph.Scratch(count: w * h)
        let paths = HairAnalyzer.trace(mask, polarity: .darker, scratch: &scratch)
        guard let thin = paths.first(where: { $0.radiusEstimate < 6 && $0.points.count > 50 }) else {
            return XCTFail("no path along the thin hair: \(paths.map { ($0.radiusEstimate, $0.points.count) })")
        }
        let line = thin.points.last!.x > thin.points.first!.x ? thin.points : thin.points.reversed()
        let tip = line[line.count - 1]
        // The thick shaft's left edge is at x = 118, its centre line at 130.
        XCTAssertLessThanOrEqual(tip.x, 121)
        // The tip lies on the thin hair's own line (at most its half-width off it).
        XCTAssertLessThanOrEqual(abs(-(tip.x - 130) * uy + (tip.y - 120) * ux), 2.5)
    }

    /// The ends of a path that stops at a junction are cut back to where the mask is its own width; a tip end,
    /// and a piece hardly longer than its end fit, are left as they are.
    func testJunctionEndIsCutBackToTheHairsOwnWidth() {
        // A radius map: 2 px along the thin hair (row 20), 9 px inside a wide shaft over columns 60...80.
        let w = 100, h = 40
        var radius = [Float](repeating: 0, count: w * h)
        for x in 0..<w { radius[20 * w + x] = (60...80).contains(x) ? 9 : 2 }
        func row(_ xs: ClosedRange<Int>) -> [PixelPoint] { xs.map { PixelPoint(x: Double($0) + 0.5, y: 20.5) } }
        let trimmed = CrossingResolver.trimmedIntoWiderShaft(row(0...70), radius: radius, width: w, ownRadius: 2,
                                                            atStart: false, atEnd: true)
        XCTAssertEqual(trimmed.first?.x, 0.5)
        XCTAssertEqual(trimmed.last?.x, 59.5)
        let tipOnly = CrossingResolver.trimmedIntoWiderShaft(row(0...70), radius: radius, width: w, ownRadius: 2,
                                                            atStart: true, atEnd: false)
        XCTAssertEqual(tipOnly.count, 71)
        let reversed = CrossingResolver.trimmedIntoWiderShaft(Array(row(0...70).reversed()), radius: radius, width: w,
                                                             ownRadius: 2, atStart: true, atEnd: false)
        XCTAssertEqual(reversed.first?.x, 59.5)
        // 30 points of which 10 lie inside: cutting them would leave fewer than two end fits (2 × 12).
        let short = CrossingResolver.trimmedIntoWiderShaft(row(41...70), radius: radius, width: w, ownRadius: 2,
                                                          atStart: false, atEnd: true)
        XCTAssertEqual(short.count, 30)
        // A path lying mostly inside loses at most a third of its points.
        let inside = CrossingResolver.trimmedIntoWiderShaft(row(20...80), radius: radius, width: w, ownRadius: 2,
                                                           atStart: false, atEnd: true)
        XCTAssertEqual(inside.count, 61 - 61 / 3)
    }

    /// A white hair whose bright core is found as a lighter hair and one dark rim (refraction at its edge) as
    /// a thin darker line beside it: one hair, as wide as core and rim together.
    func testDarkRimBesideALighterCoreIsPartOfThatHair() {
        var scene = SyntheticScene(width: 240, height: 140, skin: 150)
        scene.shaft(from: (20, 70), to: (220, 70), width: 14, level: 225)
        scene.shaft(from: (20, 78), to: (220, 78), width: 3, level: 70)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 1)
        XCTAssertEqual(result.hairs.first?.polarity, .lighter)
        XCTAssertEqual(result.hairs.first?.diameterPixels ?? 0, 17, accuracy: 2.5)
    }

    /// Two hairs leave one opening together, lie on top of each other for a stretch and then part: the
    /// shared stem belongs to both, so each is measured from the opening to its own tip.
    func testHairsSharingAStemBothRunToTheOpening() {
        var scene = SyntheticScene(width: 230, height: 130)
        scene.shaft(from: (20, 40), to: (210, 40), width: 7, level: 60)
        scene.shaft(from: (20, 40), to: (100, 40), width: 7, level: 60)
        scene.shaft(from: (100, 40), to: (190, 73), width: 7, level: 60)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        let bentLength = 80 + (90.0 * 90 + 33 * 33).squareRoot()
        let lengths = result.hairs.map(\.lengthPixels).sorted()
        guard lengths.count == 2 else { return }
        XCTAssertEqual(lengths[0], bentLength, accuracy: 10)
        XCTAssertEqual(lengths[1], 190, accuracy: 8)
        XCTAssertEqual(result.units.count, 1)
    }

    /// Skin exposed until its red channel clips (common with dermatoscope cameras) is skin, not glare: the
    /// whole frame stays in the field and the hair on it is found.
    func testRedClippedSkinStaysInTheField() {
        var scene = SyntheticScene(width: 200, height: 150, skin: 255)
        scene.shaft(from: (20, 75), to: (180, 75), width: 6, level: 0)
        let coverage = scene.blurred(sigma: 0.8)
        let skin = (255.0, 200.0, 190.0), hair = (90.0, 60.0, 50.0)
        var px = [UInt8](repeating: 0, count: 200 * 150 * 3)
        for i in 0..<(200 * 150) {
            let a = 1 - coverage[i] / 255
            px[3 * i] = UInt8((skin.0 * (1 - a) + hair.0 * a).rounded())
            px[3 * i + 1] = UInt8((skin.1 * (1 - a) + hair.1 * a).rounded())
            px[3 * i + 2] = UInt8((skin.2 * (1 - a) + hair.2 * a).rounded())
        }
        let result = analyze(RasterImage(width: 200, height: 150, channels: 3, pixels: px))
        XCTAssertEqual(result.analyzedAreaPixels, 200 * 150)
        XCTAssertEqual(result.hairs.count, 1)
    }

    /// An air bubble whose content looks like the skin around it: its thin dark ring is no hair.
    func testRingOfABubbleIsNotAHair() {
        var scene = SyntheticScene(width: 220, height: 160)
        scene.disk(centre: (80, 80), radius: 42, level: 90)
        scene.disk(centre: (80, 80), radius: 39, level: 190)
        scene.shaft(from: (150, 20), to: (170, 150), width: 6, level: 60)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 1)
        XCTAssertEqual(result.hairs.first?.midpoint.x ?? 0, 160, accuracy: 3)
    }

    /// A third of a bubble's ring traced (the rest too faint to trace) around content that matches the skin:
    /// the circle it lies on is darkened all the way round, so the arc is the bubble's rim. The same arc
    /// without the rest of the ring (a hair curving on its own) is not; nor is it when the ring's rest is far
    /// fainter than the arc.
    func testArcWhoseCircleIsDarkenedAllRoundIsABubbleRim() {
        let w = 200, h = 200, cx = 100.0, cy = 100.0, radius = 50.0
        func plane(arc: Float, rest: Float) -> FloatPlane {
            var t = FloatPlane(width: w, height: h, repeating: 1)
            for y in 0..<h {
                for x in 0..<w {
                    let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                    guard abs((dx * dx + dy * dy).squareRoot() - radius) <= 1.5 else { continue }
                    let angle = atan2(dy, dx)
                    t.samples[y * w + x] = angle >= 0 && angle <= 2.1 ? arc : rest
                }
            }
            return t
        }
        let line = stride(from: 0.1, through: 2.0, by: 0.02).map { PixelPoint(x: cx + radius * cos($0), y: cy + radius * sin($0)) }
        let field = ByteMask(width: w, height: h, repeating: 1)
        XCTAssertTrue(BubbleRimTest.isBubbleRim(line, halfWidth: 1.5, transmission: plane(arc: 0.6, rest: 0.8), field: field))
        XCTAssertFalse(BubbleRimTest.isBubbleRim(line, halfWidth: 1.5, transmission: plane(arc: 0.6, rest: 1), field: field))
        XCTAssertFalse(BubbleRimTest.isBubbleRim(line, halfWidth: 1.5, transmission: plane(arc: 0.6, rest: 0.9), field: field))
    }

    /// A bubble's film shows a bright ring just inside its dark one; the bright arc, traced as a lighter line,
    /// is the bubble's when the dark ring runs on round the rest of the circle. A white hair curving the same way
    /// with its own dark rims beside it (refraction), and nothing beyond its arc, is a hair.
    func testBrightArcInsideABubblesDarkRingIsNoHair() {
        let w = 200, h = 200, cx = 100.0, cy = 100.0, radius = 50.0
        /// A bright ring at `radius` (over `brightSpan` radians from angle 0), a dark one 5 px outside it over
        /// `darkSpan` radians from angle 0.
        func plane(darkSpan: Double) -> FloatPlane {
            var t = FloatPlane(width: w, height: h, repeating: 1)
            for y in 0..<h {
                for x in 0..<w {
                    let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                    let r = (dx * dx + dy * dy).squareRoot()
                    var angle = atan2(dy, dx)
                    if angle < 0 { angle += 2 * .pi }
                    if abs(r - radius) <= 1.5 && angle <= 2.1 { t.samples[y * w + x] = 1.3 }
                    if abs(r - (radius + 5)) <= 1.5 && angle <= darkSpan { t.samples[y * w + x] = 0.8 }
                }
            }
            return t
        }
        let line = stride(from: 0.1, through: 2.0, by: 0.02).map { PixelPoint(x: cx + radius * cos($0), y: cy + radius * sin($0)) }
        let field = ByteMask(width: w, height: h, repeating: 1)
        XCTAssertTrue(BubbleRimTest.isBubbleRim(line, halfWidth: 1.5, lighter: true, transmission: plane(darkSpan: 2 * .pi),
                                                field: field))
        // The dark line only along the arc: a white hair's own rim.
        XCTAssertFalse(BubbleRimTest.isBubbleRim(line, halfWidth: 1.5, lighter: true, transmission: plane(darkSpan: 2.2),
                                                 field: field))
        // Read as a darker line (the dark-ring rules), the bright arc is not a rim either.
        XCTAssertFalse(BubbleRimTest.isBubbleRim(line, halfWidth: 1.5, transmission: plane(darkSpan: 2.2), field: field))
    }

    /// A dark skirt along the inside of the aperture's rim runs along the rim for its whole length: it is
    /// the rim, not a hair. A hair crossing the field into the aperture is still a hair.
    func testLineAlongTheApertureRimIsNotAHair() {
        var scene = SyntheticScene(width: 300, height: 300)
        scene.disk(centre: (150, 150), radius: 125, level: 120)
        scene.disk(centre: (150, 150), radius: 122, level: 190)
        scene.shaft(from: (150, 60), to: (150, 2), width: 8, level: 40)
        scene.shaft(from: (100, 150), to: (200, 170), width: 5, level: 60)
        scene.aperture(radius: 130)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
    }

    /// A thin white hair passes under a wide dark one. The light pass leaves the dark mask out with a margin, and
    /// the dark hair's blurred edge lies beyond its own mask, so the white hair's two pieces stop a few pixels
    /// short of it on either side: that stretch is the dark hair's too (`occluderReach`), and the white hair is
    /// one hair, not two.
    func testLightHairPassingUnderADarkOneIsOneHair() {
        var scene = SyntheticScene(width: 260, height: 200, skin: 150)
        scene.shaft(from: (10, 100), to: (250, 96), width: 4, level: 215)
        scene.shaft(from: (128, 10), to: (132, 190), width: 16, level: 40)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        let white = result.hairs.filter { $0.polarity == .lighter }
        XCTAssertEqual(white.count, 1)
        XCTAssertEqual(white.first?.lengthPixels ?? 0, 240, accuracy: 8)
    }

    /// A thick and a thin hair cross where both bend a little, so that by direction alone the thick hair's
    /// left arm continues best into the thin hair's right arm. Widths do not change through a crossing: the
    /// thick hair is paired with itself.
    func testCrossingPairsBranchesOfMatchingWidth() {
        var scene = SyntheticScene(width: 240, height: 160)
        scene.shaft(from: (20, 60), to: (120, 60), width: 12, level: 60)
        scene.shaft(from: (120, 60), to: (220, 90), width: 12, level: 60)
        scene.shaft(from: (20, 90), to: (120, 60), width: 4, level: 60)
        scene.shaft(from: (120, 60), to: (220, 60), width: 4, level: 60)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        let byWidth = result.hairs.sorted { $0.diameterPixels < $1.diameterPixels }
        guard byWidth.count == 2 else { return }
        XCTAssertEqual(byWidth[0].diameterPixels, 4, accuracy: 1)
        XCTAssertEqual(byWidth[1].diameterPixels, 12, accuracy: 1.5)
        let thickEnds = [byWidth[1].centerline.first!, byWidth[1].centerline.last!].sorted { $0.x < $1.x }
        XCTAssertEqual(thickEnds[0].y, 60, accuracy: 4)
        XCTAssertEqual(thickEnds[1].y, 90, accuracy: 4)
    }

    /// A telogen stub after clipping: black, 12 px wide and 2.5 times as long (150 × 60 µm at 5 µm/px). It is a
    /// hair; a faint bar of the same shape (a pigment smudge, a scrap of texture) is not, nor is a dark round dot.
    func testShortDarkStubIsAHairButAFaintBarOrADotIsNot() {
        var scene = SyntheticScene(width: 240, height: 160)
        scene.shaft(from: (50, 50), to: (80, 50), width: 12, level: 25)
        scene.shaft(from: (150, 50), to: (180, 50), width: 12, level: 165)
        scene.disk(centre: (110, 120), radius: 9, level: 25)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 1)
        XCTAssertEqual(result.hairs.first?.midpoint.x ?? 0, 65, accuracy: 2)
        XCTAssertEqual(result.hairs.first?.lengthMicrons ?? 0, 150, accuracy: 15)
    }

    /// Five black stubs 70 µm wide, and two more lying side by side all along (one band 140 µm wide, no step to
    /// tell them apart): the band is twice the image's terminal width and wider than any scalp hair, so it is
    /// two hairs of half its width.
    func testStubsLyingSideBySideAllAlongAreTwoHairs() {
        var scene = SyntheticScene(width: 360, height: 300)
        for k in 0..<5 { scene.shaft(from: (40, 30 + 45 * Double(k)), to: (160, 30 + 45 * Double(k)), width: 14, level: 25) }
        scene.shaft(from: (220, 265), to: (340, 265), width: 28, level: 25)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 7)
        let band = result.hairs.filter { $0.midpoint.x > 200 }
        XCTAssertEqual(band.count, 2)
        for hair in band { XCTAssertEqual(hair.diameterMicrons ?? 0, 70, accuracy: 10) }
        XCTAssertEqual(result.units.filter { $0.hairIDs.count == 2 }.count, 1, "the two leave one opening")
    }

    /// Androgenetic alopecia: seven miniaturised hairs 40 µm wide and two healthy ones of 100 µm. The healthy
    /// ones are two and a half times the others, but no scalp hair is too wide to be one hair at 100 µm: they
    /// stay single.
    func testHealthyHairsAmongMiniaturisedOnesAreNotSplit() {
        var scene = SyntheticScene(width: 360, height: 320)
        for k in 0..<7 { scene.shaft(from: (40, 25 + 40 * Double(k)), to: (180, 25 + 40 * Double(k)), width: 8, level: 40) }
        for k in 0..<2 { scene.shaft(from: (220, 80 + 100 * Double(k)), to: (340, 80 + 100 * Double(k)), width: 20, level: 25) }
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 9)
        let thick = result.hairs.filter { $0.midpoint.x > 200 }
        XCTAssertEqual(thick.count, 2)
        for hair in thick { XCTAssertEqual(hair.diameterMicrons ?? 0, 100, accuracy: 10) }
    }

    func testPoreIsNotAHair() {
        var scene = SyntheticScene(width: 120, height: 120)
        scene.disk(centre: (60, 60), radius: 8, level: 110)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 0)
    }

    func testHairLighterThanSkin() {
        var scene = SyntheticScene(width: 160, height: 120, skin: 150)
        scene.shaft(from: (20, 60), to: (140, 50), width: 5, level: 215)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 1)
        XCTAssertEqual(result.hairs.first?.polarity, .lighter)
        XCTAssertEqual(result.hairs.first?.diameterPixels ?? 0, 5, accuracy: 0.5)
    }

    func testApertureIsExcludedFromTheField() {
        var scene = SyntheticScene(width: 300, height: 300)
        scene.shaft(from: (100, 150), to: (200, 150), width: 5, level: 60)
        // A black hair running into the aperture must not be taken for aperture.
        scene.shaft(from: (150, 60), to: (150, 2), width: 8, level: 20)
        scene.aperture(radius: 130)
        let result = analyze(scene.image())
        let circle = Double.pi * 130 * 130
        XCTAssertEqual(Double(result.analyzedAreaPixels), circle, accuracy: circle * 0.02)
        XCTAssertEqual(result.fieldMask[0], 0)
        XCTAssertEqual(result.fieldMask[150 * 300 + 150], 1)
        XCTAssertEqual(result.fieldMask[40 * 300 + 150], 1, "the black hair inside the field stays field")
        XCTAssertEqual(result.hairs.count, 2)
        XCTAssertEqual(result.analyzedAreaCm2 ?? 0, Double(result.analyzedAreaPixels) * 25e-8, accuracy: 1e-12)
    }

    func testBlackStubsAtTheFrameAreNotAnAperture() throws {
        // A phototrichogram without an aperture whose black stubs run out of the frame: an earlier version
        // fitted a "circle" to the edge of a clump of them and excluded nearly the whole frame.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let image = try ImageDecoder.decode(contentsOf: root.appendingPathComponent("SampleImages/clipped-1-001.png").path)
        let field = FieldMaskDetector.detect(ColorPlanes(image), micronsPerPixel: 7.22).mask
        XCTAssertGreaterThan(Double(field.countSet()), 0.9 * Double(image.width * image.height))
    }

    func testTranslucentShaftWithDarkRimsIsOneHair() {
        // A grey shaft 16 px wide whose edges are dark and whose core is almost skin-bright.
        var scene = SyntheticScene(width: 240, height: 160)
        scene.shaft(from: (20, 72), to: (220, 72), width: 16, level: 187)
        scene.shaft(from: (20, 65), to: (220, 65), width: 2.5, level: 95)
        scene.shaft(from: (20, 79), to: (220, 79), width: 2.5, level: 95)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 1)
        XCTAssertEqual(result.hairs.first?.diameterPixels ?? 0, 16, accuracy: 2)
        XCTAssertEqual(result.hairs.first?.midpoint.y ?? 0, 72, accuracy: 1.5)
    }

    /// A dark terminal hair and a faint vellus hair running side by side 14 px apart, skin between them: the
    /// skin is lighter than both lines, as a translucent shaft's core is lighter than its rims, but the two rims
    /// of one shaft are its two edges under the same light and darken the skin alike. These differ by far more
    /// than that, so they stay two hairs, each on its own line.
    func testDarkHairBesideAFaintOneIsNotARimPair() {
        var scene = SyntheticScene(width: 240, height: 160)
        scene.shaft(from: (20, 70), to: (220, 70), width: 4, level: 40)
        scene.shaft(from: (20, 84), to: (220, 84), width: 2.5, level: 150)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
        let rows = result.hairs.map(\.midpoint.y).sorted()
        XCTAssertEqual(rows.first ?? 0, 70, accuracy: 1.5)
        XCTAssertEqual(rows.last ?? 0, 84, accuracy: 1.5)
    }

    func testFurrowIsShadingButPigmentedLineIsAHair() {
        // Two lines of equal darkness: a furrow (the skin's own colour, darker) and a light-brown hair. The furrow
        // is no wider than a few of the optics' blur: a neutral line as wide as four blurs with edges as sharp as
        // the optics' is an object, a grey hair (see the next test).
        var furrow = SyntheticScene(width: 240, height: 160, skin: 255)
        furrow.shaft(from: (20, 45), to: (220, 45), width: 2.5, level: 0)
        var hair = SyntheticScene(width: 240, height: 160, skin: 255)
        hair.shaft(from: (20, 115), to: (220, 115), width: 4, level: 0)
        let f = furrow.blurred(sigma: 0.8), g = hair.blurred(sigma: 0.8)
        let skin = (220.0, 170.0, 160.0)
        let shaded = (skin.0 * 0.75, skin.1 * 0.75, skin.2 * 0.75)
        let brown = (175.0, 118.0, 90.0)   // about as dark as `shaded`, but a different hue
        var px = [UInt8](repeating: 0, count: 240 * 160 * 3)
        for i in 0..<(240 * 160) {
            let a = 1 - f[i] / 255, b = 1 - g[i] / 255
            let c = (skin.0 * (1 - a - b) + shaded.0 * a + brown.0 * b,
                     skin.1 * (1 - a - b) + shaded.1 * a + brown.1 * b,
                     skin.2 * (1 - a - b) + shaded.2 * a + brown.2 * b)
            px[3 * i] = UInt8(c.0.rounded()); px[3 * i + 1] = UInt8(c.1.rounded()); px[3 * i + 2] = UInt8(c.2.rounded())
        }
        let result = analyze(RasterImage(width: 240, height: 160, channels: 3, pixels: px))
        XCTAssertEqual(result.hairs.count, 1)
        XCTAssertEqual(result.hairs.first?.midpoint.y ?? 0, 115, accuracy: 1.5)
    }

    /// A grey stub darkens the skin without changing its hue, as a furrow's shading does, but it is an object:
    /// 14 px wide with edges as sharp as the optics (σ 0.8 px, set by the dark hair beside it). It is a hair;
    /// the thin neutral line (the furrow of the test above) is still shading.
    func testGreyStubWithSharpEdgesIsAHairThoughItsHueIsTheSkins() {
        var stub = SyntheticScene(width: 240, height: 200, skin: 255)
        stub.shaft(from: (20, 100), to: (220, 100), width: 14, level: 0)
        var furrow = SyntheticScene(width: 240, height: 200, skin: 255)
        furrow.shaft(from: (20, 160), to: (220, 160), width: 2.5, level: 0)
        var hair = SyntheticScene(width: 240, height: 200, skin: 255)
        hair.shaft(from: (20, 40), to: (220, 40), width: 16, level: 0)
        let g = stub.blurred(sigma: 0.8), f = furrow.blurred(sigma: 0.8), b = hair.blurred(sigma: 0.8)
        let skin = (220.0, 170.0, 160.0)
        let grey = 0.72, shaded = 0.75
        let brown = (60.0, 40.0, 30.0)
        var px = [UInt8](repeating: 0, count: 240 * 200 * 3)
        for i in 0..<(240 * 200) {
            let a = 1 - g[i] / 255, c = 1 - f[i] / 255, d = 1 - b[i] / 255
            // Neutral darkening by the stub and the furrow (they do not overlap), then the brown hair over it.
            let k = 1 - a * (1 - grey) - c * (1 - shaded)
            let v = (skin.0 * k * (1 - d) + brown.0 * d, skin.1 * k * (1 - d) + brown.1 * d, skin.2 * k * (1 - d) + brown.2 * d)
            px[3 * i] = UInt8(v.0.rounded()); px[3 * i + 1] = UInt8(v.1.rounded()); px[3 * i + 2] = UInt8(v.2.rounded())
        }
        let result = analyze(RasterImage(width: 240, height: 200, channels: 3, pixels: px))
        XCTAssertEqual(result.hairs.map { Int(($0.midpoint.y / 10).rounded()) }.sorted(), [4, 10])
    }

    /// The optics blur every edge by σ 0.8 px (the wide hair sets that). A thin hair keeps that sharpness; a
    /// line as dark, blurred to σ 2.5 px so that it has no width of its own (a furrow's soft shading), is not
    /// a hair.
    func testSoftLineWithNoWidthOfItsOwnIsNotAHair() {
        let (w, h) = (240, 200)
        var sharp = SyntheticScene(width: w, height: h)
        sharp.shaft(from: (20, 40), to: (220, 40), width: 14, level: 40)
        sharp.shaft(from: (20, 100), to: (220, 100), width: 4, level: 120)
        var soft = SyntheticScene(width: w, height: h)
        soft.shaft(from: (20, 160), to: (220, 160), width: 3, level: 0)
        let a = sharp.blurred(sigma: 0.8), b = soft.blurred(sigma: 2.5)
        var px = [UInt8](repeating: 0, count: w * h * 3)
        for i in 0..<(w * h) {
            let v = UInt8((a[i] * b[i] / sharp.skin).rounded())
            px[3 * i] = v; px[3 * i + 1] = v; px[3 * i + 2] = v
        }
        let result = analyze(RasterImage(width: w, height: h, channels: 3, pixels: px))
        XCTAssertEqual(result.hairs.count, 2)
        XCTAssertEqual(result.hairs.map { Int(($0.midpoint.y / 10).rounded()) }.sorted(), [4, 10])
    }

    /// The skin darkens towards the aperture's rim over a band 30 px wide (the field stop imaged out of focus,
    /// down to 65 % at the rim), far steeper than the flattening's blocks follow. Beyond the rim the aperture is
    /// excluded; a cross-section reaching it would read skin there, and the band would look like a dark line
    /// with skin on both sides. Only the two hairs are found.
    func testShadedBandAlongTheApertureRimIsNotAHair() {
        var scene = SyntheticScene(width: 320, height: 320)
        scene.shaft(from: (160, 60), to: (160, 2), width: 8, level: 40)
        scene.shaft(from: (100, 160), to: (220, 180), width: 5, level: 60)
        for y in 0..<320 {
            for x in 0..<320 {
                let r = ((Double(x) + 0.5 - 160) * (Double(x) + 0.5 - 160) + (Double(y) + 0.5 - 160) * (Double(y) + 0.5 - 160)).squareRoot()
                let q = min(1, max(0, (r - 110) / 30))
                scene.plane[y * 320 + x] *= 1 - 0.35 * q * q
            }
        }
        scene.aperture(radius: 140)
        let result = analyze(scene.image())
        XCTAssertEqual(result.hairs.count, 2)
    }

    func testClassificationAndPhase() {
        var options = AnalysisOptions()
        XCTAssertEqual(HairClassifier.hairClass(diameterMicrons: 30, options: options), .vellus)
        XCTAssertEqual(HairClassifier.hairClass(diameterMicrons: 35, options: options), .terminal)
        options.vellusMaxMicrons = 40
        XCTAssertEqual(HairClassifier.hairClass(diameterMicrons: 35, options: options), .vellus)
        options.intermediateClass = true
        XCTAssertEqual(HairClassifier.hairClass(diameterMicrons: 50, options: options), .intermediate)
        XCTAssertEqual(HairClassifier.hairClass(diameterMicrons: 60, options: options), .terminal)
        XCTAssertNil(HairClassifier.phase(lengthMicrons: 500, options: options))
        options.daysSinceClipping = 2
        XCTAssertEqual(options.effectiveAnagenMinMicrons ?? 0, 350, accuracy: 1e-9)
        XCTAssertEqual(HairClassifier.phase(lengthMicrons: 500, options: options), .anagen)
        XCTAssertEqual(HairClassifier.phase(lengthMicrons: 200, options: options), .telogen)
        // Cut by the frame: long enough where seen is anagen for certain; shorter could be either.
        XCTAssertEqual(HairClassifier.phase(lengthMicrons: 500, truncated: true, options: options), .anagen)
        XCTAssertNil(HairClassifier.phase(lengthMicrons: 200, truncated: true, options: options))
    }

    /// Anagen share of the hairs whose phase can be told; the undetermined ones are counted apart.
    func testPhaseCountsLeaveUndeterminedHairsOut() {
        func hair(_ id: Int, _ phase: GrowthPhase?) -> Hair {
            Hair(id: id, centerline: [PixelPoint(x: 0, y: 0), PixelPoint(x: 10, y: 0)], midpoint: PixelPoint(x: 5, y: 0),
                 lengthPixels: 10, diameterPixels: 2, lengthMicrons: 50, diameterMicrons: 10, hairClass: .terminal,
                 phase: phase, polarity: .darker, unitID: id, emergence: PixelPoint(x: 0, y: 0),
                 truncated: phase == nil, atJunction: false)
        }
        let hairs = [hair(1, .anagen), hair(2, .anagen), hair(3, .anagen), hair(4, .telogen), hair(5, nil)]
        let m = MetricsCalculator.compute(hairs: hairs, units: [], areaCm2: 0.1, calibrated: true, phaseAssigned: true)
        XCTAssertEqual(m.anagenCount, 3)
        XCTAssertEqual(m.telogenCount, 1)
        XCTAssertEqual(m.phaseUndeterminedCount, 1)
        XCTAssertEqual(m.anagenPercent ?? 0, 75, accuracy: 1e-9)
        XCTAssertEqual(m.phaseInferredCount, 0)
        var withInferred = hairs
        withInferred[4].phase = .anagen
        withInferred[4].phaseInferred = true
        let inferred = MetricsCalculator.compute(hairs: withInferred, units: [], areaCm2: 0.1, calibrated: true, phaseAssigned: true)
        XCTAssertEqual(inferred.anagenCount, 4)
        XCTAssertEqual(inferred.phaseUndeterminedCount, 0)
        XCTAssertEqual(inferred.phaseInferredCount, 1)
        let unphased = MetricsCalculator.compute(hairs: hairs, units: [], areaCm2: 0.1, calibrated: true, phaseAssigned: false)
        XCTAssertNil(unphased.phaseUndeterminedCount)
        XCTAssertNil(unphased.phaseInferredCount)
    }

    /// A hair cut by an edge and shorter than the threshold where seen takes the phase most whole hairs longer
    /// than its visible part have; with no such hair it stays unknown. Whole hairs and cut ones long enough
    /// are left as they are.
    func testCutHairsTakeThePhaseOfTheWholeHairsLongerThanTheirVisiblePart() {
        // Whole: anagen 900 and 1100 µm, telogen 120, 150 and 300 µm. Cut: 100, 200, 250 and 400 µm seen.
        let lengths: [Double] = [900, 1100, 120, 150, 300, 100, 200, 250, 400, 1200]
        let truncated = [false, false, false, false, false, true, true, true, true, true]
        var phases: [GrowthPhase?] = [.anagen, .anagen, .telogen, .telogen, .telogen, nil, nil, nil, nil, .anagen]
        let changed = HairClassifier.inferCutPhases(lengthsMicrons: lengths, truncated: truncated, phases: &phases)
        // 100 µm seen: longer whole hairs are 2 anagen, 3 telogen -> telogen. 200: 2 anagen, 1 telogen -> anagen.
        // 250: 2 and 1 -> anagen. 400: 2 and 0 -> anagen. The 1200 µm cut hair already had its phase.
        XCTAssertEqual(changed, [5, 6, 7, 8])
        XCTAssertEqual(phases, [.anagen, .anagen, .telogen, .telogen, .telogen, .telogen, .anagen, .anagen, .anagen, .anagen])
        // No whole hair longer than what is seen: unknown.
        var lone: [GrowthPhase?] = [.telogen, nil]
        XCTAssertEqual(HairClassifier.inferCutPhases(lengthsMicrons: [100, 150], truncated: [false, true], phases: &lone), [])
        XCTAssertNil(lone[1])
    }

    /// Two of the widest hairs side by side (320 µm) is as wide as a measured shaft may be; wider, or no width that
    /// can be read, is no hair.
    func testNoShaftWiderThanTwoOfTheWidestHairs() {
        let line = (0..<60).map { PixelPoint(x: Double($0) + 0.5, y: 30.5) }
        let path = ShaftPath(points: line, startKind: .tip, endKind: .tip, crossings: [], radiusEstimate: 20, polarity: .darker)
        func measured(_ width: Double) -> ShaftMeasurer.Measurement {
            ShaftMeasurer.Measurement(path: path, centerline: line, lengthPixels: 60, diameterPixels: width, contrast: 0.5,
                                      signalToNoise: 50, profileSamples: 50, fitRMS: 0.01, skinTransmission: 1,
                                      axisTransmission: 0.5, startTruncated: false, endTruncated: false)
        }
        XCTAssertTrue(HairAnalyzer.hasPlausibleWidth(measured(40), micronsPerPixel: 8))
        XCTAssertFalse(HairAnalyzer.hasPlausibleWidth(measured(41), micronsPerPixel: 8))
        XCTAssertFalse(HairAnalyzer.hasPlausibleWidth(measured(.nan), micronsPerPixel: 8))
        XCTAssertFalse(HairAnalyzer.hasPlausibleWidth(measured(.infinity), micronsPerPixel: 8))
    }

    /// A hair whose tip passes under another shaft is seen only up to there, like a hair cut by the frame; a hair
    /// that leaves a junction at its opening (a unit mate's stem) and ends in a free tip is seen whole.
    func testHiddenTipIsTheEndAwayFromTheOpeningAtAJunction() {
        let line = (0..<20).map { PixelPoint(x: Double($0) + 0.5, y: 10.5) }
        let openingFree = ShaftPath(points: line, startKind: .tip, endKind: .junction, crossings: [], radiusEstimate: 2,
                                    polarity: .darker)
        XCTAssertTrue(HairAnalyzer.tipIsHidden(openingFree, emergenceAtStart: true))
        XCTAssertFalse(HairAnalyzer.tipIsHidden(openingFree, emergenceAtStart: false))
        var corner = openingFree
        corner.endKind = .corner
        XCTAssertFalse(HairAnalyzer.tipIsHidden(corner, emergenceAtStart: true))
        var free = openingFree
        free.endKind = .tip
        XCTAssertFalse(HairAnalyzer.tipIsHidden(free, emergenceAtStart: true))
    }

    func testProfileFitRecoversWidthUnderBlur() {
        let truth = ShaftProfileModel(x0: 0.3, width: 2.5, contrast: 0.5, b0: 1, b1: 0, sigma: 1.2, shape: 0.4)
        let offsets = stride(from: -8.0, through: 8.0, by: 0.5).map { $0 }
        let values = offsets.map { truth.value(at: $0) }
        var start = truth
        start.width = 4; start.x0 = 0; start.contrast = 0.3
        let fit = ShaftProfileModel.fit(offsets: offsets, values: values, initial: start, freeBlurAndShape: false)
        XCTAssertEqual(fit.model.width, 2.5, accuracy: 0.01)
        XCTAssertEqual(fit.model.x0, 0.3, accuracy: 0.01)
    }

    /// A hair is a cylinder that absorbs by Beer–Lambert: across it the absorbed fraction is 1 − exp(−τ·chord).
    /// Its blurred cross-section, integrated here by brute force (2000 slices), is read at its own width, for a
    /// pale, a dark and a nearly opaque shaft, thin and wide. (A bar-and-half-ellipse mix read such shafts up to
    /// half a pixel narrow, whatever its mix.)
    func testBeerLambertCylinderIsMeasuredAtItsWidth() {
        for (width, depth, sigma) in [(14.0, 2.0, 0.8), (5.0, 1.0, 1.0), (9.0, 6.0, 0.9), (20.0, 0.5, 1.2)] {
            let offsets = stride(from: -(width / 2 + 8), through: width / 2 + 8, by: 0.5).map { $0 }
            let slices = 2000
            let values = offsets.map { u -> Double in
                var absorbed = 0.0
                for k in 0..<slices {
                    let t = -width / 2 + (Double(k) + 0.5) * width / Double(slices)
                    let chord = (1 - (2 * t / width) * (2 * t / width)).squareRoot()
                    let g = exp(-(u - t) * (u - t) / (2 * sigma * sigma)) / (sigma * (2 * Double.pi).squareRoot())
                    absorbed += (1 - exp(-depth * chord)) * g * width / Double(slices)
                }
                return 1 - 0.8 * absorbed
            }
            // As in the pipeline: the image's blur and cross-section shape known (calibrated on its widest
            // shafts), the width fitted. (opticalDepth(shape:) = 4 (1 − s) / s.)
            let shape = 4 / (4 + depth)
            let start = ShaftProfileModel(x0: 0.4, width: width * 0.8, contrast: 0.5, b0: 1, b1: 0, sigma: sigma, shape: shape)
            let fit = ShaftProfileModel.fit(offsets: offsets, values: values, initial: start, freeBlurAndShape: false)
            XCTAssertEqual(fit.model.width, width, accuracy: 0.05, "width \(width) depth \(depth)")
        }
    }

    /// The profile's analytic derivatives (used by the fit's Jacobian) against central differences, for a
    /// bar, translucent and nearly opaque cylinders and a lighter-cored mix, thin and wide, sharp and blurred,
    /// across and outside the shaft. (The quadrature's node count grows with width/σ in whole steps; the
    /// widths here are clear of a step, where the profile jumps by the quadrature's tiny error.)
    func testProfileGradientMatchesFiniteDifferences() {
        for (width, sigma, shape) in [(2.5, 1.2, 0.0), (2.5, 1.2, 1.0), (14.3, 0.8, 0.4), (6.0, 2.5, 0.7), (9.3, 1.1, -0.3)] {
            let m = ShaftProfileModel(x0: 0.3, width: width, contrast: 0.6, b0: 1, b1: 0, sigma: sigma, shape: shape)
            for u in stride(from: -12.0, through: 12.0, by: 0.7) {
                let g = m.absorbanceWithGradient(u)
                XCTAssertEqual(g.value, m.absorbance(u), accuracy: 1e-12)
                let h = 1e-5
                var a = m, b = m
                a.x0 += h; b.x0 -= h
                XCTAssertEqual(g.dx0, (a.absorbance(u) - b.absorbance(u)) / (2 * h), accuracy: 1e-6, "dx0 w \(width) u \(u)")
                a = m; b = m
                a.width += h; b.width -= h
                XCTAssertEqual(g.dWidth, (a.absorbance(u) - b.absorbance(u)) / (2 * h), accuracy: 1e-6, "dWidth w \(width) u \(u)")
            }
        }
    }

    /// A white shaft's cross-section: a bright core 10 px wide between two dark rims 2 px wide. Its width runs
    /// from rim to rim (halfway back up from each rim's dip to the skin); a core without rims keeps its own.
    func testLighterShaftWidthReachesOutToItsRims() {
        let offsets = stride(from: -12.0, through: 12.0, by: 0.5).map { $0 }
        let rimmed = offsets.map { abs($0) <= 5 ? 1.3 : (abs($0) <= 7 ? 0.8 : 1.0) }
        let core = ShaftProfileModel(x0: 0, width: 10, contrast: -0.3, b0: 1, b1: 0, sigma: 0.8, shape: 0)
        let profile = ShaftMeasurer.MeanProfile(offsets: offsets, values: rimmed, samples: 50, noise: 0.002)
        XCTAssertEqual(ShaftMeasurer.widthIncludingRims(profile, model: core) ?? 0, 14.5, accuracy: 0.01)
        let plain = ShaftMeasurer.MeanProfile(offsets: offsets, values: offsets.map { abs($0) <= 5 ? 1.3 : 1.0 },
                                              samples: 50, noise: 0.002)
        XCTAssertNil(ShaftMeasurer.widthIncludingRims(plain, model: core))
    }

    func testGaussianFilterPreservesMeanAndSmooths() {
        var plane = FloatPlane(width: 64, height: 64)
        plane.samples[32 * 64 + 32] = 1
        for sigma in [1.0, 3.0, 6.0] {
            let s = GaussianFilter.smoothed(plane, sigma: sigma)
            let total = s.samples.reduce(0, +)
            XCTAssertEqual(total, 1, accuracy: 0.02, "σ \(sigma)")
            // Peak of a 2-D Gaussian: 1 / (2πσ²).
            XCTAssertEqual(Double(s.samples[32 * 64 + 32]), 1 / (2 * .pi * sigma * sigma), accuracy: 0.15 / (2 * .pi * sigma * sigma))
        }
    }

    func testDistanceTransformIsExact() {
        let d = DistanceTransform.squaredDistance(width: 10, height: 8) { $0 == 3 * 10 + 4 }
        XCTAssertEqual(d[3 * 10 + 4], 0)
        XCTAssertEqual(d[0], Float(16 + 9))
        XCTAssertEqual(d[7 * 10 + 9], Float(25 + 16))
    }
}


