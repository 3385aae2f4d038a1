/// The names of every aggregate figure, as used by `--require`, the JSON output and `Docs/Validation.md`.
///
/// Percent errors are `100 × (measured − truth) / truth`; "mean_abs" and "median_abs" are over images,
/// "bias" is the signed mean over images. Per-hair figures (diameter, class, length, phase) pool every
/// counted matched pair of the group. Detection figures add up TP/FP/FN over the group's images first
/// (micro-average). Fractions are 0…1.
public enum ValidationMetric: String, CaseIterable, Sendable, Comparable {
    case images
    case truthHairs = "truth_hairs"
    case detectedHairs = "detected_hairs"
    case countMeanAbsPct = "count_mean_abs_pct"
    case countMedianAbsPct = "count_median_abs_pct"
    case countBiasPct = "count_bias_pct"
    case countMae = "count_mae"
    case densityMeanAbsPct = "density_mean_abs_pct"
    case densityBiasPct = "density_bias_pct"
    case areaMeanAbsPct = "area_mean_abs_pct"
    case areaBiasPct = "area_bias_pct"
    case tp, fp
    case fpDuplicate = "fp_duplicate"
    case fn, ignored
    case precision, recall, f1
    case diameterMaeUm = "diameter_mae_um"
    case diameterMedianAeUm = "diameter_median_ae_um"
    case diameterBiasUm = "diameter_bias_um"
    case diameterMeanAbsRelPct = "diameter_mean_abs_rel_pct"
    case classAccuracy = "class_accuracy"
    case vellusPctMaePp = "vellus_pct_mae_pp"
    case vellusPctBiasPp = "vellus_pct_bias_pp"
    case lengthMaeUm = "length_mae_um"
    case lengthMedianAeUm = "length_median_ae_um"
    case lengthMeanAbsRelPct = "length_mean_abs_rel_pct"
    case phaseAccuracy = "phase_accuracy"
    case anagenPctMaePp = "anagen_pct_mae_pp"
    case fuCountMeanAbsPct = "fu_count_mean_abs_pct"
    case fuCountBiasPct = "fu_count_bias_pct"
    case fuPairPrecision = "fu_pair_precision"
    case fuPairRecall = "fu_pair_recall"
    case fuPairF1 = "fu_pair_f1"

    /// One line for `--help` and the docs.
    public var summary: String {
        switch self {
        case .images: "images scored"
        case .truthHairs: "counted truth hairs (sum of truth hair_count)"
        case .detectedHairs: "hairs the analysis counted (sum)"
        case .countMeanAbsPct: "hair count: mean absolute error over images, %"
        case .countMedianAbsPct: "hair count: median absolute error over images, %"
        case .countBiasPct: "hair count: mean signed error over images, %"
        case .countMae: "hair count: mean absolute error over images, hairs"
        case .densityMeanAbsPct: "density per cm²: mean absolute relative error, %"
        case .densityBiasPct: "density per cm²: mean signed relative error, %"
        case .areaMeanAbsPct: "analysed area vs valid field area: mean absolute relative error, %"
        case .areaBiasPct: "analysed area vs valid field area: mean signed relative error, %"
        case .tp: "detections matched to a counted truth hair"
        case .fp: "detections matched to no truth hair"
        case .fpDuplicate: "false positives on a truth hair another detection matched (hair split or found twice)"
        case .fn: "counted truth hairs left unmatched"
        case .ignored: "detections matched to an uncounted truth hair (neither TP nor FP)"
        case .precision: "TP / (TP + FP), 0…1"
        case .recall: "TP / (TP + FN), 0…1"
        case .f1: "2TP / (2TP + FP + FN), 0…1"
        case .diameterMaeUm: "diameter: mean absolute error over matched hairs, µm"
        case .diameterMedianAeUm: "diameter: median absolute error over matched hairs, µm"
        case .diameterBiasUm: "diameter: mean signed error over matched hairs, µm"
        case .diameterMeanAbsRelPct: "diameter: mean absolute relative error over matched hairs, %"
        case .classAccuracy: "vellus vs terminal agreement on matched hairs, 0…1"
        case .vellusPctMaePp: "vellus %: mean absolute error over images, percentage points"
        case .vellusPctBiasPp: "vellus %: mean signed error over images, percentage points"
        case .lengthMaeUm: "clipped: visible length mean absolute error over matched hairs, µm"
        case .lengthMedianAeUm: "clipped: visible length median absolute error over matched hairs, µm"
        case .lengthMeanAbsRelPct: "clipped: visible length mean absolute relative error, %"
        case .phaseAccuracy: "clipped: anagen vs telogen agreement on matched hairs, 0…1"
        case .anagenPctMaePp: "clipped: anagen % mean absolute error over images, percentage points"
        case .fuCountMeanAbsPct: "follicular-unit count: mean absolute error over images, %"
        case .fuCountBiasPct: "follicular-unit count: mean signed error over images, %"
        case .fuPairPrecision: "follicular units, pairs of counted matched hairs: of those grouped together, the share the truth groups too"
        case .fuPairRecall: "follicular units, pairs of counted matched hairs: of those the truth groups, the share grouped together"
        case .fuPairF1: "follicular units, pairs of counted matched hairs: F1 of the two above"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// All names, comma-separated, for error messages.
    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
