/// The aggregate figures of a group of images: one preset, or all of them.
public struct GroupScore: Sendable, Equatable, Encodable {
    /// The preset name, or `overall`.
    public var name: String
    /// Figures that could be measured; a metric absent here was not measured (say, lengths on unclipped images).
    public var values: [ValidationMetric: Double]

    public init(name: String, values: [ValidationMetric: Double]) {
        self.name = name
        self.values = values
    }

    public subscript(metric: ValidationMetric) -> Double? { values[metric] }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    // Every metric is written, null when not measured, so the keys never depend on the data.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(name, forKey: Key(stringValue: "group"))
        for metric in ValidationMetric.allCases {
            try c.encode(values[metric], forKey: Key(stringValue: metric.rawValue))
        }
    }
}
