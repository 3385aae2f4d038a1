import TrichometryAnalysis
import TrichometryImageIO
import TrichometryReport
import XCTest

final class OverlayTests: XCTestCase {
    /// A hand-made analysis of a plain image: two hairs in one unit, the left quarter excluded.
    func makeAnalysis(width: Int, height: Int) -> ImageAnalysis {
        func hair(_ id: Int, _ y: Double, _ hairClass: HairClass) -> Hair {
            let line = stride(from: 60.0, through: 140.0, by: 10).map { PixelPoint(x: $0, y: y) }
            return Hair(id: id, centerline: line, midpoint: PixelPoint(x: 100, y: y), lengthPixels: 80,
                        diameterPixels: 8, lengthMicrons: 400, diameterMicrons: 40, hairClass: hairClass,
                        phase: nil, polarity: .darker, unitID: 1, emergence: line[0], truncated: false, atJunction: false)
        }
        var field = [UInt8](repeating: 1, count: width * height)
        for y in 0..<height { for x in 0..<(width / 4) { field[y * width + x] = 0 } }
        var metrics = ImageMetrics()
        metrics.hairCount = 2
        metrics.terminalCount = 1
        metrics.vellusCount = 1
        metrics.vellusPercent = 50
        metrics.densityPerCm2 = 123.4
        return ImageAnalysis(width: width, height: height, calibration: Calibration(micronsPerPixel: 5),
                             fieldMask: field, analyzedAreaPixels: width * height * 3 / 4, analyzedAreaCm2: 0.01,
                             hairMask: [UInt8](repeating: 0, count: width * height),
                             hairs: [hair(2, 60, .vellus), hair(1, 110, .terminal)],
                             units: [FollicularUnit(id: 1, center: PixelPoint(x: 60, y: 85), hairIDs: [1, 2])],
                             metrics: metrics)
    }

    func pixel(_ image: RasterImage, _ x: Int, _ y: Int) -> [UInt8] {
        let i = (y * image.width + x) * image.channels
        return Array(image.pixels[i..<(i + 3)])
    }

    func testOverlayDrawsEveryHairInItsClassColourWithItsID() {
        let gray = RasterImage(width: 240, height: 200, channels: 1, fill: 128)
        let analysis = makeAnalysis(width: 240, height: 200)
        let overlay = OverlayRenderer.render(gray, analysis: analysis, title: "x.png")
        XCTAssertEqual(overlay.image.width, 240)
        XCTAssertEqual(overlay.image.height, 200)
        XCTAssertEqual(overlay.image.channels, 3)
        XCTAssertEqual(overlay.labels.map(\.hairID), [1, 2])
        let terminal = OverlayRenderer.terminalColor, vellus = OverlayRenderer.vellusColor
        XCTAssertEqual(pixel(overlay.image, 120, 110), [terminal.red, terminal.green, terminal.blue])
        XCTAssertEqual(pixel(overlay.image, 120, 60), [vellus.red, vellus.green, vellus.blue])
        // The edges sit ±diameter/2 from the centerline, with untouched image between.
        XCTAssertEqual(pixel(overlay.image, 120, 114), [terminal.red, terminal.green, terminal.blue])
        XCTAssertEqual(pixel(overlay.image, 120, 106), [terminal.red, terminal.green, terminal.blue])
        XCTAssertEqual(pixel(overlay.image, 120, 108), [128, 128, 128])
        // Each id label sits beside its hair, not on it.
        for label in overlay.labels {
            let y = label.hairID == 1 ? 110 : 60
            XCTAssertGreaterThan(abs(label.y + 3 - y), 4, "label \(label.hairID) covers its hair")
        }
    }

