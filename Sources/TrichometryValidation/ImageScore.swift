/// How one analysis compares with its ground truth: the per-image row of a validation run.
///
/// Percent errors are signed, `100 × (measured − truth) / truth`, and nil when the truth is zero.
/// Fractions (precision, recall, F1, accuracies) are 0…1 and nil when there is nothing to divide by.
public struct ImageScore: Sendable, Equatable, Encodable {
    /// Identifies the image in tables and JSON: the truth file's path relative to the validated folder.
    public var name: String
    public var preset: String
    public var seed: UInt64
    public var umPerPx: Double
    /// Clipped-scalp image imaged days after clipping: stub lengths and phases are scored.
    public var isPhototrichogram: Bool

    public var truthHairCount: Int
    public var detectedHairCount: Int
    public var countErrorPercent: Double?

    public var truthDensityPerCm2: Double
    public var detectedDensityPerCm2: Double?
    public var densityErrorPercent: Double?

    public var truthAreaCm2: Double
    public var detectedAreaCm2: Double?
    public var areaErrorPercent: Double?

    /// Detections matched to a counted truth hair.
    public var truePositives: Int
    /// Detections matched to no truth hair.
    public var falsePositives: Int
    /// The false positives lying within reach of a truth hair another detection matched (hair split or found twice).
    public var duplicateDetections: Int
    /// Counted truth hairs no detection matched.
    public var falseNegatives: Int
    /// Detections matched to an uncounted truth hair: neither true nor false positives.
    public var ignoredDetections: Int
    public var precision: Double?
    public var recall: Double?
    public var f1: Double?

    public var truthVellusPercent: Double
    public var detectedVellusPercent: Double
    /// Detected minus true vellus percentage, in percentage points.
    public var vellusPercentErrorPoints: Double

    /// Anagen share of phased hairs, for phototrichograms only.
    public var truthAnagenPercent: Double?
    public var detectedAnagenPercent: Double?
    public var anagenPercentErrorPoints: Double?

    public var truthUnitCount: Int
    public var detectedUnitCount: Int
    public var unitCountErrorPercent: Double?

    /// Every accepted pair, counted or not, in order of increasing distance.
    public var matches: [MatchedHair]
    /// Ids of detections that matched nothing.
    public var falsePositiveIDs: [Int]
    /// Ids of counted truth hairs that nothing matched.
    public var missedTruthIDs: [Int]
    /// Follicular-unit grouping of the counted matched hairs, pair by pair.
    public var unitPairs: UnitPairCounts

    public init(name: String, preset: String, seed: UInt64, umPerPx: Double, isPhototrichogram: Bool,
                truthHairCount: Int, detectedHairCount: Int, countErrorPercent: Double?,
                truthDensityPerCm2: Double, detectedDensityPerCm2: Double?, densityErrorPercent: Double?,
                truthAreaCm2: Double, detectedAreaCm2: Double?, areaErrorPercent: Double?,
                truePositives: Int, falsePositives: Int, duplicateDetections: Int, falseNegatives: Int, ignoredDetections: Int,
                precision: Double?, recall: Double?, f1: Double?,
                truthVellusPercent: Double, detectedVellusPercent: Double, vellusPercentErrorPoints: Double,
                truthAnagenPercent: Double?, detectedAnagenPercent: Double?, anagenPercentErrorPoints: Double?,
                truthUnitCount: Int, detectedUnitCount: Int, unitCountErrorPercent: Double?,
                matches: [MatchedHair], falsePositiveIDs: [Int], missedTruthIDs: [Int],
                unitPairs: UnitPairCounts = UnitPairCounts()) {
        self.name = name; self.preset = preset; self.seed = seed; self.umPerPx = umPerPx
        self.isPhototrichogram = isPhototrichogram
        self.truthHairCount = truthHairCount; self.detectedHairCount = detectedHairCount
        self.countErrorPercent = countErrorPercent
        self.truthDensityPerCm2 = truthDensityPerCm2; self.detectedDensityPerCm2 = detectedDensityPerCm2
        self.densityErrorPercent = densityErrorPercent
        self.truthAreaCm2 = truthAreaCm2; self.detectedAreaCm2 = detectedAreaCm2
        self.areaErrorPercent = areaErrorPercent
        self.truePositives = truePositives; self.falsePositives = falsePositives
        self.duplicateDetections = duplicateDetections
        self.falseNegatives = falseNegatives; self.ignoredDetections = ignoredDetections
        self.precision = precision; self.recall = recall; self.f1 = f1
        self.truthVellusPercent = truthVellusPercent; self.detectedVellusPercent = detectedVellusPercent
        self.vellusPercentErrorPoints = vellusPercentErrorPoints
        self.truthAnagenPercent = truthAnagenPercent; self.detectedAnagenPercent = detectedAnagenPercent
        self.anagenPercentErrorPoints = anagenPercentErrorPoints
        self.truthUnitCount = truthUnitCount; self.detectedUnitCount = detectedUnitCount
        self.unitCountErrorPercent = unitCountErrorPercent
        self.matches = matches; self.falsePositiveIDs = falsePositiveIDs; self.missedTruthIDs = missedTruthIDs
        self.unitPairs = unitPairs
    }

