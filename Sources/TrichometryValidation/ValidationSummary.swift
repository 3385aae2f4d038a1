/// Aggregates of a validation run: one group per preset and one over every image.
public struct ValidationSummary: Sendable, Equatable, Encodable {
    /// Sorted by preset name.
    public var presets: [GroupScore]
    public var overall: GroupScore

    public init(presets: [GroupScore], overall: GroupScore) {
        self.presets = presets
        self.overall = overall
    }

    /// The group called `name` (`overall` for the aggregate of all images), or nil when the run had none.
    public func group(named name: String) -> GroupScore? {
        name == overall.name ? overall : presets.first { $0.name == name }
    }

    /// Presets first, then overall: the order tables print in.
    public var allGroups: [GroupScore] { presets + [overall] }
}
