import ArgumentParser

/// `analyze` options that give the batch-wide calibration (the least specific source).
struct AnalyzeCalibrationOptions: ParsableArguments {
    @Option(name: .customLong("um-per-px"), help: ArgumentHelp("Micrometres per pixel for images without a sidecar or profile.", valueName: "X"))
    var umPerPx: Double?

    @Option(name: .customLong("field-width-mm"), help: ArgumentHelp("The image's full width in mm (µm/px = W × 1000 / width in px).", valueName: "W"))
    var fieldWidthMm: Double?

    @Flag(help: "Analyse images that have no calibration anyway: counts only, µm and density columns empty.")
    var uncalibrated = false

    func check() throws {
        if umPerPx != nil && fieldWidthMm != nil {
            throw ValidationError("Give either --um-per-px or --field-width-mm, not both.")
        }
        if uncalibrated && (umPerPx != nil || fieldWidthMm != nil) {
            throw ValidationError("--uncalibrated contradicts --um-per-px/--field-width-mm; drop one.")
        }
        for (name, value) in [("--um-per-px", umPerPx), ("--field-width-mm", fieldWidthMm)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(name) must be a positive number.") }
        }
    }
}
