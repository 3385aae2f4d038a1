/// The column names of the three tables. They are a contract read by other tools: columns are only
/// ever added after the listed ones, never inserted or renamed.
public enum ReportColumns {
    /// One row per image.
    public static let summary: [String] = [
        "file", "status", "width_px", "height_px", "um_per_px", "analyzed_area_cm2",
        "hair_count", "terminal_count", "vellus_count", "vellus_percent",
        "density_per_cm2", "terminal_density_per_cm2", "vellus_density_per_cm2",
        "mean_diameter_um", "cumulative_thickness_mm_per_cm2",
        "follicular_unit_count", "hairs_per_unit", "anagen_count", "telogen_count", "anagen_percent",
        "error",
        // Additions after the contract columns.
        "calibration_source", "intermediate_count", "diameter_sd_um", "thin_hair_percent", "truncated_count",
        "phase_undetermined_count", "phase_inferred_count",
    ]

    /// One row per measured hair.
    public static let hairs: [String] = [
        "file", "hair_id", "x_px", "y_px", "length_um", "diameter_um", "class", "phase", "unit_id", "truncated",
        // Additions after the contract columns.
        "length_px", "diameter_px", "polarity", "at_junction",
        // The centerline as "x y" vertices separated by ";" (pixels, simplified to within
        // `ReportRows.centerlineTolerancePixels`), so every row can be found and redrawn on the image.
        "centerline_px",
        // Whether the phase was inferred (a hair cut by an edge while shorter than the anagen threshold; see
        // `Hair.phaseInferred`): "true", "false", or empty when no phase was asked for.
        "phase_inferred",
    ]

    /// One row per follicular unit.
    public static let units: [String] = [
        "file", "unit_id", "x_px", "y_px", "hair_count",
        // Additions after the contract columns: the member hairs, space-separated.
        "hair_ids",
    ]

    /// The column every table starts with and is sorted and merged by.
    public static let fileColumn = "file"
    /// The summary column that says whether an image was analysed (`ok`) or not (`error`).
    public static let statusColumn = "status"
}