    func testIDsOfCrowdedParallelHairsDoNotOverlap() {
        var analysis = makeAnalysis(width: 240, height: 200)
        let template = analysis.hairs[0]
        analysis.hairs = (1...4).map { id in
            var hair = template
            hair.id = id
            let y = 80 + Double(id) * 6
            hair.centerline = hair.centerline.map { PixelPoint(x: $0.x, y: y) }
            hair.midpoint = PixelPoint(x: 100, y: y)
            hair.diameterPixels = 3
            return hair
        }
        let overlay = OverlayRenderer.render(RasterImage(width: 240, height: 200, channels: 3, fill: 128), analysis: analysis)
        let width = BitmapFont.width(of: "4", scale: 1), height = BitmapFont.height(scale: 1)
        for a in overlay.labels {
            for b in overlay.labels where a.hairID < b.hairID {
                let apart = a.x + width <= b.x || b.x + width <= a.x || a.y + height <= b.y || b.y + height <= a.y
                XCTAssertTrue(apart, "labels \(a.hairID) and \(b.hairID) overlap")
            }
        }
    }

    func testExcludedFieldIsHatchedAndTheRestLeftAlone() {
        let gray = RasterImage(width: 240, height: 200, channels: 1, fill: 128)
        let overlay = OverlayRenderer.render(gray, analysis: makeAnalysis(width: 240, height: 200))
        // In the excluded left quarter (below the legend, above the summary band) every pixel changed.
        var changed = 0, total = 0
        for y in 120..<170 { for x in 0..<60 { total += 1; if pixel(overlay.image, x, y) != [128, 128, 128] { changed += 1 } } }
        XCTAssertEqual(changed, total)
        // In the valid field, away from hairs and labels, nothing changed.
        XCTAssertEqual(pixel(overlay.image, 200, 150), [128, 128, 128])
    }

    func testSummaryLineAndScaleBar() {
        let analysis = makeAnalysis(width: 240, height: 200)
        XCTAssertEqual(OverlayRenderer.summaryText(analysis), "2 hairs  ·  123.4 hairs/cm²  ·  vellus 50.0 %")
        var uncalibrated = analysis
        uncalibrated.metrics.densityPerCm2 = nil
        XCTAssertTrue(OverlayRenderer.summaryText(uncalibrated).contains("uncalibrated"))
        // The bottom band is darkened across the whole width.
        let overlay = OverlayRenderer.render(RasterImage(width: 240, height: 200, channels: 3, fill: 200), analysis: analysis)
        XCTAssertLessThan(Int(pixel(overlay.image, 120, 198)[0]), 200)
    }

    func testTextScalesWithImageSizeForLegibilityAt5MP() {
        XCTAssertEqual(BitmapFont.width(of: "12", scale: 1), 11)
        XCTAssertEqual(BitmapFont.width(of: "12", scale: 3), 33)
        // On a 2592 × 1944 image an id is at least 20 px tall; on a 200 px image it stays 7 px.
        let big = ImageAnalysis(width: 2592, height: 1944, calibration: .uncalibrated, fieldMask: [], analyzedAreaPixels: 0,
                                analyzedAreaCm2: nil, hairMask: [], hairs: [], units: [], metrics: ImageMetrics())
        let overlay = OverlayRenderer.render(RasterImage(width: 2592, height: 1944, channels: 3, fill: 90), analysis: big)
        // The summary band is at least 21 px (7 rows × scale 3) plus padding.
        var bandRows = 0
        for y in stride(from: 1943, through: 1850, by: -1) where pixel(overlay.image, 2500, y) != [90, 90, 90] { bandRows += 1 }
        XCTAssertGreaterThanOrEqual(bandRows, 21)
    }

    func testMaskIsBinary() {
        var analysis = makeAnalysis(width: 240, height: 200)
        analysis.hairMask[5] = 1
        let mask = MaskExporter.hairMask(of: analysis)
        XCTAssertEqual(mask.channels, 1)
        XCTAssertEqual(mask.pixels[5], 255)
        XCTAssertEqual(mask.pixels.filter { $0 != 0 }.count, 1)
    }
}
