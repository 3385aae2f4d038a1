import Foundation

/// Everything a validation run produced, as written by `validate --json`: keys are stable and sorted,
/// absent figures are null. Wall time is left out so two runs on the same set give identical files.
public struct ValidationReport: Sendable, Encodable {
    public static let schemaVersion = 1

    public var images: [ImageScore]
    public var errors: [ValidationInputError]
    public var summary: ValidationSummary
    public var requirements: [RequirementOutcome]

    public init(images: [ImageScore], errors: [ValidationInputError], summary: ValidationSummary,
                requirements: [RequirementOutcome]) {
        self.images = images
        self.errors = errors
        self.summary = summary
        self.requirements = requirements
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", images, errors, presets, overall, requirements
    }

    private struct ErrorRow: Encodable { var file: String; var reason: String }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(images, forKey: .images)
        try c.encode(errors.map { ErrorRow(file: $0.file, reason: $0.reason) }, forKey: .errors)
        try c.encode(summary.presets, forKey: .presets)
        try c.encode(summary.overall, forKey: .overall)
        try c.encode(requirements, forKey: .requirements)
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // A pipeline bug that yields NaN must still leave a readable file (aggregates already drop such values).
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
