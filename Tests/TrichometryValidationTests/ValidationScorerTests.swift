import TrichometryAnalysis
import TrichometryPhantom
import XCTest
@testable import TrichometryValidation

final class ValidationScorerTests: XCTestCase {
    // Three horizontal truth hairs, 60 µm at 5 µm/px = 12 px wide: radius max(15, 18) = 18 px.
    private let rows: [PhantomTruth.Hair] = [
        Fixtures.truthHair(1, from: (20, 40), to: (180, 40)),
        Fixtures.truthHair(2, from: (20, 100), to: (180, 100)),
        Fixtures.truthHair(3, from: (20, 160), to: (180, 160)),
    ]

    func testPerfectDetectionScoresOne() {
        let truth = Fixtures.truth(rows)
        let analysis = Fixtures.analysis([
            Fixtures.detected(11, at: (100, 41)), Fixtures.detected(12, at: (60, 100)), Fixtures.detected(13, at: (150, 158)),
        ])
        let score = ValidationScorer.score(analysis: analysis, truth: truth, name: "a")
        XCTAssertEqual([score.truePositives, score.falsePositives, score.falseNegatives], [3, 0, 0])
        XCTAssertEqual(score.precision, 1)
        XCTAssertEqual(score.recall, 1)
        XCTAssertEqual(score.f1, 1)
        XCTAssertEqual(score.matches.map(\.truthID).sorted(), [1, 2, 3])
        XCTAssertEqual(score.matches.first { $0.detectedID == 13 }?.truthID, 3)
        XCTAssertEqual(score.matches.first { $0.detectedID == 13 }?.distancePixels ?? -1, 2, accuracy: 1e-12)
        XCTAssertEqual(score.name, "a")
    }

    func testExactPrecisionRecallF1() {
        // Four counted truth hairs; three found, plus two detections far from any hair.
        let truth = Fixtures.truth(rows + [Fixtures.truthHair(4, from: (100, 60), to: (100, 80))])
        let analysis = Fixtures.analysis([
            Fixtures.detected(1, at: (50, 40)), Fixtures.detected(2, at: (50, 100)), Fixtures.detected(3, at: (50, 160)),
            Fixtures.detected(4, at: (160, 130)), Fixtures.detected(5, at: (10, 10)),
        ])
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        XCTAssertEqual([score.truePositives, score.falsePositives, score.falseNegatives], [3, 2, 1])
        XCTAssertEqual(score.precision ?? -1, 0.6, accuracy: 1e-12)
        XCTAssertEqual(score.recall ?? -1, 0.75, accuracy: 1e-12)
        XCTAssertEqual(score.f1 ?? -1, 6.0 / 9.0, accuracy: 1e-12)
        XCTAssertEqual(score.falsePositiveIDs, [4, 5])
        XCTAssertEqual(score.duplicateDetections, 0, "both false positives are far from any hair")
        XCTAssertEqual(score.missedTruthIDs, [4])
    }

    func testTwoDetectionsOnOneHairGiveOneTruePositiveAndOneFalsePositive() {
        let truth = Fixtures.truth([rows[0]])
        let analysis = Fixtures.analysis([Fixtures.detected(1, at: (60, 45)), Fixtures.detected(2, at: (120, 42))])
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        XCTAssertEqual([score.truePositives, score.falsePositives, score.falseNegatives], [1, 1, 0])
        XCTAssertEqual(score.matches.map(\.detectedID), [2], "the nearer detection takes the hair")
        XCTAssertEqual(score.falsePositiveIDs, [1])
        XCTAssertEqual(score.duplicateDetections, 1, "the loser lies on a matched hair: a duplicate")
    }

