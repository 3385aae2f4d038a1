import XCTest
@testable import TrichometryPhantom

final class TruthConsistencyTests: XCTestCase {
    func testTotalsAreRecomputableFromTheHairList() throws {
        for preset in PhantomPreset.allCases {
            for index in 0..<2 {
                let truth = try PhantomTestSupport.sample(preset, seed: 21, index: index).truth
                checkConsistency(truth, "\(preset) #\(index)")
            }
        }
    }

    func checkConsistency(_ truth: PhantomTruth, _ label: String) {
        let counted = truth.hairs.filter(\.counted)
        let totals = truth.totals
        XCTAssertEqual(totals.hairCount, counted.count, label)
        XCTAssertEqual(totals.vellusCount, counted.filter { $0.class == "vellus" }.count, label)
        XCTAssertEqual(totals.terminalCount + totals.vellusCount, totals.hairCount, label)
        if totals.hairCount > 0 {
            XCTAssertEqual(totals.vellusPercent, 100 * Double(totals.vellusCount) / Double(totals.hairCount), accuracy: 1e-9, label)
            XCTAssertEqual(totals.meanDiameterUm, counted.map(\.diameterUm).reduce(0, +) / Double(counted.count), accuracy: 1e-9, label)
        }
        XCTAssertEqual(totals.densityPerCm2, Double(totals.hairCount) / truth.fieldAreaCm2, accuracy: 1e-9, label)
        XCTAssertEqual(totals.follicularUnitCount, Set(counted.map(\.unitId)).count, label)
        XCTAssertEqual(Set(truth.hairs.map(\.id)).count, truth.hairs.count, "hair ids must be unique: \(label)")
        let frameArea = Double(truth.widthPx * truth.heightPx) * truth.umPerPx * truth.umPerPx * 1e-8
        XCTAssertGreaterThan(truth.fieldAreaCm2, 0.4 * frameArea, label)
        XCTAssertLessThanOrEqual(truth.fieldAreaCm2, frameArea * (1 + 1e-12), label)
        for hair in truth.hairs {
            XCTAssertEqual(hair.class, hair.diameterUm <= 30 ? "vellus" : "terminal", label)
            XCTAssertEqual(hair.counted, hair.visibleLengthUm >= 100, label)
            XCTAssertLessThanOrEqual(hair.visibleLengthUm, hair.lengthUm + 1e-6, label)
            XCTAssertGreaterThan(hair.visibleLengthUm, 0, "invisible hairs are left out: \(label)")
            if hair.visibleLengthUm < hair.lengthUm - 1 { XCTAssertTrue(hair.leavesFrame, label) }
            XCTAssertGreaterThanOrEqual(hair.centerline.count, 2, label)
            XCTAssertEqual(hair.centerline[0], hair.emergence, label)
            // The polyline's own length agrees with the recorded length to within simplification error.
            var polyline = 0.0
            for i in 1..<hair.centerline.count {
                let dx = hair.centerline[i][0] - hair.centerline[i - 1][0], dy = hair.centerline[i][1] - hair.centerline[i - 1][1]
                polyline += (dx * dx + dy * dy).squareRoot()
            }
            XCTAssertEqual(polyline * truth.umPerPx / hair.lengthUm, 1, accuracy: 0.01, label)
        }
    }

    func testClippedPresetRecordsPhasesAndStubLengths() throws {
        let truth = try PhantomTestSupport.sample(.clipped, seed: 4, width: 400, height: 320).truth
        XCTAssertNotNil(truth.daysSinceClipping)
        XCTAssertTrue((2.0...3.0).contains(truth.daysSinceClipping ?? 0))
        XCTAssertTrue((7.0...10.0).contains(truth.umPerPx))
        XCTAssertFalse(truth.hairs.isEmpty)
        for hair in truth.hairs {
            switch hair.phase {
            case "anagen": XCTAssertTrue((600...1300).contains(hair.lengthUm.rounded()), "anagen stub \(hair.lengthUm) µm")
            case "telogen": XCTAssertLessThanOrEqual(hair.lengthUm, 350.001)
            default: XCTFail("clipped hair without phase")
            }
        }
        XCTAssertEqual(truth.totals.anagenCount.map { $0 + (truth.totals.telogenCount ?? 0) }, truth.totals.hairCount)
    }

    func testUnclippedPresetsHaveNoPhase() throws {
        let truth = try PhantomTestSupport.sample(.natural, seed: 4).truth
        XCTAssertNil(truth.daysSinceClipping)
        XCTAssertNil(truth.totals.anagenCount)
        XCTAssertTrue(truth.hairs.allSatisfy { $0.phase == nil })
        XCTAssertTrue((2.5...4.0).contains(truth.umPerPx))
    }

    func testCalibrationShaftsHaveTheKnownDiameters() throws {
        let truth = try PhantomTestSupport.sample(.calibration, seed: 2, width: 512, height: 400).truth
        XCTAssertEqual(Set(truth.hairs.map(\.diameterUm)), Set(stride(from: 10.0, through: 120.0, by: 10.0)))
        XCTAssertTrue(truth.hairs.allSatisfy(\.leavesFrame))
        XCTAssertEqual(truth.totals.vellusCount, 3)
    }

    func testNaturalSetsSpanTheVellusAndUnitRanges() throws {
        // Over a few full-size-scale fields: some vellus, multi-hair units, density in a plausible band.
        var vellus = 0, hairs = 0, multiHairUnits = 0
        for index in 0..<3 {
            let truth = try PhantomTestSupport.sample(.natural, seed: 8, index: index, width: 640, height: 512).truth
            vellus += truth.totals.vellusCount
            hairs += truth.totals.hairCount
            let byUnit = Dictionary(grouping: truth.hairs, by: \.unitId)
            multiHairUnits += byUnit.values.filter { $0.count > 1 }.count
        }
        XCTAssertGreaterThan(hairs, 10)
        XCTAssertGreaterThan(vellus, 0)
        XCTAssertGreaterThan(multiHairUnits, 0)
    }

    func testTruthRoundTripsThroughJSONWithSnakeCaseKeys() throws {
        let truth = try PhantomTestSupport.sample(.clipped, seed: 6).truth
        let data = try PhantomTruth.makeEncoder().encode(truth)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"visible_length_um\""))
        XCTAssertTrue(text.contains("\"days_since_clipping\""))
        XCTAssertEqual(try PhantomTruth.makeDecoder().decode(PhantomTruth.self, from: data), truth)
    }
}