    /// Pairs that count: matched to a counted truth hair.
    public var countedMatches: [MatchedHair] { matches.filter(\.counted) }

    enum CodingKeys: String, CodingKey {
        case name, preset, seed, umPerPx = "um_per_px", isPhototrichogram = "phototrichogram"
        case truthHairCount = "truth_hair_count", detectedHairCount = "detected_hair_count"
        case countErrorPercent = "count_error_pct"
        case truthDensityPerCm2 = "truth_density_per_cm2", detectedDensityPerCm2 = "detected_density_per_cm2"
        case densityErrorPercent = "density_error_pct"
        case truthAreaCm2 = "truth_area_cm2", detectedAreaCm2 = "detected_area_cm2", areaErrorPercent = "area_error_pct"
        case truePositives = "tp", falsePositives = "fp", duplicateDetections = "fp_duplicate", falseNegatives = "fn", ignoredDetections = "ignored"
        case precision, recall, f1
        case truthVellusPercent = "truth_vellus_pct", detectedVellusPercent = "detected_vellus_pct"
        case vellusPercentErrorPoints = "vellus_pct_error_pp"
        case truthAnagenPercent = "truth_anagen_pct", detectedAnagenPercent = "detected_anagen_pct"
        case anagenPercentErrorPoints = "anagen_pct_error_pp"
        case truthUnitCount = "truth_fu_count", detectedUnitCount = "detected_fu_count"
        case unitCountErrorPercent = "fu_count_error_pct", unitPairs = "fu_pairs"
        case matches, falsePositiveIDs = "false_positive_ids", missedTruthIDs = "missed_truth_ids"
    }

    // Written by hand so absent values appear as null: every row has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(preset, forKey: .preset)
        try c.encode(seed, forKey: .seed)
        try c.encode(umPerPx, forKey: .umPerPx)
        try c.encode(isPhototrichogram, forKey: .isPhototrichogram)
        try c.encode(truthHairCount, forKey: .truthHairCount)
        try c.encode(detectedHairCount, forKey: .detectedHairCount)
        try c.encode(countErrorPercent, forKey: .countErrorPercent)
        try c.encode(truthDensityPerCm2, forKey: .truthDensityPerCm2)
        try c.encode(detectedDensityPerCm2, forKey: .detectedDensityPerCm2)
        try c.encode(densityErrorPercent, forKey: .densityErrorPercent)
        try c.encode(truthAreaCm2, forKey: .truthAreaCm2)
        try c.encode(detectedAreaCm2, forKey: .detectedAreaCm2)
        try c.encode(areaErrorPercent, forKey: .areaErrorPercent)
        try c.encode(truePositives, forKey: .truePositives)
        try c.encode(falsePositives, forKey: .falsePositives)
        try c.encode(duplicateDetections, forKey: .duplicateDetections)
        try c.encode(falseNegatives, forKey: .falseNegatives)
        try c.encode(ignoredDetections, forKey: .ignoredDetections)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f1, forKey: .f1)
        try c.encode(truthVellusPercent, forKey: .truthVellusPercent)
        try c.encode(detectedVellusPercent, forKey: .detectedVellusPercent)
        try c.encode(vellusPercentErrorPoints, forKey: .vellusPercentErrorPoints)
        try c.encode(truthAnagenPercent, forKey: .truthAnagenPercent)
        try c.encode(detectedAnagenPercent, forKey: .detectedAnagenPercent)
        try c.encode(anagenPercentErrorPoints, forKey: .anagenPercentErrorPoints)
        try c.encode(truthUnitCount, forKey: .truthUnitCount)
        try c.encode(detectedUnitCount, forKey: .detectedUnitCount)
        try c.encode(unitCountErrorPercent, forKey: .unitCountErrorPercent)
        try c.encode(unitPairs, forKey: .unitPairs)
        try c.encode(matches, forKey: .matches)
        try c.encode(falsePositiveIDs, forKey: .falsePositiveIDs)
        try c.encode(missedTruthIDs, forKey: .missedTruthIDs)
    }
}
