/// Stage 7: which end of each hair leaves the skin, and which hairs share an opening.
///
/// A hair's emergence end is the one that meets other hairs' ends (several hairs leaving one opening),
/// else the one where it stopped at a junction or corner, else the one not cut by the frame. Hairs whose
/// emergence points lie within `radius` pixels of each other (transitively) form one follicular unit.
enum FollicularUnitGrouper {
    struct Input {
        var start: PixelPoint
        var end: PixelPoint
        var startShared: Bool   // ended at a junction or corner
        var endShared: Bool
        var startTruncated: Bool
        var endTruncated: Bool
    }

    struct Output {
        /// Per hair: true when the start is the emergence end.
        var emergenceAtStart: [Bool]
        /// Per hair: its unit index (0-based, in order of first hair).
        var unitOfHair: [Int]
        var unitCount: Int
    }

    static func group(_ hairs: [Input], radius: Double) -> Output {
        let n = hairs.count
        let r2 = radius * radius
        func d2(_ a: PixelPoint, _ b: PixelPoint) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }
        // How many other hairs have an end near each end (frame-cut ends are not openings).
        var nearStart = [Int](repeating: 0, count: n), nearEnd = [Int](repeating: 0, count: n)
        let grid = PointGrid(points: hairs.flatMap { [$0.start, $0.end] }, cell: max(radius, 1))
        for i in 0..<n {
            for (k, p) in [hairs[i].start, hairs[i].end].enumerated() {
                var others = Set<Int>()
                for j in grid.neighbours(of: p, within: radius) where j / 2 != i {
                    let other = j % 2 == 0 ? hairs[j / 2].startTruncated : hairs[j / 2].endTruncated
                    if !other { others.insert(j / 2) }
                }
                if k == 0 { nearStart[i] = others.count } else { nearEnd[i] = others.count }
            }
        }
        var atStart = [Bool](repeating: true, count: n)
        for i in 0..<n {
            let h = hairs[i]
            func score(_ near: Int, _ shared: Bool, _ truncated: Bool) -> Int {
                (truncated ? 0 : 1) * (near * 4 + (shared ? 2 : 0) + 1)
            }
            let s = score(nearStart[i], h.startShared, h.startTruncated)
            let e = score(nearEnd[i], h.endShared, h.endTruncated)
            atStart[i] = s >= e
        }
        // Union hairs whose emergence points are close.
        var parent = Array(0..<n)
        func find(_ a: Int) -> Int {
            var a = a
            while parent[a] != a { parent[a] = parent[parent[a]]; a = parent[a] }
            return a
        }
        let emergence = (0..<n).map { atStart[$0] ? hairs[$0].start : hairs[$0].end }
        let truncatedEmergence = (0..<n).map { atStart[$0] ? hairs[$0].startTruncated : hairs[$0].endTruncated }
        let eGrid = PointGrid(points: emergence, cell: max(radius, 1))
        for i in 0..<n where !truncatedEmergence[i] {
            for j in eGrid.neighbours(of: emergence[i], within: radius) where j != i && !truncatedEmergence[j] {
                if d2(emergence[i], emergence[j]) <= r2 { parent[find(i)] = find(j) }
            }
        }
        var unitIndex: [Int: Int] = [:]
        var unitOfHair = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let root = find(i)
            if let u = unitIndex[root] { unitOfHair[i] = u } else {
                let u = unitIndex.count
                unitIndex[root] = u
                unitOfHair[i] = u
            }
        }
        return Output(emergenceAtStart: atStart, unitOfHair: unitOfHair, unitCount: unitIndex.count)
    }
}

/// A uniform grid over points for fixed-radius neighbour queries.
struct PointGrid {
    private let cell: Double
    private var buckets: [Int64: [Int]] = [:]
    private let points: [PixelPoint]

    init(points: [PixelPoint], cell: Double) {
        self.cell = cell
        self.points = points
        for (i, p) in points.enumerated() { buckets[key(p), default: []].append(i) }
    }

    private func key(_ p: PixelPoint) -> Int64 {
        let cx = Int64((p.x / cell).rounded(.down)), cy = Int64((p.y / cell).rounded(.down))
        return cx &* 1_000_003 &+ cy
    }

    func neighbours(of p: PixelPoint, within r: Double) -> [Int] {
        let cx = Int64((p.x / cell).rounded(.down)), cy = Int64((p.y / cell).rounded(.down))
        let reach = Int64((r / cell).rounded(.up))
        var out: [Int] = []
        for dx in -reach...reach {
            for dy in -reach...reach {
                guard let b = buckets[(cx + dx) &* 1_000_003 &+ (cy + dy)] else { continue }
                for i in b {
                    let q = points[i]
                    if (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y) <= r * r { out.append(i) }
                }
            }
        }
        return out
    }
}
