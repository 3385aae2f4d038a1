/// Follicular-unit grouping judged pair by pair. For every two detections matched to counted truth hairs: does
/// the truth put the two hairs in one unit, and does the analysis? A unit count alone rewards merging whenever
/// hairs are over-counted (fragments make units too); these counts show grouping right and wrong apart.
public struct UnitPairCounts: Sendable, Equatable, Encodable {
    /// Pairs in one unit in both.
    public var together = 0
    /// Pairs the analysis put in one unit that the truth does not.
    public var wronglyTogether = 0
    /// Pairs the truth puts in one unit that the analysis keeps apart.
    public var split = 0

    public init(together: Int = 0, wronglyTogether: Int = 0, split: Int = 0) {
        self.together = together; self.wronglyTogether = wronglyTogether; self.split = split
    }

    /// The counts over matched hairs, given each one's truth unit and detected unit (same order). Linear: pairs
    /// are counted per unit, not enumerated.
    public init(truthUnits: [Int], detectedUnits: [Int]) {
        precondition(truthUnits.count == detectedUnits.count, "one truth and one detected unit per matched hair")
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var byTruth: [Int: Int] = [:], byDetected: [Int: Int] = [:]
        var byBoth: [SIMD2<Int>: Int] = [:]
        for (t, d) in zip(truthUnits, detectedUnits) {
            byTruth[t, default: 0] += 1
            byDetected[d, default: 0] += 1
            byBoth[SIMD2(t, d), default: 0] += 1
        }
        let both = byBoth.values.reduce(0) { $0 + pairs($1) }
        together = both
        wronglyTogether = byDetected.values.reduce(0) { $0 + pairs($1) } - both
        split = byTruth.values.reduce(0) { $0 + pairs($1) } - both
    }

    static func + (a: Self, b: Self) -> Self {
        Self(together: a.together + b.together, wronglyTogether: a.wronglyTogether + b.wronglyTogether,
             split: a.split + b.split)
    }

    enum CodingKeys: String, CodingKey {
        case together, wronglyTogether = "wrongly_together", split
    }
}
