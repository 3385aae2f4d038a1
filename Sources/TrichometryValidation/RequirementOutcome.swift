/// Whether one `--require` bound held, and what was measured.
public struct RequirementOutcome: Sendable, Equatable, Encodable, CustomStringConvertible {
    public var requirement: ValidationRequirement
    /// nil when the group or the metric was not measured (which fails the bound).
    public var measured: Double?
    public var passed: Bool
    public var detail: String

    public init(requirement: ValidationRequirement, measured: Double?, passed: Bool, detail: String) {
        self.requirement = requirement
        self.measured = measured
        self.passed = passed
        self.detail = detail
    }

    /// One line, e.g. `FAIL natural:f1>=0.97 (measured 0.912)`.
    public var description: String { "\(passed ? "pass" : "FAIL") \(requirement) (\(detail))" }

    enum CodingKeys: String, CodingKey { case requirement, measured, passed, detail }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(requirement.description, forKey: .requirement)
        try c.encode(measured, forKey: .measured)
        try c.encode(passed, forKey: .passed)
        try c.encode(detail, forKey: .detail)
    }
}
