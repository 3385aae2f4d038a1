import Foundation

/// Analysis settings from one source: a per-image sidecar, a folder's `trichometry.json` device
/// profile, or the command line. Unset values fall through to the next, less specific source.
public struct SettingsLayer: Sendable, Equatable {
    public var umPerPx: Double?
    /// The image's full width in mm; µm/px = width_mm × 1000 / width_px.
    public var fieldWidthMm: Double?
    public var vellusMaxUm: Double?
    public var intermediate: Bool?
    public var terminalMinUm: Double?
    public var daysSinceClipping: Double?
    public var anagenMinUm: Double?
    /// How the `calibration_source` column names this source, e.g. `profile:centre-a/trichometry.json`.
    public var source: String

    public init(source: String, umPerPx: Double? = nil, fieldWidthMm: Double? = nil, vellusMaxUm: Double? = nil,
                intermediate: Bool? = nil, terminalMinUm: Double? = nil, daysSinceClipping: Double? = nil,
                anagenMinUm: Double? = nil) {
        self.source = source; self.umPerPx = umPerPx; self.fieldWidthMm = fieldWidthMm
        self.vellusMaxUm = vellusMaxUm; self.intermediate = intermediate; self.terminalMinUm = terminalMinUm
        self.daysSinceClipping = daysSinceClipping; self.anagenMinUm = anagenMinUm
    }

    /// Keys a profile or sidecar may set.
    public static let settingKeys = [
        "um_per_px", "field_width_mm", "vellus_max_um", "intermediate", "terminal_min_um",
        "days_since_clipping", "anagen_min_um",
    ]
    /// Keys that describe the device for people and are otherwise ignored.
    public static let descriptiveKeys = ["device", "magnification", "description", "note", "notes", "comment", "name"]

    /// Parses a profile or sidecar. Unknown keys are refused so a misspelt key cannot silently
    /// leave an image with the wrong calibration.
    public static func parse(_ data: Data, path: String, source: String) throws(SettingsError) -> SettingsLayer {
        let dictionary: [String: SettingValue]
        do {
            dictionary = try JSONDecoder().decode([String: SettingValue].self, from: data)
        } catch {
            throw SettingsError(path: path, reason: "not a JSON object of settings")
        }
        var layer = SettingsLayer(source: source)
        for key in dictionary.keys.sorted() {
            let value = dictionary[key]!
            if descriptiveKeys.contains(key) || key.hasPrefix("_") { continue }
            switch key {
            case "um_per_px": layer.umPerPx = try positive(value, key, path)
            case "field_width_mm": layer.fieldWidthMm = try positive(value, key, path)
            case "vellus_max_um": layer.vellusMaxUm = try positive(value, key, path)
            case "terminal_min_um": layer.terminalMinUm = try positive(value, key, path)
            case "anagen_min_um": layer.anagenMinUm = try positive(value, key, path)
            case "days_since_clipping":
                guard case .number(let days) = value, days >= 0 else {
                    throw SettingsError(path: path, reason: "\"\(key)\" must be a number ≥ 0")
                }
                layer.daysSinceClipping = days
            case "intermediate":
                guard case .flag(let flag) = value else {
                    throw SettingsError(path: path, reason: "\"\(key)\" must be true or false")
                }
                layer.intermediate = flag
            default:
                throw SettingsError(path: path, reason: "unknown key \"\(key)\" (known: \((settingKeys + descriptiveKeys).joined(separator: ", ")))")
            }
        }
        if layer.umPerPx != nil && layer.fieldWidthMm != nil {
            throw SettingsError(path: path, reason: "give either \"um_per_px\" or \"field_width_mm\", not both")
        }
        return layer
    }

    /// A JSON value as a profile holds it; booleans and numbers are kept apart.
    enum SettingValue: Decodable {
        case flag(Bool)
        case number(Double)
        case other

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Double.self), number.isFinite {
                self = .number(number)
            } else {
                self = .other
            }
        }
    }

    private static func positive(_ value: SettingValue, _ key: String, _ path: String) throws(SettingsError) -> Double {
        guard case .number(let d) = value, d > 0 else {
            throw SettingsError(path: path, reason: "\"\(key)\" must be a number > 0")
        }
        return d
    }
}
