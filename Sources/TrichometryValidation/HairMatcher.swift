import Foundation
import TrichometryAnalysis
import TrichometryPhantom

/// The matching rule that decides which detected hair is which truth hair (see `Docs/Validation.md`).
///
/// A detection is a candidate for a truth hair when it runs along it: the median distance from points
/// spaced evenly along the detection's centerline to the truth centerline is at most
/// `max(15 px, 1.5 × truth width in px)`. Candidates are then accepted greedily in order of increasing
/// median distance, each detection and each truth hair at most once, so the result is one to one. Ties
/// break by detection index, then truth index, so it is deterministic. The median of the whole centerline,
/// not the distance of its midpoint alone: in a dense field a detection's midpoint often lies on a crossing,
/// as near to the hair it crosses as to its own, and the midpoint rule then gave the crossed hair to it.
public enum HairMatcher {
    /// Below this radius a thin hair's match would hinge on a pixel or two of centerline placement.
    public static let minimumRadiusPixels = 15.0
    /// Thick hairs get a radius proportional to their width: a centerline anywhere on the shaft still matches.
    public static let radiusPerWidth = 1.5
    /// At most this many points (plus one) are sampled along a detection: enough for a stable median.
    public static let maximumSamples = 64

    /// The matching radius in pixels for a truth hair `diameterPixels` wide.
    public static func radiusPixels(truthDiameterPixels diameterPixels: Double) -> Double {
        let scaled = radiusPerWidth * diameterPixels
        return scaled.isFinite ? max(minimumRadiusPixels, scaled) : minimumRadiusPixels
    }

    /// Shortest distance from `point` to the polyline through `polyline` (each point `[x, y]`).
    /// A one-point polyline is that point; an empty one is infinitely far away.
    public static func distance(from point: PixelPoint, toPolyline polyline: [[Double]]) -> Double {
        guard let first = polyline.first, first.count >= 2 else { return .infinity }
        var best = hypot(point.x - first[0], point.y - first[1])
        var previous = first
        for current in polyline.dropFirst() where current.count >= 2 {
            best = min(best, segmentDistance(point, previous[0], previous[1], current[0], current[1]))
            previous = current
        }
        return best
    }

    /// Pairs `detected` with `truth.hairs` one to one by the rule above.
    public static func match(detected: [Hair], truth: PhantomTruth) -> HairPairing {
        let umPerPx = truth.umPerPx > 0 ? truth.umPerPx : 1
        // Each truth hair's radius and its bounding box grown by that radius: most detection/truth
        // pairs are rejected by the box without walking the polyline.
        let reach: [(radius: Double, minX: Double, minY: Double, maxX: Double, maxY: Double)] = truth.hairs.map { hair in
            let radius = radiusPixels(truthDiameterPixels: hair.diameterUm / umPerPx)
            var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
            for p in hair.centerline where p.count >= 2 {
                minX = min(minX, p[0]); maxX = max(maxX, p[0]); minY = min(minY, p[1]); maxY = max(maxY, p[1])
            }
            return (radius, minX - radius, minY - radius, maxX + radius, maxY + radius)
        }

        var candidates: [HairPairing.Pair] = []
        var distances: [Double] = []
        for (d, hair) in detected.enumerated() {
            let samples = samplesAlong(hair)
            var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
            for p in samples { minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y) }
            for (t, box) in reach.enumerated()
            where maxX >= box.minX && minX <= box.maxX && maxY >= box.minY && minY <= box.maxY {
                distances.removeAll(keepingCapacity: true)
                for p in samples { distances.append(distance(from: p, toPolyline: truth.hairs[t].centerline)) }
                let distance = median(&distances)
                if distance <= box.radius {
                    candidates.append(.init(detectedIndex: d, truthIndex: t, distancePixels: distance))
                }
            }
        }
        candidates.sort {
            ($0.distancePixels, $0.detectedIndex, $0.truthIndex) < ($1.distancePixels, $1.detectedIndex, $1.truthIndex)
        }

        var detectedInReach = [Bool](repeating: false, count: detected.count)
        for candidate in candidates { detectedInReach[candidate.detectedIndex] = true }
        var detectedTaken = [Bool](repeating: false, count: detected.count)
        var truthTaken = [Bool](repeating: false, count: truth.hairs.count)
        var pairs: [HairPairing.Pair] = []
        for candidate in candidates where !detectedTaken[candidate.detectedIndex] && !truthTaken[candidate.truthIndex] {
            detectedTaken[candidate.detectedIndex] = true
            truthTaken[candidate.truthIndex] = true
            pairs.append(candidate)
        }
        let unmatched = detectedTaken.indices.filter { !detectedTaken[$0] }
        return HairPairing(pairs: pairs, unmatchedDetected: unmatched,
                           duplicateDetected: unmatched.filter { detectedInReach[$0] },
                           unmatchedTruth: truthTaken.indices.filter { !truthTaken[$0] })
    }

    /// Points spaced evenly by arc length along `hair`'s centerline, ends included (its midpoint alone when the
    /// centerline has no length).
    public static func samplesAlong(_ hair: Hair) -> [PixelPoint] {
        let line = hair.centerline
        var total = 0.0
        for i in line.indices.dropFirst() { total += hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y) }
        guard line.count >= 2, total > 0, total.isFinite else { return [hair.midpoint] }
        let count = min(maximumSamples, max(1, Int(total.rounded(.up))))
        let step = total / Double(count)
        var samples = [line[0]]
        samples.reserveCapacity(count + 1)
        var walked = 0.0, next = step, segment = 1
        while samples.count < count && segment < line.count {
            let a = line[segment - 1], b = line[segment]
            let length = hypot(b.x - a.x, b.y - a.y)
            if length > 0 && walked + length >= next {
                let f = (next - walked) / length
                samples.append(PixelPoint(x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y)))
                next += step
            } else {
                walked += length
                segment += 1
            }
        }
        samples.append(line[line.count - 1])
        return samples
    }

    /// The median of `values` (the mean of the middle two for an even count); reorders `values`.
    static func median(_ values: inout [Double]) -> Double {
        guard !values.isEmpty else { return .infinity }
        values.sort()
        let mid = values.count / 2
        return values.count % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid])
    }

    private static func segmentDistance(_ p: PixelPoint, _ ax: Double, _ ay: Double,
                                        _ bx: Double, _ by: Double) -> Double {
        let dx = bx - ax, dy = by - ay
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return hypot(p.x - ax, p.y - ay) }
        let t = min(1, max(0, ((p.x - ax) * dx + (p.y - ay) * dy) / lengthSquared))
        return hypot(p.x - (ax + t * dx), p.y - (ay + t * dy))
    }
}
