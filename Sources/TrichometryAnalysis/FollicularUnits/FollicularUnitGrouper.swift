/// Stage 7: which end of each hair leaves the skin, and which hairs share an opening.
///
/// A hair's emergence end is the one that scores higher: each other hair's end close by (several hairs leaving
/// one opening) counts most, then a soft fade (`softerEnd`), then a junction or corner; an end cut by the frame
/// scores nothing, unless the other end is a lone sharp tip (`isLoneSharpTip`): then the opening lies beyond
/// the frame and the cut end stands for it. Hairs whose emergence points lie within `radius` pixels of each
/// other (transitively) form one follicular unit; cut emergence ends group with each other only.
///
/// Hairs of one unit often leave their opening together and lie on top of each other for a stretch before
/// they part; the one traced along that stretch reaches the opening, the other starts where they part, on
/// the first one's shaft, possibly far from the opening. So a hair that stopped at a junction lying on
/// another hair's shaft, and leaves it within `forkDegrees` of that hair's own direction away from its
/// opening, forked off it: it joins that hair's unit, and that end is its emergence end. (A hair meeting
/// another one at a steep angle, a T, merely ends there, under or against it.)
enum FollicularUnitGrouper {
    struct Input {
        var start: PixelPoint
        var end: PixelPoint
        var startShared: Bool   // ended at a junction or corner
        var endShared: Bool
        var startTruncated: Bool
        var endTruncated: Bool
        /// The hair's centerline from `start` to `end` (for forks; empty leaves the hair out of them).
        var centerline: [PixelPoint] = []
        /// Half the hair's width, pixels.
        var halfWidth: Double = 0
        /// How softly the shaft fades out at each end, pixels along its axis (`ShaftMeasurer.endSoftness`);
        /// nil where it could not be read.
        var startSoftness: Double? = nil
        var endSoftness: Double? = nil
    }

    /// A hair entering the skin fades out over a stretch as it dives under the epidermis; its tip in the air,
    /// cut or tapered, ends within the optics' blur. Of two ends whose fades were both read, one at least twice
    /// as soft as the other and 2 px more is the opening. The weight puts that above a junction (a hair stops
    /// at junctions wherever it crosses others) and below another hair's end close by (several hairs leaving
    /// one opening).
    static func softerEnd(start: Double?, end: Double?) -> Bool? {
        guard let start, let end else { return nil }
        if start >= 2 * end + 2 { return true }
        if end >= 2 * start + 2 { return false }
        return nil
    }
    /// What the clearly softer end adds to its score (a junction adds 2, each other hair's end close by 4).
    static let fadeWeight = 3

    /// A free end whose fade is at most this long (pixels) is a tip in the air: tips, cut or tapered, end within
    /// the optics' blur (median fade 2–4.5 px on the phantoms), openings fade over 7–18 px.
    static let tipFadeMaximum = 6.0

    /// Whether a free end is a tip with nothing else to say it is an opening: its fade read and as short as a
    /// tip's (`tipFadeMaximum`), no other hair's end close by, no junction. Opposite an end cut by the frame, the
    /// hair's opening then lies beyond the cut, and the cut end is its emergence end: hairs of one unit outside
    /// the frame cross its edge together and are grouped there, rather than by wherever their tips lie.
    static func isLoneSharpTip(_ fade: Double?, near: Int, shared: Bool) -> Bool {
        guard let fade else { return false }
        return fade <= tipFadeMaximum && near == 0 && !shared
    }