    func testDetectionOutsideRadiusIsFalsePositive() {
        // 40 µm at 5 µm/px is 8 px wide: 1.5 × 8 = 12 < 15, so the radius is the 15 px floor.
        let truth = Fixtures.truth([Fixtures.truthHair(1, from: (20, 100), to: (180, 100), diameterUm: 40)])
        let outside = ValidationScorer.score(analysis: Fixtures.analysis([Fixtures.detected(1, at: (100, 115.5))]), truth: truth)
        XCTAssertEqual([outside.truePositives, outside.falsePositives, outside.falseNegatives], [0, 1, 1])
        XCTAssertEqual(outside.precision, 0)
        XCTAssertEqual(outside.f1, 0)
        let inside = ValidationScorer.score(analysis: Fixtures.analysis([Fixtures.detected(1, at: (100, 114.5))]), truth: truth)
        XCTAssertEqual(inside.truePositives, 1)
        // Past the end of the centerline the distance is to the end point: (185, 112) is 13 px from (180, 100).
        let pastEnd = ValidationScorer.score(analysis: Fixtures.analysis([Fixtures.detected(1, at: (185, 112))]), truth: truth)
        XCTAssertEqual(pastEnd.truePositives, 1)
        XCTAssertEqual(pastEnd.matches.first?.distancePixels ?? -1, 13, accuracy: 1e-12)
    }

    func testRadiusGrowsWithTruthWidth() {
        XCTAssertEqual(HairMatcher.radiusPixels(truthDiameterPixels: 4), 15)
        XCTAssertEqual(HairMatcher.radiusPixels(truthDiameterPixels: 20), 30)
        // 120 µm at 5 µm/px is 24 px wide, radius 36 px: a midpoint 30 px off the centerline still matches.
        let truth = Fixtures.truth([Fixtures.truthHair(1, from: (20, 100), to: (180, 100), diameterUm: 120)])
        let score = ValidationScorer.score(analysis: Fixtures.analysis([Fixtures.detected(1, at: (90, 130))]), truth: truth)
        XCTAssertEqual(score.truePositives, 1)
    }

    func testUncountedTruthHairIsNeitherPositiveNorNegative() {
        let short = Fixtures.truthHair(9, from: (100, 70), to: (104, 70), visibleLengthUm: 20, counted: false)
        let truth = Fixtures.truth([rows[0], short])
        // One detection on the uncounted stub, none on the counted hair.
        let onStub = ValidationScorer.score(analysis: Fixtures.analysis([Fixtures.detected(1, at: (102, 71))]), truth: truth)
        XCTAssertEqual([onStub.truePositives, onStub.falsePositives, onStub.falseNegatives, onStub.ignoredDetections],
                       [0, 0, 1, 1])
        XCTAssertEqual(onStub.missedTruthIDs, [1], "the unmatched uncounted stub is no false negative")
        XCTAssertEqual(onStub.precision, nil, "no counted detections: precision is not measured")
        XCTAssertEqual(onStub.recall, 0)
        // The ignored pair adds nothing to the per-hair errors.
        XCTAssertTrue(onStub.countedMatches.isEmpty)
        XCTAssertEqual(onStub.matches.count, 1)
        XCTAssertFalse(onStub.matches[0].counted)
    }

    func testGreedyAssignmentTakesShortestDistanceFirst() {
        // Detection 1 is 2 px from hair 1 and 5 px from hair 2; detection 2 is 3 px from hair 1 only.
        // Greedy by distance gives 1→hair 1; detection 2 then has nothing left; hair 2 stays unmatched
        // because detection 1 is already used. (An optimal assignment would find two pairs; the rule is greedy.)
        let truth = Fixtures.truth([
            Fixtures.truthHair(1, from: (20, 100), to: (180, 100)),
            Fixtures.truthHair(2, from: (20, 107), to: (100, 107)),
        ])
        let analysis = Fixtures.analysis([Fixtures.detected(1, at: (100, 102)), Fixtures.detected(2, at: (150, 97))])
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        XCTAssertEqual(score.matches.map(\.detectedID), [1])
        XCTAssertEqual(score.matches.map(\.truthID), [1])
        XCTAssertEqual([score.truePositives, score.falsePositives, score.falseNegatives], [1, 1, 1])
        XCTAssertEqual(score.duplicateDetections, 1)
    }

    /// A detection along `points`, its midpoint halfway along.
    private func line(_ id: Int, _ points: [(Double, Double)], midpoint: (Double, Double)) -> Hair {
        var hair = Fixtures.detected(id, at: midpoint)
        hair.centerline = points.map { PixelPoint(x: $0.0, y: $0.1) }
        return hair
    }

