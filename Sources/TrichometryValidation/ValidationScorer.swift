import TrichometryAnalysis
import TrichometryPhantom

/// Compares one analysis with its ground truth. Pure: no I/O, same inputs give the same score.
public enum ValidationScorer {
    /// Scores `analysis` against `truth`; `name` labels the row in tables and JSON.
    public static func score(analysis: ImageAnalysis, truth: PhantomTruth, name: String = "") -> ImageScore {
        let umPerPx = truth.umPerPx
        let isPhototrichogram = truth.daysSinceClipping != nil
        let detected = analysis.hairs
        let pairing = HairMatcher.match(detected: detected, truth: truth)

        var matches: [MatchedHair] = []
        matches.reserveCapacity(pairing.pairs.count)
        var truthUnits: [Int] = [], detectedUnits: [Int] = []
        for pair in pairing.pairs {
            let found = detected[pair.detectedIndex]
            let real = truth.hairs[pair.truthIndex]
            if real.counted { truthUnits.append(real.unitId); detectedUnits.append(found.unitID) }
            let diameter = found.diameterMicrons ?? found.diameterPixels * umPerPx
            let length = found.lengthMicrons ?? found.lengthPixels * umPerPx
            matches.append(MatchedHair(
                detectedID: found.id, truthID: real.id, distancePixels: pair.distancePixels, counted: real.counted,
                diameterErrorMicrons: diameter - real.diameterUm, truthDiameterMicrons: real.diameterUm,
                classCorrect: (found.hairClass == .vellus) == (real.class == "vellus"),
                lengthErrorMicrons: isPhototrichogram ? length - real.visibleLengthUm : nil,
                truthVisibleLengthMicrons: isPhototrichogram ? real.visibleLengthUm : nil,
                phaseCorrect: real.phase.map { found.phase?.rawValue == $0 }))
        }

        let truePositives = matches.filter(\.counted).count
        let ignored = matches.count - truePositives
        let falsePositives = pairing.unmatchedDetected.count
        let missed = pairing.unmatchedTruth.filter { truth.hairs[$0].counted }
        let falseNegatives = missed.count

        let metrics = analysis.metrics
        let detectedArea = analysis.analyzedAreaCm2 ?? Double(analysis.analyzedAreaPixels) * umPerPx * umPerPx * 1e-8
        let truthAnagenPercent = anagenPercent(truth.totals)
        let detectedAnagenPercent = isPhototrichogram ? metrics.anagenPercent : nil

        return ImageScore(
            name: name, preset: truth.preset, seed: truth.seed, umPerPx: umPerPx, isPhototrichogram: isPhototrichogram,
            truthHairCount: truth.totals.hairCount, detectedHairCount: metrics.hairCount,
            countErrorPercent: SampleStatistics.percentError(measured: Double(metrics.hairCount),
                                                              truth: Double(truth.totals.hairCount)),
            truthDensityPerCm2: truth.totals.densityPerCm2, detectedDensityPerCm2: metrics.densityPerCm2,
            densityErrorPercent: metrics.densityPerCm2.flatMap {
                SampleStatistics.percentError(measured: $0, truth: truth.totals.densityPerCm2)
            },
            truthAreaCm2: truth.fieldAreaCm2, detectedAreaCm2: detectedArea,
            areaErrorPercent: SampleStatistics.percentError(measured: detectedArea, truth: truth.fieldAreaCm2),
            truePositives: truePositives, falsePositives: falsePositives,
            duplicateDetections: pairing.duplicateDetected.count, falseNegatives: falseNegatives,
            ignoredDetections: ignored,
            precision: SampleStatistics.ratio(truePositives, truePositives + falsePositives),
            recall: SampleStatistics.ratio(truePositives, truePositives + falseNegatives),
            f1: SampleStatistics.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
            truthVellusPercent: truth.totals.vellusPercent, detectedVellusPercent: metrics.vellusPercent,
            vellusPercentErrorPoints: metrics.vellusPercent - truth.totals.vellusPercent,
            truthAnagenPercent: isPhototrichogram ? truthAnagenPercent : nil,
            detectedAnagenPercent: detectedAnagenPercent,
            anagenPercentErrorPoints: isPhototrichogram
                ? truthAnagenPercent.flatMap { t in detectedAnagenPercent.map { $0 - t } } : nil,
            truthUnitCount: truth.totals.follicularUnitCount, detectedUnitCount: metrics.follicularUnitCount,
            unitCountErrorPercent: SampleStatistics.percentError(measured: Double(metrics.follicularUnitCount),
                                                                 truth: Double(truth.totals.follicularUnitCount)),
            matches: matches,
            falsePositiveIDs: pairing.unmatchedDetected.map { detected[$0].id },
            missedTruthIDs: missed.map { truth.hairs[$0].id },
            unitPairs: UnitPairCounts(truthUnits: truthUnits, detectedUnits: detectedUnits))
    }

    /// Anagen hairs as a percentage of phased hairs, or nil when the truth has no phases.
    static func anagenPercent(_ totals: PhantomTruth.Totals) -> Double? {
        guard let anagen = totals.anagenCount, let telogen = totals.telogenCount, anagen + telogen > 0 else { return nil }
        return 100 * Double(anagen) / Double(anagen + telogen)
    }
}
