import Foundation

/// The plain-text tables `validate` prints: fixed columns, one row per preset and one overall.
public enum ValidationTable {
    /// Counts, detection and measurement tables for `summary`; the clipped-hair table only when a group has
    /// phototrichogram figures.
    public static func render(_ summary: ValidationSummary) -> String {
        let groups = summary.allGroups
        var out = "Counts (errors in %, mean/median of |error| over images; bias is the signed mean)\n"
        out += grid(
            ["preset", "images", "truth", "found", "count|%|", "median", "bias%", "density|%|", "area|%|", "FU|%|"],
            groups.map { g in
                [g.name, int(g[.images]), int(g[.truthHairs]), int(g[.detectedHairs]),
                 fixed(g[.countMeanAbsPct], 1), fixed(g[.countMedianAbsPct], 1), signed(g[.countBiasPct], 1),
                 fixed(g[.densityMeanAbsPct], 1), fixed(g[.areaMeanAbsPct], 1), fixed(g[.fuCountMeanAbsPct], 1)]
            })
        out += "\nPer hair (matched one to one; (dup): FPs on a hair another detection matched; diameter errors in µm)\n"
        out += grid(
            ["preset", "TP", "FP", "(dup)", "FN", "precision", "recall", "F1", "diam MAE", "median", "bias", "rel%",
             "class acc", "vellus pp"],
            groups.map { g in
                [g.name, int(g[.tp]), int(g[.fp]), int(g[.fpDuplicate]), int(g[.fn]), fixed(g[.precision], 3), fixed(g[.recall], 3),
                 fixed(g[.f1], 3), fixed(g[.diameterMaeUm], 1), fixed(g[.diameterMedianAeUm], 1),
                 signed(g[.diameterBiasUm], 1), fixed(g[.diameterMeanAbsRelPct], 1), fixed(g[.classAccuracy], 3),
                 fixed(g[.vellusPctMaePp], 1)]
            })
        let clipped = groups.filter { $0[.lengthMaeUm] != nil || $0[.phaseAccuracy] != nil || $0[.anagenPctMaePp] != nil }
        if !clipped.isEmpty {
            out += "\nClipped hairs (visible length errors in µm over matched hairs)\n"
            out += grid(
                ["preset", "length MAE", "median", "rel%", "phase acc", "anagen pp"],
                clipped.map { g in
                    [g.name, fixed(g[.lengthMaeUm], 0), fixed(g[.lengthMedianAeUm], 0),
                     fixed(g[.lengthMeanAbsRelPct], 1), fixed(g[.phaseAccuracy], 3), fixed(g[.anagenPctMaePp], 1)]
                })
        }
        return out
    }

    /// One row per image, for tuning runs.
    public static func renderImages(_ scores: [ImageScore]) -> String {
        grid(
            ["image", "truth", "found", "count%", "TP", "FP", "FN", "F1", "diam MAE"],
            scores.map { s in
                let diameterErrors = s.countedMatches.map { abs($0.diameterErrorMicrons) }
                return [s.name, String(s.truthHairCount), String(s.detectedHairCount), signed(s.countErrorPercent, 1),
                        String(s.truePositives), String(s.falsePositives), String(s.falseNegatives), fixed(s.f1, 3),
                        fixed(SampleStatistics.mean(diameterErrors), 1)]
            })
    }

    /// Columns padded to their widest cell; the first is left-aligned, the rest right-aligned.
    static func grid(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in all {
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }
            out += cells.joined(separator: "  ") + "\n"
        }
        return out
    }

    static let missing = "-"

    static func int(_ value: Double?) -> String { value.map { String(Int($0.rounded())) } ?? missing }

    static func fixed(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? missing
    }

    static func signed(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%+.\(digits)f", $0) } ?? missing
    }
}