    func testDetectionWhoseMidpointLiesOnACrossingTakesTheHairItRunsAlong() {
        // Hair 1 runs across, hair 2 down; they cross at (100, 100). Detection 1 runs along hair 2 with its
        // midpoint on the crossing (0 px from both hairs); detection 2 runs along hair 1's left half.
        // By the midpoint alone detection 1 would take hair 1 (tie, lower truth index) and detection 2 lose it.
        let truth = Fixtures.truth([
            Fixtures.truthHair(1, from: (20, 100), to: (180, 100)),
            Fixtures.truthHair(2, from: (100, 20), to: (100, 180)),
        ])
        let analysis = Fixtures.analysis([
            line(1, [(100, 20), (100, 180)], midpoint: (100, 100)),
            line(2, [(30, 101), (100, 101)], midpoint: (65, 101)),
        ])
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        XCTAssertEqual([score.truePositives, score.falsePositives, score.falseNegatives], [2, 0, 0])
        XCTAssertEqual(score.matches.first { $0.detectedID == 1 }?.truthID, 2)
        XCTAssertEqual(score.matches.first { $0.detectedID == 2 }?.truthID, 1)
        XCTAssertEqual(score.matches.first { $0.detectedID == 2 }?.distancePixels ?? -1, 1, accuracy: 1e-12)
    }

    func testDetectionCrossingAHairIsNotThatHair() {
        // The detection crosses hair 1 at its midpoint but runs 80 px either side of it, far beyond the
        // 18 px radius: it is not that hair, and not a duplicate of it either.
        let truth = Fixtures.truth([rows[0]])
        let analysis = Fixtures.analysis([line(1, [(100, -40), (100, 120)], midpoint: (100, 40))])
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        XCTAssertEqual([score.truePositives, score.falsePositives, score.falseNegatives], [0, 1, 1])
        XCTAssertEqual(score.duplicateDetections, 0)
    }

    func testSamplesAreEvenlySpacedByArcLength() {
        // 10 px long with uneven vertices: 11 points 1 px apart, ends included.
        let bent = line(1, [(0, 0), (1, 0), (7, 0), (7, 3)], midpoint: (5, 0))
        let samples = HairMatcher.samplesAlong(bent)
        XCTAssertEqual(samples.count, 11)
        let expected: [(Double, Double)] = [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (7, 1), (7, 2), (7, 3)]
        for (sample, want) in zip(samples, expected) {
            XCTAssertEqual(sample.x, want.0, accuracy: 1e-9)
            XCTAssertEqual(sample.y, want.1, accuracy: 1e-9)
        }
        // A long line is sampled at most 64 + 1 times, evenly: 200 px in steps of 3.125 px.
        let long = HairMatcher.samplesAlong(line(2, [(0, 0), (200, 0)], midpoint: (100, 0)))
        XCTAssertEqual(long.count, HairMatcher.maximumSamples + 1)
        XCTAssertEqual(long[1].x, 3.125, accuracy: 1e-9)
        XCTAssertEqual(long.last?.x ?? -1, 200, accuracy: 1e-12)
        // No length: the midpoint alone.
        let dot = HairMatcher.samplesAlong(line(3, [(4, 4), (4, 4)], midpoint: (4, 4)))
        XCTAssertEqual(dot.map(\.x), [4])
    }

    func testMedianOfOddAndEvenCounts() {
        var odd = [5.0, 1, 3]
        XCTAssertEqual(HairMatcher.median(&odd), 3)
        var even = [4.0, 1, 3, 2]
        XCTAssertEqual(HairMatcher.median(&even), 2.5)
        var none: [Double] = []
        XCTAssertEqual(HairMatcher.median(&none), .infinity)
    }

    func testPolylineDistance() {
        let bend: [[Double]] = [[0, 0], [10, 0], [10, 10]]
        XCTAssertEqual(HairMatcher.distance(from: PixelPoint(x: 5, y: 3), toPolyline: bend), 3, accuracy: 1e-12)
        XCTAssertEqual(HairMatcher.distance(from: PixelPoint(x: 13, y: 5), toPolyline: bend), 3, accuracy: 1e-12)
        XCTAssertEqual(HairMatcher.distance(from: PixelPoint(x: -3, y: -4), toPolyline: bend), 5, accuracy: 1e-12)
        XCTAssertEqual(HairMatcher.distance(from: PixelPoint(x: 3, y: 4), toPolyline: [[0, 0]]), 5, accuracy: 1e-12)
        XCTAssertEqual(HairMatcher.distance(from: PixelPoint(x: 3, y: 4), toPolyline: []), .infinity)
    }

