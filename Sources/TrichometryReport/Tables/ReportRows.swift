import TrichometryAnalysis

/// Turns one image's analysis into table rows, in the column order of `ReportColumns`.
/// Precision is fixed per column so reruns produce byte-identical files.
public enum ReportRows {
    public static let okStatus = "ok"
    public static let errorStatus = "error"

    /// The summary row of an analysed image.
    public static func summary(file: String, analysis: ImageAnalysis, calibrationSource: String) -> [ReportCell] {
        let m = analysis.metrics
        return [
            .text(file), .text(okStatus), .integer(analysis.width), .integer(analysis.height),
            .number(analysis.calibration.micronsPerPixel, 4), .number(analysis.analyzedAreaCm2, 5),
            .integer(m.hairCount), .integer(m.terminalCount), .integer(m.vellusCount), .number(m.vellusPercent, 1),
            .number(m.densityPerCm2, 1), .number(m.terminalDensityPerCm2, 1), .number(m.vellusDensityPerCm2, 1),
            .number(m.meanDiameterMicrons, 1), .number(m.cumulativeThicknessMmPerCm2, 3),
            .integer(m.follicularUnitCount), .number(m.hairsPerUnit, 2),
            .integer(m.anagenCount), .integer(m.telogenCount), .number(m.anagenPercent, 1),
            .empty,
            .text(calibrationSource), .integer(m.intermediateCount), .number(m.diameterSDMicrons, 1),
            .number(m.thinHairPercent, 1), .integer(m.truncatedCount), .integer(m.phaseUndeterminedCount),
            .integer(m.phaseInferredCount),
        ]
    }

    /// The summary row of an image that could not be analysed. Width and height are filled when known.
    public static func error(file: String, message: String, width: Int? = nil, height: Int? = nil,
                             calibrationSource: String = "") -> [ReportCell] {
        var row = [ReportCell](repeating: .empty, count: ReportColumns.summary.count)
        row[0] = .text(file)
        row[1] = .text(errorStatus)
        row[2] = .integer(width)
        row[3] = .integer(height)
        row[20] = .text(oneLine(message))
        row[21] = calibrationSource.isEmpty ? .empty : .text(calibrationSource)
        return row
    }

    /// One row per hair, in hair id order.
    public static func hairs(file: String, analysis: ImageAnalysis) -> [[ReportCell]] {
        let phaseAsked = analysis.metrics.anagenCount != nil
        return analysis.hairs.sorted { $0.id < $1.id }.map { hair in
            [
                .text(file), .integer(hair.id), .number(hair.midpoint.x, 1), .number(hair.midpoint.y, 1),
                .number(hair.lengthMicrons, 1), .number(hair.diameterMicrons, 1),
                .text(hair.hairClass.rawValue), hair.phase.map { .text($0.rawValue) } ?? .empty,
                .integer(hair.unitID), .flag(hair.truncated),
                .number(hair.lengthPixels, 1), .number(hair.diameterPixels, 2),
                .text(hair.polarity.rawValue), .flag(hair.atJunction),
                .text(centerlineText(hair.centerline)),
                phaseAsked ? .flag(hair.phaseInferred) : .empty,
            ]
        }
    }

    /// How far (pixels) a simplified centerline may stray from the measured one: under a pixel,
    /// so a redrawn centerline stays on its shaft, yet a straight hair needs only its two ends.
    public static let centerlineTolerancePixels = 0.5

    /// `x y;x y;…` with one decimal: compact, and free of commas so CSV needs no quoting. Non-finite points
    /// (never produced by the analysis) are left out rather than written as empty vertices.
    public static func centerlineText(_ centerline: [PixelPoint]) -> String {
        PolylineSimplifier.simplify(centerline.filter { $0.x.isFinite && $0.y.isFinite }, tolerance: centerlineTolerancePixels)
            .map { DecimalFormatting.fixed($0.x, digits: 1) + " " + DecimalFormatting.fixed($0.y, digits: 1) }
            .joined(separator: ";")
    }

    /// One row per follicular unit, in unit id order.
    public static func units(file: String, analysis: ImageAnalysis) -> [[ReportCell]] {
        analysis.units.sorted { $0.id < $1.id }.map { unit in
            [
                .text(file), .integer(unit.id), .number(unit.center.x, 1), .number(unit.center.y, 1),
                .integer(unit.hairCount), .text(unit.hairIDs.sorted().map(String.init).joined(separator: " ")),
            ]
        }
    }

    /// Error messages go into one field; line breaks would make the row hard to read in a spreadsheet.
    static func oneLine(_ message: String) -> String {
        String(message.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
    }
}
