import Foundation

/// A bound a validation run must meet, such as `f1>=0.95` or `natural:diameter_mae_um<=2`.
///
/// Syntax: `[PRESET:]METRIC OP VALUE` with OP one of `<=`, `>=`, `<`, `>`, `==` (or `≤`, `≥`).
/// Without a preset the bound applies to the `overall` group.
public struct ValidationRequirement: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case atMost = "<=", atLeast = ">=", below = "<", above = ">", equal = "=="

        public func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .atMost: value <= bound
            case .atLeast: value >= bound
            case .below: value < bound
            case .above: value > bound
            case .equal: value == bound
            }
        }
    }

    /// The group the bound applies to: a preset name or `overall`.
    public var group: String
    public var metric: ValidationMetric
    public var comparison: Comparison
    public var bound: Double

    public init(group: String = ScoreAggregator.overallName, metric: ValidationMetric,
                comparison: Comparison, bound: Double) {
        self.group = group
        self.metric = metric
        self.comparison = comparison
        self.bound = bound
    }

    /// The canonical spelling, e.g. `natural:f1>=0.97`.
    public var description: String {
        let scope = group == ScoreAggregator.overallName ? "" : "\(group):"
        return "\(scope)\(metric.rawValue)\(comparison.rawValue)\(Self.format(bound))"
    }

    /// Parses one expression; unknown metric names are rejected with the list of valid ones.
    public static func parse(_ expression: String) throws(RequirementParseError) -> ValidationRequirement {
        func fail(_ reason: String) -> RequirementParseError {
            RequirementParseError(expression: expression, reason: reason)
        }
        let text = expression.replacingOccurrences(of: "≤", with: "<=").replacingOccurrences(of: "≥", with: ">=")
            .filter { !$0.isWhitespace }
        guard let opStart = text.firstIndex(where: { "<>=".contains($0) }) else {
            throw fail("expected [PRESET:]METRIC<=VALUE (or >=, <, >, ==)")
        }
        let afterOp = text[opStart...]
        // Longest operator first, so "<=" is not read as "<" followed by "=VALUE".
        guard let comparison = Comparison.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
            .first(where: { afterOp.hasPrefix($0.rawValue) }) else {
            throw fail("unknown comparison; use <=, >=, <, > or ==")
        }
        let valueText = String(afterOp.dropFirst(comparison.rawValue.count))
        var name = String(text[..<opStart])
        var group = ScoreAggregator.overallName
        if let colon = name.firstIndex(of: ":") {
            group = String(name[..<colon])
            name = String(name[name.index(after: colon)...])
            guard !group.isEmpty else { throw fail("empty preset name before ':'") }
        }
        guard !name.isEmpty else { throw fail("missing metric name") }
        guard let metric = ValidationMetric(rawValue: name.lowercased()) else {
            throw fail("unknown metric '\(name)'; valid metrics: \(ValidationMetric.allNames)")
        }
        guard let bound = Double(valueText), bound.isFinite else {
            throw fail("'\(valueText)' is not a number")
        }
        return ValidationRequirement(group: group, metric: metric, comparison: comparison, bound: bound)
    }

    /// Checks the bound against a run's figures. A group the run lacks or a metric it could not measure fails:
    /// a bound that silently passes on missing data would not hold the line.
    public func check(_ summary: ValidationSummary) -> RequirementOutcome {
        guard let groupScore = summary.group(named: group) else {
            return RequirementOutcome(requirement: self, measured: nil, passed: false,
                                      detail: "no images of preset '\(group)'")
        }
        guard let value = groupScore[metric] else {
            return RequirementOutcome(requirement: self, measured: nil, passed: false, detail: "not measured")
        }
        let passed = comparison.holds(value, bound)
        return RequirementOutcome(requirement: self, measured: value, passed: passed,
                                  detail: "measured \(Self.format(value))")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
    }
}
