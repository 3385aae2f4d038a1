/// A line detector answers beside a strong line of the other polarity as well as on it: the second derivative
/// of a white hair's bright bar turns over just outside its edges, so a dark "line" is traced in plain skin
/// along each flank (and a bright one along a dark hair). Such a detection is not darker than the skin on its
/// far side; only the bright hair beside it makes its axis look like a dip (`ShaftMeasurer.flankDepths`).
/// It is dropped when it runs along a detected shaft of the other polarity — the shaft that casts it.
enum SideLobeTest {
    /// Below this share of the stronger side's depth, the weaker side reads as the axis' own level: skin.
    static let weakerSideShare = 0.35
    /// The stronger side must lie beyond the field's skin level (1) in the other polarity by this much
    /// (transmission units): a bright neighbour for a dark detection, a dark one for a bright detection.
    static let oppositeMargin = 0.05

    /// Whether the measured cross-section is one-sided: skin on one side, a shaft of the other polarity on the other.
    static func isOneSided(_ m: ShaftMeasurer.Measurement) -> Bool {
        guard m.weakerFlankDepth.isFinite, m.strongerFlankDepth.isFinite, m.strongerFlankDepth > 0 else { return false }
        let sign: Double = m.path.polarity == .darker ? 1 : -1
        return m.weakerFlankDepth < weakerSideShare * m.strongerFlankDepth
            && sign * (1 - m.strongerFlankLevel) < -oppositeMargin
    }

    /// Drops one-sided detections that lie along a detection of the other polarity, within its half-width plus
    /// their own width and a few pixels over most of their length, and not much longer than it.
    static func absorb(_ input: [ShaftMeasurer.Measurement]) -> [ShaftMeasurer.Measurement] {
        let lobes = input.indices.filter { isOneSided(input[$0]) }
        guard !lobes.isEmpty else { return input }
        var removed = [Bool](repeating: false, count: input.count)
        let boxes = input.map { RimPairMerger.Box($0.centerline) }
        for li in lobes {
            let lobe = input[li]
            for si in input.indices where si != li && !removed[si] && input[si].path.polarity != lobe.path.polarity {
                let shaft = input[si]
                guard lobe.lengthPixels <= 1.2 * shaft.lengthPixels + 10 else { continue }
                let reach = 0.5 * shaft.diameterPixels + lobe.diameterPixels + 4
                if let gap = boxes[si].gap(to: boxes[li]), gap > reach { continue }
                guard alongMostly(lobe.centerline, within: reach, of: RimPairMerger.ChunkedLine(shaft.centerline)) else { continue }
                removed[li] = true
                break
            }
        }
        return input.indices.filter { !removed[$0] }.map { input[$0] }
    }

    /// Whether at least 70 % of `line`'s sampled points lie within `reach` of `other`.
    static func alongMostly(_ line: [PixelPoint], within reach: Double, of other: RimPairMerger.ChunkedLine) -> Bool {
        guard !line.isEmpty, other.line.count >= 2 else { return false }
        let step = max(1, line.count / 40)
        var total = 0, near = 0
        for i in stride(from: 0, to: line.count, by: step) {
            total += 1
            if other.lowerBound(line[i]) <= reach, other.nearest(line[i]).distance <= reach { near += 1 }
        }
        return Double(near) >= 0.7 * Double(total)
    }
}