    /// The widest angle at which a hair may part from another one's shaft and still count as forking off it.
    static let forkDegrees = 30.0

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
            var s = score(nearStart[i], h.startShared, h.startTruncated)
            var e = score(nearEnd[i], h.endShared, h.endTruncated)
            switch softerEnd(start: h.startSoftness, end: h.endSoftness) {
            case true?: if !h.startTruncated { s += fadeWeight }
            case false?: if !h.endTruncated { e += fadeWeight }
            case nil: break
            }
            // A lone tip as sharp as a tip opposite an end cut by the frame: the opening lies beyond the cut.
            if h.endTruncated, !h.startTruncated, isLoneSharpTip(h.startSoftness, near: nearStart[i], shared: h.startShared) {
                s = 0; e = 1
            } else if h.startTruncated, !h.endTruncated, isLoneSharpTip(h.endSoftness, near: nearEnd[i], shared: h.endShared) {
                s = 1; e = 0
            }
            atStart[i] = s >= e
        }
        // Forks, judged against the directions above (so the order of the hairs does not matter): a junction
        // end lying beside another hair's shaft, not beyond its ends, leaving it at a shallow angle in the same
        // sense; of a hair's two ends, the one closer to such a shaft.
        let direction = atStart
        let cosFork = cos(forkDegrees * .pi / 180)
        // Each centerline's box: most hairs lie nowhere near a given junction.
        let boxes = hairs.map { h -> (minX: Double, minY: Double, maxX: Double, maxY: Double) in
            var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
            for p in h.centerline {
                box.minX = min(box.minX, p.x); box.maxX = max(box.maxX, p.x)
                box.minY = min(box.minY, p.y); box.maxY = max(box.maxY, p.y)
            }
            return box
        }
        var forkedOff = [Int?](repeating: nil, count: n)
        for b in 0..<n where hairs[b].centerline.count >= 2 {
            let line = hairs[b].centerline
            var best: (hair: Int, distance: Double, atStart: Bool)? = nil
            for atB in [true, false] where atB ? hairs[b].startShared : hairs[b].endShared {
                let p = atB ? line[0] : line[line.count - 1]
                // B's direction leaving the junction, read a few widths in.
                let reach = max(3, Int((4 * hairs[b].halfWidth).rounded()))
                let q = atB ? line[min(line.count - 1, reach)] : line[max(0, line.count - 1 - reach)]
                let bx = q.x - p.x, by = q.y - p.y
                let bl = (bx * bx + by * by).squareRoot()
                guard bl > 0 else { continue }
                for a in 0..<n where a != b && hairs[a].centerline.count >= 2 {
                    let along = hairs[a].centerline
                    let touch = hairs[a].halfWidth + hairs[b].halfWidth + 2
                    let box = boxes[a]
                    guard p.x >= box.minX - touch, p.x <= box.maxX + touch, p.y >= box.minY - touch, p.y <= box.maxY + touch
                    else { continue }
                    // Beside A's shaft, not beyond its ends (a piece carrying on from A's tip is no fork).
                    guard let (k, distance, beyondEnd) = nearestSegment(p, along, within: touch), !beyondEnd else { continue }
                    // A's direction away from its opening there.
                    var ax = along[k].x - along[k - 1].x, ay = along[k].y - along[k - 1].y
                    if !direction[a] { ax = -ax; ay = -ay }
                    let al = (ax * ax + ay * ay).squareRoot()
                    guard al > 0, (ax * bx + ay * by) / (al * bl) >= cosFork else { continue }
                    if best == nil || distance < best!.distance { best = (a, distance, atB) }
                }
            }
            if let best {
                forkedOff[b] = best.hair
                atStart[b] = best.atStart
            }
        }
        // Union hairs whose emergence points are close, and forks with the hair they left.
        var parent = Array(0..<n)
        func find(_ a: Int) -> Int {
            var a = a
            while parent[a] != a { parent[a] = parent[parent[a]]; a = parent[a] }
            return a
        }
        let emergence = (0..<n).map { atStart[$0] ? hairs[$0].start : hairs[$0].end }
        let truncatedEmergence = (0..<n).map { atStart[$0] ? hairs[$0].startTruncated : hairs[$0].endTruncated }
        let eGrid = PointGrid(points: emergence, cell: max(radius, 1))
        // A cut end stands for an opening beyond the frame: it unites with other cut ends close by (hairs of one
        // unit crossing the frame's edge together), never with an opening inside.
        for i in 0..<n {
            for j in eGrid.neighbours(of: emergence[i], within: radius) where j != i && truncatedEmergence[j] == truncatedEmergence[i] {
                if d2(emergence[i], emergence[j]) <= r2 { parent[find(i)] = find(j) }
            }
        }
        for b in 0..<n { if let a = forkedOff[b] { parent[find(b)] = find(a) } }
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

extension FollicularUnitGrouper {
    /// The index k of the segment (line[k − 1], line[k]) nearest to `p`, if within `limit`, its distance, and
    /// whether that nearest point is an end of the line that `p` lies beyond (past the first point or the last).
    static func nearestSegment(_ p: PixelPoint, _ line: [PixelPoint],
                               within limit: Double) -> (Int, Double, beyondEnd: Bool)? {
        var best: (Int, Double, beyondEnd: Bool)? = nil
        for k in 1..<line.count {
            let a = line[k - 1], b = line[k]
            let dx = b.x - a.x, dy = b.y - a.y
            let len2 = dx * dx + dy * dy
            let raw = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0
            let t = min(1, max(0, raw))
            let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
            let d = (ex * ex + ey * ey).squareRoot()
            let beyond = (k == 1 && raw < 0) || (k == line.count - 1 && raw > 1)
            if d <= limit && (best == nil || d < best!.1) { best = (k, d, beyond) }
        }
        return best
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
