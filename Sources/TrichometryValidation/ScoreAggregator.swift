/// Turns per-image scores into per-preset and overall figures.
public enum ScoreAggregator {
    /// The group name of the all-images aggregate.
    public static let overallName = "overall"

    /// One group per preset (sorted by name) and the overall group, over `scores`.
    public static func summarize(_ scores: [ImageScore]) -> ValidationSummary {
        let byPreset = Dictionary(grouping: scores, by: \.preset)
        let presets = byPreset.keys.sorted().map { aggregate(byPreset[$0] ?? [], name: $0) }
        return ValidationSummary(presets: presets, overall: aggregate(scores, name: overallName))
    }

    /// The figures of one group (see `ValidationMetric` for each definition).
    public static func aggregate(_ scores: [ImageScore], name: String) -> GroupScore {
        typealias S = SampleStatistics
        var v: [ValidationMetric: Double] = [:]
        func put(_ metric: ValidationMetric, _ value: Double?) { if let value, value.isFinite { v[metric] = value } }

        put(.images, Double(scores.count))
        put(.truthHairs, Double(scores.reduce(0) { $0 + $1.truthHairCount }))
        put(.detectedHairs, Double(scores.reduce(0) { $0 + $1.detectedHairCount }))

        let countErrors = scores.compactMap(\.countErrorPercent)
        put(.countMeanAbsPct, S.mean(countErrors.map(abs)))
        put(.countMedianAbsPct, S.median(countErrors.map(abs)))
        put(.countBiasPct, S.mean(countErrors))
        put(.countMae, S.mean(scores.map { Double(abs($0.detectedHairCount - $0.truthHairCount)) }))

        let densityErrors = scores.compactMap(\.densityErrorPercent)
        put(.densityMeanAbsPct, S.mean(densityErrors.map(abs)))
        put(.densityBiasPct, S.mean(densityErrors))
        let areaErrors = scores.compactMap(\.areaErrorPercent)
        put(.areaMeanAbsPct, S.mean(areaErrors.map(abs)))
        put(.areaBiasPct, S.mean(areaErrors))

        let tp = scores.reduce(0) { $0 + $1.truePositives }
        let fp = scores.reduce(0) { $0 + $1.falsePositives }
        let fn = scores.reduce(0) { $0 + $1.falseNegatives }
        put(.tp, Double(tp))
        put(.fp, Double(fp))
        put(.fpDuplicate, Double(scores.reduce(0) { $0 + $1.duplicateDetections }))
        put(.fn, Double(fn))
        put(.ignored, Double(scores.reduce(0) { $0 + $1.ignoredDetections }))
        put(.precision, S.ratio(tp, tp + fp))
        put(.recall, S.ratio(tp, tp + fn))
        put(.f1, S.ratio(2 * tp, 2 * tp + fp + fn))

        let matched = scores.flatMap(\.countedMatches)
        let diameterErrors = matched.map(\.diameterErrorMicrons)
        put(.diameterMaeUm, S.mean(diameterErrors.map(abs)))
        put(.diameterMedianAeUm, S.median(diameterErrors.map(abs)))
        put(.diameterBiasUm, S.mean(diameterErrors))
        put(.diameterMeanAbsRelPct, S.mean(matched.compactMap { m in
            m.truthDiameterMicrons > 0 ? 100 * abs(m.diameterErrorMicrons) / m.truthDiameterMicrons : nil
        }))
        put(.classAccuracy, S.ratio(matched.filter(\.classCorrect).count, matched.count))

        let vellusErrors = scores.map(\.vellusPercentErrorPoints)
        put(.vellusPctMaePp, S.mean(vellusErrors.map(abs)))
        put(.vellusPctBiasPp, S.mean(vellusErrors))

        let lengthErrors = matched.compactMap(\.lengthErrorMicrons)
        put(.lengthMaeUm, S.mean(lengthErrors.map(abs)))
        put(.lengthMedianAeUm, S.median(lengthErrors.map(abs)))
        put(.lengthMeanAbsRelPct, S.mean(matched.compactMap { m in
            guard let error = m.lengthErrorMicrons, let truth = m.truthVisibleLengthMicrons, truth > 0 else { return nil }
            return 100 * abs(error) / truth
        }))
        let phased = matched.compactMap(\.phaseCorrect)
        put(.phaseAccuracy, S.ratio(phased.filter { $0 }.count, phased.count))
        put(.anagenPctMaePp, S.mean(scores.compactMap(\.anagenPercentErrorPoints).map(abs)))

        let unitErrors = scores.compactMap(\.unitCountErrorPercent)
        put(.fuCountMeanAbsPct, S.mean(unitErrors.map(abs)))
        put(.fuCountBiasPct, S.mean(unitErrors))
        let unitPairs = scores.reduce(UnitPairCounts()) { $0 + $1.unitPairs }
        put(.fuPairPrecision, S.ratio(unitPairs.together, unitPairs.together + unitPairs.wronglyTogether))
        put(.fuPairRecall, S.ratio(unitPairs.together, unitPairs.together + unitPairs.split))
        put(.fuPairF1, S.ratio(2 * unitPairs.together, 2 * unitPairs.together + unitPairs.wronglyTogether + unitPairs.split))
        return GroupScore(name: name, values: v)
    }
}