    func testDiameterAndClassErrorsOverMatchedHairs() {
        let truth = Fixtures.truth([
            Fixtures.truthHair(1, from: (20, 40), to: (180, 40), diameterUm: 60),
            Fixtures.truthHair(2, from: (20, 100), to: (180, 100), diameterUm: 25),
            Fixtures.truthHair(3, from: (20, 160), to: (180, 160), diameterUm: 50),
        ], vellusPercent: 100.0 / 3)
        let analysis = Fixtures.analysis([
            Fixtures.detected(1, at: (100, 40), diameterUm: 62, hairClass: .terminal),
            Fixtures.detected(2, at: (100, 100), diameterUm: 21, hairClass: .terminal), // vellus read as terminal
            Fixtures.detected(3, at: (100, 160), diameterUm: 50, hairClass: .intermediate), // non-vellus: right
        ], vellusPercent: 0)
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        let byTruth = Dictionary(uniqueKeysWithValues: score.matches.map { ($0.truthID, $0) })
        XCTAssertEqual(byTruth[1]?.diameterErrorMicrons ?? 0, 2, accuracy: 1e-12)
        XCTAssertEqual(byTruth[2]?.diameterErrorMicrons ?? 0, -4, accuracy: 1e-12)
        XCTAssertEqual(byTruth[3]?.diameterErrorMicrons ?? 1, 0, accuracy: 1e-12)
        XCTAssertEqual(byTruth.values.map(\.classCorrect).filter { $0 }.count, 2)
        XCTAssertEqual(byTruth[2]?.classCorrect, false)
        XCTAssertEqual(score.vellusPercentErrorPoints, -100.0 / 3, accuracy: 1e-12)
        XCTAssertNil(byTruth[1]?.lengthErrorMicrons, "lengths are scored on phototrichograms only")

        let group = ScoreAggregator.aggregate([score], name: "natural")
        XCTAssertEqual(group[.diameterMaeUm] ?? -1, 2, accuracy: 1e-12)
        XCTAssertEqual(group[.diameterMedianAeUm] ?? -1, 2, accuracy: 1e-12)
        XCTAssertEqual(group[.diameterBiasUm] ?? 0, -2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(group[.diameterMeanAbsRelPct] ?? -1, (100 * 2.0 / 60 + 100 * 4.0 / 25) / 3, accuracy: 1e-9)
        XCTAssertEqual(group[.classAccuracy] ?? -1, 2.0 / 3, accuracy: 1e-12)
        XCTAssertNil(group[.lengthMaeUm])
        XCTAssertNil(group[.phaseAccuracy])
    }

    func testPhototrichogramLengthsAndPhases() {
        let truth = Fixtures.truth([
            Fixtures.truthHair(1, from: (20, 40), to: (180, 40), visibleLengthUm: 900, phase: "anagen"),
            Fixtures.truthHair(2, from: (20, 100), to: (60, 100), visibleLengthUm: 200, phase: "telogen"),
            Fixtures.truthHair(3, from: (20, 160), to: (180, 160), visibleLengthUm: 1000, phase: "anagen"),
        ], preset: "clipped", daysSinceClipping: 2.5, anagen: 2, telogen: 1)
        let analysis = Fixtures.analysis([
            Fixtures.detected(1, at: (100, 40), lengthUm: 850, phase: .anagen),
            Fixtures.detected(2, at: (40, 100), lengthUm: 300, phase: .anagen), // telogen read as anagen
            Fixtures.detected(3, at: (100, 160), lengthUm: 1000, phase: nil), // no phase: wrong
        ], anagenPercent: 100)
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        XCTAssertTrue(score.isPhototrichogram)
        XCTAssertEqual(score.anagenPercentErrorPoints ?? 0, 100.0 / 3, accuracy: 1e-9)
        let group = ScoreAggregator.aggregate([score], name: "clipped")
        XCTAssertEqual(group[.lengthMaeUm] ?? -1, 50, accuracy: 1e-9)
        XCTAssertEqual(group[.lengthMedianAeUm] ?? -1, 50, accuracy: 1e-9)
        XCTAssertEqual(group[.lengthMeanAbsRelPct] ?? -1, (100 * 50.0 / 900 + 100 * 100.0 / 200) / 3, accuracy: 1e-9)
        XCTAssertEqual(group[.phaseAccuracy] ?? -1, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(group[.anagenPctMaePp] ?? -1, 100.0 / 3, accuracy: 1e-9)
    }

    func testImageLevelCountDensityAreaAndUnitErrors() {
        let truth = Fixtures.truth(rows, fieldAreaCm2: 0.02, hairCount: 10, densityPerCm2: 500, units: 4)
        let analysis = Fixtures.analysis([], hairCount: 12, densityPerCm2: 450, areaCm2: 0.025, units: 5)
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        XCTAssertEqual(score.countErrorPercent ?? 0, 20, accuracy: 1e-9)
        XCTAssertEqual(score.densityErrorPercent ?? 0, -10, accuracy: 1e-9)
        XCTAssertEqual(score.areaErrorPercent ?? 0, 25, accuracy: 1e-9)
        XCTAssertEqual(score.unitCountErrorPercent ?? 0, 25, accuracy: 1e-9)
        // No detections at all: recall 0, precision not measured, every counted truth hair missed.
        XCTAssertEqual(score.falseNegatives, 3)
        XCTAssertNil(score.precision)
        XCTAssertEqual(score.recall, 0)
        XCTAssertEqual(score.f1, 0)
    }

    /// Units judged pair by pair: truth units {1, 2} and {3, 4}; the analysis groups 1, 2 and 3 together and
    /// keeps 4 apart. One pair right (1–2), two wrongly together (1–3, 2–3), one split (3–4). An uncounted
    /// truth hair's pairs do not count.
    func testUnitGroupingIsScoredPairByPair() {
        let truth = Fixtures.truth([
            Fixtures.truthHair(1, from: (20, 20), to: (60, 20), unit: 1),
            Fixtures.truthHair(2, from: (20, 60), to: (60, 60), unit: 1),
            Fixtures.truthHair(3, from: (20, 100), to: (60, 100), unit: 2),
            Fixtures.truthHair(4, from: (20, 140), to: (60, 140), unit: 2),
            Fixtures.truthHair(5, from: (20, 180), to: (60, 180), counted: false, unit: 1),
        ])
        let analysis = Fixtures.analysis([
            Fixtures.detected(1, at: (40, 20), unit: 7), Fixtures.detected(2, at: (40, 60), unit: 7),
            Fixtures.detected(3, at: (40, 100), unit: 7), Fixtures.detected(4, at: (40, 140), unit: 8),
            Fixtures.detected(5, at: (40, 180), unit: 7),
        ])
        let score = ValidationScorer.score(analysis: analysis, truth: truth)
        XCTAssertEqual(score.unitPairs, UnitPairCounts(together: 1, wronglyTogether: 2, split: 1))
        let group = ScoreAggregator.aggregate([score, score], name: "natural")
        XCTAssertEqual(group[.fuPairPrecision] ?? 0, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(group[.fuPairRecall] ?? 0, 0.5, accuracy: 1e-12)
        XCTAssertEqual(group[.fuPairF1] ?? 0, 0.4, accuracy: 1e-12)
    }

    func testZeroTruthCountLeavesPercentErrorUnmeasured() {
        let truth = Fixtures.truth([], hairCount: 0, densityPerCm2: 0, units: 0)
        let score = ValidationScorer.score(analysis: Fixtures.analysis([], hairCount: 2, units: 1), truth: truth)
        XCTAssertNil(score.countErrorPercent)
        XCTAssertNil(score.densityErrorPercent)
        XCTAssertNil(score.unitCountErrorPercent)
        XCTAssertNil(score.f1, "nothing to find and nothing found: F1 is not measured")
        let group = ScoreAggregator.aggregate([score], name: "x")
        XCTAssertNil(group[.countMeanAbsPct])
        XCTAssertEqual(group[.countMae], 2)
    }
}
